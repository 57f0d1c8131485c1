"""The dashboard: FastAPI routes, Jinja2 templates and HTMX fragments over the atlas database."""
