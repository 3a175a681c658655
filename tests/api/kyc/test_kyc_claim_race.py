"""Two accounts submitting the same Aadhaar at the same moment: both pass the blind-index
lookup, the unique index decides, and the loser reads the same ``aadhaar_in_use`` as any later
submitter (not a generic duplicate), with nothing of theirs stored."""

from __future__ import annotations

import asyncio
import uuid

import httpx
from sqlalchemy import text

from infrastructure.container import Container
from tests.support.accounts import Accounts, assert_problem
from tests.support.locks import wait_for_blocked_queries

NUMBER = "234123412346"  # TEST_VECTORS.md: a valid Aadhaar


async def test_the_loser_of_a_race_for_one_aadhaar_gets_aadhaar_in_use(
    client: httpx.AsyncClient, accounts: Accounts, container: Container
) -> None:
    alice, bob = await accounts.register(), await accounts.register()
    digest = container.blind_index.index(NUMBER, kind="aadhaar")
    body = {"aadhaar_number": NUMBER, "name": "Asha Verma", "date_of_birth": "1990-04-12"}
    # An uncommitted claim on the number: both submissions pass the lookup (they cannot see
    # it) and then queue on the unique index behind it.
    async with container.engine.connect() as holder:
        held = await holder.begin()
        await holder.execute(
            text(
                "INSERT INTO kyc_aadhaar (user_id, sealed_number, number_index, masked_number, "
                "name, date_of_birth, state, submitted_at, updated_at, otp_attempts) VALUES "
                "(:user, 'x', :digest, 'XXXX XXXX 2346', 'Held', '1990-01-01', 'submitted', "
                "now(), now(), 0)"
            ),
            {"user": uuid.uuid4(), "digest": digest},
        )
        racing = [
            asyncio.create_task(client.post("/api/v1/kyc/aadhaar", headers=who.headers, json=body))
            for who in (alice, bob)
        ]
        await wait_for_blocked_queries(container, 2)
        await held.rollback()
    first, second = await asyncio.gather(*racing)
    assert sorted([first.status_code, second.status_code]) == [200, 409], (first, second)
    loser = first if first.status_code == 409 else second
    problem = assert_problem(loser, 409, "aadhaar_in_use")
    assert problem["errors"][0]["field"] == "body.aadhaar_number"
    async with container.engine.connect() as conn:
        rows = await conn.scalar(text("SELECT count(*) FROM kyc_aadhaar"))
    assert rows == 1
