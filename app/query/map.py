"""What the map shows: for each place and each province, the best single offer, the number of offers
and the number of kinds, over the incentives the explorer's filters select.

Two grouped queries over the same WHERE clause the explorer builds (app.query.filters.resolve), so
a map and the explorer with the same parameters always agree; computed once per data version and
set of parameters, like the other cached reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import distinct, func
from sqlmodel import Session, select

from app.models import Incentive, Place
from app.query.cache import cached
from app.query.filters import ResolvedFilters

MEASURES = ("best", "offers", "kinds")  # best single offer (yuan), number of offers, number of kinds
DEFAULT_MEASURE = "best"


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


def map_data(session: Session, resolved: ResolvedFilters) -> MapData:
    """Every place and province with at least one selected offer, with its three measures."""

    def compute() -> MapData:
        stats = (
            func.max(Incentive.amount_yuan),
            func.count(Incentive.id),
            func.count(distinct(Incentive.category)),
        )
        place_rows = session.exec(
            select(Place.slug, Place.name, Place.level, Place.province_code, Place.longitude, Place.latitude, *stats)
            .join(Place, Place.id == Incentive.place_id)
            .where(*resolved.conditions)
            .group_by(Place.id)
        ).all()
        province_rows = session.exec(
            select(Incentive.province_code, *stats)
            .where(Incentive.province_code.is_not(None), *resolved.conditions)
            .group_by(Incentive.province_code)
        ).all()
        names = dict(
            (code, (slug, name))
            for code, slug, name in session.exec(
                select(Place.province_code, Place.slug, Place.name).where(Place.level == "province")
            ).all()
        )
        places = tuple(
            PlaceOnMap(slug, name, level, code, lon, lat, _measures(best, n, kinds))
            for slug, name, level, code, lon, lat, best, n, kinds in place_rows
            if lon is not None and lat is not None
        )
        unplaced = sum(n for *_, lon, lat, _best, n, _k in place_rows if lon is None or lat is None)
        provinces = tuple(
            ProvinceOnMap(code, *names[code], _measures(best, n, kinds))
            for code, best, n, kinds in province_rows
            if code in names
        )
        return MapData(places, provinces, unplaced)

    return cached(session, "map_data", tuple(resolved.params.query_pairs(page=False)), compute)
