"""identity: API keys for programmatic clients — the secret sealed for checking signatures,
an IP allowlist per key, the signatures of state-changing requests already accepted (replay
protection), the retired scopes rewritten to ``market:read``; audit: the API key an entry was
made with

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-01 17:30:00.000000+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# instruments:read and prices:read became market:read (domain/identity/api_key.py)
REWRITE_SCOPES = """
UPDATE api_keys SET scopes = ARRAY(
    SELECT DISTINCT CASE WHEN s IN ('instruments:read', 'prices:read') THEN 'market:read' ELSE s END
    FROM unnest(scopes) AS s ORDER BY 1
)
WHERE scopes && ARRAY['instruments:read', 'prices:read']::varchar[]
"""


def upgrade() -> None:
    op.add_column("api_keys", sa.Column("sealed_secret", sa.Text(), nullable=True))
    op.add_column(
        "api_keys",
        sa.Column(
            "ip_allowlist",
            postgresql.ARRAY(sa.String(length=50)),
            server_default="{}",
            nullable=False,
        ),
    )
    op.create_table(
        "api_key_signatures",
        sa.Column("key_id", sa.Uuid(), nullable=False),
        sa.Column("signature", sa.String(length=64), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["key_id"],
            ["api_keys.id"],
            name=op.f("fk_api_key_signatures_key_id_api_keys"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key_id", "signature", name=op.f("pk_api_key_signatures")),
    )
    op.create_index(
        "ix_api_key_signatures_key_id_seen_at", "api_key_signatures", ["key_id", "seen_at"]
    )
    op.execute(REWRITE_SCOPES)
    op.add_column("audit_log", sa.Column("api_key_id", sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.drop_column("audit_log", "api_key_id")
    op.drop_index("ix_api_key_signatures_key_id_seen_at", table_name="api_key_signatures")
    op.drop_table("api_key_signatures")
    op.drop_column("api_keys", "ip_allowlist")
    op.drop_column("api_keys", "sealed_secret")
