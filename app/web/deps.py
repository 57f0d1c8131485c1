"""Request dependencies: a database session per request and the reader's language/script choice.

The engine comes from app.db.get_engine for the URL the app was created with (None: the configured
DATABASE_URL), so tests pass a database URL to create_app or override get_session.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlmodel import Session

from app.db import get_engine
from app.query.cache import SESSION_VERSION_KEY
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

# Ids are 32-bit INTEGER columns on PostgreSQL: a larger one would be a driver error, not a 404.
MAX_ID = 2**31 - 1
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
