"""The place a URL names is read once per data version and shared; a slug that names nothing is
never kept, so a crawler trying slugs cannot fill the per-version cache."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.query.cache import _cache
from app.query.places import place_with_slug


def test_a_found_place_is_read_once_and_an_unknown_slug_is_not_kept(engine: Engine) -> None:
    _cache.clear()
    reads: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: reads.append(a[2]) if "FROM place" in a[2] else None)
    with Session(engine) as first:
        found = place_with_slug(first, "kelamayi")
    with Session(engine) as second:
        assert place_with_slug(second, "kelamayi") is found  # shared, from the cache
        assert found is not None and found.name == "克拉玛依市" and found not in second
        assert place_with_slug(second, "xinjiang", province=True) is not None
        assert place_with_slug(second, "kelamayi", province=True) is None  # a city, not a province
        entries = len(_cache._entries)
        for n in range(50):
            assert place_with_slug(second, f"no-such-place-{n}") is None
        assert len(_cache._entries) == entries
    assert len(reads) == 1 + 2 + 50
