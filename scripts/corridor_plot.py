"""Shared helpers of the scripts/plot_*.py charts: reading a results folder of
`corridor run` (format: docs/outputs.md) and saving figures.

Uses only Debian's python3-matplotlib (Agg backend, no display needed) and
python3-pandas, which scripts/setup installs.
"""
import argparse
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

FORMAT_VERSION = 2  # the summary.json format_version these scripts read
MILESTONE_T = 10e6  # the planners' 10 Mt line


def fail(message):
    """Bad input: message on stderr, exit code 2 (as the engine does)."""
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def parser(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--out", default=".", metavar="DIR",
                   help="folder for the PNG files (created when missing; default: .)")
    p.add_argument("--dpi", type=int, default=100, help="resolution of the PNGs (default 100)")
    return p


def read_summary(results_dir):
    """summary.json of a results folder, checked for the format version."""
    path = os.path.join(results_dir, "summary.json")
    if not os.path.isfile(path):
        fail(f"{path}: missing: {results_dir} is not a results folder of `corridor run`")
    with open(path, encoding="utf-8") as f:
        try:
            summary = json.load(f)
        except json.JSONDecodeError as e:
            fail(f"{path}:{e.lineno}:{e.colno}: not valid JSON: {e.msg}")
    if summary.get("format_version") != FORMAT_VERSION:
        fail(f"{path}: format_version {summary.get('format_version')} is not supported "
             f"(expected {FORMAT_VERSION})")
    return summary


def read_csv(results_dir, name, required=True):
    path = os.path.join(results_dir, name)
    if not os.path.isfile(path):
        if required:
            fail(f"{path}: missing")
        return None
    return pd.read_csv(path)


def read_sensitivity(results_dir):
    """sensitivity_summary.json of a folder written by `corridor sensitivity`."""
    path = os.path.join(results_dir, "sensitivity_summary.json")
    if not os.path.isfile(path):
        fail(f"{path}: missing: {results_dir} holds no outputs of `corridor sensitivity`")
    with open(path, encoding="utf-8") as f:
        try:
            summary = json.load(f)
        except json.JSONDecodeError as e:
            fail(f"{path}:{e.lineno}:{e.colno}: not valid JSON: {e.msg}")
    if summary.get("format_version") != FORMAT_VERSION:
        fail(f"{path}: format_version {summary.get('format_version')} is not supported "
             f"(expected {FORMAT_VERSION})")
    return summary


def sensitivity_outputs(table, measure):
    """The outputs of a sensitivity table for one measure, in file order: a list of
    (label, rows) with label "2030 (Mt)" or "year reaching 10 Mt"."""
    rows = table[table["measure"] == measure]
    if rows.empty:
        fail(f"no rows for measure '{measure}' (measures: {', '.join(table['measure'].unique())})")
    out = []
    keys = rows[["output", "year", "threshold"]].drop_duplicates()
    for _, k in keys.iterrows():
        part = rows[(rows["output"] == k["output"]) & (rows["year"].fillna(-1) == (
            -1 if pd.isna(k["year"]) else k["year"])) & (rows["threshold"].fillna(-1) == (
                -1 if pd.isna(k["threshold"]) else k["threshold"]))]
        unit = part["unit"].iloc[0]
        if k["output"] == "tonnage":
            label = f"{measure} in {int(k['year'])} ({'thousand TEU' if unit == 'TEU' else 'Mt'})"
        else:
            scale, name = (1e3, "thousand TEU") if unit == "TEU" else (1e6, "Mt")
            label = f"{measure}: year reaching {k['threshold'] / scale:g} {name}"
        out.append((label, part))
    return out


def measure_of(summary, measure_id=None):
    """The corridor measure `measure_id` of summary.json (default: the headline)."""
    corridor = summary["corridor"]
    wanted = measure_id or corridor["headline"]
    for m in corridor["measures"]:
        if m["id"] == wanted:
            return m
    ids = ", ".join(m["id"] for m in corridor["measures"])
    fail(f"{summary['scenario']['name']}: no corridor measure '{wanted}' (measures: {ids})")


def yearly_corridor(summary, measure_id=None):
    """DataFrame year, complete, value of a corridor measure (default: the headline),
    in its unit (tonnes or TEU)."""
    complete = {y["year"]: y["complete"] for y in summary["years"]}
    m = measure_of(summary, measure_id)
    return pd.DataFrame([{"year": v["year"], "complete": complete.get(v["year"], False),
                          "value": v["value"]} for v in m["years"]])


def scale_of(measure):
    """Divisor and axis unit of a measure: Mt for tonnes, thousand TEU for TEU."""
    return (1e3, "thousand TEU") if measure["unit"] == "TEU" else (1e6, "Mt")


def draw_milestone(ax, label=True):
    """The 10 Mt/yr line, kept inside the axes."""
    ax.axhline(MILESTONE_T / 1e6, color="black", linestyle=":", linewidth=1.2,
               label="10 Mt/yr" if label else None)
    ax.set_ylim(0, max(ax.get_ylim()[1], MILESTONE_T / 1e6 * 1.1))


def year_axis(ax):
    """Whole years on the x axis (no 2022.5)."""
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("year")


def short_names(names):
    """Names without the prefix up to a '-' that they all share ("trans-caspian-")."""
    if len(names) < 2:
        return list(names)
    prefix = os.path.commonprefix(list(names))
    prefix = prefix[: prefix.rfind("-") + 1]
    if not prefix or any(len(n) == len(prefix) for n in names):
        return list(names)
    return [n[len(prefix):] for n in names]


def save(fig, out_dir, name, dpi):
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, name)
    fig.savefig(path, dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    print(path)
    return path
