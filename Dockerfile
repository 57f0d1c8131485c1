# Talent Policy Atlas: the dashboard with the seed articles already ingested into its own SQLite.
#
#   docker build -t talent-policy-atlas .
#   docker run -p 8000:8000 talent-policy-atlas
#   docker run -p 8000:8000 -e DATABASE_URL=postgresql+psycopg://... -e WORKERS=4 talent-policy-atlas
#
# The commands below are the ones scripts/serve.sh runs (`pip install -e .`, `python -m app ingest`,
# `python -m app serve`); tests/infra/test_deploy_paths.py fails when they drift apart, because no
# Docker engine runs where the tests do. The install is editable for the same reason serve.sh's is:
# the app finds migrations/ and seeds/ beside its package.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    WORKERS=2

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin atlas

WORKDIR /app
COPY . /app
RUN pip install -e . && mkdir -p /app/data && chown atlas:atlas /app/data

# Everything from here on, and the server, runs without root; the database file belongs to atlas.
USER atlas
RUN python -m app ingest

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"
CMD ["sh", "-c", "exec python -m app serve --host 0.0.0.0 --port 8000 --workers \"$WORKERS\""]
