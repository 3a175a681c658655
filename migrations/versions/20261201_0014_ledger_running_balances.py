"""ledger running balances: each posting carries its account's owner, its entry's time, its
place in writing order and (for owned accounts) the posted balance after it, so a user's
history page is one index range

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 09:00:00.000000+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "ledger_postings"

# Postings are append-only (a trigger refuses UPDATE); the backfill lifts it for this
# transaction only and computes what the adapter now writes with every new posting.
BACKFILL = """
UPDATE ledger_postings p
SET owner_id = r.owner_id, created_at = r.created_at, seq = r.seq,
    balance_after = CASE WHEN r.owner_id IS NULL THEN NULL ELSE r.balance_after END
FROM (
    SELECT p2.entry_id, p2.line, a.owner_id, e.created_at,
           row_number() OVER (ORDER BY e.created_at, p2.entry_id, p2.line) AS seq,
           sum(p2.amount) OVER (PARTITION BY p2.account_id
                                ORDER BY e.created_at, p2.entry_id, p2.line) AS balance_after
    FROM ledger_postings p2
    JOIN ledger_accounts a ON a.id = p2.account_id
    JOIN ledger_entries e ON e.id = p2.entry_id
) r
WHERE p.entry_id = r.entry_id AND p.line = r.line
"""

RESTART_SEQ = """
SELECT setval(pg_get_serial_sequence('ledger_postings', 'seq'),
              (SELECT coalesce(max(seq), 0) + 1 FROM ledger_postings), false)
"""


def upgrade() -> None:
    op.add_column(TABLE, sa.Column("owner_id", sa.Uuid(), nullable=True))
    op.add_column(
        TABLE,
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
    )
    op.add_column(TABLE, sa.Column("balance_after", sa.Numeric(28, 8), nullable=True))
    op.add_column(TABLE, sa.Column("seq", sa.BigInteger(), sa.Identity(), nullable=False))
    op.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER {TABLE}_append_only")
    op.execute(BACKFILL)
    op.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER {TABLE}_append_only")
    op.execute(RESTART_SEQ)
    op.create_unique_constraint(op.f("uq_ledger_postings_seq"), TABLE, ["seq"])
    op.create_index(
        "ix_ledger_postings_owner_history",
        TABLE,
        ["owner_id", sa.text("seq DESC")],
        postgresql_where=sa.text("owner_id IS NOT NULL"),
    )
    op.create_index("ix_ledger_postings_account_created", TABLE, ["account_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_ledger_postings_account_created", table_name=TABLE)
    op.drop_index("ix_ledger_postings_owner_history", table_name=TABLE)
    op.drop_constraint(op.f("uq_ledger_postings_seq"), TABLE, type_="unique")
    for column in ("seq", "balance_after", "created_at", "owner_id"):
        op.drop_column(TABLE, column)
