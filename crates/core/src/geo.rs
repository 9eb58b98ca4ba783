//! Map projection. The world map uses the Equal Earth projection (Šavrič, Patterson and
//! Jenny, 2018): equal-area, so no country looks bigger than it is, and pleasant to read.

/// Equal Earth polynomial coefficients from the published definition.
const A1: f64 = 1.340_264;
const A2: f64 = -0.081_106;
const A3: f64 = 0.000_893;
const A4: f64 = 0.003_796;

/// Projects longitude/latitude in degrees to planar x/y (unit sphere; y grows north).
pub fn equal_earth(longitude: f64, latitude: f64) -> (f64, f64) {
    let lambda = longitude.to_radians();
    let phi = latitude.to_radians();
    let m = 3f64.sqrt() / 2.0;
    let theta = (m * phi.sin()).asin();
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let x = 2.0 * 3f64.sqrt() * lambda * theta.cos()
        / (3.0 * (9.0 * A4 * t6 * t2 + 7.0 * A3 * t6 + 3.0 * A2 * t2 + A1));
    // y = θ(A1 + A2θ² + θ⁶(A3 + A4θ²))
    let y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    (x, y)
}

/// Half-width and half-height of the projected world, for scaling to a view box.
pub fn equal_earth_extent() -> (f64, f64) {
    (equal_earth(180.0, 0.0).0, equal_earth(0.0, 90.0).1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_and_symmetry() {
        assert_eq!(equal_earth(0.0, 0.0), (0.0, 0.0));
        let (x, y) = equal_earth(21.9, 45.3);
        let (mx, my) = equal_earth(-21.9, -45.3);
        assert!((x + mx).abs() < 1e-12 && (y + my).abs() < 1e-12);
        assert!(x > 0.0 && y > 0.0);
    }

    #[test]
    fn extent_matches_published_ratio() {
        // The projection's width/height ratio is about 2.05.
        let (w, h) = equal_earth_extent();
        assert!((w / h - 2.05).abs() < 0.01, "ratio {}", w / h);
    }
}
