"""Demo operator: a super admin to sign in with on a fresh platform (development only)."""

from __future__ import annotations

import os

from domain.shared.actor import Actor
from domain.shared.errors import Conflict
from infrastructure.container import Container
from infrastructure.demo.seeders import Seeder
from infrastructure.wiring import build_registry
from usecases.identity.administration.create_admin import CreateAdmin, CreateAdminHandler

DEMO_ADMIN_EMAIL = "admin@demo.meridian.dev"
DEMO_ADMIN_MOBILE = "+919000000001"
DEMO_PASSWORD_ENV = "MERIDIAN_DEMO_PASSWORD"  # noqa: S105  (a variable name)
DEFAULT_DEMO_PASSWORD = "meridian demo admin password"  # noqa: S105  (public demo data)


async def seed_demo_admin(container: Container) -> int:
    if container.settings.is_production:
        raise RuntimeError("demo data is never loaded in production")
    handler = build_registry(container).resolve(CreateAdminHandler)
    try:
        await handler.execute(
            CreateAdmin(
                actor=Actor.system("seed-demo"),
                email=DEMO_ADMIN_EMAIL,
                mobile=DEMO_ADMIN_MOBILE,
                password=os.environ.get(DEMO_PASSWORD_ENV, DEFAULT_DEMO_PASSWORD),
                full_name="Demo Admin",
            )
        )
    except Conflict:  # already there: seeding is idempotent
        return 0
    return 1


DEMO_ADMIN = Seeder(name="identity: demo super admin", run=seed_demo_admin)
