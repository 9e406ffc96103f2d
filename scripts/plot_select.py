#!/usr/bin/python3
"""Whose freight is on an element (`corridor run --select`): its tonnes per year
by segment, and in one year the OD pairs and routes that make them up and the
other elements that freight also uses.

Writes OUT/<scenario>_select_<element>_<year>.png.
  scripts/plot_select.py results/trans-caspian-baseline --element kuryk-alat --year 2030 --out plots
"""
import matplotlib.pyplot as plt

import corridor_plot as cp


def by_segment(ax, rows):
    table = rows.pivot_table(index="year", columns="segment", values="flow_t", aggfunc="sum",
                             fill_value=0) / 1e6
    bottom = None
    for segment in table.columns:
        ax.bar(table.index, table[segment], bottom=bottom, label=segment)
        bottom = table[segment] if bottom is None else bottom + table[segment]
    ax.set_ylabel("Mt per year")
    ax.legend(fontsize=7)
    ax.grid(axis="y", alpha=0.3)
    cp.year_axis(ax)


def by_od(ax, rows, top):
    rows = rows.assign(pair=rows["segment"] + ": " + rows["origin"] + " > " + rows["destination"] +
                       " (" + rows["route"] + ")")
    rows = rows.sort_values("flow_t", kind="stable").tail(top)
    ax.barh(rows["pair"], rows["flow_t"] / 1e6, color="tab:blue")
    for y, (t, share) in enumerate(zip(rows["flow_t"], rows["share"])):
        ax.text(t / 1e6, y, f" {share:.0%}", va="center", fontsize=7)
    ax.set_xlabel("Mt in the year")
    ax.tick_params(axis="y", labelsize=7)
    ax.grid(axis="x", alpha=0.3)


def also_used(ax, rows, top):
    rows = rows.sort_values(["share", "other"], ascending=[True, False], kind="stable").tail(top)
    ax.barh(rows["other"] + " (" + rows["other_kind"] + ")", rows["share"] * 100,
            color="tab:green")
    ax.set_xlabel("% of the element's tonnes whose path also uses it")
    ax.set_xlim(0, 105)
    ax.tick_params(axis="y", labelsize=7)
    ax.grid(axis="x", alpha=0.3)


def main():
    p = cp.parser(__doc__.split("\n\n")[0])
    p.add_argument("results", metavar="RESULTS_DIR", help="results folder of `corridor run --select`")
    p.add_argument("--element", default=None, help="a selected element (default: the first)")
    p.add_argument("--year", type=int, default=None,
                   help="year of the breakdown (default: 2030, or the last year)")
    p.add_argument("--top", type=int, default=12, help="OD pairs and elements shown (default 12)")
    args = p.parse_args()
    summary = cp.read_summary(args.results)
    years = cp.read_csv(args.results, "select_element_years.csv")
    links = cp.read_csv(args.results, "select_links_years.csv")
    element = args.element or years["element"].iloc[0]
    rows = years[years["element"] == element]
    if rows.empty:
        cp.fail(f"{args.results}/select_element_years.csv: no rows for element '{element}' "
                f"(selected: {', '.join(years['element'].unique())})")
    year = args.year or (2030 if (rows["year"] == 2030).any() else int(rows["year"].max()))
    in_year = rows[rows["year"] == year]
    if in_year.empty:
        cp.fail(f"{args.results}/select_element_years.csv: '{element}' carries nothing in {year}")
    fig = plt.figure(figsize=(13, 8))
    grid = fig.add_gridspec(2, 2, height_ratios=[1, 1.3])
    ax_years = fig.add_subplot(grid[0, :])
    by_segment(ax_years, rows)
    ax_years.axvline(year, color="black", linestyle=":", linewidth=1)
    ax_years.set_title(f"tonnes on {element} per year, by segment", fontsize=9)
    ax_od = fig.add_subplot(grid[1, 0])
    by_od(ax_od, in_year, args.top)
    ax_od.set_title(f"in {year}: OD pairs (route) and their share of {in_year['flow_t'].sum() / 1e6:.2f} Mt",
                    fontsize=9)
    ax_links = fig.add_subplot(grid[1, 1])
    also_used(ax_links, links[(links["element"] == element) & (links["year"] == year)], args.top)
    ax_links.set_title(f"in {year}: other elements used by that freight", fontsize=9)
    name = summary["scenario"]["name"]
    fig.suptitle(f"{name}: whose freight is on {element}", fontsize=10)
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    cp.save(fig, args.out, f"{name}_select_{element}_{year}.png", args.dpi)


if __name__ == "__main__":
    main()
