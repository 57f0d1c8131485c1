"""an incentive's terms as typed items

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 23:00:00

The extractor now reads each term of an offer into a kind ("service" with its years, "purchase",
"location", "age" ...) and the article's words (app/extract/conditions.py). condition_items keeps
that list as JSON, so the calculator compares a service of five years with a profile without reading
the joined `conditions` text again; `conditions` stays, for display and text search. Rows stored
before this revision have NULL here and are read from their text until the article is ingested again.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("incentive", sa.Column("condition_items", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("incentive", "condition_items")
