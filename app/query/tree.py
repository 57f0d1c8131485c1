"""The place hierarchy as the database holds it (the gazetteer plus the zones ingest adds): who is
whose parent, read once per data version, so that "this place and everything under it" and "what
applies here from above" cost a dictionary walk rather than a recursive query."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from app.models import Place
from app.query.cache import cached


@dataclass(frozen=True)
class PlaceTree:
    parent: dict[int, int | None]
    children: dict[int, tuple[int, ...]]

    def descendants(self, place_id: int) -> list[int]:
        """Every place below this one, at any depth, nearest first."""
        out: list[int] = []
        frontier = list(self.children.get(place_id, ()))
        while frontier:
            out.extend(frontier)
            frontier = [c for p in frontier for c in self.children.get(p, ())]
        return out

    def ancestors(self, place_id: int) -> list[int]:
        """The places above this one, its parent first, up to its province."""
        out: list[int] = []
        current = self.parent.get(place_id)
        while current is not None and current not in out:
            out.append(current)
            current = self.parent.get(current)
        return out

    def top_child(self, place_id: int, descendant: int | None) -> int | None:
        """The child of place_id under which descendant lies (the child itself when it is one)."""
        current: int | None = descendant
        while current is not None and self.parent.get(current) != place_id:
            current = self.parent.get(current)
        return current


def place_tree(session: Session) -> PlaceTree:
    def compute() -> PlaceTree:
        parent: dict[int, int | None] = {}
        children: dict[int, list[int]] = {}
        for place_id, parent_id in session.exec(select(col(Place.id), col(Place.parent_id))).all():
            assert place_id is not None, "a stored place has an id"
            parent[place_id] = parent_id
            if parent_id is not None:
                children.setdefault(parent_id, []).append(place_id)
        return PlaceTree(parent, {p: tuple(c) for p, c in children.items()})

    return cached(session, "place_tree", (), compute)


def place_chain(session: Session, place_id: int | None) -> list[Place]:
    """The place and those above it, the province first: what a breadcrumb shows."""
    if place_id is None:
        return []
    ids = [*place_tree(session).ancestors(place_id)[::-1], place_id]
    found = {p.id: p for p in session.exec(select(Place).where(col(Place.id).in_(ids))).all()}
    return [found[i] for i in ids if i in found]
