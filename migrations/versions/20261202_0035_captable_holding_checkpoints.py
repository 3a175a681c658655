"""captable: holdings checkpoints, the cap table as it stood at the end of a past date, kept
every few thousand events, so a view as of a date reads the nearest checkpoint and the events
after it instead of every security of the issuer; and the index the tail's consumptions need

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-02 00:00:00.000000+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0035"
down_revision: str | None = "0034"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

QUANTITY = sa.Numeric(precision=28, scale=8)


def upgrade() -> None:
    op.create_table(
        "captable_checkpoints",
        sa.Column("issuer_id", sa.Uuid(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["issuer_id"],
            ["captable_issuers.id"],
            name=op.f("fk_captable_checkpoints_issuer_id_captable_issuers"),
        ),
        sa.PrimaryKeyConstraint("issuer_id", "as_of", name=op.f("pk_captable_checkpoints")),
    )
    op.create_table(
        "captable_checkpoint_holdings",
        sa.Column("issuer_id", sa.Uuid(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("stakeholder_id", sa.Uuid(), nullable=False),
        sa.Column("stock_class_id", sa.Uuid(), nullable=False),
        sa.Column("quantity", QUANTITY, nullable=False),
        sa.Column("certificates", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "quantity > 0", name=op.f("ck_captable_checkpoint_holdings_quantity_positive")
        ),
        sa.CheckConstraint(
            "certificates > 0", name=op.f("ck_captable_checkpoint_holdings_certificates_positive")
        ),
        sa.ForeignKeyConstraint(
            ["issuer_id", "as_of"],
            ["captable_checkpoints.issuer_id", "captable_checkpoints.as_of"],
            name="fk_captable_checkpoint_holdings_checkpoint",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "issuer_id",
            "as_of",
            "stakeholder_id",
            "stock_class_id",
            name=op.f("pk_captable_checkpoint_holdings"),
        ),
    )
    op.create_index(
        "ix_captable_securities_issuer_id_consumed_on",
        "captable_securities",
        ["issuer_id", "consumed_on"],
        postgresql_where=sa.text("consumed_on IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_captable_securities_issuer_id_consumed_on", "captable_securities")
    op.drop_table("captable_checkpoint_holdings")
    op.drop_table("captable_checkpoints")
