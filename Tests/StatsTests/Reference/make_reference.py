#!/usr/bin/env python3
"""Reference values for StatsTests, computed with numpy/scipy (not GSL).

Run from this folder:  python3 make_reference.py > reference.json
The output is committed; rerun only when adding cases. Data sets are fixed literals or
drawn from numpy's PCG64 with fixed seeds, so the output is reproducible.
Norris.dat is NIST StRD's Norris linear-regression set (public domain, as shipped in
scipy's test data); its certified values are parsed from the file.
"""
import json
import os
import sys

import numpy as np
import scipy
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))


def summary(xs):
    a = np.asarray(xs, dtype=float)
    q = lambda f: float(np.quantile(a, f, method="linear"))
    return {
        "n": len(a), "mean": float(a.mean()),
        "sd": float(a.std(ddof=1)) if len(a) > 1 else 0.0,
        "median": float(np.median(a)), "min": float(a.min()), "max": float(a.max()),
        "q1": q(0.25), "q3": q(0.75), "p90": q(0.90), "p99": q(0.99),
    }


def t_interval(xs, level):
    a = np.asarray(xs, dtype=float)
    if len(a) < 2:
        return None
    t = stats.t.ppf(1 - (1 - level) / 2, len(a) - 1)
    half = t * a.std(ddof=1) / np.sqrt(len(a))
    return {"lower": float(a.mean() - half), "upper": float(a.mean() + half)}


def tukey(xs):
    a = np.asarray(xs, dtype=float)
    q1, q3 = np.quantile(a, [0.25, 0.75])
    iqr = q3 - q1
    return {
        "lowSevere": int((a < q1 - 3 * iqr).sum()),
        "lowMild": int(((a >= q1 - 3 * iqr) & (a < q1 - 1.5 * iqr)).sum()),
        "highMild": int(((a > q3 + 1.5 * iqr) & (a <= q3 + 3 * iqr)).sum()),
        "highSevere": int((a > q3 + 3 * iqr).sum()),
    }


def sample_sets():
    rng = np.random.default_rng(20260101)
    skewed = list(np.round(rng.lognormal(mean=np.log(1800.0), sigma=0.35, size=23), 3))
    skewed += [9500.0, 31000.0]  # slow outliers, as a descheduled thread would give
    timing20 = list(np.round(rng.normal(3589.0, 40.0, size=20), 2))
    return {
        "single": [42.5],
        "two": [1.0, 4.0],
        "odd7": [3.1, 1.2, 5.5, 2.2, 9.8, 4.4, 0.7],
        "evenTies10": [5.0, 3.0, 3.0, 8.0, 1.0, 5.0, 5.0, 9.0, 2.0, 7.0],
        "tukeyAllKinds": [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, -5, -40, 40, 90],
        "constant5": [7.25] * 5,
        "skewedOutliers25": skewed,
        "timing20": timing20,
    }


def mann_whitney_z(a, b):
    """Signed z with tie-corrected variance and continuity correction towards the mean."""
    na, nb = len(a), len(b)
    n = na + nb
    ranks = stats.rankdata(np.concatenate([a, b]))
    u = ranks[:na].sum() - na * (na + 1) / 2
    _, counts = np.unique(np.concatenate([a, b]), return_counts=True)
    var = na * nb / 12 * ((n + 1) - (counts ** 3 - counts).sum() / (n * (n - 1)))
    d = max(abs(u - na * nb / 2) - 0.5, 0.0)
    return float(u), float(np.sign(u - na * nb / 2) * d / np.sqrt(var))


def mann_whitney_cases(sets):
    rng = np.random.default_rng(7)
    cases = {
        "tiesUnequalSizes": ([1, 2, 2, 3, 5, 5, 8], [2, 3, 3, 4, 6, 9, 9, 10, 12]),
        "shifted": (list(np.round(rng.normal(100, 5, 12), 2)), list(np.round(rng.normal(108, 5, 10), 2))),
        "same": (sets["timing20"][:10], sets["timing20"][10:]),
        "aLarger": ([10.0, 11.0, 12.0, 13.0, 14.0], [1.0, 2.0, 3.0]),
        "overlapSingle": ([5.0], [1.0, 5.0, 9.0]),
    }
    out = []
    for name, (a, b) in cases.items():
        a, b = np.asarray(a, float), np.asarray(b, float)
        r = stats.mannwhitneyu(a, b, alternative="two-sided", method="asymptotic", use_continuity=True)
        u, z = mann_whitney_z(a, b)
        assert abs(u - r.statistic) < 1e-9, name
        assert abs(min(2 * stats.norm.sf(abs(z)), 1.0) - r.pvalue) < 1e-12, name
        out.append({"name": name, "a": a.tolist(), "b": b.tolist(), "u": float(r.statistic),
                    "z": z, "p": float(r.pvalue)})
    return out


def spearman_cases(sets):
    s = sets["skewedOutliers25"]
    cases = {
        "driftIndex": (list(range(len(s))), s),
        "ties": ([1, 2, 2, 3, 4, 4, 4, 5], [2.0, 1.0, 3.0, 3.0, 5.0, 4.0, 6.0, 6.0]),
        "perfectNegative": ([1.0, 2.0, 3.0, 4.0, 5.0], [50.0, 40.0, 30.0, 20.0, 10.0]),
    }
    return [{"name": k, "x": [float(v) for v in x], "y": [float(v) for v in y],
             "rho": float(stats.spearmanr(x, y).statistic)} for k, (x, y) in cases.items()]


def read_norris():
    lines = open(os.path.join(HERE, "Norris.dat")).read().splitlines()
    cert = {}
    for line in lines[30:46]:
        parts = line.split()
        if parts[:1] in (["B0"], ["B1"]):
            cert[parts[0]] = (float(parts[1]), float(parts[2]))
        elif line.strip().startswith("Standard Deviation"):
            cert["residualSD"] = float(parts[-1])
        elif line.strip().startswith("R-Squared"):
            cert["rSquared"] = float(parts[-1])
    data = [tuple(map(float, l.split())) for l in lines[60:96]]
    y, x = zip(*data)
    return list(x), list(y), cert


def fit_case(name, x, y, certified=None, expect_robust_disagrees=None):
    x, y = np.asarray(x, float), np.asarray(y, float)
    r = stats.linregress(x, y)
    n = len(x)
    resid = y - (r.intercept + r.slope * x)
    case = {"name": name, "x": x.tolist(), "y": y.tolist(), "intercept": float(r.intercept),
            "interceptSE": float(r.intercept_stderr), "slope": float(r.slope),
            "slopeSE": float(r.stderr), "rSquared": float(r.rvalue ** 2),
            "residualSD": float(np.sqrt((resid ** 2).sum() / (n - 2))), "certified": False}
    if certified:
        case.update({"intercept": certified["B0"][0], "interceptSE": certified["B0"][1],
                     "slope": certified["B1"][0], "slopeSE": certified["B1"][1],
                     "rSquared": certified["rSquared"], "residualSD": certified["residualSD"],
                     "certified": True})
    t = stats.t.ppf(0.975, n - 2)
    case["slopeCI95"] = {"lower": case["slope"] - t * case["slopeSE"],
                         "upper": case["slope"] + t * case["slopeSE"]}
    case["expectRobustDisagrees"] = expect_robust_disagrees
    return case


def fit_cases():
    x, y, cert = read_norris()
    rng = np.random.default_rng(11)
    tasks = np.arange(100, 1001, 50, dtype=float)  # the study's thread counts, 19 points
    rss = 2.0e6 + 9728.0 * tasks + rng.normal(0, 20000, tasks.size)
    rss_outliers = rss.copy()
    rss_outliers[-3:] += [3.0e6, 5.0e6, 8.0e6]  # e.g. a burst of allocator growth at the end
    return [
        fit_case("norris", x, y, certified=cert, expect_robust_disagrees=False),
        fit_case("rssPerThread", tasks, np.round(rss), expect_robust_disagrees=False),
        fit_case("rssWithOutliers", tasks, np.round(rss_outliers), expect_robust_disagrees=True),
        fit_case("threePoints", [1.0, 2.0, 4.0], [2.0, 3.5, 8.5]),
    ]


def bootstrap_cases(sets):
    rng = np.random.default_rng(3)
    out = []
    for name in ("timing20", "skewedOutliers25", "odd7"):
        a = np.asarray(sets[name])
        idx = rng.integers(0, len(a), size=(10000, len(a)))
        meds = np.sort(np.median(a[idx], axis=1))
        lo, hi = np.quantile(meds, [0.025, 0.975])
        out.append({"name": name, "medianCI95": {"lower": float(lo), "upper": float(hi)}})
    return out


def main():
    sets = sample_sets()
    samples = []
    for name, xs in sets.items():
        xs = [float(v) for v in xs]
        samples.append({"name": name, "values": xs, "summary": summary(xs),
                        "tInterval95": t_interval(xs, 0.95), "tInterval90": t_interval(xs, 0.90),
                        "tukey": tukey(xs)})
    t_quantiles = [{"p": p, "df": df, "value": float(stats.t.ppf(p, df))}
                   for p, df in [(0.975, 1), (0.975, 4), (0.95, 9), (0.975, 34), (0.025, 7), (0.995, 1000)]]
    out = {
        "generator": f"make_reference.py with numpy {np.__version__}, scipy {scipy.__version__}",
        "samples": samples,
        "tQuantiles": t_quantiles,
        "spearman": spearman_cases(sets),
        "linearFits": fit_cases(),
        "mannWhitney": mann_whitney_cases(sets),
        "bootstrapNumpy": bootstrap_cases(sets),
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
