"""idempotency keys store the use case's result, not the HTTP response

New rows keep the result in ``result`` and leave ``response_status`` and ``response_body``
NULL. Rows already there keep what they answered and are replayed from it until they expire.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 09:00:00.000000+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "idempotency_keys"
CHECK = "ck_idempotency_keys_result_or_earlier_answer"


def upgrade() -> None:
    op.add_column(
        TABLE, sa.Column("result", postgresql.JSONB(astext_type=sa.Text()), nullable=True)
    )
    op.alter_column(TABLE, "response_status", existing_type=sa.SmallInteger(), nullable=True)
    op.alter_column(
        TABLE, "response_body", existing_type=postgresql.JSONB(astext_type=sa.Text()), nullable=True
    )
    op.create_check_constraint(
        op.f(CHECK), TABLE, "result IS NOT NULL OR response_body IS NOT NULL"
    )


def downgrade() -> None:
    # A row with only a result cannot be answered by the older release: it is dropped, so a
    # retry of that request after a downgrade runs again.
    op.execute("DELETE FROM idempotency_keys WHERE response_body IS NULL")
    op.drop_constraint(op.f(CHECK), TABLE, type_="check")
    op.alter_column(
        TABLE,
        "response_body",
        existing_type=postgresql.JSONB(astext_type=sa.Text()),
        nullable=False,
    )
    op.alter_column(TABLE, "response_status", existing_type=sa.SmallInteger(), nullable=False)
    op.drop_column(TABLE, "result")
