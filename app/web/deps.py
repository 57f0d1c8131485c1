"""Request dependencies: a database session per request and the reader's language/script choice.

The engine comes from app.db.get_engine for the URL the app was created with (None: the configured
DATABASE_URL), so tests pass a database URL to create_app or override get_session.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request
from sqlmodel import Session

from app.db import get_engine
from app.models import MAX_ID, Place
from app.query.cache import SESSION_VERSION_KEY
from app.query.places import place_with_slug
from app.web.i18n import Prefs, get_prefs


def get_session(request: Request) -> Iterator[Session]:
    """A session per request, carrying the data version the response cache already read, if it did
    (so the query caches do not read it a second time)."""
    with Session(get_engine(request.app.state.database_url)) as session:
        version = request.scope.get("state", {}).get(SESSION_VERSION_KEY)
        if version is not None:
            session.info[SESSION_VERSION_KEY] = version
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
PrefsDep = Annotated[Prefs, Depends(get_prefs)]

IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]


def load_place(session: Session, slug: str) -> Place:
    """The place a /places/{slug} URL names, or the 404 that every page and the API give alike."""
    place = place_with_slug(session, slug)
    if place is None:
        raise HTTPException(status_code=404, detail=f"no place {slug!r}")
    return place
