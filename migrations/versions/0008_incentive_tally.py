"""counts of incentives by province, category, level, period and amount, kept by the database

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 08:00:00

The explorer's total and its facet counts were a count over every matching incentive per new view
(30-60 ms at 10,000 articles, the most of a cold page after its rows). incentive_tally holds how many
incentives there are per (province, category, level, period, has an amount): about 11,000 rows for
163,000 incentives, so any view filtered by those alone is counted by summing a few of them.

Each incentive counts once under level '*' (every level) and once under each of its target levels,
so a total with no level filter or with one level is a sum, never a double count. A missing province
or period is stored as '' so that the key can be a primary key.

Kept by triggers on incentive, like the text-search tables: every writer (the ingest, a test that
inserts rows directly, a future tool) keeps it right in its own transaction, so a reader never sees
a count out of step with the rows. A row whose count falls to zero is deleted. The levels are read
from the row's target_levels (the list incentive_target_level is written from), distinct. On
PostgreSQL the trigger first takes a transaction-level advisory lock: two ingests writing at once
would otherwise update shared counts in different orders and could deadlock.
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

CREATE_TABLE = """
CREATE TABLE incentive_tally (
    province_code VARCHAR(12) NOT NULL,
    category VARCHAR(32) NOT NULL,
    level VARCHAR(24) NOT NULL,
    period VARCHAR(16) NOT NULL,
    has_amount BOOLEAN NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (level, category, province_code, period, has_amount)
)
"""

# One incentive's keys: the row itself ('*') and each distinct level. `{row}` is NEW or OLD.
SQLITE_KEYS = """
SELECT coalesce({row}.province_code, '') AS province_code, {row}.category AS category, level,
       coalesce({row}.period, '') AS period, {row}.amount_yuan IS NOT NULL AS has_amount
FROM (SELECT '*' AS level UNION SELECT DISTINCT value FROM json_each({row}.target_levels))
"""

SQLITE_ADD = f"""
INSERT INTO incentive_tally (province_code, category, level, period, has_amount, n)
SELECT province_code, category, level, period, has_amount, 1 FROM ({SQLITE_KEYS.format(row="new")}) WHERE true
ON CONFLICT (level, category, province_code, period, has_amount) DO UPDATE SET n = n + 1;
"""

SQLITE_REMOVE = f"""
UPDATE incentive_tally SET n = n - 1
WHERE (province_code, category, level, period, has_amount) IN ({SQLITE_KEYS.format(row="old")});
DELETE FROM incentive_tally
WHERE n <= 0 AND (province_code, category, level, period, has_amount) IN ({SQLITE_KEYS.format(row="old")});
"""

SQLITE_UP = [
    CREATE_TABLE,
    f"CREATE TRIGGER incentive_tally_insert AFTER INSERT ON incentive BEGIN {SQLITE_ADD} END",
    f"CREATE TRIGGER incentive_tally_delete AFTER DELETE ON incentive BEGIN {SQLITE_REMOVE} END",
    f"""CREATE TRIGGER incentive_tally_update
        AFTER UPDATE OF province_code, category, target_levels, period, amount_yuan ON incentive
        BEGIN {SQLITE_REMOVE} {SQLITE_ADD} END""",
    """
    INSERT INTO incentive_tally (province_code, category, level, period, has_amount, n)
    SELECT coalesce(i.province_code, ''), i.category, levels.level, coalesce(i.period, ''),
           i.amount_yuan IS NOT NULL, count(*)
    FROM incentive i
    JOIN (SELECT id, '*' AS level FROM incentive
          UNION SELECT incentive.id, value FROM incentive, json_each(incentive.target_levels)) AS levels
      ON levels.id = i.id
    GROUP BY 1, 2, 3, 4, 5
    """,
]

SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS incentive_tally_update",
    "DROP TRIGGER IF EXISTS incentive_tally_delete",
    "DROP TRIGGER IF EXISTS incentive_tally_insert",
    "DROP TABLE IF EXISTS incentive_tally",
]

ADVISORY_LOCK_KEY = 8_000_001  # any constant no other lock of this database uses

POSTGRES_FUNCTION = f"""
CREATE FUNCTION incentive_tally_change(item incentive, delta integer) RETURNS void AS $$
BEGIN
    PERFORM pg_advisory_xact_lock({ADVISORY_LOCK_KEY});
    INSERT INTO incentive_tally AS t (province_code, category, level, period, has_amount, n)
    SELECT coalesce(item.province_code, ''), item.category, level, coalesce(item.period, ''),
           item.amount_yuan IS NOT NULL, delta
    FROM (SELECT '*' AS level UNION SELECT json_array_elements_text(item.target_levels)) AS levels
    ON CONFLICT (level, category, province_code, period, has_amount) DO UPDATE SET n = t.n + excluded.n;
    IF delta < 0 THEN
        DELETE FROM incentive_tally
        WHERE n <= 0 AND category = item.category AND province_code = coalesce(item.province_code, '')
          AND period = coalesce(item.period, '') AND has_amount = (item.amount_yuan IS NOT NULL);
    END IF;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION incentive_tally_trigger() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM incentive_tally_change(OLD, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM incentive_tally_change(NEW, 1);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

POSTGRES_UP = [
    CREATE_TABLE,
    POSTGRES_FUNCTION,
    """CREATE TRIGGER incentive_tally AFTER INSERT OR DELETE OR UPDATE OF
        province_code, category, target_levels, period, amount_yuan
        ON incentive FOR EACH ROW EXECUTE FUNCTION incentive_tally_trigger()""",
    """
    INSERT INTO incentive_tally (province_code, category, level, period, has_amount, n)
    SELECT coalesce(i.province_code, ''), i.category, levels.level, coalesce(i.period, ''),
           i.amount_yuan IS NOT NULL, count(*)
    FROM incentive i
    CROSS JOIN LATERAL (SELECT '*' AS level UNION SELECT json_array_elements_text(i.target_levels)) AS levels
    GROUP BY 1, 2, 3, 4, 5
    """,
]

POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS incentive_tally ON incentive",
    "DROP FUNCTION IF EXISTS incentive_tally_trigger()",
    "DROP FUNCTION IF EXISTS incentive_tally_change(incentive, integer)",
    "DROP TABLE IF EXISTS incentive_tally",
]


def _run(statements: list[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    _run(SQLITE_UP if dialect == "sqlite" else POSTGRES_UP)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    _run(SQLITE_DOWN if dialect == "sqlite" else POSTGRES_DOWN)
