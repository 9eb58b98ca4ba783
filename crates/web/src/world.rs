//! The world map and country names. Country shapes are Natural Earth 1:110m (world-atlas
//! TopoJSON, public domain), decoded and projected once with Equal Earth; each map then
//! only adds its city markers. The SVG is drawn on the server so it shows without
//! JavaScript and costs the phone nothing to compute.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::OnceLock;

use forja_core::Locale;
use forja_core::geo::equal_earth;
use forja_services::builtin::{COUNTRIES_JSON, WORLD_TOPOJSON};
use serde::Deserialize;

/// View box width; the height follows from the projection and the latitude range.
const WIDTH: f64 = 1000.0;
/// Antarctica is left out and the map cropped to this latitude range, which holds every
/// inhabited place.
const NORTH: f64 = 84.0;
const SOUTH: f64 = -58.0;

#[derive(Deserialize)]
struct CountryRow {
    alpha2: String,
    numeric: String,
    name: HashMap<String, String>,
}

struct Countries {
    by_alpha2: HashMap<String, CountryRow>,
    alpha2_by_numeric: HashMap<String, String>,
}

fn countries() -> &'static Countries {
    static C: OnceLock<Countries> = OnceLock::new();
    C.get_or_init(|| {
        let rows: Vec<CountryRow> = serde_json::from_str(COUNTRIES_JSON).unwrap_or_default();
        let alpha2_by_numeric = rows
            .iter()
            .map(|r| (r.numeric.clone(), r.alpha2.clone()))
            .collect();
        let by_alpha2 = rows.into_iter().map(|r| (r.alpha2.clone(), r)).collect();
        Countries {
            by_alpha2,
            alpha2_by_numeric,
        }
    })
}

/// Whether an ISO 3166-1 alpha-2 code names a known country.
pub fn is_country(alpha2: &str) -> bool {
    countries().by_alpha2.contains_key(alpha2)
}

/// A country's name in the reader's language; the code itself when unknown.
pub fn country_name(alpha2: &str, locale: Locale) -> String {
    countries()
        .by_alpha2
        .get(alpha2)
        .and_then(|r| r.name.get(locale.code()).or_else(|| r.name.get("en")))
        .cloned()
        .unwrap_or_else(|| alpha2.to_owned())
}

#[derive(Deserialize)]
struct Topology {
    transform: Transform,
    arcs: Vec<Vec<[i64; 2]>>,
    objects: HashMap<String, GeometryCollection>,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct GeometryCollection {
    geometries: Vec<Geometry>,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum Geometry {
    Polygon {
        id: Option<String>,
        arcs: Vec<Vec<i64>>,
    },
    MultiPolygon {
        id: Option<String>,
        arcs: Vec<Vec<Vec<i64>>>,
    },
    #[serde(other)]
    Other,
}

/// A country outline ready for SVG.
struct Shape {
    alpha2: String,
    d: String,
}

struct World {
    shapes: Vec<Shape>,
    height: f64,
    top: f64,
    half_width: f64,
}

fn project(world_half_width: f64, top: f64, lon: f64, lat: f64) -> (f64, f64) {
    let (x, y) = equal_earth(lon, lat.clamp(SOUTH, NORTH));
    let scale = WIDTH / (2.0 * world_half_width);
    ((x + world_half_width) * scale, (top - y) * scale)
}

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        let half_width = equal_earth(180.0, 0.0).0;
        let top = equal_earth(0.0, NORTH).1;
        let bottom = equal_earth(0.0, SOUTH).1;
        let height = (top - bottom) * WIDTH / (2.0 * half_width);
        let shapes = match serde_json::from_str::<Topology>(WORLD_TOPOJSON) {
            Ok(topology) => decode(&topology, half_width, top),
            Err(e) => {
                tracing::error!(error = %e, "world shapes unreadable; the map will be empty");
                Vec::new()
            }
        };
        World {
            shapes,
            height,
            top,
            half_width,
        }
    })
}

fn decode(t: &Topology, half_width: f64, top: f64) -> Vec<Shape> {
    // Arcs are delta-encoded, quantized positions.
    let arcs: Vec<Vec<(f64, f64)>> = t
        .arcs
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0i64, 0i64);
            arc.iter()
                .map(|[dx, dy]| {
                    x += dx;
                    y += dy;
                    let lon = x as f64 * t.transform.scale[0] + t.transform.translate[0];
                    let lat = y as f64 * t.transform.scale[1] + t.transform.translate[1];
                    project(half_width, top, lon, lat)
                })
                .collect()
        })
        .collect();
    let ring = |indices: &[i64], d: &mut String| {
        let mut last: Option<(i32, i32)> = None;
        let mut first = true;
        for &index in indices {
            // A negative index (~i) means arc i walked backwards.
            let (arc, reversed) = if index < 0 {
                (!index as usize, true)
            } else {
                (index as usize, false)
            };
            let Some(points) = arcs.get(arc) else {
                continue;
            };
            let mut walk: Box<dyn Iterator<Item = &(f64, f64)>> = if reversed {
                Box::new(points.iter().rev())
            } else {
                Box::new(points.iter())
            };
            if !first {
                walk.next(); // shared with the previous arc's last point
            }
            for &(x, y) in walk {
                // Tenths of a unit are finer than any screen shows this map.
                let p = ((x * 10.0).round() as i32, (y * 10.0).round() as i32);
                if last == Some(p) {
                    continue;
                }
                // Rings that touch both sides of the antimeridian (Fiji, Chukotka) would
                // draw a band across the world; start a new subpath instead.
                let jump = last.is_some_and(|(lx, _)| (lx - p.0).abs() > (WIDTH * 5.0) as i32);
                let _ = write!(
                    d,
                    "{}{} {}",
                    if first || jump { 'M' } else { 'L' },
                    fmt_tenths(p.0),
                    fmt_tenths(p.1)
                );
                first = false;
                last = Some(p);
            }
        }
        if !first {
            d.push('Z');
        }
    };
    let Some(countries_obj) = t.objects.get("countries") else {
        return Vec::new();
    };
    let mut shapes = Vec::new();
    for g in &countries_obj.geometries {
        let (id, polygons): (&Option<String>, Vec<&Vec<Vec<i64>>>) = match g {
            Geometry::Polygon { id, arcs } => (id, vec![arcs]),
            Geometry::MultiPolygon { id, arcs } => (id, arcs.iter().collect()),
            Geometry::Other => continue,
        };
        // Antarctica (010) is cropped away.
        if id.as_deref() == Some("010") {
            continue;
        }
        let mut d = String::new();
        for polygon in polygons {
            for r in polygon {
                ring(r, &mut d);
            }
        }
        let alpha2 = id
            .as_ref()
            .and_then(|n| countries().alpha2_by_numeric.get(n))
            .cloned()
            .unwrap_or_default();
        shapes.push(Shape { alpha2, d });
    }
    shapes
}

fn fmt_tenths(v: i32) -> String {
    if v % 10 == 0 {
        (v / 10).to_string()
    } else {
        format!("{}.{}", v / 10, (v % 10).abs())
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A city to mark on the map.
pub struct Marker<'a> {
    pub slug: &'a str,
    pub name: String,
    pub latitude: f64,
    pub longitude: f64,
    pub country: &'a str,
}

/// Draws the map as an accessible image: member countries shaded, one marker per city,
/// labels placed where they do not collide (the list beside the map names them all).
pub fn svg(markers: &[Marker], title: &str, description: &str) -> String {
    let w = world();
    let members: std::collections::HashSet<&str> = markers.iter().map(|m| m.country).collect();
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        r#"<svg class="world-map" viewBox="0 0 {WIDTH} {:.0}" role="img" aria-labelledby="map-title map-desc" xmlns="http://www.w3.org/2000/svg"><title id="map-title">{}</title><desc id="map-desc">{}</desc><g class="countries">"#,
        w.height,
        escape(title),
        escape(description)
    );
    for shape in &w.shapes {
        let class = if members.contains(shape.alpha2.as_str()) {
            "country member"
        } else {
            "country"
        };
        let _ = write!(out, r#"<path class="{class}" d="{}"/>"#, shape.d);
    }
    out.push_str("</g><g class=\"cities\">");
    // Every dot is placed before any label, so no label covers another city's dot.
    let points: Vec<(f64, f64)> = markers
        .iter()
        .map(|m| project(w.half_width, w.top, m.longitude, m.latitude))
        .collect();
    let mut placed: Vec<(f64, f64, f64, f64)> = points
        .iter()
        .map(|&(x, y)| (x - 4.0, y - 4.0, x + 4.0, y + 4.0))
        .collect();
    for (m, &(x, y)) in markers.iter().zip(&points) {
        let name = escape(&m.name);
        let _ = write!(
            out,
            r#"<g data-city="{}"><circle cx="{x:.1}" cy="{y:.1}" r="4"/>"#,
            escape(m.slug)
        );
        // Try right, left, above, below; skip the label if all collide.
        let label_w = 7.5 * m.name.chars().count() as f64;
        let label_h = 14.0;
        let candidates = [
            (x + 7.0, y + 5.0, "start"),
            (x - 7.0, y + 5.0, "end"),
            (x, y - 9.0, "middle"),
            (x, y + 19.0, "middle"),
        ];
        for (lx, ly, anchor) in candidates {
            let left = match anchor {
                "start" => lx,
                "end" => lx - label_w,
                _ => lx - label_w / 2.0,
            };
            let rect = (left, ly - label_h + 3.0, left + label_w, ly + 3.0);
            let collides = placed
                .iter()
                .any(|r| rect.0 < r.2 && rect.2 > r.0 && rect.1 < r.3 && rect.3 > r.1)
                || rect.0 < 0.0
                || rect.2 > WIDTH;
            if !collides {
                placed.push(rect);
                let _ = write!(
                    out,
                    r#"<text x="{lx:.1}" y="{ly:.1}" text-anchor="{anchor}">{name}</text>"#
                );
                break;
            }
        }
        out.push_str("</g>");
    }
    out.push_str("</g></svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_decode_and_romania_is_known() {
        assert!(world().shapes.len() > 150, "{}", world().shapes.len());
        assert!(world().shapes.iter().any(|s| s.alpha2 == "RO"));
        assert_eq!(country_name("RO", Locale::Ro), "România");
        assert_eq!(country_name("RO", Locale::En), "Romania");
    }

    #[test]
    fn markers_are_escaped_and_placed_inside() {
        let m = [Marker {
            slug: "x",
            name: "<b>".into(),
            latitude: 45.3,
            longitude: 21.9,
            country: "RO",
        }];
        let svg = svg(&m, "t", "d");
        assert!(svg.contains("&lt;b&gt;") && !svg.contains("<b>"));
        assert!(svg.contains(r#"<path class="country member""#));
    }
}
