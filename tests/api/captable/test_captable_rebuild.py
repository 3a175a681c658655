"""``meridian captable rebuild``: the replay of the events equals the projection the writes
kept; a projection changed behind the events' back is caught and every difference named."""

from __future__ import annotations

import asyncio

from sqlalchemy import text
from typer.testing import CliRunner

from infrastructure.cli.main import app as cli
from infrastructure.container import Container
from tests.api.captable.conftest import CapTable

runner = CliRunner()


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

    def rebuild() -> tuple[int, str]:
        done = runner.invoke(
            cli, ["captable", "rebuild", acme.id], env={"DATABASE_URL": database_url}
        )
        return done.exit_code, done.output

    code, output = await asyncio.to_thread(rebuild)
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
    code, output = await asyncio.to_thread(rebuild)
    assert code == 1
    assert "holding" in output
    assert "1801 (1) in the projection, 1800 (1) in the replay" in output
