#!/usr/bin/python3
"""Utilisation heatmap: capacitated elements (rows) by year (columns), utilisation
= flow / capacity summed over the year (elements.csv), highest first.

Writes OUT/<scenario>_utilisation_heatmap.png.
  scripts/plot_heatmap.py results/trans-caspian-baseline --out plots --top 25
"""
import matplotlib.pyplot as plt
import numpy as np

import corridor_plot as cp


def yearly_utilisation(elements):
    capped = elements.dropna(subset=["capacity_t"])
    g = capped.groupby(["element", "year"])[["flow_t", "capacity_t"]].sum()
    g["utilisation"] = g["flow_t"] / g["capacity_t"]
    return g["utilisation"].unstack("year")


def main():
    p = cp.parser(__doc__.split("\n\n")[0])
    p.add_argument("results", metavar="RESULTS_DIR", help="results folder of `corridor run`")
    p.add_argument("--top", type=int, default=25,
                   help="show the N elements with the highest peak utilisation (default 25)")
    args = p.parse_args()
    summary = cp.read_summary(args.results)
    table = yearly_utilisation(cp.read_csv(args.results, "elements.csv"))
    if table.empty:
        cp.fail(f"{args.results}/elements.csv: no element has a capacity")
    order = table.max(axis=1).sort_values(ascending=False, kind="stable").index[: args.top]
    table = table.loc[order]
    fig, ax = plt.subplots(figsize=(9, 0.28 * len(table) + 1.8))
    vmax = max(1.0, float(np.nanmax(table.values)))
    im = ax.imshow(table.values, aspect="auto", cmap="YlOrRd", vmin=0, vmax=vmax,
                   interpolation="nearest")
    ax.set_yticks(range(len(table)), table.index, fontsize=8)
    years = list(table.columns)
    step = max(1, len(years) // 10)
    ax.set_xticks(range(0, len(years), step), years[::step], fontsize=8)
    ax.set_xlabel("year")
    ax.set_ylabel("element (node or link id)")
    for (r, c), u in np.ndenumerate(table.values):  # mark the saturated cells
        if u >= 0.995:
            ax.text(c, r, "•", ha="center", va="center", fontsize=7, color="white")
    bar = fig.colorbar(im, ax=ax, pad=0.02)
    bar.set_label("utilisation (flow / capacity over the year); • = at capacity")
    ax.set_title(f"{summary['scenario']['name']}: yearly utilisation of the "
                 f"{len(table)} most utilised elements", fontsize=10)
    cp.save(fig, args.out, f"{summary['scenario']['name']}_utilisation_heatmap.png", args.dpi)


if __name__ == "__main__":
    main()
