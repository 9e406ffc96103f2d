#!/usr/bin/python3
"""Bar charts of `corridor sensitivity --method sobol`: for each output of a
corridor measure, each input's first-order and total Sobol' index with its
bootstrap interval; inputs ordered by total index. Outputs that are the same in
every run (a milestone never reached) have no indices and are listed below the chart.

Writes OUT/<scenario>_sobol.png (or OUT/<scenario>_<measure>_sobol.png with --measure).
  scripts/plot_sobol.py results/trans-caspian-baseline --out plots
"""
import math

import matplotlib.pyplot as plt
import numpy as np

import corridor_plot as cp


def draw(ax, label, rows, level):
    first = rows[rows["index"] == "first_order"].set_index("input")
    total = rows[rows["index"] == "total"].set_index("input")
    ax.set_title(label, fontsize=8)
    if total["value"].isna().all():
        ax.text(0.5, 0.5, "the same in every run: no indices", ha="center", va="center",
                transform=ax.transAxes, fontsize=8)
        ax.set_xticks([])
        ax.set_yticks([])
        return
    order = total["value"].sort_values(ascending=False, kind="stable").index
    x = np.arange(len(order))
    for shift, table, colour, name in ((-0.2, first, "tab:blue", "first order"),
                                       (0.2, total, "tab:red", "total")):
        t = table.loc[order]
        err = np.vstack([(t["value"] - t["ci_low"]).clip(lower=0),
                         (t["ci_high"] - t["value"]).clip(lower=0)])
        ax.bar(x + shift, t["value"], width=0.4, color=colour, yerr=err, capsize=2,
               label=f"{name} ({level:.0%} interval)")
    ax.set_xticks(x, order, rotation=40, ha="right", fontsize=7)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylim(min(-0.1, ax.get_ylim()[0]), max(1.0, ax.get_ylim()[1]))
    ax.grid(axis="y", alpha=0.3)


def main():
    p = cp.parser(__doc__.split("\n\n")[0])
    p.add_argument("results", metavar="RESULTS_DIR", help="output folder of `corridor sensitivity`")
    p.add_argument("--measure", default=None, help="corridor measure (default: the first in the table)")
    args = p.parse_args()
    summary = cp.read_sensitivity(args.results)
    if summary.get("method") != "sobol":
        cp.fail(f"{args.results}: sensitivity_summary.json is of method '{summary.get('method')}' "
                f"(expected sobol; plot_tornado.py charts one-at-a-time swings)")
    table = cp.read_csv(args.results, "sensitivity_sobol.csv")
    measure = args.measure or table["measure"].iloc[0]
    everything = cp.sensitivity_outputs(table, measure)
    outputs = [(label, part) for label, part in everything if part["value"].notna().any()]
    unvaried = [label for label, part in everything if part["value"].isna().all()]
    outputs = outputs or everything[:1]
    cols = 2 if len(outputs) > 1 else 1
    rows = math.ceil(len(outputs) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(6.5 * cols, 3.4 * rows), squeeze=False)
    for ax, (label, part) in zip(axes.flat, outputs):
        draw(ax, label, part, summary["confidence"])
    for ax in list(axes.flat)[len(outputs):]:
        ax.axis("off")
    axes.flat[0].legend(fontsize=7, loc="upper right")
    name = summary["scenario"]["name"]
    fig.suptitle(f"{name}: Sobol' indices, N = {summary['base_draws']} "
                 f"({summary['runs']} runs)", fontsize=10)
    note = "the same in every run (no indices): " + "; ".join(unvaried) if unvaried else ""
    fig.text(0.01, 0.005, note, fontsize=7, ha="left", va="bottom", wrap=True)
    fig.tight_layout(rect=(0, 0.03 if note else 0, 1, 0.96))
    file = f"{name}_sobol.png" if args.measure is None else f"{name}_{measure}_sobol.png"
    cp.save(fig, args.out, file, args.dpi)


if __name__ == "__main__":
    main()
