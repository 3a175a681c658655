"""portfolio: documents attached to an investment (statements, tax documents, agreements),
their files sealed in the document store

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-01 20:30:00.000000+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0032"
down_revision: str | None = "0031"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "portfolio_documents",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("investment_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=64), nullable=False),
        sa.Column("key_version", sa.String(length=32), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('statement', 'tax_document', 'agreement')",
            name=op.f("ck_portfolio_documents_kind"),
        ),
        sa.CheckConstraint("size_bytes > 0", name=op.f("ck_portfolio_documents_size_bytes")),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_portfolio_documents_owner_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["investment_id"],
            ["portfolio_investments.id"],
            name=op.f("fk_portfolio_documents_investment_id_portfolio_investments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portfolio_documents")),
        sa.UniqueConstraint("storage_key", name=op.f("uq_portfolio_documents_storage_key")),
    )
    op.create_index(
        "ix_portfolio_documents_investment_id_uploaded_at_id",
        "portfolio_documents",
        ["investment_id", "uploaded_at", "id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        "ix_portfolio_documents_investment_id_uploaded_at_id", table_name="portfolio_documents"
    )
    op.drop_table("portfolio_documents")
