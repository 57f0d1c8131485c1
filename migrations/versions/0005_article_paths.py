"""articles are named by their path

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 23:55:00

An article used to be identified by its file's base name, so a/x.txt and b/x.txt overwrote each other.
It is now named by its path relative to the folder ingested (or its absolute path), which can be longer
than 255 characters: the column widens on PostgreSQL (SQLite does not enforce a VARCHAR's length).
Stored names stay as they are; an ingest matches an old base name to the first file of that name
(app.ingest.pipeline.claim_names), so an existing database keeps its articles and their ids.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("article", "file_name", type_=sa.String(1024), existing_nullable=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("article", "file_name", type_=sa.String(255), existing_nullable=False)
