"""``meridian captable rebuild``: the replay of the events equals the projection the writes
kept; a projection changed behind the events' back is caught and every difference named."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from adapters.persistence.captable import checkpoints
from infrastructure.cli.main import app as cli
from infrastructure.container import Container
from tests.api.captable.conftest import CapTable

runner = CliRunner()


async def rebuild(database_url: str, issuer_id: str) -> tuple[int, str]:
    """``meridian captable rebuild ISSUER``: its exit code and output."""
    done = await asyncio.to_thread(
        runner.invoke, cli, ["captable", "rebuild", issuer_id], env={"DATABASE_URL": database_url}
    )
    return done.exit_code, done.output


async def test_the_projection_equals_the_replay_until_someone_edits_it(
    captable: CapTable, container: Container, database_url: str
) -> None:
    acme = await captable.issuer()
    klass = await captable.share_class(acme, authorized="100000")
    await captable.share_class(acme, "PA", class_type="preferred", conversion_ratio="2")
    for name in ("Alice", "Bob"):
        await captable.stakeholder(acme, name)
    alice = await captable.issue(acme, "Alice", "1000")
    await captable.issue(acme, "Bob", "500", prefix="PA")
    cancel = {
        "security_id": alice["id"],
        "quantity": "100",
        "date": "2026-02-01",
        "reason_text": "x",
    }
    cancelled = await captable.event(acme, "cancellations", cancel)
    assert cancelled.status_code == 201, cancelled.text
    split = {
        "stock_class_id": klass,
        "split_ratio_numerator": "2",
        "split_ratio_denominator": "1",
        "date": "2026-03-01",
    }
    assert (await captable.event(acme, "splits", split)).status_code == 201

    code, output = await rebuild(database_url, acme.id)
    assert code == 0, output
    assert "projection equals the replay: 4 events" in output

    async with container.engine.begin() as connection:
        await connection.execute(
            text(
                "UPDATE captable_holdings SET quantity = quantity + 1 "
                "WHERE issuer_id = :issuer AND stock_class_id = :klass"
            ),
            {"issuer": acme.id, "klass": klass},
        )
    code, output = await rebuild(database_url, acme.id)
    assert code == 1
    assert "holding" in output
    assert "1801 (1) in the projection, 1800 (1) in the replay" in output


async def test_the_rebuild_checks_every_checkpoint_against_the_replay_of_its_date(
    captable: CapTable, container: Container, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checkpoints, "CHECKPOINT_EVERY", 1)  # one at the end of every day
    acme = await captable.issuer()
    klass = await captable.share_class(acme, authorized="100000")
    await captable.stakeholder(acme, "Alice")
    alice = await captable.issue(acme, "Alice", "1000", date="2026-01-15")
    cancel = {"security_id": alice["id"], "quantity": "100", "date": "2026-02-01"}
    cancelled = await captable.event(acme, "cancellations", cancel | {"reason_text": "x"})
    assert cancelled.status_code == 201, cancelled.text
    split = {
        "stock_class_id": klass,
        "split_ratio_numerator": "2",
        "split_ratio_denominator": "1",
        "date": "2026-03-01",
    }
    assert (await captable.event(acme, "splits", split)).status_code == 201

    async with container.engine.connect() as connection:
        days = await connection.scalars(
            text("SELECT as_of FROM captable_checkpoints WHERE issuer_id = :i ORDER BY as_of"),
            {"i": acme.id},
        )
        assert [d.isoformat() for d in days] == ["2026-01-15", "2026-02-01"]
    code, output = await rebuild(database_url, acme.id)
    assert code == 0, output
    async with container.engine.begin() as connection:
        await connection.execute(
            text(
                "UPDATE captable_checkpoint_holdings SET quantity = quantity + 1 "
                "WHERE issuer_id = :issuer AND as_of = '2026-02-01'"
            ),
            {"issuer": acme.id},
        )
    code, output = await rebuild(database_url, acme.id)
    assert code == 1, output
    assert (
        f"checkpoint 2026-02-01: holding {acme.stakeholders['Alice']}/{klass}: "
        "901 (1) in the checkpoint, 900 (1) in the replay"
    ) in output
