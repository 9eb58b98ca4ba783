//! Charts drawn on the server as SVG, so they show without JavaScript and print: a line
//! for a series over time (a target as a dashed line, a break in series as a gap and a
//! mark, provisional or estimated values as hollow points), bars for one period across a
//! dimension's codes. Meaning never rests on colour alone: shapes and words carry it,
//! and every chart has a text alternative, with the same figures in a table beside it.

use forja_core::monitoring::disclosure::Shown;
use forja_core::monitoring::indicator::Unit;
use forja_services::monitoring::views::{CategoryView, IndicatorPage};

use crate::i18n::Tr;

/// The drawing widths: one for wide screens, one a phone shows at about its own size,
/// so labels stay readable; CSS shows one of the two.
const WIDE: f64 = 640.0;
const NARROW: f64 = 360.0;
const H: f64 = 260.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A figure as readers see it: "9.6 %", "fewer than 5", "withheld".
pub fn figure(tr: &Tr, shown: &Shown, unit: Unit, decimals: u8) -> String {
    match shown {
        Shown::Value(v) => value(tr, *v, unit, decimals),
        Shown::FewerThan(n) => tr.t1("figure-fewer-than", "n", n),
        Shown::Withheld => tr.t("figure-withheld"),
    }
}

/// A value with its unit.
pub fn value(tr: &Tr, v: f64, unit: Unit, decimals: u8) -> String {
    let n = forja_core::format::fixed(v, usize::from(decimals), tr.locale);
    match unit {
        Unit::Percent => tr.t1("unit-percent-value", "n", n),
        Unit::Per1000 => tr.t1("unit-per-1000-value", "n", n),
        Unit::YesNo => tr.t(if v >= 0.5 { "unit-yes" } else { "unit-no" }),
        _ => n,
    }
}

/// Round steps for an axis from 0 (or the lowest value) to `max`.
fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    let span = (hi - lo).max(1e-9);
    let raw = span / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| span / s <= 6.0)
        .unwrap_or(mag * 10.0);
    let start = (lo / step).floor() * step;
    let mut out = Vec::new();
    let mut t = start;
    while t <= hi + step * 0.001 {
        out.push(t);
        t += step;
    }
    if out.last().is_some_and(|l| *l < hi) {
        out.push(t);
    }
    out
}

/// The series of the chosen breakdown, with its target, in both widths.
pub fn line(tr: &Tr, page: &IndicatorPage, title: &str) -> String {
    line_at(tr, page, title, WIDE, "chart") + &line_at(tr, page, title, NARROW, "chart-narrow")
}

fn line_at(tr: &Tr, page: &IndicatorPage, title: &str, w: f64, id: &str) -> String {
    #[allow(non_snake_case)]
    let W = w;
    let m = &page.meta;
    let pts: Vec<(f64, Option<f64>, &str, &str)> = page
        .points
        .iter()
        .map(|p| {
            let x = f64::from(
                p.period
                    .start
                    .format("%Y")
                    .to_string()
                    .parse::<i32>()
                    .unwrap_or(0),
            ) + f64::from(
                p.period
                    .start
                    .format("%m")
                    .to_string()
                    .parse::<u32>()
                    .unwrap_or(1)
                    - 1,
            ) / 12.0
                + f64::from(p.period.months) / 24.0;
            let v = match p.shown {
                Shown::Value(v) => Some(v),
                _ => None,
            };
            (x, v, p.status.as_str(), p.label.as_str())
        })
        .collect();
    let values: Vec<f64> = pts.iter().filter_map(|p| p.1).collect();
    let target = page
        .target
        .as_ref()
        .and_then(|t| t.value.zip(t.target_year));
    let mut hi = values.iter().copied().fold(f64::MIN, f64::max);
    let mut lo = values.iter().copied().fold(f64::MAX, f64::min).min(0.0);
    if let Some((tv, _)) = target {
        hi = hi.max(tv);
        lo = lo.min(tv);
    }
    if values.is_empty() {
        hi = 1.0;
        lo = 0.0;
    }
    if m.unit == Unit::Percent {
        hi = hi.min(100.0);
    }
    let yt = ticks(lo, hi);
    let (y0, y1) = (
        yt.first().copied().unwrap_or(lo),
        yt.last().copied().unwrap_or(hi),
    );
    let x0 = pts.first().map_or(0.0, |p| p.0 - 0.5);
    let x1 = pts.last().map_or(1.0, |p| p.0 + 0.5);
    let sx = |x: f64| LEFT + (x - x0) / (x1 - x0).max(1e-9) * (W - LEFT - RIGHT);
    let sy = |y: f64| TOP + (1.0 - (y - y0) / (y1 - y0).max(1e-9)) * (H - TOP - BOTTOM);
    let desc = describe(tr, page);
    let mut svg = format!(
        r#"<svg class="chart {id}" viewBox="0 0 {W} {H}" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        esc(title),
        esc(&desc)
    );
    for t in &yt {
        let y = sy(*t);
        svg += &format!(
            r#"<line class="grid" x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}"/><text class="tick" x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            W - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            esc(&forja_core::format::number(
                *t,
                if (t.fract()).abs() > 1e-9 { 1 } else { 0 },
                tr.locale
            ))
        );
    }
    // Labels on the time axis: every point when few, else about six (four when narrow).
    let most = if W < WIDE { 4 } else { 6 };
    let every = pts.len().div_ceil(most).max(1);
    for (i, p) in pts.iter().enumerate() {
        if i % every == 0 || i + 1 == pts.len() {
            svg += &format!(
                r#"<text class="tick" x="{:.1}" y="{}" text-anchor="middle">{}</text>"#,
                sx(p.0),
                H - BOTTOM + 18.0,
                esc(p.3)
            );
        }
    }
    if let Some((tv, ty)) = target {
        let y = sy(tv);
        svg += &format!(
            r#"<line class="target" x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}"/><text class="target-label" x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            W - RIGHT,
            W - RIGHT - 4.0,
            y - 6.0,
            esc(&tr.t2(
                "chart-target-label",
                ("value", &value(tr, tv, m.unit, m.decimals)),
                ("year", &ty)
            ))
        );
    }
    // The line, broken where a value is hidden or a break in series starts.
    let mut path = String::new();
    let mut pen_down = false;
    for p in &pts {
        match p.1 {
            Some(v) if pen_down && p.2 != "break" => {
                path += &format!(" L{:.1},{:.1}", sx(p.0), sy(v))
            }
            Some(v) => {
                path += &format!(" M{:.1},{:.1}", sx(p.0), sy(v));
                pen_down = true;
            }
            None => pen_down = false,
        }
        if p.2 == "break" {
            let x = sx(p.0) - 8.0;
            svg += &format!(
                r#"<line class="break" x1="{x:.1}" x2="{x:.1}" y1="{TOP}" y2="{}"/>"#,
                H - BOTTOM
            );
        }
    }
    if !path.is_empty() {
        svg += &format!(r#"<path class="series" d="{}"/>"#, path.trim());
    }
    for p in &pts {
        if let Some(v) = p.1 {
            let hollow = matches!(p.2, "provisional" | "estimated");
            svg += &format!(
                r#"<circle class="{}" cx="{:.1}" cy="{:.1}" r="4.5"/>"#,
                if hollow { "point hollow" } else { "point" },
                sx(p.0),
                sy(v)
            );
        }
    }
    svg += "</svg>";
    svg
}

/// One sentence a screen reader hears for the line chart.
fn describe(tr: &Tr, page: &IndicatorPage) -> String {
    let m = &page.meta;
    let shown: Vec<_> = page
        .points
        .iter()
        .filter(|p| matches!(p.shown, Shown::Value(_)))
        .collect();
    let mut out = match (shown.first(), shown.last()) {
        (Some(a), Some(b)) if shown.len() > 1 => tr.t2(
            "chart-desc-range",
            (
                "from",
                &format!("{} ({})", a.label, figure(tr, &a.shown, m.unit, m.decimals)),
            ),
            (
                "to",
                &format!("{} ({})", b.label, figure(tr, &b.shown, m.unit, m.decimals)),
            ),
        ),
        (Some(a), _) => tr.t1(
            "chart-desc-one",
            "value",
            format!("{} ({})", a.label, figure(tr, &a.shown, m.unit, m.decimals)),
        ),
        _ => tr.t("chart-desc-none"),
    };
    if let Some((v, y)) = page
        .target
        .as_ref()
        .and_then(|t| t.value.zip(t.target_year))
    {
        out += " ";
        out += &tr.t2(
            "chart-target-label",
            ("value", &value(tr, v, m.unit, m.decimals)),
            ("year", &y),
        );
        out += ".";
    }
    out
}

/// Bars for one period across a dimension's codes, in both widths.
pub fn bars(tr: &Tr, page: &IndicatorPage, cat: &CategoryView, title: &str, id: &str) -> String {
    bars_at(tr, page, cat, title, id, WIDE)
        + &bars_at(tr, page, cat, title, &format!("{id}-narrow"), NARROW)
}

fn bars_at(
    tr: &Tr,
    page: &IndicatorPage,
    cat: &CategoryView,
    title: &str,
    id: &str,
    w: f64,
) -> String {
    #[allow(non_snake_case)]
    let W = w;
    let m = &page.meta;
    let row_h = 32.0;
    // Room for the longest name at the labels' size (about 0.55 em a character).
    let longest = cat
        .bars
        .iter()
        .map(|b| tr.txt(&b.1).chars().count())
        .max()
        .unwrap_or(8);
    let label_w = (longest as f64 * 7.8 + 16.0).clamp(80.0, W * 0.45);
    let h = TOP + row_h * cat.bars.len() as f64 + 8.0;
    let hi = cat
        .bars
        .iter()
        .filter_map(|b| match b.2 {
            Shown::Value(v) => Some(v),
            _ => None,
        })
        .fold(0.0, f64::max)
        .max(1e-9);
    let desc: Vec<String> = cat
        .bars
        .iter()
        .map(|b| format!("{}: {}", tr.txt(&b.1), figure(tr, &b.2, m.unit, m.decimals)))
        .collect();
    let mut svg = format!(
        r#"<svg class="chart bars {}" viewBox="0 0 {W} {h}" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        if W < WIDE {
            "chart-narrow"
        } else {
            "chart-wide"
        },
        esc(title),
        esc(&desc.join("; "))
    );
    for (i, b) in cat.bars.iter().enumerate() {
        let y = TOP + row_h * i as f64;
        let text = figure(tr, &b.2, m.unit, m.decimals);
        svg += &format!(
            r#"<text class="tick" x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            label_w - 8.0,
            y + 18.0,
            esc(&tr.txt(&b.1))
        );
        let width = match b.2 {
            Shown::Value(v) => (v / hi) * (W - label_w - 80.0),
            _ => 0.0,
        };
        if width > 0.0 {
            svg += &format!(
                r#"<rect class="bar" x="{label_w}" y="{:.1}" width="{width:.1}" height="{}"/>"#,
                y + 4.0,
                row_h - 10.0
            );
        }
        svg += &format!(
            r#"<text class="bar-value" x="{:.1}" y="{:.1}">{}</text>"#,
            label_w + width + 6.0,
            y + 18.0,
            esc(&text)
        );
    }
    svg += "</svg>";
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(ticks(0.0, 14.2), vec![0.0, 2.5, 5.0, 7.5, 10.0, 12.5, 15.0]);
        assert_eq!(ticks(0.0, 100.0), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        let t = ticks(0.0, 3.0);
        assert!(t[0] == 0.0 && *t.last().unwrap() >= 3.0 && t.len() <= 8);
    }
}
