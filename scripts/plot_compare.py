#!/usr/bin/python3
"""Scenario comparison: a corridor measure per year of several runs as lines (the
headline, or --measure), with the 10 Mt line and the year each run reaches it,
and the tonnes diverted to routes avoiding the headline measure (balance.csv) below.

Writes OUT/compare_corridor.png.
  scripts/plot_compare.py results/baseline results/stalled --out plots
"""
import matplotlib.pyplot as plt

import corridor_plot as cp


def main():
    p = cp.parser(__doc__.split("\n\n")[0])
    p.add_argument("results", metavar="RESULTS_DIR", nargs="+",
                   help="results folders of `corridor run` (one line each)")
    p.add_argument("--name", default="compare_corridor.png", help="file name of the PNG")
    p.add_argument("--measure", default=None,
                   help="corridor measure to plot (default: each run's headline)")
    args = p.parse_args()
    fig, (ax, ax2) = plt.subplots(2, 1, figsize=(10, 7), sharex=True,
                                  gridspec_kw={"height_ratios": [2, 1]})
    summaries = [cp.read_summary(d) for d in args.results]
    names = cp.short_names([s["scenario"]["name"] for s in summaries])
    for i, (d, summary, name) in enumerate(zip(args.results, summaries, names)):
        measure = cp.measure_of(summary, args.measure)
        scale, unit = cp.scale_of(measure)
        years = cp.yearly_corridor(summary, measure["id"])
        years = years[years["complete"]]
        color = f"C{i % 10}"
        reach = measure["first_year_reaching"].get("10_Mt")
        label = f"{name} (10 Mt: {reach if isinstance(reach, int) else 'not reached'})"
        ax.plot(years["year"], years["value"] / scale, color=color, marker="o", markersize=3,
                label=label)
        if isinstance(reach, int):
            hit = years[years["year"] == reach]
            ax.plot(hit["year"], hit["value"] / scale, "o", color=color, markersize=9,
                    markerfacecolor="none")
        balance = cp.read_csv(d, "balance.csv")
        diverted = balance.groupby("year")["diverted_t"].sum() / 1e6
        diverted = diverted[diverted.index.isin(years["year"])]
        ax2.plot(diverted.index, diverted.values, color=color, marker=".", label=name)
    ax.set_ylim(bottom=0)
    cp.draw_milestone(ax)
    ax.set_ylabel(f"{args.measure or 'headline measure'}, {unit} per year")
    ax.set_title("Corridor by scenario (circle: first year at 10 Mt)", fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), title="scenario",
              title_fontsize=8)
    ax2.set_ylabel("diverted, Mt per year")
    cp.year_axis(ax2)
    ax2.set_ylim(bottom=0)
    ax2.grid(alpha=0.3)
    ax2.set_title("Delivered on routes avoiding the corridor", fontsize=9)
    cp.save(fig, args.out, args.name, args.dpi)


if __name__ == "__main__":
    main()
