"""pages: indexes that serve the keyset order of the lists that grow without bound per query
(the user search's sort orders, one owner's API keys newest first)

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01 12:00:00.000000+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# email and code are unique: their unique indexes serve those orders already.
INDEXES = (
    ("ix_users_created_at_id", "users", ["created_at", "id"]),
    ("ix_users_full_name_id", "users", ["full_name", "id"]),
    ("ix_users_kyc_level_id", "users", ["kyc_level", "id"]),
    ("ix_api_keys_owner_id_created_at_id", "api_keys", ["owner_id", "created_at", "id"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
