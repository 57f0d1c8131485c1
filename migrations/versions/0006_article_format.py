"""articles know what file they came from

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 01:20:00

Articles now arrive as saved web pages, PDF and Word notices as well as text. The article keeps the
format its file was read as, and a saved page's canonical URL, so the article page can link to the
original. Existing articles were all read as text.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("article") as batch:
        batch.add_column(sa.Column("format", sa.String(8), nullable=False, server_default="text"))
        batch.add_column(sa.Column("url", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("article") as batch:
        batch.drop_column("url")
        batch.drop_column("format")
