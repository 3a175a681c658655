"""Development senders: each message becomes a file under DATA_DIR, and a log line names it.
Bodies (which may hold one-time codes) go to the file only, never to the log."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from infrastructure.notifications.smtp_sender import build_mime
from usecases.notifications.ports import EmailMessage, SmsMessage

log = logging.getLogger("meridian.notifications.dev")


class FileEmailSender:
    def __init__(self, directory: Path, sender: str) -> None:
        self._directory = directory
        self._sender = sender

    async def send(self, message: EmailMessage) -> None:
        path = self._directory / f"{message.message_id}.eml"
        data = build_mime(message, self._sender).as_bytes()
        await asyncio.to_thread(_write, path, data)
        log.info(
            "email written", extra={"to": message.to, "subject": message.subject, "file": str(path)}
        )


class FileSmsSender:
    def __init__(self, directory: Path) -> None:
        self._directory = directory

    async def send(self, message: SmsMessage) -> None:
        path = self._directory / f"{message.message_id}.txt"
        data = f"To: {message.to}\n\n{message.text}\n".encode()
        await asyncio.to_thread(_write, path, data)
        log.info("sms written", extra={"to": message.to, "file": str(path)})


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
