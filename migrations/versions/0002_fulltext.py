"""full-text search over incentives

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 14:00:00

SQLite: an FTS5 table with the trigram tokenizer (the only built-in tokenizer that finds Chinese
words, which have no spaces) over each incentive's quote, targets, conditions and place name, kept
equal to the incentive table by triggers, because the ingest deletes and re-inserts an article's rows
and cascades delete them. The FTS rowid is the incentive id.

PostgreSQL: pg_trgm and a GIN trigram index on incentive.quote, which ILIKE '%...%' uses.
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Targets are a JSON list; json_each turns it into plain words (the JSON text escapes non-ASCII).
_FTS_ROW = """
    new.id,
    new.quote,
    coalesce((SELECT group_concat(value, ' ') FROM json_each(new.targets)), ''),
    coalesce(new.conditions, ''),
    coalesce((SELECT name FROM place WHERE place.id = new.place_id), '')
"""

SQLITE_UP = [
    """
    CREATE VIRTUAL TABLE incentive_fts USING fts5(
        quote, targets, conditions, place_name, tokenize='trigram'
    )
    """,
    f"""
    CREATE TRIGGER incentive_fts_insert AFTER INSERT ON incentive BEGIN
        INSERT INTO incentive_fts(rowid, quote, targets, conditions, place_name) VALUES ({_FTS_ROW});
    END
    """,
    """
    CREATE TRIGGER incentive_fts_delete AFTER DELETE ON incentive BEGIN
        DELETE FROM incentive_fts WHERE rowid = old.id;
    END
    """,
    f"""
    CREATE TRIGGER incentive_fts_update AFTER UPDATE ON incentive BEGIN
        DELETE FROM incentive_fts WHERE rowid = old.id;
        INSERT INTO incentive_fts(rowid, quote, targets, conditions, place_name) VALUES ({_FTS_ROW});
    END
    """,
    """
    INSERT INTO incentive_fts(rowid, quote, targets, conditions, place_name)
    SELECT incentive.id, incentive.quote,
           coalesce((SELECT group_concat(value, ' ') FROM json_each(incentive.targets)), ''),
           coalesce(incentive.conditions, ''),
           coalesce(place.name, '')
    FROM incentive LEFT JOIN place ON place.id = incentive.place_id
    """,
]

SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS incentive_fts_update",
    "DROP TRIGGER IF EXISTS incentive_fts_delete",
    "DROP TRIGGER IF EXISTS incentive_fts_insert",
    "DROP TABLE IF EXISTS incentive_fts",
]

POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS ix_incentive_quote_trgm ON incentive USING gin (quote gin_trgm_ops)",
]

POSTGRES_DOWN = ["DROP INDEX IF EXISTS ix_incentive_quote_trgm"]


def _run(statements: list[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(SQLITE_UP)
    elif dialect == "postgresql":
        _run(POSTGRES_UP)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(SQLITE_DOWN)
    elif dialect == "postgresql":
        _run(POSTGRES_DOWN)
