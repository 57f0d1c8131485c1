"""the calculator's offers, kept by the database: who each is for and on what terms, as small ids

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 18:00:00

The calculator's nationwide ranking read every incentive with a place once per data version, its
JSON columns decoded and its typed terms sorted row by row: 0.75 s at 3,000 articles and 2.2 s at
10,000 for the first profile after every ingest. What a ranking needs of an offer that does not depend
on the profile is its place, who it is for (targets and target levels) and its terms (category,
amounts, period, duration, whether it needs a home purchase, the longest minimum service), and those
recur: 163,000 offers at 10,000 articles have 64 distinct target lists and 25,600 distinct terms.

- calculator_target_list: each distinct (targets, target_levels) once, as the incentive's JSON text.
- calculator_terms: each distinct set of terms once. needs_purchase and service_years are read from
  condition_items here, as app.calculator.conditions.read_conditions reads them (a "purchase" item; the
  largest "years" of a "service" item). A row stored before its terms were typed (migration 0004,
  condition_items NULL) has neither, and conditions_text holds its joined line for the calculator to
  type, as it always did.
- calculator_offer: one row per incentive with a place: (incentive, place, province, target list,
  terms), with an index that answers "these target lists' offers" by itself.

A profile then decides which target lists it matches (a few dozen decisions), reads those lists'
offers as three integers each, and values each distinct terms once.

Kept by triggers on incentive, like incentive_tally (0008): every writer keeps them right in its own
transaction, so a reader never sees an offer without its row here or half an article. Lists and terms
are only ever added, never changed or deleted (an unused one costs a row), so an id means the same
thing for as long as the database lives; offers follow their incentive (an article replaced deletes
and inserts its incentives). The unique key of a list or terms is its columns joined (on PostgreSQL
their SHA-256, since a btree entry is limited to about 2.7 kB). On PostgreSQL the trigger first takes
the same transaction-level advisory lock as incentive_tally's (and fires before it, by name), so that
two ingests adding the same new list or terms wait for each other instead of deadlocking.
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TABLES = [
    """
    CREATE TABLE calculator_target_list (
        id {serial} PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        targets TEXT NOT NULL,
        target_levels TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE calculator_terms (
        id {serial} PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        category VARCHAR(32) NOT NULL,
        amount_yuan BIGINT,
        amount_min BIGINT,
        amount_kind VARCHAR(8),
        period VARCHAR(16),
        duration_months INTEGER,
        needs_purchase BOOLEAN,
        service_years INTEGER,
        conditions_text TEXT
    )
    """,
    """
    CREATE TABLE calculator_offer (
        incentive_id INTEGER PRIMARY KEY,
        place_id INTEGER NOT NULL,
        province_code VARCHAR(12),
        target_list_id INTEGER NOT NULL,
        terms_id INTEGER NOT NULL
    )
    """,
    # Covering: a profile's read of its target lists' offers (and their places) never leaves it.
    "CREATE INDEX ix_calculator_offer_list ON calculator_offer"
    " (target_list_id, province_code, place_id, terms_id, incentive_id)",
]


def _tables(serial: str) -> list[str]:
    """The tables, with ids numbered by the database (INTEGER PRIMARY KEY on SQLite, SERIAL on PostgreSQL)."""
    return [statement.replace("{serial}", serial) for statement in TABLES]


# The incentive's columns the three tables are made from, as a one-row table when `{row}` is the
# trigger's NEW; the backfill reads the incentive table itself instead.
ROW = """(SELECT {row}.id AS id, {row}.place_id AS place_id, {row}.province_code AS province_code,
    {row}.category AS category, {row}.amount_yuan AS amount_yuan, {row}.amount_min AS amount_min,
    {row}.amount_kind AS amount_kind, {row}.period AS period, {row}.duration_months AS duration_months,
    {row}.targets AS targets, {row}.target_levels AS target_levels, {row}.condition_items AS condition_items,
    {row}.conditions AS conditions)"""


class Dialect:
    """The few expressions that differ between SQLite and PostgreSQL."""

    def __init__(self, text: str, legacy: str, purchase: str, service: str, key: str, boolean: str) -> None:
        self.text = text  # a JSON column as its stored text
        self.legacy = legacy  # no typed terms (before 0004)
        self.purchase = purchase  # a "purchase" item
        self.service = service  # the largest years of a "service" item
        self.key = key  # a unique key from a text
        self.boolean = boolean  # a boolean as text, for a key

    def terms(self, source: str) -> str:
        """The incentives of `source` (alias i) with their terms read: alias t."""
        legacy = self.legacy.format(i="i")
        return f"""(SELECT i.id AS id, i.place_id AS place_id, i.province_code AS province_code,
            {self.text.format(x="i.targets")} AS targets, {self.text.format(x="i.target_levels")} AS target_levels,
            i.category AS category, i.amount_yuan AS amount_yuan, i.amount_min AS amount_min,
            i.amount_kind AS amount_kind, i.period AS period, i.duration_months AS duration_months,
            CASE WHEN {legacy} THEN NULL ELSE {self.purchase.format(i="i")} END AS needs_purchase,
            CASE WHEN {legacy} THEN NULL ELSE {self.service.format(i="i")} END AS service_years,
            CASE WHEN {legacy} THEN coalesce(i.conditions, '') END AS conditions_text
        FROM {source} AS i WHERE i.place_id IS NOT NULL) AS t"""

    def list_key(self) -> str:
        return self.key.format(x="t.targets || t.target_levels")  # JSON arrays: the join is unambiguous

    def terms_key(self) -> str:
        # Category, kinds and periods are slugs without "|", and the one free text comes last.
        parts = [
            "t.category",
            "coalesce(CAST(t.amount_yuan AS TEXT), '')",
            "coalesce(CAST(t.amount_min AS TEXT), '')",
            "coalesce(t.amount_kind, '')",
            "coalesce(t.period, '')",
            "coalesce(CAST(t.duration_months AS TEXT), '')",
            f"coalesce({self.boolean.format(x='t.needs_purchase')}, '')",
            "coalesce(CAST(t.service_years AS TEXT), '')",
            "coalesce(t.conditions_text, '')",
        ]
        return self.key.format(x=" || '|' || ".join(parts))

    def add(self, source: str) -> list[str]:
        """Statements that add the offers of `source`'s incentives, and any list or terms new to them."""
        terms = self.terms(source)
        return [
            f"""INSERT INTO calculator_target_list (key, targets, target_levels)
                SELECT DISTINCT {self.list_key()}, t.targets, t.target_levels FROM {terms}
                WHERE true ON CONFLICT (key) DO NOTHING""",
            f"""INSERT INTO calculator_terms (key, category, amount_yuan, amount_min, amount_kind, period,
                    duration_months, needs_purchase, service_years, conditions_text)
                SELECT DISTINCT {self.terms_key()}, t.category, t.amount_yuan, t.amount_min, t.amount_kind,
                    t.period, t.duration_months, t.needs_purchase, t.service_years, t.conditions_text
                FROM {terms} WHERE true ON CONFLICT (key) DO NOTHING""",
            f"""INSERT INTO calculator_offer (incentive_id, place_id, province_code, target_list_id, terms_id)
                SELECT t.id, t.place_id, t.province_code, l.id, c.id FROM {terms}
                JOIN calculator_target_list l ON l.key = {self.list_key()}
                JOIN calculator_terms c ON c.key = {self.terms_key()}""",
        ]


SQLITE = Dialect(
    text="{x}",
    legacy="({i}.condition_items IS NULL OR {i}.condition_items = 'null')",
    purchase="EXISTS (SELECT 1 FROM json_each({i}.condition_items) WHERE json_extract(value, '$.kind') = 'purchase')",
    service="(SELECT max(CAST(json_extract(value, '$.years') AS INTEGER)) FROM json_each({i}.condition_items)"
    " WHERE json_extract(value, '$.kind') = 'service')",
    key="{x}",
    boolean="CAST({x} AS TEXT)",
)

POSTGRES = Dialect(
    text="{x}::text",
    legacy="({i}.condition_items IS NULL OR {i}.condition_items::text = 'null')",
    purchase="EXISTS (SELECT 1 FROM json_array_elements({i}.condition_items) e WHERE e->>'kind' = 'purchase')",
    service="(SELECT max(trunc((e->>'years')::numeric)::integer) FROM json_array_elements({i}.condition_items) e"
    " WHERE e->>'kind' = 'service')",
    key="encode(sha256(convert_to({x}, 'UTF8')), 'hex')",
    boolean="CAST(CAST({x} AS INTEGER) AS TEXT)",  # '0' / '1', as on SQLite
)


def _sqlite_up() -> list[str]:
    new = ROW.format(row="new")
    add = "; ".join(SQLITE.add(new))
    return [
        *_tables("INTEGER"),
        f"CREATE TRIGGER calculator_offer_insert AFTER INSERT ON incentive BEGIN {add}; END",
        "CREATE TRIGGER calculator_offer_delete AFTER DELETE ON incentive"
        " BEGIN DELETE FROM calculator_offer WHERE incentive_id = old.id; END",
        "CREATE TRIGGER calculator_offer_update AFTER UPDATE ON incentive"
        f" BEGIN DELETE FROM calculator_offer WHERE incentive_id = old.id; {add}; END",
        *SQLITE.add("incentive"),
    ]


ADVISORY_LOCK_KEY = 8_000_001  # incentive_tally's (0008): one lock for the tables kept from incentive


def _postgres_up() -> list[str]:
    add = ";\n        ".join(POSTGRES.add(ROW.format(row="NEW")))
    function = f"""
    CREATE FUNCTION calculator_offer_trigger() RETURNS trigger AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            DELETE FROM calculator_offer WHERE incentive_id = OLD.id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            IF NEW.place_id IS NOT NULL THEN
                PERFORM pg_advisory_xact_lock({ADVISORY_LOCK_KEY});
                {add};
            END IF;
        END IF;
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql;
    """
    return [
        *_tables("SERIAL"),
        function,
        "CREATE TRIGGER calculator_offer AFTER INSERT OR DELETE OR UPDATE ON incentive"
        " FOR EACH ROW EXECUTE FUNCTION calculator_offer_trigger()",
        *POSTGRES.add("incentive"),
    ]


SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS calculator_offer_update",
    "DROP TRIGGER IF EXISTS calculator_offer_delete",
    "DROP TRIGGER IF EXISTS calculator_offer_insert",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS calculator_offer ON incentive",
    "DROP FUNCTION IF EXISTS calculator_offer_trigger()",
]
DROP_TABLES = [
    "DROP TABLE IF EXISTS calculator_offer",
    "DROP TABLE IF EXISTS calculator_terms",
    "DROP TABLE IF EXISTS calculator_target_list",
]


def upgrade() -> None:
    for statement in _sqlite_up() if op.get_bind().dialect.name == "sqlite" else _postgres_up():
        op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in (SQLITE_DOWN if sqlite else POSTGRES_DOWN) + DROP_TABLES:
        op.execute(statement)
