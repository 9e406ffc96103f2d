#!/usr/bin/python3
"""A corridor measure per year as a fan chart: the P10-P90 band (and P5-P95) and the
median of a Monte-Carlo run (corridor_quantiles.csv), with the deterministic path
and the 10 Mt line. Without quantiles, plots the single deterministic path.

Writes OUT/<scenario>_tonnage_fan.png (the headline measure) or
OUT/<scenario>_<measure>_fan.png (--measure).
  scripts/plot_fan.py results/trans-caspian-baseline --out plots
"""
import os

import matplotlib.pyplot as plt

import corridor_plot as cp


def quantile_table(results_dir, measure, segment, scale):
    q = cp.read_csv(results_dir, "corridor_quantiles.csv", required=False)
    if q is None:
        return None
    q = q[(q["measure"] == measure["id"]) & (q["segment"] == segment)]
    if q.empty:
        cp.fail(f"{os.path.join(results_dir, 'corridor_quantiles.csv')}: no rows for measure "
                f"'{measure['id']}' and segment '{segment}'")
    column = "corridor_teu" if measure["unit"] == "TEU" else "corridor_t"
    return q.pivot_table(index="year", columns="quantile", values=column) / scale


def draw_fan(ax, q):
    years = q.index.values
    if 0.05 in q.columns and 0.95 in q.columns:
        ax.fill_between(years, q[0.05], q[0.95], color="tab:blue", alpha=0.15, label="P5-P95")
    ax.fill_between(years, q[0.1], q[0.9], color="tab:blue", alpha=0.3, label="P10-P90")
    ax.plot(years, q[0.5], color="tab:blue", linewidth=2, label="median (P50)")


def draw_reach(ax, reach, scale, unit):
    for threshold, rows in reach.groupby("threshold"):
        ax.plot(rows["year"], rows["probability"] * 100, marker=".",
                label=f">= {threshold / scale:g} {unit}")
    ax.set_ylabel("P(reached), %")
    ax.set_ylim(0, 100)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")


def main():
    p = cp.parser(__doc__.split("\n\n")[0])
    p.add_argument("results", metavar="RESULTS_DIR", help="results folder of `corridor run`")
    p.add_argument("--segment", default="all",
                   help="segment of corridor_quantiles.csv to plot (default: all = total)")
    p.add_argument("--measure", default=None,
                   help="corridor measure to plot (default: the scenario's headline)")
    args = p.parse_args()
    summary = cp.read_summary(args.results)
    measure = cp.measure_of(summary, args.measure)
    scale, unit = cp.scale_of(measure)
    det = cp.yearly_corridor(summary, measure["id"])
    det = det[det["complete"]]
    q = quantile_table(args.results, measure, args.segment, scale)
    reach = cp.read_csv(args.results, "reach_probability.csv", required=False)
    if reach is not None:
        reach = reach[reach["measure"] == measure["id"]]
    if q is not None and reach is not None:
        fig, (ax, ax2) = plt.subplots(2, 1, figsize=(8, 6), sharex=True,
                                      gridspec_kw={"height_ratios": [3, 1]})
    else:
        fig, ax = plt.subplots(figsize=(8, 4.5))
        ax2 = None
    if q is not None:
        draw_fan(ax, q)
    ax.plot(det["year"], det["value"] / scale, color="tab:red" if q is not None else "tab:blue",
            linestyle="--" if q is not None else "-", marker="o", markersize=3,
            label="deterministic run" if q is not None else measure["name"])
    ax.set_ylim(bottom=0)
    if measure["unit"] == "t":
        cp.draw_milestone(ax)
    name = summary["scenario"]["name"]
    kind = "Monte-Carlo P10-P90" if q is not None else "deterministic run, no Monte-Carlo quantiles"
    ax.set_title(f"{name}: {measure['name']} ({kind})", fontsize=10)
    ax.set_ylabel(f"{measure['id']}, {unit} per year")
    ax.grid(alpha=0.3)
    ax.legend(loc="best", fontsize=8)
    if ax2 is not None:
        draw_reach(ax2, reach, scale, unit)
        cp.year_axis(ax2)
    else:
        cp.year_axis(ax)
    headline = args.measure is None or measure["id"] == summary["corridor"]["headline"]
    file = f"{name}_tonnage_fan.png" if headline else f"{name}_{measure['id']}_fan.png"
    cp.save(fig, args.out, file, args.dpi)


if __name__ == "__main__":
    main()
