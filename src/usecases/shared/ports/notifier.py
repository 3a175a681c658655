"""Notifier port: use cases queue messages through the unit of work's notifier
(``await uow.notifier.notify(...)``), so a message exists only if the change that caused it
commits."""

from __future__ import annotations

from typing import Protocol

from domain.shared.notification import Notification


class Notifier(Protocol):
    async def notify(self, notification: Notification) -> None: ...
