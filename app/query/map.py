"""What the map shows: for each place and each province, the best single offer, the number of offers
and the number of kinds, over the incentives the explorer's filters select.

Two grouped queries over the same WHERE clause the explorer builds (app.query.filters.resolve), so
a map and the explorer with the same parameters always agree; computed once per data version and
set of parameters, like the other cached reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from sqlalchemy import distinct, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.models import Incentive, Place
from app.query.cache import cached
from app.query.filters import ResolvedFilters

DEFAULT_MEASURE: Final = "best"  # Final: its type is the literal, a valid default for a Literal parameter


@dataclass(frozen=True)
class Measures:
    best: int | None  # the largest amount in yuan; None when every offer is in kind
    offers: int
    kinds: int

    def value(self, measure: str) -> int | None:
        return getattr(self, measure)


@dataclass(frozen=True)
class PlaceOnMap:
    slug: str
    name: str
    level: str
    province_code: str
    longitude: float
    latitude: float
    measures: Measures


@dataclass(frozen=True)
class ProvinceOnMap:
    adcode: str
    slug: str
    name: str
    measures: Measures


@dataclass(frozen=True)
class MapData:
    places: tuple[PlaceOnMap, ...]
    provinces: tuple[ProvinceOnMap, ...]
    unplaced: int  # offers of a place without coordinates, counted in its province only


def _measures(best: int | None, offers: int, kinds: int) -> Measures:
    return Measures(int(best) if best is not None else None, int(offers), int(kinds))


@dataclass(frozen=True)
class Point:
    slug: str
    name: str
    level: str
    province_code: str
    longitude: float | None
    latitude: float | None


def place_points(session: Session) -> tuple[dict[int, Point], dict[str, tuple[str, str]]]:
    """Every place's name and coordinates by id, and each province's slug and name by code: read
    once per data version, so the map's queries need not join the place table."""

    def compute() -> tuple[dict[int, Point], dict[str, tuple[str, str]]]:
        points: dict[int, Point] = {}
        provinces: dict[str, tuple[str, str]] = {}
        query = sa_select(  # SQLAlchemy's select: SQLModel's is typed for at most four columns
            col(Place.id),
            col(Place.slug),
            col(Place.name),
            col(Place.level),
            col(Place.province_code),
            col(Place.longitude),
            col(Place.latitude),
        )
        for pid, slug, name, level, code, lon, lat in session.execute(query).all():
            assert pid is not None, "a stored place has an id"
            points[pid] = Point(slug, name, level, code, lon, lat)
            if level == "province":
                provinces[code] = (slug, name)
        return points, provinces

    return cached(session, "place_points", (), compute)


def map_data(session: Session, resolved: ResolvedFilters) -> MapData:
    """Every place and province with at least one selected offer, with its three measures.

    One grouped query by place, which the (place_id, category, amount_yuan) index answers without
    reading the table, and one by province for its kinds (a count of distinct categories cannot be
    summed from its places'); a province's best and count are its places', added up here."""

    def compute() -> MapData:
        points, province_names = place_points(session)
        place_rows = session.exec(
            select(
                col(Incentive.place_id),
                func.max(Incentive.amount_yuan),
                func.count(col(Incentive.id)),
                func.count(distinct(col(Incentive.category))),
            )
            .where(col(Incentive.place_id).is_not(None), *resolved.conditions)
            .group_by(col(Incentive.place_id))
        ).all()
        # Per-row forms (a level as EXISTS, not IN every qualifying id): counting distinct kinds walks
        # the (province_code, category) index and needs one matching row per pair, so the probe stops
        # early; the IN list cost as much as the level had rows (61 ms -> 2 ms for doctorates at 10,000).
        kinds_by_province = dict(
            session.exec(
                select(col(Incentive.province_code), func.count(distinct(col(Incentive.category))))
                .where(col(Incentive.province_code).is_not(None), *resolved.conditions_probing(*resolved.per_row))
                .group_by(col(Incentive.province_code))
            ).all()
        )
        places: list[PlaceOnMap] = []
        province_best: dict[str, int | None] = {}
        province_offers: dict[str, int] = {}
        unplaced = 0
        for place_id, best, offers, kinds in place_rows:
            point = points.get(place_id) if place_id is not None else None
            if point is None:
                continue
            code = point.province_code
            province_offers[code] = province_offers.get(code, 0) + offers
            if best is not None:
                province_best[code] = max(province_best.get(code) or best, best)
            else:
                province_best.setdefault(code, None)
            if point.longitude is None or point.latitude is None:
                unplaced += offers
                continue
            measures = _measures(best, offers, kinds)
            places.append(
                PlaceOnMap(point.slug, point.name, point.level, code, point.longitude, point.latitude, measures)
            )
        provinces = tuple(
            ProvinceOnMap(code, *province_names[code], _measures(province_best.get(code), n, kinds_by_province.get(code, 0)))
            for code, n in province_offers.items()
            if code in province_names
        )
        return MapData(tuple(places), provinces, unplaced)

    return cached(session, "map_data", tuple(resolved.params.query_pairs(page=False)), compute)
