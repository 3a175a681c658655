from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from domain.shared.ids import UserId, new_uuid
from domain.shared.notification import Category, Channel, Notification, Recipient
from infrastructure.container import Container
from infrastructure.notifications.templates import JinjaTemplateRenderer
from tests.support.auth import TokenIsUserAuthenticator, bearer
from tests.support.outbox import TEST_TEMPLATES
from usecases.shared.ports.authenticator import Authenticator

ALICE, BOB = UserId(new_uuid()), UserId(new_uuid())


@pytest.fixture
def app(app: FastAPI, container: Container) -> FastAPI:
    app.state.handlers.register(Authenticator, TokenIsUserAuthenticator)
    container.templates = JinjaTemplateRenderer(TEST_TEMPLATES)
    return app


async def notify(
    container: Container, user: UserId, order: str, category: Category = Category.ORDERS
) -> None:
    async with container.unit_of_work() as uow:
        await uow.notifier.notify(
            Notification(
                template="test.hello",
                category=category,
                recipient=Recipient(user_id=user),
                channels=frozenset({Channel.IN_APP}),
                variables={"name": "Asha", "order": order},
            )
        )
        await uow.commit()


async def test_a_user_pages_through_their_own_notifications(
    client: httpx.AsyncClient, container: Container
) -> None:
    for i in range(5):
        await notify(container, ALICE, f"A-{i}")
    await notify(container, BOB, "B-1")
    first = (await client.get("/api/v1/notifications?limit=3", headers=bearer(ALICE))).json()
    assert [n["body"] for n in first["items"]] == [
        "Your order A-4 is confirmed.",
        "Your order A-3 is confirmed.",
        "Your order A-2 is confirmed.",
    ]
    assert first["items"][0]["title"] == "Hello Asha"
    second = (
        await client.get(
            f"/api/v1/notifications?limit=3&cursor={first['next_cursor']}", headers=bearer(ALICE)
        )
    ).json()
    assert [n["body"] for n in second["items"]] == [
        "Your order A-1 is confirmed.",
        "Your order A-0 is confirmed.",
    ]
    assert second["next_cursor"] is None
    assert all("B-1" not in n["body"] for n in first["items"] + second["items"])


async def test_reading_one_and_all_moves_the_unread_count(
    client: httpx.AsyncClient, container: Container
) -> None:
    for i in range(3):
        await notify(container, ALICE, f"A-{i}")
    count = await client.get("/api/v1/notifications/unread-count", headers=bearer(ALICE))
    assert count.json() == {"unread": 3}
    newest = (await client.get("/api/v1/notifications", headers=bearer(ALICE))).json()["items"][0]
    read = await client.post(f"/api/v1/notifications/{newest['id']}/read", headers=bearer(ALICE))
    assert read.status_code == 200
    assert read.json()["read_at"] is not None
    again = await client.post(f"/api/v1/notifications/{newest['id']}/read", headers=bearer(ALICE))
    assert again.json()["read_at"] == read.json()["read_at"]
    unread = (await client.get("/api/v1/notifications?unread=true", headers=bearer(ALICE))).json()
    assert len(unread["items"]) == 2
    marked = await client.post("/api/v1/notifications/read-all", headers=bearer(ALICE))
    assert marked.json() == {"marked": 2}
    count = await client.get("/api/v1/notifications/unread-count", headers=bearer(ALICE))
    assert count.json() == {"unread": 0}


async def test_another_user_s_notification_is_not_found(
    client: httpx.AsyncClient, container: Container
) -> None:
    await notify(container, ALICE, "A-1")
    alices = (await client.get("/api/v1/notifications", headers=bearer(ALICE))).json()["items"][0]
    response = await client.post(f"/api/v1/notifications/{alices['id']}/read", headers=bearer(BOB))
    assert response.status_code == 404
    assert response.json()["code"] == "notification_not_found"
    still = (await client.get("/api/v1/notifications/unread-count", headers=bearer(ALICE))).json()
    assert still == {"unread": 1}


async def test_anonymous_callers_are_refused(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/notifications")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["code"] == "missing_token"
    forged = await client.get("/api/v1/notifications", headers={"Authorization": "Bearer junk"})
    assert forged.status_code == 401


async def test_a_bad_cursor_is_a_clear_422(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/notifications?cursor=nonsense", headers=bearer(ALICE))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "query.cursor"


async def test_preferences_switch_optional_messages_and_keep_security(
    client: httpx.AsyncClient, container: Container
) -> None:
    grid = (await client.get("/api/v1/notifications/preferences", headers=bearer(ALICE))).json()
    assert all(p["enabled"] for p in grid["preferences"])
    off = {"preferences": [{"category": "orders", "channel": "in_app", "enabled": False}]}
    updated = await client.put("/api/v1/notifications/preferences", json=off, headers=bearer(ALICE))
    assert updated.status_code == 200
    assert {"category": "orders", "channel": "in_app", "enabled": False} in updated.json()[
        "preferences"
    ]

    await notify(container, ALICE, "silenced")
    await notify(container, ALICE, "alert", category=Category.SECURITY)
    items = (await client.get("/api/v1/notifications", headers=bearer(ALICE))).json()["items"]
    assert [n["category"] for n in items] == ["security"]

    refused = await client.put(
        "/api/v1/notifications/preferences",
        headers=bearer(ALICE),
        json={"preferences": [{"category": "security", "channel": "email", "enabled": False}]},
    )
    assert refused.status_code == 422
    assert refused.json()["code"] == "security_notifications_required"
    assert refused.json()["errors"][0]["field"] == "body.preferences.0.enabled"
