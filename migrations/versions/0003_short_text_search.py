"""indexes for one- and two-character text queries

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 15:00:00

SQLite: the trigram table of 0002 cannot answer a query shorter than three characters ("博士"), which
fell back to LIKE over every row (1-2.5 s per request at 10,000 articles). A second FTS5 table,
incentive_bigram, holds the same four texts rewritten as overlapping character pairs ("博士补贴" ->
"博士 士补 补贴 贴"), tokenised by unicode61 (which splits on spaces and punctuation only, so each pair
is one token): a two-character query is one token lookup, a one-character query a prefix lookup ("博"*,
which is why each text's last character is kept as a token of its own). The pairs are made in SQL
(json_each over a run of zeros gives the positions), so the triggers need no function registered by
the application: any connection that writes an incentive keeps the table right. The rowid is the
incentive id. Triggers of its own, beside 0002's, so the order SQLite fires them in does not matter.

PostgreSQL: text search ORed ILIKE over quote (indexed), conditions and targets (not indexed), so
every text query was a sequential scan. One expression (quote, conditions and the targets' JSONB text,
space-separated) gets one GIN trigram index, and ILIKE runs on that expression alone; it supersedes
0002's index on quote. app/query/text_match.py spells the same expression: the two must stay equal.
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _pairs(text: str) -> str:
    """SQL for `text` as its overlapping character pairs and its last character, space-separated."""
    text = f"coalesce({text}, '')"
    positions = f"'[' || rtrim(replace(hex(zeroblob(length({text}))), '00', '0,'), ',') || ']'"
    return (
        f"coalesce((SELECT group_concat(substr({text}, position.key + 1, 2), ' ') "
        f"FROM json_each({positions}) AS position), '')"
    )


def _bigram_row(row: str) -> str:
    texts = (
        f"{row}.quote",
        f"(SELECT group_concat(value, ' ') FROM json_each({row}.targets))",
        f"{row}.conditions",
        f"(SELECT name FROM place WHERE place.id = {row}.place_id)",
    )
    return f"{row}.id, " + " || ' ' || ".join(_pairs(t) for t in texts)


SQLITE_UP = [
    "CREATE VIRTUAL TABLE incentive_bigram USING fts5(pairs, tokenize='unicode61')",
    f"""
    CREATE TRIGGER incentive_bigram_insert AFTER INSERT ON incentive BEGIN
        INSERT INTO incentive_bigram(rowid, pairs) VALUES ({_bigram_row("new")});
    END
    """,
    """
    CREATE TRIGGER incentive_bigram_delete AFTER DELETE ON incentive BEGIN
        DELETE FROM incentive_bigram WHERE rowid = old.id;
    END
    """,
    f"""
    CREATE TRIGGER incentive_bigram_update AFTER UPDATE ON incentive BEGIN
        DELETE FROM incentive_bigram WHERE rowid = old.id;
        INSERT INTO incentive_bigram(rowid, pairs) VALUES ({_bigram_row("new")});
    END
    """,
    f"INSERT INTO incentive_bigram(rowid, pairs) SELECT {_bigram_row('incentive')} FROM incentive",
]

SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS incentive_bigram_update",
    "DROP TRIGGER IF EXISTS incentive_bigram_delete",
    "DROP TRIGGER IF EXISTS incentive_bigram_insert",
    "DROP TABLE IF EXISTS incentive_bigram",
]

SEARCH_TEXT = "(quote || ' ' || coalesce(conditions, '') || ' ' || (targets::jsonb)::text)"

POSTGRES_UP = [
    f"CREATE INDEX IF NOT EXISTS ix_incentive_search_trgm ON incentive USING gin ({SEARCH_TEXT} gin_trgm_ops)",
    "DROP INDEX IF EXISTS ix_incentive_quote_trgm",
]

POSTGRES_DOWN = [
    "CREATE INDEX IF NOT EXISTS ix_incentive_quote_trgm ON incentive USING gin (quote gin_trgm_ops)",
    "DROP INDEX IF EXISTS ix_incentive_search_trgm",
]


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
