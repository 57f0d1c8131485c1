"""The map drawn by the server: provinces shaded by a measure, a symbol per place sized by it.

Like the bar charts, every figure is also text (each shape's title and aria-label, and the table the
page prints under the map), so the map reads without colour, without JavaScript and on paper. The
outlines are built once by scripts/build_map.py; here they are only coloured and the places are
projected onto them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

from app.links import place_url
from app.places.projection import MapLayout
from app.query.map import MapData

MAP_FILE = Path(__file__).resolve().parents[1] / "data" / "china_map.json"
CLASSES = 5  # shades of the province fill, q1 (least) to q5 (most); q0 is "no offers"
R_MIN, R_MAX = 5.0, 22.0  # symbol radius in map units: the smallest still clickable on a phone
TABLE_ROWS = 50
# Provinces the gazetteer does not cover (no articles can be placed there) still belong on the map.
UNLISTED = {"710000": "台湾省", "810000": "香港特别行政区", "820000": "澳门特别行政区"}


@dataclass(frozen=True)
class Outlines:
    layout: MapLayout
    provinces: dict[str, str]
    inset_provinces: dict[str, str]
    maritime: str


@lru_cache(maxsize=1)
def outlines() -> Outlines:
    data = json.loads(MAP_FILE.read_text("utf-8"))
    return Outlines(MapLayout.from_json(data), data["provinces"], data["inset_provinces"], data["maritime"])


@lru_cache(maxsize=16384)
def _position(lon: float, lat: float) -> tuple[float, float]:
    """A place's spot on the map, rounded; places do not move, so each is projected once."""
    x, y = outlines().layout.place(lon, lat)
    return round(x, 1), round(y, 1)


@dataclass(frozen=True)
class Shape:
    adcode: str
    path: str
    inset_path: str | None
    shade: int  # 0 (no offers) to CLASSES
    label: str  # "广东省: 150万元", as the reader's language writes it
    href: str | None
    highlighted: bool


@dataclass(frozen=True)
class Symbol:
    x: float
    y: float
    r: float
    slug: str
    name: str
    value: int | None
    label: str
    in_kind_only: bool
    highlighted: bool


@dataclass(frozen=True)
class LegendStep:
    shade: int
    low: int
    high: int


@dataclass(frozen=True)
class SizeStep:
    """A reference circle of the size legend: what a symbol of this radius stands for."""

    r: float
    value: int


@dataclass(frozen=True)
class Drawing:
    width: float
    height: float
    inset_box: tuple[float, float, float, float]
    maritime: str
    shapes: tuple[Shape, ...]
    symbols: tuple[Symbol, ...]
    legend: tuple[LegendStep, ...]
    sizes: tuple[SizeStep, ...]
    table: tuple[Symbol, ...]
    more: int


def _nice(value: float) -> int:
    """Two significant digits: legend bounds a reader can say aloud (1,500,000 not 1,483,211)."""
    if value <= 0:
        return 0
    digits = 10 ** max(0, math.floor(math.log10(value)) - 1)
    return int(round(value / digits) * digits)


def symbols_markup(symbols: tuple[Symbol, ...]) -> Markup:
    """The symbols' SVG, joined here rather than looped in the template: at 10,000 articles there are
    3,000 of them, and a Jinja loop over their fields cost 30 ms of a 200 ms render. Every text is
    escaped; the numbers are ours."""
    parts = []
    for s in symbols:
        ring = f'<circle class="ring" cx="{s.x}" cy="{s.y}" r="{s.r + 6}"/>' if s.highlighted else ""
        kind = ' class="in-kind"' if s.in_kind_only else ""
        parts.append(
            f'<a href="{escape(place_url(s.slug))}" class="sym{" hl" if s.highlighted else ""}">{ring}'
            f'<circle cx="{s.x}" cy="{s.y}" r="{s.r}"{kind}/><title>{escape(s.label)}</title></a>'
        )
    return Markup("\n".join(parts))


def breaks(values: list[int]) -> list[int]:
    """Upper bounds of up to CLASSES shades by quantile of the provinces' values, rounded; repeated
    bounds merge, so three provinces with data give three shades, not five of which two are empty."""
    ordered = sorted(v for v in values if v > 0)
    if not ordered:
        return []
    bounds: list[int] = []
    for i in range(1, CLASSES + 1):
        bound = _nice(ordered[min(len(ordered) - 1, math.ceil(i * len(ordered) / CLASSES) - 1)])
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    bounds[-1] = max(bounds[-1], ordered[-1])
    return bounds


def _shade(value: int | None, bounds: list[int]) -> int:
    if not value:
        return 0
    offset = CLASSES - len(bounds)  # few classes use the darker end, so "most" always looks most
    for i, bound in enumerate(bounds, start=1):
        if value <= bound:
            return i + offset
    return CLASSES


class SymbolScale:
    """Symbol radius by value. Amounts run from a few thousand yuan to a billion, so their radius
    follows the logarithm (on an area scale one team grant would shrink every city to a dot);
    counts follow the square root, so a circle's area grows with the count."""

    def __init__(self, values: list[int], logarithmic: bool) -> None:
        positive = [v for v in values if v > 0]
        self.low, self.high = (min(positive), max(positive)) if positive else (0, 0)
        self.logarithmic = logarithmic

    def share(self, value: int | None) -> float:
        if not value or self.high <= 0:
            return 0.0
        if self.logarithmic:
            span = math.log10(self.high) - math.log10(self.low)
            return (math.log10(value) - math.log10(self.low)) / span if span else 1.0
        return math.sqrt(value / self.high)

    def radius(self, value: int | None) -> float:
        return round(R_MIN + (R_MAX - R_MIN) * self.share(value), 1)

    def steps(self) -> tuple[SizeStep, ...]:
        """The smallest, a middle and the largest value, each with its circle."""
        if self.high <= 0:
            return ()
        middle = math.sqrt(self.low * self.high) if self.logarithmic else (self.low + self.high) / 2
        values = sorted({self.low, _nice(middle) or self.low, self.high})
        return tuple(SizeStep(self.radius(v), v) for v in values)


Describe = Callable[[str, int | None], str]  # (Chinese name, value) -> "克拉玛依市: 1000万元"


def draw(data: MapData, measure: str, describe: Describe, highlight: str | None = None) -> Drawing:
    """The map's shapes, symbols, legend and table. Labels are made here, once per shape, rather
    than by the template: at 10,000 articles the map has 3,000 symbols."""
    base = outlines()
    layout = base.layout
    by_code = {p.adcode: p for p in data.provinces}
    bounds = breaks([p.measures.value(measure) or 0 for p in data.provinces])
    highlighted_province = next((p.province_code for p in data.places if p.slug == highlight), None)
    shapes = []
    for adcode, path in base.provinces.items():
        province = by_code.get(adcode)
        value = province.measures.value(measure) if province else None
        name = province.name if province else UNLISTED.get(adcode, "")
        shapes.append(
            Shape(
                adcode,
                path,
                base.inset_provinces.get(adcode),
                _shade(value, bounds),
                describe(name, value),
                place_url(province.slug) if province else None,
                adcode == highlighted_province,
            )
        )
    shapes.sort(key=lambda s: s.highlighted)  # the marked province's outline over its neighbours'

    values = [p.measures.value(measure) or 0 for p in data.places]
    scale = SymbolScale(values, logarithmic=measure == "best")
    symbols = []
    for place, value in zip(data.places, values, strict=True):
        x, y = _position(place.longitude, place.latitude)
        symbols.append(
            Symbol(
                x,
                y,
                scale.radius(value),
                place.slug,
                place.name,
                value or None,
                describe(place.name, value or None),
                measure == "best" and place.measures.best is None,
                place.slug == highlight,
            )
        )
    # large symbols first, so a small one is never hidden under a large neighbour; the highlighted last
    symbols.sort(key=lambda s: (s.highlighted, -s.r, s.slug))
    ranked = sorted(symbols, key=lambda s: (-(s.value or 0), s.slug))
    low = min((v for v in (p.measures.value(measure) for p in data.provinces) if v), default=1)
    legend = []
    offset = CLASSES - len(bounds)
    for i, bound in enumerate(bounds, start=1):
        legend.append(LegendStep(i + offset, low, bound))
        low = bound + 1
    return Drawing(
        layout.width,
        layout.height,
        layout.inset_box,
        base.maritime,
        tuple(shapes),
        tuple(symbols),
        tuple(legend),
        scale.steps(),
        tuple(ranked[:TABLE_ROWS]),
        max(0, len(ranked) - TABLE_ROWS),
    )
