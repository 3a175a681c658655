"""rail reconciliation: an instruction whose transfer the rail's answer settled is ``settled``;
submitted (unsettled) instructions are found by when the rail was last asked

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 09:00:00.000000+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "banking_rail_instructions"
STATE = "ck_banking_rail_instructions_state"
INDEX = "ix_banking_rail_instructions_unsettled"


def upgrade() -> None:
    op.drop_constraint(op.f(STATE), TABLE, type_="check")
    op.create_check_constraint(
        op.f(STATE), TABLE, "state IN ('pending', 'submitted', 'dead', 'cancelled', 'settled')"
    )
    op.execute(
        """
        UPDATE banking_rail_instructions AS i SET state = 'settled'
        WHERE i.state = 'submitted' AND (
            EXISTS (SELECT 1 FROM banking_deposits AS d
                    WHERE i.reference = 'deposit:' || d.id::text AND d.state <> 'pending')
            OR EXISTS (SELECT 1 FROM banking_withdrawals AS w
                       WHERE i.reference = 'withdrawal:' || w.id::text AND w.state <> 'pending')
        )
        """
    )
    op.execute(
        "UPDATE banking_rail_instructions SET next_attempt_at = submitted_at "
        "WHERE state = 'submitted' AND submitted_at IS NOT NULL"
    )
    op.create_index(
        op.f(INDEX),
        TABLE,
        ["next_attempt_at"],
        unique=False,
        postgresql_where=sa.text("state = 'submitted'"),
    )


def downgrade() -> None:
    op.drop_index(op.f(INDEX), table_name=TABLE)
    op.execute("UPDATE banking_rail_instructions SET state = 'submitted' WHERE state = 'settled'")
    op.drop_constraint(op.f(STATE), TABLE, type_="check")
    op.create_check_constraint(
        op.f(STATE), TABLE, "state IN ('pending', 'submitted', 'dead', 'cancelled')"
    )
