"""Keeps the place table equal to the gazetteer, upserting by administrative code.

Runs after every schema upgrade (prepare_database); a stored fingerprint makes it a no-op unless the gazetteer changed.
Rows are updated in place (never deleted and re-created) so that place ids, which articles and
incentives point to, stay stable across gazetteer updates.
"""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.db import upgrade
from app.models import GAZETTEER_FINGERPRINT_KEY, Meta, Place
from app.places.gazetteer import PlaceRecord, gazetteer_fingerprint, load_gazetteer, place_slugs, slugify


def prepare_database(engine: Engine) -> None:
    """The schema at its newest revision and the gazetteer loaded: what every command and server
    needs before it reads or writes. One lock covers both, so processes starting together never race."""
    upgrade(engine, then=sync_places)


def _fill(place: Place, rec: PlaceRecord, slug: str) -> Place:
    """The place row's fields from its record (the parent is linked apart: it needs the parent's id)."""
    place.name = rec.name
    place.level = rec.level
    place.province_code = rec.province_adcode
    place.province_name = rec.province_name
    place.slug = slug
    place.short_names = list(rec.short_names)
    place.nicknames = list(rec.nicknames)
    place.longitude = rec.longitude
    place.latitude = rec.latitude
    return place


def sync_places(session: Session) -> bool:
    """Load or refresh the places; returns True when anything was written."""
    fingerprint = gazetteer_fingerprint()
    meta = session.get(Meta, GAZETTEER_FINGERPRINT_KEY)
    if meta is not None and meta.value == fingerprint:
        return False
    existing = {p.adcode: p for p in session.exec(select(Place)).all()}
    records = load_gazetteer()
    slugs = place_slugs()
    # Slugs are unique: park the ones that change so that two places swapping slugs cannot collide.
    moving = [
        existing[r.adcode]
        for r in records
        if r.adcode in existing and existing[r.adcode].slug != slugs[r.adcode]
    ]
    for place in moving:
        place.slug = f"~{place.id}"
    session.flush()
    places: dict[str, Place] = {}
    for rec in records:
        # A table model is not validated when made (SQLModel), and _fill sets every other required
        # field; mypy sees only the constructor's required fields.
        row = existing.get(rec.adcode) or Place(adcode=rec.adcode)  # type: ignore[call-arg]
        place = _fill(row, rec, slugs[rec.adcode])
        session.add(place)
        places[rec.adcode] = place
    session.flush()  # one round of inserts assigns every id; parents are linked after
    for rec in records:
        places[rec.adcode].parent_id = places[rec.parent_adcode].id if rec.parent_adcode else None
    if meta is None:
        meta = Meta(key=GAZETTEER_FINGERPRINT_KEY, value=fingerprint)
    meta.value = fingerprint
    session.add(meta)
    session.commit()
    return True


def add_found_place(session: Session, record: PlaceRecord, parent_id: int | None) -> Place:
    """The row of a place that no gazetteer lists but an article names (a development zone), added on
    first sight under its host. Its slug is the pinyin of its name, made unique with its parent's."""
    existing = session.exec(select(Place).where(Place.adcode == record.adcode)).first()
    if existing is not None:
        return existing
    parent = session.get(Place, parent_id) if parent_id else None
    slug = slugify(record.name)
    if session.exec(select(Place.id).where(Place.slug == slug)).first() is not None:
        slug = f"{slug}-{parent.slug if parent else record.adcode.lower()}"
    # not validated when made: _fill sets its other required fields (see sync_places)
    row = Place(adcode=record.adcode, parent_id=parent_id)  # type: ignore[call-arg]
    place = _fill(row, record, slug[:80])
    session.add(place)
    session.flush()
    return place
