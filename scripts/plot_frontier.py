#!/usr/bin/python3
"""Cost of reaching the target against the year it must be reached by (`corridor plan
--frontier`): the present value of the cheapest programme found for each year, proven
optima filled, unproven programmes open with a bar down to the lower bound, years no
programme reaches marked along the bottom.

Writes RESULTS_DIR/frontier.png, or OUT.png (-o OUT.png), or OUT/<scenario>_frontier.png
(-o OUT, a folder).
  scripts/plot_frontier.py results/plan-titr
  scripts/plot_frontier.py results/plan-titr --out plots
"""
import argparse
import json
import os

import matplotlib.pyplot as plt
import pandas as pd

import corridor_plot as cp

COLUMNS = ["by_year", "status", "proven", "cost_usd", "lower_bound_usd", "gap", "reach_year",
           "measures"]
STATUSES = ("optimal", "feasible", "infeasible", "unknown")


def read_plan(results_dir):
    """plan.json of a folder written by `corridor plan`, checked for the format version."""
    path = os.path.join(results_dir, "plan.json")
    if not os.path.isfile(path):
        cp.fail(f"{path}: missing: {results_dir} holds no outputs of `corridor plan`")
    with open(path, encoding="utf-8") as f:
        try:
            plan = json.load(f)
        except json.JSONDecodeError as e:
            cp.fail(f"{path}:{e.lineno}:{e.colno}: not valid JSON: {e.msg}")
    if not isinstance(plan, dict):
        cp.fail(f"{path}: not a JSON object")
    if plan.get("format_version") != cp.FORMAT_VERSION:
        cp.fail(f"{path}: format_version {plan.get('format_version')} is not supported "
                f"(expected {cp.FORMAT_VERSION})")
    measure = plan.get("measure")
    if not isinstance(measure, dict) or "id" not in measure or "unit" not in measure:
        cp.fail(f"{path}: no measure {{id, unit}}")
    if not isinstance(plan.get("target"), (int, float)):
        cp.fail(f"{path}: no numeric target")
    if plan.get("mode") == "probability" and not isinstance(plan.get("probability"), (int, float)):
        cp.fail(f"{path}: mode is probability but there is no numeric probability")
    return plan


def number(path, line, column, text, required):
    if text == "":
        if required:
            cp.fail(f"{path}:{line}: {column} is empty")
        return None
    try:
        return float(text)
    except ValueError:
        cp.fail(f"{path}:{line}: {column} '{text}' is not a number")


def read_frontier(results_dir):
    """frontier.csv as a DataFrame: by_year (int), status, proven (bool), cost_usd,
    lower_bound_usd, gap (float or None), measures (str)."""
    path = os.path.join(results_dir, "frontier.csv")
    if not os.path.isfile(path):
        cp.fail(f"{path}: missing")
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as e:
        cp.fail(f"{path}: not a readable CSV: {e}")
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        cp.fail(f"{path}: missing column(s) {', '.join(missing)}")
    if table.empty:
        cp.fail(f"{path}: no rows")
    rows = []
    for i, r in enumerate(table.to_dict("records")):
        line = i + 2
        year = number(path, line, "by_year", r["by_year"], True)
        if year != int(year):
            cp.fail(f"{path}:{line}: by_year '{r['by_year']}' is not a whole year")
        if r["status"] not in STATUSES:
            cp.fail(f"{path}:{line}: status '{r['status']}' is not one of {', '.join(STATUSES)}")
        if r["proven"] not in ("true", "false"):
            cp.fail(f"{path}:{line}: proven '{r['proven']}' is not true or false")
        found = r["status"] in ("optimal", "feasible")
        rows.append({"by_year": int(year), "status": r["status"], "proven": r["proven"] == "true",
                     "cost_usd": number(path, line, "cost_usd", r["cost_usd"], found),
                     "lower_bound_usd": number(path, line, "lower_bound_usd",
                                               r["lower_bound_usd"], False),
                     "gap": number(path, line, "gap", r["gap"], False),
                     "measures": r["measures"].strip()})
    frame = pd.DataFrame(rows).sort_values("by_year", kind="stable")
    if frame["by_year"].duplicated().any():
        cp.fail(f"{path}: by_year {frame['by_year'][frame['by_year'].duplicated()].iloc[0]} "
                f"appears twice")
    return frame


def title_of(plan):
    measure = plan["measure"]
    scale, unit = cp.scale_of(measure)
    text = (f"{plan.get('scenario', '?')}: least cost to reach {plan['target'] / scale:g} {unit} "
            f"of {measure['id']}")
    if plan.get("mode") == "probability":
        text += f" with probability {plan['probability']:g}"
        if plan.get("draws"):
            text += f" ({plan['draws']} draws)"
    return text + ", by target year"


def ylabel_of(plan):
    parts = []
    if plan.get("price_year") is not None:
        parts.append(f"{plan['price_year']} USD")
    if isinstance(plan.get("discount_rate"), (int, float)):
        parts.append(f"discounted at {plan['discount_rate'] * 100:g}%")
    return "present value, million USD" + (f" ({', '.join(parts)})" if parts else "")


def short(measures, limit=38):
    text = measures or "no measure needed"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def draw(ax, frontier):
    found = frontier[frontier["status"].isin(["optimal", "feasible"])]
    cost = found["cost_usd"] / 1e6
    bound = found["lower_bound_usd"].fillna(0.0) / 1e6
    unknown = frontier[frontier["status"] == "unknown"]
    unknown_bound = unknown["lower_bound_usd"].fillna(0.0) / 1e6
    top = max([1.0, *cost.tolist(), *unknown_bound.tolist()]) * 1.18
    bottom = -0.12 * top
    ax.set_ylim(bottom, top)
    ax.axhline(0, color="grey", linewidth=0.8)
    if not found.empty:
        ax.plot(found["by_year"], cost, color="tab:blue", linewidth=1, alpha=0.6, zorder=1)
    proven = found["proven"].to_numpy()
    if proven.any():
        ax.plot(found["by_year"][proven], cost[proven], linestyle="none", marker="o",
                markersize=7, color="tab:blue", label="proven least cost", zorder=3)
    if (~proven).any():
        years = found["by_year"][~proven]
        c, b = cost[~proven], bound[~proven].clip(upper=cost[~proven])
        ax.errorbar(years, c, yerr=[c - b, 0 * c], linestyle="none", marker="o", markersize=7,
                    markerfacecolor="white", color="tab:orange", capsize=4, zorder=3,
                    label="best found, not proven (bar: down to the lower bound)")
    previous = None
    for year, y, measures, gap, is_proven in zip(found["by_year"], cost, found["measures"],
                                                 found["gap"], proven):
        note = short(measures) if measures != previous else ""
        if not is_proven and gap:
            note = (note + "\n" if note else "") + f"gap {gap:.0%}"
        previous = measures
        if note:
            ax.annotate(note, (year, y), textcoords="offset points", xytext=(0, 8), ha="center",
                        va="bottom", fontsize=6.5, rotation=0)
    along = bottom / 2
    infeasible = frontier[frontier["status"] == "infeasible"]
    if not infeasible.empty:
        ax.plot(infeasible["by_year"], [along] * len(infeasible), linestyle="none", marker="x",
                markersize=8, markeredgewidth=2, color="tab:red", label="not reachable",
                zorder=3)
    if not unknown.empty:
        ax.plot(unknown["by_year"], [along] * len(unknown), linestyle="none", marker="$?$",
                markersize=9, color="dimgrey", zorder=3,
                label="search stopped, no programme found")
        bounded = unknown_bound > 0
        if bounded.any():
            ax.plot(unknown["by_year"][bounded], unknown_bound[bounded], linestyle="none",
                    marker="^", markersize=7, markerfacecolor="white", color="dimgrey", zorder=3,
                    label="search stopped: cost at least this")
    cp.year_axis(ax)
    ax.set_xticks(frontier["by_year"].tolist())
    ax.set_xlim(frontier["by_year"].min() - 0.6, frontier["by_year"].max() + 0.6)
    ax.set_xlabel("target year (reached by)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, loc="upper right")


def output_path(args, plan):
    if args.out is None:
        return os.path.join(args.results, "frontier.png")
    if args.out.lower().endswith(".png"):
        return args.out
    return os.path.join(args.out, f"{plan.get('scenario', 'plan')}_frontier.png")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("results", metavar="RESULTS_DIR", help="output folder of `corridor plan`")
    p.add_argument("-o", "--out", default=None, metavar="OUT",
                   help="PNG file (ending .png), or a folder for <scenario>_frontier.png "
                        "(created when missing; default: RESULTS_DIR/frontier.png)")
    p.add_argument("--dpi", type=int, default=100, help="resolution of the PNG (default 100)")
    args = p.parse_args()
    if not os.path.isdir(args.results):
        cp.fail(f"{args.results}: not a folder")
    plan = read_plan(args.results)
    frontier = read_frontier(args.results)
    fig, ax = plt.subplots(figsize=(8.5, 4.8))
    draw(ax, frontier)
    ax.set_ylabel(ylabel_of(plan), fontsize=9)
    ax.set_title(title_of(plan), fontsize=10)
    fig.tight_layout()
    path = output_path(args, plan)
    cp.save(fig, os.path.dirname(path) or ".", os.path.basename(path), args.dpi)


if __name__ == "__main__":
    main()
