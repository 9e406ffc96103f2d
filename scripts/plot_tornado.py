#!/usr/bin/python3
"""Tornado charts of `corridor sensitivity --method oat`: for each output of a
corridor measure (its tonnage in the analysed years, the year it reaches each
milestone), one bar per input from its value with the input at P10 to its value
at P90, every other input at P50, largest swing on top.

Writes OUT/<scenario>_tornado.png (the headline measure) or
OUT/<scenario>_<measure>_tornado.png (--measure).
  scripts/plot_tornado.py results/trans-caspian-baseline --out plots
"""
import math

import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator

import corridor_plot as cp


def draw(ax, label, rows, censored, top):
    rows = rows.assign(size=(rows["output_high"] - rows["output_low"]).abs())
    rows = rows.sort_values("size", kind="stable").tail(top)
    is_year = rows["output"].iloc[0] == "year_reaching"
    scale = 1.0 if is_year else (1e3 if rows["unit"].iloc[0] == "TEU" else 1e6)
    base = rows["output_base"].iloc[0] / scale
    y = range(len(rows))
    low = rows["output_low"] / scale - base
    high = rows["output_high"] / scale - base
    ax.barh(y, low, left=base, color="tab:blue", label="input at P10")
    ax.barh(y, high, left=base, color="tab:orange", label="input at P90")
    ax.axvline(base, color="black", linewidth=1)
    names = [f"{r['input']} ({r['input_low']:.3g} / {r['input_high']:.3g} {r['input_unit']})"
             for _, r in rows.iterrows()]
    ax.set_yticks(list(y), names, fontsize=7)
    title = f"{label}; all at P50: {base:.3f}" if not is_year else f"{label}; all at P50: {base:.0f}"
    if is_year:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        if base >= censored:
            title += f" (not reached; counted as {censored})"
    ax.set_title(title, fontsize=8)
    ax.grid(axis="x", alpha=0.3)


def still(rows):
    """True when no input moves the output."""
    return bool(((rows["output_high"] - rows["output_low"]).abs() == 0).all())


def main():
    p = cp.parser(__doc__.split("\n\n")[0])
    p.add_argument("results", metavar="RESULTS_DIR", help="output folder of `corridor sensitivity`")
    p.add_argument("--measure", default=None, help="corridor measure (default: the first in the table)")
    p.add_argument("--top", type=int, default=10, help="inputs shown per output (default 10)")
    args = p.parse_args()
    summary = cp.read_sensitivity(args.results)
    if summary.get("method") != "oat":
        cp.fail(f"{args.results}: sensitivity_summary.json is of method '{summary.get('method')}' "
                f"(expected oat; plot_sobol.py charts Sobol' indices)")
    table = cp.read_csv(args.results, "sensitivity_oat.csv")
    measure = args.measure or table["measure"].iloc[0]
    everything = cp.sensitivity_outputs(table, measure)
    outputs = [(label, part) for label, part in everything if not still(part)] or everything[:1]
    unmoved = [label for label, part in everything if still(part)]
    cols = 2 if len(outputs) > 1 else 1
    rows = math.ceil(len(outputs) / cols)
    n_inputs = min(args.top, table["input"].nunique())
    fig, axes = plt.subplots(rows, cols, squeeze=False,
                             figsize=(6.5 * cols, (0.3 * n_inputs + 1.3) * rows + 0.6))
    for ax, (label, part) in zip(axes.flat, outputs):
        draw(ax, label, part, summary["censored_year"], args.top)
    for ax in list(axes.flat)[len(outputs):]:
        ax.axis("off")
    axes.flat[0].legend(fontsize=7, loc="lower right")
    name = summary["scenario"]["name"]
    fig.suptitle(f"{name}: one-at-a-time swings, each input from P10 to P90 (others at P50)",
                 fontsize=10)
    note = "no input moves: " + "; ".join(unmoved) if unmoved else ""
    fig.text(0.01, 0.005, note, fontsize=7, ha="left", va="bottom", wrap=True)
    fig.tight_layout(rect=(0, 0.03 if note else 0, 1, 0.97))
    file = f"{name}_tornado.png" if args.measure is None else f"{name}_{measure}_tornado.png"
    cp.save(fig, args.out, file, args.dpi)


if __name__ == "__main__":
    main()
