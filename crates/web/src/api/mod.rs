//! The JSON API under `/api/v1`: the same read models the pages show, every text in
//! every language. Errors are RFC 9457 problems; lists are paginated; responses carry
//! ETags (see [`crate::cache`]).

pub mod bodies;
pub mod cities;
pub mod editing;
pub mod frameworks;
pub mod member_cities;
pub mod monitoring;
pub mod observations;
pub mod openapi;
pub mod organisations;
pub mod practices;
pub mod requests;
pub mod resources;
pub mod search;
pub mod stories;
pub mod strategy;
pub mod versions;

use std::collections::HashMap;

use axum::Json;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{Allowed, Failure};

pub const MAX_PER_PAGE: usize = 100;
pub const DEFAULT_PER_PAGE: usize = 50;

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// 1-based page number.
    pub page: usize,
    pub per_page: usize,
    /// Items in the whole list.
    pub total: usize,
}

/// `?page=` and `?per_page=`, validated.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    pub page: usize,
    pub per_page: usize,
}

impl Paging {
    pub fn parse(query: &HashMap<String, String>) -> Result<Self, Failure> {
        let number = |name: &'static str, default: usize, max: usize| -> Result<usize, Failure> {
            // Left out is the default; sent empty is malformed, like any non-number.
            match query.get(name).map(|s| s.trim()) {
                None => Ok(default),
                Some(raw) => raw
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=max).contains(n))
                    .ok_or(Failure::BadParameter {
                        name,
                        allowed: Allowed::Message("allowed-whole-number", max as i64),
                    }),
            }
        };
        Ok(Self {
            page: number("page", 1, 1_000_000)?,
            per_page: number("per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)?,
        })
    }

    /// Cuts one page out of the full list and links the neighbours in a `Link` header.
    pub fn apply<T: Serialize>(self, all: Vec<T>, base: &str) -> Response {
        let total = all.len();
        let items: Vec<T> = all
            .into_iter()
            .skip((self.page - 1) * self.per_page)
            .take(self.per_page)
            .collect();
        let last = total.div_ceil(self.per_page).max(1);
        let mut links = Vec::new();
        let sep = if base.contains('?') { '&' } else { '?' };
        if self.page < last {
            links.push(format!(
                "<{base}{sep}page={}&per_page={}>; rel=\"next\"",
                self.page + 1,
                self.per_page
            ));
        }
        if self.page > 1 {
            links.push(format!(
                "<{base}{sep}page={}&per_page={}>; rel=\"prev\"",
                (self.page - 1).min(last),
                self.per_page
            ));
        }
        let mut response = Json(Page {
            items,
            page: self.page,
            per_page: self.per_page,
            total,
        })
        .into_response();
        if let Ok(v) = HeaderValue::from_str(&links.join(", "))
            && !links.is_empty()
        {
            response.headers_mut().insert(header::LINK, v);
        }
        response
    }
}
