"""banking operations: a rail instruction can be cancelled (its transfer failed by an
operator); operators list instructions newest first

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-23 09:00:00.000000+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "banking_rail_instructions"
STATE = "ck_banking_rail_instructions_state"


def upgrade() -> None:
    op.drop_constraint(op.f(STATE), TABLE, type_="check")
    op.create_check_constraint(
        op.f(STATE), TABLE, "state IN ('pending', 'submitted', 'dead', 'cancelled')"
    )
    op.create_index(
        op.f("ix_banking_rail_instructions_created"), TABLE, ["created_at", "id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_banking_rail_instructions_created"), table_name=TABLE)
    op.execute("UPDATE banking_rail_instructions SET state = 'dead' WHERE state = 'cancelled'")
    op.drop_constraint(op.f(STATE), TABLE, type_="check")
    op.create_check_constraint(op.f(STATE), TABLE, "state IN ('pending', 'submitted', 'dead')")
