"""The notification centre over HTTP, as real signed-in users."""

from __future__ import annotations

from uuid import UUID

import httpx
import pytest
from fastapi import FastAPI

from domain.shared.ids import UserId
from domain.shared.notification import Category, Channel, Notification, Recipient
from infrastructure.container import Container
from infrastructure.notifications.templates import TEMPLATES_DIR, JinjaTemplateRenderer
from tests.support.accounts import Account, Accounts, assert_problem
from tests.support.outbox import TEST_TEMPLATES


@pytest.fixture
def app(app: FastAPI, container: Container) -> FastAPI:
    container.templates = JinjaTemplateRenderer(TEST_TEMPLATES, TEMPLATES_DIR)
    return app


@pytest.fixture
async def alice(accounts: Accounts) -> Account:
    return await accounts.register()


@pytest.fixture
async def bob(accounts: Accounts) -> Account:
    return await accounts.register()


async def notify(
    container: Container, who: Account, order: str, category: Category = Category.ORDERS
) -> None:
    async with container.unit_of_work(require_audit=False) as uow:  # test set-up
        await uow.notifier.notify(
            Notification(
                template="test.hello",
                category=category,
                recipient=Recipient(user_id=UserId(UUID(who.user["id"]))),
                channels=frozenset({Channel.IN_APP}),
                variables={"name": "Asha", "order": order},
            )
        )
        await uow.commit()


async def bodies(client: httpx.AsyncClient, who: Account, query: str = "") -> list[str]:
    page = (await client.get(f"/api/v1/notifications{query}", headers=who.headers)).json()
    return [n["body"] for n in page["items"]]


async def test_a_user_pages_through_their_own_notifications(
    client: httpx.AsyncClient, container: Container, alice: Account, bob: Account
) -> None:
    for i in range(5):
        await notify(container, alice, f"A-{i}")
    await notify(container, bob, "B-1")
    first = (await client.get("/api/v1/notifications?limit=3", headers=alice.headers)).json()
    assert [n["body"] for n in first["items"]] == [
        "Your order A-4 is confirmed.",
        "Your order A-3 is confirmed.",
        "Your order A-2 is confirmed.",
    ]
    assert first["items"][0]["title"] == "Hello Asha"
    rest = await bodies(client, alice, f"?limit=3&cursor={first['next_cursor']}")
    assert rest == ["Your order A-1 is confirmed.", "Your order A-0 is confirmed."]
    assert await bodies(client, bob) == ["Your order B-1 is confirmed."]


async def test_reading_one_and_all_moves_the_unread_count(
    client: httpx.AsyncClient, container: Container, alice: Account
) -> None:
    for i in range(3):
        await notify(container, alice, f"A-{i}")
    count = await client.get("/api/v1/notifications/unread-count", headers=alice.headers)
    assert count.json() == {"unread": 3}
    newest = (await client.get("/api/v1/notifications", headers=alice.headers)).json()["items"][0]
    read = await client.post(f"/api/v1/notifications/{newest['id']}/read", headers=alice.headers)
    assert read.status_code == 200
    assert read.json()["read_at"] is not None
    again = await client.post(f"/api/v1/notifications/{newest['id']}/read", headers=alice.headers)
    assert again.json()["read_at"] == read.json()["read_at"]
    assert len(await bodies(client, alice, "?unread=true")) == 2
    marked = await client.post("/api/v1/notifications/read-all", headers=alice.headers)
    assert marked.json() == {"marked": 2}
    count = await client.get("/api/v1/notifications/unread-count", headers=alice.headers)
    assert count.json() == {"unread": 0}


async def test_another_user_s_notification_is_not_found(
    client: httpx.AsyncClient, container: Container, alice: Account, bob: Account
) -> None:
    await notify(container, alice, "A-1")
    alices = (await client.get("/api/v1/notifications", headers=alice.headers)).json()["items"][0]
    response = await client.post(f"/api/v1/notifications/{alices['id']}/read", headers=bob.headers)
    assert_problem(response, 404, "notification_not_found")
    still = await client.get("/api/v1/notifications/unread-count", headers=alice.headers)
    assert still.json() == {"unread": 1}


async def test_anonymous_and_forged_callers_are_refused(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/notifications")
    assert_problem(response, 401, "missing_token")
    assert response.headers["www-authenticate"] == "Bearer"
    forged = await client.get("/api/v1/notifications", headers={"Authorization": "Bearer junk"})
    assert forged.status_code == 401


async def test_a_bad_cursor_is_a_clear_422(client: httpx.AsyncClient, alice: Account) -> None:
    response = await client.get("/api/v1/notifications?cursor=nonsense", headers=alice.headers)
    body = assert_problem(response, 422, "validation_failed")
    assert body["errors"][0]["field"] == "query.cursor"


async def test_preferences_switch_optional_messages_and_keep_security(
    client: httpx.AsyncClient, container: Container, alice: Account
) -> None:
    grid = (await client.get("/api/v1/notifications/preferences", headers=alice.headers)).json()
    assert all(p["enabled"] for p in grid["preferences"])
    off = {"preferences": [{"category": "orders", "channel": "in_app", "enabled": False}]}
    updated = await client.put("/api/v1/notifications/preferences", json=off, headers=alice.headers)
    assert updated.status_code == 200
    assert {"category": "orders", "channel": "in_app", "enabled": False} in (
        updated.json()["preferences"]
    )

    await notify(container, alice, "silenced")
    await notify(container, alice, "alert", category=Category.SECURITY)
    assert await bodies(client, alice) == ["Your order alert is confirmed."]

    refused = await client.put(
        "/api/v1/notifications/preferences",
        headers=alice.headers,
        json={"preferences": [{"category": "security", "channel": "email", "enabled": False}]},
    )
    body = assert_problem(refused, 422, "security_notifications_required")
    assert body["errors"][0]["field"] == "body.preferences.0.enabled"
