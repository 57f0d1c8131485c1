"""The ASGI application (`uvicorn app.main:app`), reading the database named by DATABASE_URL."""

from app.web.factory import create_app

app = create_app()
