"""The alternative for the ratings benchmark: Statistics Canada's progress measure as
Open SDG computes it, in Python, the language its build runs in (sdg-build). Same
formulas and thresholds as Forja's `rating.rs`, same generated series; prints the median
and worst of 15 runs in milliseconds and a checksum of the scores (compared with Forja's
by bench/monitoring.sh so both did the same work)."""

import json
import sys
import time

MASK = (1 << 64) - 1


def series(n):
    seed = 42

    def nxt():
        nonlocal seed
        seed = (seed * 6364136223846793005 + 1442695040888963407) & MASK
        return (seed >> 33) / float(1 << 31)

    out = []
    for i in range(n):
        start = 5.0 + 40.0 * nxt()
        drift = -0.02 + 0.06 * nxt()
        points = [(2006 + k, start * (1.0 + drift) ** k * (0.98 + 0.04 * nxt())) for k in range(20)]
        goal = {
            "direction": -1.0 if i % 7 == 0 else 1.0,
            "base_year": 2010,
            "target": (2030, start * 1.5) if i % 2 == 0 else None,
            "limit": 100.0 if i % 2 == 1 else None,
        }
        out.append((points, goal))
    return out


def cagr(v1, v0, t1, t0):
    return (v1 / v0) ** (1.0 / (t1 - t0)) - 1.0


def rate(points, goal):
    latest_year, latest_value = max(points)
    base = [p for p in points if p[0] >= goal["base_year"]]
    if not base:
        return None
    base_year, base_value = min(base)
    d = goal["direction"]
    s = -1.0 if base_value < 0 else 1.0
    target = goal["target"]
    if target is not None:
        t_year, t_value = target
        t_value = t_value or 0.001
        high, med, low, c = 0.95, 0.60, 0.0, 1.0
    else:
        c = 1.0
        if goal["limit"] is not None:
            b, lim = abs(base_value), abs(goal["limit"])
            if b >= 2 * lim:
                c = 1.0
            elif b <= lim:
                c = 1.0 - (b / lim) ** 4.44
            else:
                c = 1.0 - ((2 * lim - b) / lim) ** 4.44
        high, med, low = 0.015 * c, 0.005 * c, 0.0
    if target is not None and (latest_value >= t_value if d > 0 else latest_value <= t_value):
        return 5.0
    if base_value == 0:
        base_value = 0.001
    if latest_year - base_year < 1:
        return None
    observed = cagr(latest_value, base_value, latest_year, base_year)
    if target is not None:
        progress = s * d * observed / abs(cagr(t_value, base_value, t_year, base_year))
        return min(7.1429 * progress - 4.2857, 5.0) if progress >= med else max(4.1667 * progress - 2.5, -5.0)
    progress = s * d * observed
    if progress < low:
        return max(125.0 * progress - 2.5, -5.0)
    if c == 0:
        return 5.0
    if progress >= high:
        return min(500.0 * progress / c - 5.0, 5.0)
    if progress >= med:
        return 250.0 * progress / c - 1.25
    return 500.0 * progress / c - 2.5


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    data = series(n)
    times = []
    checksum = 0.0
    for _ in range(15):
        t = time.perf_counter()
        checksum = sum((rate(p, g) or 0.0) for p, g in data)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(json.dumps({"series": n, "median_ms": round(times[7], 3), "max_ms": round(times[-1], 3), "checksum": round(checksum, 3)}))


main()
