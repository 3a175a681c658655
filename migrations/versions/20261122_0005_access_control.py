"""Access control: human-readable user codes (backfilled), branches, features and feature
grants, platform access, KYC level, per-user security settings, role policies, API keys.

Roles and permissions are a catalog in code (domain/identity/access.py): nothing to seed. Every
existing user gets the base role ``user`` and web and mobile access.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 17:14:55.465908+00:00
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "branches",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_branches")),
        sa.UniqueConstraint("code", name=op.f("uq_branches_code")),
    )
    op.create_table(
        "features",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("key", sa.String(length=48), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("requires_grant", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_features")),
        sa.UniqueConstraint("code", name=op.f("uq_features_code")),
        sa.UniqueConstraint("key", name=op.f("uq_features_key")),
    )
    op.create_table(
        "role_policies",
        sa.Column("role", sa.String(length=64), nullable=False),
        sa.Column("require_two_factor", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("role", name=op.f("pk_role_policies")),
    )
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("secret_digest", sa.String(length=64), nullable=False),
        sa.Column("scopes", postgresql.ARRAY(sa.String(length=64)), nullable=False),
        sa.Column("rate_limit_per_minute", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rotated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_used_ip", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_api_keys_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("prefix", name=op.f("uq_api_keys_prefix")),
    )
    op.create_index(op.f("ix_api_keys_owner_id"), "api_keys", ["owner_id"], unique=False)
    op.create_table(
        "feature_grants",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("feature_id", sa.Uuid(), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["feature_id"],
            ["features.id"],
            name=op.f("fk_feature_grants_feature_id_features"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_feature_grants_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "feature_id", name=op.f("pk_feature_grants")),
    )
    op.create_table(
        "user_security_settings",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("require_two_factor", sa.Boolean(), nullable=False),
        sa.Column("ip_allowlist", postgresql.ARRAY(sa.String(length=50)), nullable=False),
        sa.Column("session_idle_timeout_seconds", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_user_security_settings_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_user_security_settings")),
    )
    op.add_column("users", sa.Column("code", sa.String(length=10), nullable=True))
    op.add_column("users", sa.Column("branch_id", sa.Uuid(), nullable=True))
    op.add_column("users", sa.Column("kyc_level", sa.Integer(), nullable=False, server_default="0"))
    op.add_column(
        "users",
        sa.Column(
            "platforms",
            postgresql.ARRAY(sa.String(length=16)),
            nullable=False,
            server_default=sa.text("ARRAY['mobile', 'web']::varchar(16)[]"),
        ),
    )
    op.add_column("users", sa.Column("blocked_reason", sa.String(length=500), nullable=True))
    _backfill_users()
    op.alter_column("users", "code", nullable=False)
    op.alter_column("users", "kyc_level", server_default=None)
    op.alter_column("users", "platforms", server_default=None)
    op.create_index(op.f("ix_users_branch_id"), "users", ["branch_id"], unique=False)
    op.create_index("ix_users_roles", "users", ["roles"], unique=False, postgresql_using="gin")
    op.create_unique_constraint(op.f("uq_users_code"), "users", ["code"])
    op.create_foreign_key(
        op.f("fk_users_branch_id_branches"), "users", "branches", ["branch_id"], ["id"]
    )


# Crockford base 32 without I, L, O, U; the same codes the application draws (USR-XXXXXX).
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _backfill_users() -> None:
    bind = op.get_bind()
    ids = [row[0] for row in bind.execute(sa.text("SELECT id FROM users ORDER BY id"))]
    taken: set[str] = set()
    params = []
    for user_id in ids:
        code = ""
        while not code or code in taken:
            code = "USR-" + "".join(secrets.choice(_ALPHABET) for _ in range(6))
        taken.add(code)
        params.append({"id": user_id, "code": code})
    if params:
        bind.execute(sa.text("UPDATE users SET code = :code WHERE id = :id"), params)
    bind.execute(
        sa.text(
            "UPDATE users SET roles = array_append(roles, 'user') WHERE NOT ('user' = ANY(roles))"
        )
    )


def downgrade() -> None:
    op.drop_constraint(op.f("fk_users_branch_id_branches"), "users", type_="foreignkey")
    op.drop_constraint(op.f("uq_users_code"), "users", type_="unique")
    op.drop_index("ix_users_roles", table_name="users", postgresql_using="gin")
    op.drop_index(op.f("ix_users_branch_id"), table_name="users")
    op.drop_column("users", "blocked_reason")
    op.drop_column("users", "platforms")
    op.drop_column("users", "kyc_level")
    op.drop_column("users", "branch_id")
    op.drop_column("users", "code")
    op.drop_table("user_security_settings")
    op.drop_table("feature_grants")
    op.drop_index(op.f("ix_api_keys_owner_id"), table_name="api_keys")
    op.drop_table("api_keys")
    op.drop_table("role_policies")
    op.drop_table("features")
    op.drop_table("branches")
