"""PostgreSQL: an index in the order a page sorted by amount is read

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 10:10:00

A page of the explorer now reads its ids first, in its own order, from the incentive table alone
(app/query/incentives.py). Largest first with missing amounts last is "amount_yuan DESC NULLS LAST"
on PostgreSQL, which reads the plain amount index backwards only as DESC NULLS FIRST, so an
unfiltered page was a sequential scan and a sort of every row. This index holds that order, with
the id that breaks ties. SQLite sorts NULL lowest, so a plain DESC already walks its amount index.
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_incentive_amount_desc ON incentive (amount_yuan DESC NULLS LAST, id)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_incentive_amount_desc")
