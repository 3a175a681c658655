"""Reading the outbox in tests: what was queued, and the variables a recipient was sent."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.persistence.notifications.models import OutboxRow
from infrastructure.config.settings import Settings
from infrastructure.crypto.field_cipher import AesGcmFieldCipher, parse_keys
from usecases.notifications.deliver_outbox_batch import secrets_context

TEST_TEMPLATES = Path(__file__).resolve().parent / "templates"


async def outbox_rows(engine: AsyncEngine, **where: Any) -> list[Row[Any]]:
    table = OutboxRow.__table__
    query = select(table).filter_by(**where).order_by(table.c.created_at, table.c.id)
    async with engine.connect() as conn:
        return list((await conn.execute(query)).all())


async def latest_variables(
    engine: AsyncEngine, *, template: str, to: str, settings: Settings | None = None
) -> dict[str, str]:
    """Every variable (secrets decrypted) of the newest message of ``template`` sent to an
    email address or phone number — how a test reads the code a user received."""
    settings = settings or Settings(_env_file=None)
    cipher = AesGcmFieldCipher(parse_keys(settings.field_encryption_keys.get_secret_value()))
    query = (
        select(OutboxRow)
        .where(OutboxRow.template == template, OutboxRow.address == to)
        .order_by(OutboxRow.created_at.desc(), OutboxRow.id.desc())
        .limit(1)
    )
    async with engine.connect() as conn:
        row = (await conn.execute(query)).first()
    if row is None:
        raise AssertionError(f"no {template} message was queued for {to}")
    variables = dict(row.variables)
    if row.sealed_secrets:
        opened = cipher.decrypt(row.sealed_secrets, context=secrets_context(row.id))
        variables.update(json.loads(opened))
    return variables
