"""the map's per-place aggregates read one covering index

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 02:10:00

/map groups the selected incentives by place (best amount, count, kinds). With an index on
(place_id, category) alone, each of 185,000 rows at 10,000 articles was a table lookup for its amount:
325 ms. (place_id, category, amount_yuan) answers the grouping from the index (about 40 ms), and it
serves everything the old index served, which it replaces.
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("incentive") as batch:
        batch.drop_index("ix_incentive_place_category")
        batch.create_index("ix_incentive_place_category_amount", ["place_id", "category", "amount_yuan"])


def downgrade() -> None:
    with op.batch_alter_table("incentive") as batch:
        batch.drop_index("ix_incentive_place_category_amount")
        batch.create_index("ix_incentive_place_category", ["place_id", "category"])
