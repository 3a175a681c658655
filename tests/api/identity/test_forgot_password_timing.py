"""Forgot-password does the same work before answering whether the account exists or not, so
its timing tells nothing. No clock is read here: the test records which SQL statements run
before the response starts (an ASGI wrapper notes the count when ``http.response.start`` is
sent) and requires the very same statements for an existing and an unknown account, over
interleaved samples; the code still reaches the existing account afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import event

from infrastructure.container import Container
from tests.support.accounts import Accounts
from tests.support.outbox import latest_variables


class BeforeResponse:
    """The app, noting the SQL statements executed until each response starts."""

    def __init__(self, app: FastAPI, statements: list[str]) -> None:
        self.app = app
        self.statements = statements
        self.seen: list[list[str]] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        start = len(self.statements)

        async def noting(message: Any) -> None:
            if message["type"] == "http.response.start":
                self.seen.append(self.statements[start:])
            await send(message)

        await self.app(scope, receive, noting)


@contextmanager
def recording(container: Container) -> Iterator[list[str]]:
    statements: list[str] = []

    def note(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(" ".join(statement.split()))

    engine = container.engine.sync_engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", note)


async def test_existing_and_unknown_accounts_run_the_same_statements_before_the_answer(
    app: FastAPI, container: Container, accounts: Accounts
) -> None:
    known = [await accounts.register() for _ in range(3)]
    with recording(container) as statements:
        wrapped = BeforeResponse(app, statements)
        transport = httpx.ASGITransport(app=wrapped)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            for n, account in enumerate(known):  # interleaved: known, unknown, known, ...
                for identifier in (account.email, f"nobody-{n}@example.com"):
                    response = await client.post(
                        "/api/v1/auth/forgot-password", json={"identifier": identifier}
                    )
                    assert response.status_code == 202, response.text
    existing, unknown = wrapped.seen[0::2], wrapped.seen[1::2]
    assert len(existing) == len(unknown) == 3
    for mine, nobodys in zip(existing, unknown, strict=True):
        assert mine == nobodys  # the same statements, in the same order
        assert not any("notification_outbox" in s for s in mine)  # nothing queued yet
    for account in known:  # and after the answer, the code went out
        sent = await latest_variables(
            container.engine, template="identity.password_reset_otp", to=account.email
        )
        assert sent["code"]
