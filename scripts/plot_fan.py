#!/usr/bin/python3
"""Corridor tonnage per year as a fan chart: the P10-P90 band (and P5-P95) and the
median of a Monte-Carlo run (corridor_quantiles.csv), with the deterministic path
and the 10 Mt line. Without quantiles, plots the single deterministic path.

Writes OUT/<scenario>_tonnage_fan.png.
  scripts/plot_fan.py results/trans-caspian-baseline --out plots
"""
import os

import matplotlib.pyplot as plt

import corridor_plot as cp


def quantile_table(results_dir, segment):
    q = cp.read_csv(results_dir, "corridor_quantiles.csv", required=False)
    if q is None:
        return None
    q = q[q["segment"] == segment]
    if q.empty:
        cp.fail(f"{os.path.join(results_dir, 'corridor_quantiles.csv')}: no rows for segment '{segment}'")
    return q.pivot_table(index="year", columns="quantile", values="corridor_t") / 1e6


def draw_fan(ax, q):
    years = q.index.values
    if 0.05 in q.columns and 0.95 in q.columns:
        ax.fill_between(years, q[0.05], q[0.95], color="tab:blue", alpha=0.15, label="P5-P95")
    ax.fill_between(years, q[0.1], q[0.9], color="tab:blue", alpha=0.3, label="P10-P90")
    ax.plot(years, q[0.5], color="tab:blue", linewidth=2, label="median (P50)")


def draw_reach(ax, reach):
    for threshold, rows in reach.groupby("threshold_t"):
        ax.plot(rows["year"], rows["probability"] * 100, marker=".",
                label=f">= {threshold / 1e6:g} Mt")
    ax.set_ylabel("P(reached), %")
    ax.set_ylim(0, 100)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")


def main():
    p = cp.parser(__doc__.split("\n\n")[0])
    p.add_argument("results", metavar="RESULTS_DIR", help="results folder of `corridor run`")
    p.add_argument("--segment", default="all",
                   help="segment of corridor_quantiles.csv to plot (default: all = total)")
    args = p.parse_args()
    summary = cp.read_summary(args.results)
    det = cp.yearly_corridor(summary)
    det = det[det["complete"]]
    q = quantile_table(args.results, args.segment)
    reach = cp.read_csv(args.results, "reach_probability.csv", required=False)
    if q is not None and reach is not None:
        fig, (ax, ax2) = plt.subplots(2, 1, figsize=(8, 6), sharex=True,
                                      gridspec_kw={"height_ratios": [3, 1]})
    else:
        fig, ax = plt.subplots(figsize=(8, 4.5))
        ax2 = None
    if q is not None:
        draw_fan(ax, q)
    ax.plot(det["year"], det["corridor_t"] / 1e6, color="tab:red" if q is not None else "tab:blue",
            linestyle="--" if q is not None else "-", marker="o", markersize=3,
            label="deterministic run" if q is not None else "corridor tonnage")
    ax.set_ylim(bottom=0)
    cp.draw_milestone(ax)
    name = summary["scenario"]["name"]
    kind = "Monte-Carlo P10-P90" if q is not None else "deterministic run, no Monte-Carlo quantiles"
    ax.set_title(f"{name}: tonnage across {summary['corridor']['name']} ({kind})", fontsize=10)
    ax.set_ylabel("corridor tonnage, Mt per year")
    ax.grid(alpha=0.3)
    ax.legend(loc="best", fontsize=8)
    if ax2 is not None:
        draw_reach(ax2, reach)
        cp.year_axis(ax2)
    else:
        cp.year_axis(ax)
    cp.save(fig, args.out, f"{name}_tonnage_fan.png", args.dpi)


if __name__ == "__main__":
    main()
