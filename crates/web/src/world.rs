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

/// A country outline ready for SVG, with its bounding box (min x, min y, max x, max y).
struct Shape {
    alpha2: String,
    d: String,
    bbox: (f64, f64, f64, f64),
    /// The outline's rings as points in tenths of a unit, for maps of a region.
    rings: Vec<Vec<(i32, i32)>>,
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
    let ring = |indices: &[i64],
                d: &mut String,
                bbox: &mut (f64, f64, f64, f64),
                rings: &mut Vec<Vec<(i32, i32)>>| {
        let mut kept = Vec::new();
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
                *bbox = (bbox.0.min(x), bbox.1.min(y), bbox.2.max(x), bbox.3.max(y));
                // Tenths of a unit are finer than any screen shows this map.
                let p = ((x * 10.0).round() as i32, (y * 10.0).round() as i32);
                if last == Some(p) {
                    continue;
                }
                // Rings that touch both sides of the antimeridian (Fiji, Chukotka) would
                // draw a band across the world; start a new subpath instead.
                let jump = last.is_some_and(|(lx, _)| (lx - p.0).abs() > (WIDTH * 5.0) as i32);
                if jump && kept.len() > 2 {
                    rings.push(std::mem::take(&mut kept));
                } else if jump {
                    kept.clear();
                }
                kept.push(p);
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
        if kept.len() > 2 {
            rings.push(kept);
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
        let mut bbox = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        let mut rings = Vec::new();
        for polygon in polygons {
            for r in polygon {
                ring(r, &mut d, &mut bbox, &mut rings);
            }
        }
        let alpha2 = id
            .as_ref()
            .and_then(|n| countries().alpha2_by_numeric.get(n))
            .cloned()
            .unwrap_or_default();
        shapes.push(Shape {
            alpha2,
            d,
            bbox,
            rings,
        });
    }
    shapes
}

/// A number of tenths as SVG path data writes it shortest: `12`, `1.5`, `.5`, `-.5`.
fn fmt_tenths(v: i32) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let (whole, tenth) = (v.unsigned_abs() / 10, v.unsigned_abs() % 10);
    match (whole, tenth) {
        (w, 0) => format!("{sign}{w}"),
        (0, t) => format!("{sign}.{t}"),
        (w, t) => format!("{sign}{w}.{t}"),
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

/// The map around one city (a story's map page): only the countries in view, clipped
/// and written short, so it weighs a few kilobytes; the city's country shaded, its
/// marker and name drawn a little larger than on the world map.
pub fn region_svg(city: &Marker, title: &str, description: &str) -> String {
    let w = world();
    let (cx, cy) = project(w.half_width, w.top, city.longitude, city.latitude);
    // A sixth of the world's width: a city's country and its neighbours.
    let (vw, vh) = (WIDTH / 6.0, WIDTH / 6.0 * 0.6);
    let (x0, y0) = (
        (cx - vw / 2.0).clamp(0.0, WIDTH - vw),
        (cy - vh / 2.0).clamp(0.0, (w.height - vh).max(0.0)),
    );
    let k = vw / WIDTH;
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        r#"<svg class="world-map region" viewBox="{x0:.1} {y0:.1} {vw:.1} {vh:.1}" role="img" aria-labelledby="map-title map-desc" xmlns="http://www.w3.org/2000/svg"><title id="map-title">{}</title><desc id="map-desc">{}</desc><g class="countries">"#,
        escape(title),
        escape(description)
    );
    // Outlines are clipped to the view with a margin: points beyond it are pulled onto
    // its edge and runs along an edge dropped, so a large neighbour (Russia) costs a few
    // hundred bytes instead of its whole coastline. Inside the view nothing moves.
    let margin = vw * 0.1;
    let clip = (
        ((x0 - margin) * 10.0) as i32,
        ((y0 - margin) * 10.0) as i32,
        ((x0 + vw + margin) * 10.0) as i32,
        ((y0 + vh + margin) * 10.0) as i32,
    );
    for shape in &w.shapes {
        let (a, b, c, d) = shape.bbox;
        if c < x0 || a > x0 + vw || d < y0 || b > y0 + vh {
            continue;
        }
        let mut path = String::new();
        for ring in &shape.rings {
            path.push_str(&clipped_ring(ring, clip));
        }
        if path.is_empty() {
            continue;
        }
        let class = if shape.alpha2 == city.country {
            "country member"
        } else {
            "country"
        };
        let _ = write!(out, r#"<path class="{class}" d="{path}"/>"#);
    }
    let _ = write!(
        out,
        r#"</g><g class="cities"><g data-city="{}"><circle cx="{cx:.1}" cy="{cy:.1}" r="{:.2}"/><text x="{:.1}" y="{:.1}" font-size="{:.2}" stroke-width="{:.2}">{}</text></g></g></svg>"#,
        escape(city.slug),
        5.0 * k,
        cx + 9.0 * k,
        cy + 7.0 * k,
        20.0 * k,
        4.0 * k,
        escape(&city.name)
    );
    out
}

/// A ring (points in tenths) pulled into `clip` (min x, min y, max x, max y), as path
/// data; empty when nothing of it is inside.
fn clipped_ring(ring: &[(i32, i32)], clip: (i32, i32, i32, i32)) -> String {
    let (x0, y0, x1, y1) = clip;
    if !ring
        .iter()
        .any(|&(x, y)| x > x0 && x < x1 && y > y0 && y < y1)
    {
        return String::new();
    }
    let on_edge = |a: (i32, i32), b: (i32, i32)| {
        (a.0 == b.0 && (a.0 == x0 || a.0 == x1)) || (a.1 == b.1 && (a.1 == y0 || a.1 == y1))
    };
    let mut points: Vec<(i32, i32)> = Vec::with_capacity(ring.len());
    for &(x, y) in ring {
        let p = (x.clamp(x0, x1), y.clamp(y0, y1));
        // Closer than a third of a unit to the last point kept: finer than the region's
        // map shows on any screen.
        if points
            .last()
            .is_some_and(|l| (l.0 - p.0).abs() + (l.1 - p.1).abs() < 3)
        {
            continue;
        }
        // Three in a row on one edge: the middle one adds nothing.
        if points.len() >= 2 {
            let (a, b) = (points[points.len() - 2], points[points.len() - 1]);
            if on_edge(a, b) && on_edge(b, p) {
                points.pop();
            }
        }
        points.push(p);
    }
    // The first point absolute, the rest relative: short numbers, a smaller page.
    let mut d = String::with_capacity(points.len() * 8);
    let mut last = (0, 0);
    for (i, &(x, y)) in points.iter().enumerate() {
        let (dx, dy) = if i == 0 {
            (x, y)
        } else {
            (x - last.0, y - last.1)
        };
        let _ = write!(
            d,
            "{}{} {}",
            if i == 0 { 'M' } else { 'l' },
            fmt_tenths(dx),
            fmt_tenths(dy)
        );
        last = (x, y);
    }
    d.push('Z');
    d
}

/// A group of markers too close to tell apart at the map's scale.
struct Cluster {
    x: f64,
    y: f64,
    members: Vec<usize>,
}

/// Groups markers whose dots would overlap at this scale (`radius` in map units): each
/// joins the first group whose centre is near, in the markers' order, so the same
/// cities always cluster the same way.
fn clusters(points: &[(f64, f64)], radius: f64) -> Vec<Cluster> {
    let mut out: Vec<Cluster> = Vec::new();
    for (i, &(x, y)) in points.iter().enumerate() {
        match out.iter_mut().find(|c| (c.x - x).hypot(c.y - y) < radius) {
            Some(c) => {
                let n = c.members.len() as f64;
                c.x = (c.x * n + x) / (n + 1.0);
                c.y = (c.y * n + y) / (n + 1.0);
                c.members.push(i);
            }
            None => out.push(Cluster {
                x,
                y,
                members: vec![i],
            }),
        }
    }
    out
}

/// The part of the world a map shows: all of it, or (`zoom`) the markers' surroundings
/// at the world map's proportions, so a region's hundred cities spread out.
fn view(points: &[(f64, f64)], zoom: bool) -> (f64, f64, f64, f64) {
    let w = world();
    if !zoom || points.is_empty() {
        return (0.0, 0.0, WIDTH, w.height);
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in points {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    let ratio = WIDTH / w.height;
    // Room around the cities for their labels; never closer than a sixth of the world.
    let mut vw = ((x1 - x0) + 80.0).max(WIDTH / 6.0);
    let mut vh = ((y1 - y0) + 60.0).max(vw / ratio);
    vw = vw.max(vh * ratio).min(WIDTH);
    vh = (vw / ratio).min(w.height);
    let cx = (x0 + x1) / 2.0;
    let cy = (y0 + y1) / 2.0;
    (
        (cx - vw / 2.0).clamp(0.0, WIDTH - vw),
        (cy - vh / 2.0).clamp(0.0, (w.height - vh).max(0.0)),
        vw,
        vh,
    )
}

/// Draws the map as an accessible image: member countries shaded, one dot per city, a
/// numbered disc where cities are too close to tell apart, labels placed where they do
/// not collide (the list with the map names them all). `zoom` shows only the markers'
/// part of the world.
pub fn svg(markers: &[Marker], title: &str, description: &str, zoom: bool) -> String {
    let w = world();
    let members: std::collections::HashSet<&str> = markers.iter().map(|m| m.country).collect();
    let points: Vec<(f64, f64)> = markers
        .iter()
        .map(|m| project(w.half_width, w.top, m.longitude, m.latitude))
        .collect();
    let (x0, y0, vw, vh) = view(&points, zoom);
    // Sizes are given in map units scaled by the zoom, so dots and words keep their
    // size on screen.
    let k = vw / WIDTH;
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        r#"<svg class="world-map" viewBox="{x0:.1} {y0:.1} {vw:.1} {vh:.1}" role="img" aria-labelledby="map-title map-desc" xmlns="http://www.w3.org/2000/svg"><title id="map-title">{}</title><desc id="map-desc">{}</desc><g class="countries">"#,
        escape(title),
        escape(description)
    );
    let whole = vw >= WIDTH;
    let margin = vw * 0.1;
    let clip = (
        ((x0 - margin) * 10.0) as i32,
        ((y0 - margin) * 10.0) as i32,
        ((x0 + vw + margin) * 10.0) as i32,
        ((y0 + vh + margin) * 10.0) as i32,
    );
    for shape in &w.shapes {
        let class = if members.contains(shape.alpha2.as_str()) {
            "country member"
        } else {
            "country"
        };
        if whole {
            let _ = write!(out, r#"<path class="{class}" d="{}"/>"#, shape.d);
            continue;
        }
        let (a, b, c, d) = shape.bbox;
        if c < x0 || a > x0 + vw || d < y0 || b > y0 + vh {
            continue;
        }
        let path: String = shape.rings.iter().map(|r| clipped_ring(r, clip)).collect();
        if !path.is_empty() {
            let _ = write!(out, r#"<path class="{class}" d="{path}"/>"#);
        }
    }
    out.push_str("</g><g class=\"cities\">");
    let groups = clusters(&points, 9.0 * k);
    let radius = |g: &Cluster| {
        if g.members.len() == 1 {
            4.0 * k
        } else {
            (6.0 + 2.5 * (g.members.len() as f64).log2()) * k
        }
    };
    // Every dot and disc is placed before any label, so no label covers another city.
    let mut placed: Vec<(f64, f64, f64, f64)> = groups
        .iter()
        .map(|g| {
            let r = radius(g);
            (g.x - r, g.y - r, g.x + r, g.y + r)
        })
        .collect();
    let (font, halo) = (13.0 * k, 3.0 * k);
    for g in &groups {
        let r = radius(g);
        let (x, y) = (g.x, g.y);
        if let [only] = g.members[..] {
            let m = &markers[only];
            let _ = write!(
                out,
                r#"<g data-city="{}"><circle cx="{x:.1}" cy="{y:.1}" r="{r:.2}"/>"#,
                escape(m.slug)
            );
            // Try right, left, above, below; skip the label if all collide.
            let label_w = 7.5 * k * m.name.chars().count() as f64;
            let label_h = 14.0 * k;
            let candidates = [
                (x + 7.0 * k, y + 5.0 * k, "start"),
                (x - 7.0 * k, y + 5.0 * k, "end"),
                (x, y - 9.0 * k, "middle"),
                (x, y + 19.0 * k, "middle"),
            ];
            for (lx, ly, anchor) in candidates {
                let left = match anchor {
                    "start" => lx,
                    "end" => lx - label_w,
                    _ => lx - label_w / 2.0,
                };
                let rect = (left, ly - label_h + 3.0 * k, left + label_w, ly + 3.0 * k);
                let collides = placed
                    .iter()
                    .any(|r| rect.0 < r.2 && rect.2 > r.0 && rect.1 < r.3 && rect.3 > r.1)
                    || rect.0 < x0
                    || rect.2 > x0 + vw;
                if !collides {
                    placed.push(rect);
                    let _ = write!(
                        out,
                        r#"<text x="{lx:.1}" y="{ly:.1}" text-anchor="{anchor}" font-size="{font:.2}" stroke-width="{halo:.2}">{}</text>"#,
                        escape(&m.name)
                    );
                    break;
                }
            }
            out.push_str("</g>");
        } else {
            let _ = write!(
                out,
                r#"<g class="cluster" data-cities="{}"><circle cx="{x:.1}" cy="{y:.1}" r="{r:.2}"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="{:.2}">{}</text></g>"#,
                g.members.len(),
                y + 4.0 * k,
                11.0 * k,
                g.members.len()
            );
        }
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
    fn tenths_are_written_short_and_keep_their_sign() {
        let all: Vec<String> = [0, 10, 15, 5, -5, -15, -20].map(fmt_tenths).into();
        assert_eq!(all, ["0", "1", "1.5", ".5", "-.5", "-1.5", "-2"]);
    }

    #[test]
    fn a_region_map_holds_only_the_countries_around_the_city() {
        let resita = Marker {
            slug: "resita",
            name: "Reșița".into(),
            latitude: 45.3,
            longitude: 21.89,
            country: "RO",
        };
        let region = region_svg(&resita, "Where Reșița is", "45.3° N, 21.89° E");
        let world = svg(std::slice::from_ref(&resita), "t", "d", false);
        assert!(
            region.contains(r#"<path class="country member""#),
            "Romania is shaded"
        );
        assert!(
            region.len() < world.len() / 3,
            "{} of {}",
            region.len(),
            world.len()
        );
        assert!(
            region.contains(">Reșița</text>")
                && region.contains("<title id=\"map-title\">Where Reșița is</title>")
        );
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
        let svg = svg(&m, "t", "d", false);
        assert!(svg.contains("&lt;b&gt;") && !svg.contains("<b>"));
        assert!(svg.contains(r#"<path class="country member""#));
    }
}
