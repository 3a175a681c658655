"""The sandbox rail delivers settlements that fall due together in batches: full batches at
once, the rest after a short linger, a lone event as a single event; each delivery ends when its
batch was answered."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

from infrastructure.bank_rail.sandbox import SandboxBankRail
from infrastructure.bank_rail.webhook_batches import WebhookBatches
from usecases.banking.public import CollectionRequest


class Recorder:
    def __init__(self) -> None:
        self.calls: list[list[str]] = []
        self.single: list[str] = []

    async def send(self, event: dict[str, Any]) -> int:
        self.single.append(event["id"])
        self.calls.append([event["id"]])
        return 200

    async def send_batch(self, events: list[dict[str, Any]]) -> int:
        self.calls.append([e["id"] for e in events])
        return 200


async def test_due_events_go_in_full_batches_then_the_rest() -> None:
    sender = Recorder()
    batches = WebhookBatches(sender, size=4, linger=0.05)
    await asyncio.gather(*(batches.deliver({"id": f"e{n}"}) for n in range(10)))
    assert sender.calls == [["e0", "e1", "e2", "e3"], ["e4", "e5", "e6", "e7"], ["e8", "e9"]]
    assert sender.single == []


async def test_a_lone_event_goes_as_a_single_event() -> None:
    sender = Recorder()
    batches = WebhookBatches(sender, size=4, linger=0.01)
    await batches.deliver({"id": "alone"})
    assert sender.single == ["alone"]


async def test_the_sandbox_batches_its_settlements_and_drains_them() -> None:
    sender = Recorder()
    rail = SandboxBankRail(settle_seconds=0.0, webhooks=sender, webhook_batch=50)
    for n in range(7):
        request = CollectionRequest(
            reference=f"deposit:{n}", amount=Decimal("10.00"), currency="INR", method="upi"
        )
        await rail.collect(request)
    await rail.drain()
    assert [len(call) for call in sender.calls] == [7]
