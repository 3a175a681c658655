"""The history and what is read from it: the cap table as of a date across a split, two
concurrent requests consuming one certificate (exactly one wins), and cached views that can
never be stale after a write."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from infrastructure.container import Container
from tests.api.captable.conftest import CapTable
from tests.support.accounts import assert_problem


async def test_the_cap_table_as_of_a_date_across_a_split(captable: CapTable) -> None:
    acme = await captable.issuer()
    klass = await captable.share_class(acme, authorized="10000")
    await captable.stakeholder(acme, "Alice")
    await captable.stakeholder(acme, "Bob")
    await captable.issue(acme, "Alice", "300", date="2026-01-10")
    await captable.issue(acme, "Bob", "100", date="2026-01-20")
    split = await captable.event(
        acme,
        "splits",
        {
            "stock_class_id": klass,
            "split_ratio_numerator": "3",
            "split_ratio_denominator": "1",
            "date": "2026-02-01",
        },
    )
    assert split.status_code == 201, split.text
    assert len(split.json()["consumed_security_ids"]) == 2

    async def holders(as_of: str | None) -> dict[str, str]:
        params = {"as_of": as_of} if as_of else {}
        page = await captable.get(f"{acme.path}/holders", acme.admin, **params)
        assert page.status_code == 200, page.text
        return {r["legal_name"]: r["outstanding"] for r in page.json()["items"]}

    assert await holders("2026-01-15") == {"Alice": "300"}
    assert await holders("2026-01-31") == {"Alice": "300", "Bob": "100"}
    assert await holders("2026-02-01") == {"Alice": "900", "Bob": "300"}
    assert await holders(None) == {"Alice": "900", "Bob": "300"}
    before = await captable.get(f"{acme.path}/summary", acme.admin, as_of="2026-01-31")
    assert before.json()["outstanding"] == "400"
    bad = await captable.get(f"{acme.path}/summary", acme.admin, as_of="31/01/2026")
    problem = assert_problem(bad, 422, "validation_failed")
    assert [e["field"] for e in problem["errors"]] == ["query.as_of"]


async def test_two_concurrent_requests_consuming_one_certificate_exactly_one_wins(
    captable: CapTable, container: Container
) -> None:
    acme = await captable.issuer()
    await captable.share_class(acme)
    await captable.stakeholder(acme, "Alice")
    security = await captable.issue(acme, "Alice", "100")
    cancel = {
        "security_id": security["id"],
        "quantity": "100",
        "date": "2026-02-01",
        "reason_text": "void",
    }
    repurchase = {
        "security_id": security["id"],
        "quantity": "100",
        "price": "2.00",
        "date": "2026-02-01",
    }
    responses = await asyncio.gather(
        captable.event(acme, "cancellations", cancel),
        captable.event(acme, "repurchases", repurchase),
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201, 409], [r.text for r in responses]
    loser = next(r for r in responses if r.status_code == 409)
    assert_problem(loser, 409, "security_not_outstanding")
    async with container.engine.connect() as connection:
        consumed = await connection.scalar(
            text("SELECT count(*) FROM captable_consumptions WHERE security_id = :id"),
            {"id": security["id"]},
        )
    assert consumed == 1


async def test_a_cached_view_is_never_stale_after_a_write(
    captable: CapTable, container: Container
) -> None:
    acme = await captable.issuer()
    await captable.share_class(acme)
    await captable.stakeholder(acme, "Alice")
    await captable.stakeholder(acme, "Bob")
    await captable.issue(acme, "Alice", "100")
    summary = f"{acme.path}/summary"
    holders = f"{acme.path}/holders"
    for _ in range(2):  # the second read is served from the cache
        assert (await captable.get(summary, acme.admin)).json()["outstanding"] == "100"
        assert len((await captable.get(holders, acme.admin)).json()["items"]) == 1
    assert await container.cache.get(f"captable:totals:{acme.id}:1:now") is not None
    await captable.issue(acme, "Bob", "300")
    after = (await captable.get(summary, acme.admin)).json()
    assert (after["outstanding"], after["event_sequence"]) == ("400", 2)
    rows = (await captable.get(holders, acme.admin)).json()["items"]
    assert [(r["legal_name"], r["outstanding_percent"]) for r in rows] == [
        ("Bob", "75.00"),
        ("Alice", "25.00"),
    ]


async def test_the_event_history_refuses_updates_and_deletes(
    captable: CapTable, container: Container
) -> None:
    acme = await captable.issuer()
    await captable.share_class(acme)
    await captable.stakeholder(acme, "Alice")
    security = await captable.issue(acme, "Alice", "100")
    cancelled = await captable.event(
        acme,
        "cancellations",
        {
            "security_id": security["id"],
            "quantity": "100",
            "date": "2026-02-01",
            "reason_text": "void",
        },
    )
    assert cancelled.status_code == 201, cancelled.text
    for statement in (
        "UPDATE captable_events SET date = '2020-01-01'",
        "DELETE FROM captable_events",
        "UPDATE captable_consumptions SET event_id = event_id",
        "DELETE FROM captable_consumptions",
    ):
        async with container.engine.connect() as connection:
            with pytest.raises(DBAPIError, match="append-only"):
                await connection.execute(text(statement))


async def test_the_database_itself_refuses_a_second_consumption(
    captable: CapTable, container: Container
) -> None:
    acme = await captable.issuer()
    await captable.share_class(acme)
    await captable.stakeholder(acme, "Alice")
    await captable.stakeholder(acme, "Bob")
    security = await captable.issue(acme, "Alice", "100")
    cancelled = await captable.event(
        acme,
        "cancellations",
        {
            "security_id": security["id"],
            "quantity": "100",
            "date": "2026-02-01",
            "reason_text": "void",
        },
    )
    assert cancelled.status_code == 201, cancelled.text
    other_event = (await captable.issue(acme, "Bob", "5", date="2026-02-02"))["created_by_event_id"]
    async with container.engine.connect() as connection:
        with pytest.raises(DBAPIError, match="pk_captable_consumptions"):
            await connection.execute(
                text(
                    "INSERT INTO captable_consumptions (security_id, event_id, issuer_id) "
                    "VALUES (:security, :event, :issuer)"
                ),
                {"security": security["id"], "event": other_event, "issuer": acme.id},
            )
