"""Longitude and latitude to the map's drawing coordinates, the same for the boundaries (projected
once, when the map data is built) and for each place's symbol (projected per request).

Albers equal-area conic with standard parallels 25°N and 47°N about 105°E, the projection China's
own national maps use: provinces keep their relative areas, so a shaded Xinjiang is not inflated the
way a plain longitude-latitude grid would draw it. The South China Sea islands and the maritime
boundary are drawn in an inset, as on the official maps; a place south of INSET_NORTH goes there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

LON0, LAT1, LAT2 = 105.0, 25.0, 47.0
INSET_NORTH = 17.5  # south of this (三沙市, the islands) a point is drawn in the inset


def albers(lon: float, lat: float) -> tuple[float, float]:
    """Projected (x, y) on the unit sphere, y pointing north."""
    p1, p2 = math.radians(LAT1), math.radians(LAT2)
    n = (math.sin(p1) + math.sin(p2)) / 2
    c = math.cos(p1) ** 2 + 2 * n * math.sin(p1)
    rho0 = math.sqrt(c) / n
    theta = n * math.radians(lon - LON0)
    rho = math.sqrt(c - 2 * n * math.sin(math.radians(lat))) / n
    return rho * math.sin(theta), rho0 - rho * math.cos(theta)


@dataclass(frozen=True)
class Frame:
    """How projected coordinates become SVG pixels: scale and offsets, y flipped to point down."""

    scale: float
    x0: float
    y0: float

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = albers(lon, lat)
        return (x - self.x0) * self.scale, (self.y0 - y) * self.scale


@dataclass(frozen=True)
class MapLayout:
    """The main map's frame and the inset's frame, with the inset's box on the canvas."""

    width: float
    height: float
    main: Frame
    inset: Frame
    inset_box: tuple[float, float, float, float]  # x, y, width, height

    def place(self, lon: float, lat: float) -> tuple[float, float]:
        """Where a place's symbol stands: in the inset when it lies south of the main map."""
        frame = self.inset if lat < INSET_NORTH else self.main
        return frame.point(lon, lat)

    @classmethod
    def from_json(cls, data: dict) -> MapLayout:
        return cls(
            width=data["width"],
            height=data["height"],
            main=Frame(**data["main"]),
            inset=Frame(**data["inset"]),
            inset_box=tuple(data["inset_box"]),
        )
