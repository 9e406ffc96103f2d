#!/usr/bin/python3
"""Network map of one year (network.geojson): links coloured by utilisation (the
higher of the two directions of a leg), line width by tonnes, unlimited links
grey, nodes with a capacity coloured by utilisation, on longitude/latitude axes
(no basemap). Links are
straight lines between their end nodes, also the long sea legs.

Writes OUT/<scenario>_network_<year>.png.
  scripts/plot_network.py results/trans-caspian-baseline --year 2030 --out plots
"""
import json
import math
import os

import matplotlib.pyplot as plt
from matplotlib.collections import LineCollection
from matplotlib.colors import Normalize

import corridor_plot as cp


def read_geojson(results_dir):
    path = os.path.join(results_dir, "network.geojson")
    if not os.path.isfile(path):
        cp.fail(f"{path}: missing (written by `corridor run` since network.geojson was added)")
    with open(path, encoding="utf-8") as f:
        return json.load(f)["features"]


def legs(links, year):
    """One entry per leg (both directions together): coordinates, tonnes, utilisation."""
    out = {}
    for f in links:
        p = f["properties"]
        leg = out.setdefault(p["leg"], {"coords": f["geometry"]["coordinates"], "flow_t": 0.0,
                                        "utilisation": None, "mode": p["mode"]})
        leg["flow_t"] += p[f"flow_t_{year}"]
        u = p[f"utilisation_{year}"]
        if u is not None:
            leg["utilisation"] = max(u, leg["utilisation"] or 0.0)
    return list(out.values())


def width(flow_t, max_flow):
    """Line width in points: area-like (square root) scaling, so small flows stay visible."""
    return 0.6 + 6.0 * math.sqrt(flow_t / max_flow)


def draw_links(ax, legs_, max_flow, cmap, norm):
    for limited in (False, True):  # unlimited links first, underneath
        chosen = [g for g in legs_ if (g["utilisation"] is not None) == limited]
        if not chosen:
            continue
        widths = [width(g["flow_t"], max_flow) for g in chosen]
        colors = [cmap(norm(g["utilisation"])) if limited else (0.6, 0.6, 0.6, 0.8) for g in chosen]
        styles = ["solid" if limited or g["flow_t"] > 0 else "dotted" for g in chosen]
        ax.add_collection(LineCollection([g["coords"] for g in chosen], linewidths=widths,
                                         colors=colors, linestyles=styles, capstyle="round"))


def draw_nodes(ax, nodes, year, label_top, extent, cmap, norm):
    if extent:
        nodes = [n for n in nodes if extent[0] <= n["geometry"]["coordinates"][0] <= extent[2]
                 and extent[1] <= n["geometry"]["coordinates"][1] <= extent[3]]
    for limited in (False, True):  # nodes with a capacity are coloured by utilisation
        chosen = [n for n in nodes if (n["properties"][f"utilisation_{year}"] is not None) == limited]
        if not chosen:
            continue
        xs = [n["geometry"]["coordinates"][0] for n in chosen]
        ys = [n["geometry"]["coordinates"][1] for n in chosen]
        if limited:
            us = [n["properties"][f"utilisation_{year}"] for n in chosen]
            ax.scatter(xs, ys, s=40, c=us, cmap=cmap, norm=norm, edgecolors="black",
                       linewidths=0.6, zorder=3, label="node with capacity")
        else:
            ax.scatter(xs, ys, s=10, color="black", zorder=3, label="node, no limit")
    ranked = sorted(nodes, key=lambda n: -n["properties"][f"throughput_t_{year}"])
    for n in ranked[:label_top]:
        x, y = n["geometry"]["coordinates"]
        ax.annotate(n["properties"]["id"], (x, y), xytext=(3, 3), textcoords="offset points",
                    fontsize=7, zorder=4, annotation_clip=True, clip_on=True)


def main():
    p = cp.parser(__doc__.split("\n\n")[0])
    p.add_argument("results", metavar="RESULTS_DIR", help="results folder of `corridor run`")
    p.add_argument("--year", type=int, help="year to map (default: last complete year)")
    p.add_argument("--extent", type=float, nargs=4, metavar=("W", "S", "E", "N"),
                   help="map extent in degrees (default: the whole network)")
    p.add_argument("--labels", type=int, default=12,
                   help="label the N nodes with the most throughput (default 12)")
    args = p.parse_args()
    summary = cp.read_summary(args.results)
    complete = [y["year"] for y in summary["years"] if y["complete"]]
    year = args.year if args.year is not None else complete[-1]
    if year not in [y["year"] for y in summary["years"]]:
        cp.fail(f"year {year} is not in {args.results} (years {summary['years'][0]['year']}-"
                f"{summary['years'][-1]['year']})")
    features = read_geojson(args.results)
    nodes = [f for f in features if f["properties"]["feature"] == "node"]
    legs_ = legs([f for f in features if f["properties"]["feature"] == "link"], year)
    max_flow = max([g["flow_t"] for g in legs_] + [1.0])
    fig, ax = plt.subplots(figsize=(11, 6))
    cmap, norm = plt.get_cmap("RdYlGn_r"), Normalize(0.0, 1.0)
    draw_links(ax, legs_, max_flow, cmap, norm)
    draw_nodes(ax, nodes, year, args.labels, args.extent, cmap, norm)
    lats = [n["geometry"]["coordinates"][1] for n in nodes]
    if args.extent:
        ax.set_xlim(args.extent[0], args.extent[2])
        ax.set_ylim(args.extent[1], args.extent[3])
    else:
        ax.autoscale()
        ax.margins(0.06)  # room for the labels of the outermost nodes
    mid_lat = (args.extent[1] + args.extent[3]) / 2 if args.extent else sum(lats) / len(lats)
    ax.set_aspect(1.0 / math.cos(math.radians(mid_lat)))  # a degree of longitude is shorter
    bar = fig.colorbar(plt.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, shrink=0.8, pad=0.01)
    bar.set_label("utilisation (flow / capacity), busier direction")
    ax.plot([], [], color=(0.6, 0.6, 0.6), label="no capacity limit")
    ax.plot([], [], color="black", linewidth=width(max_flow, max_flow), label=f"{max_flow / 1e6:.1f} Mt (both directions)")
    ax.legend(loc="lower left", fontsize=8)
    ax.set_xlabel("longitude, degrees east")
    ax.set_ylabel("latitude, degrees north")
    ax.grid(alpha=0.3)
    ax.set_title(f"{summary['scenario']['name']}: utilisation of links and nodes in {year} "
                 "(width = tonnes; straight lines, not routes)", fontsize=10)
    suffix = "_zoom" if args.extent else ""
    cp.save(fig, args.out, f"{summary['scenario']['name']}_network_{year}{suffix}.png", args.dpi)


if __name__ == "__main__":
    main()
