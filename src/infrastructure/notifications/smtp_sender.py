"""Email over SMTP (aiosmtplib): STARTTLS or implicit TLS and auth from settings."""

from __future__ import annotations

import ssl
from email.message import EmailMessage as MimeMessage
from email.utils import formatdate, parseaddr

import aiosmtplib

from usecases.notifications.ports import DeliveryError, EmailMessage


def message_id_header(message_id: str, sender: str) -> str:
    """``<outbox message id@sender's domain>``: the same for every attempt at one outbox
    message (a resend after a crash included), so a receiver drops duplicates by Message-ID."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "meridian.local"
    return f"<{message_id}@{domain}>"


def build_mime(message: EmailMessage, sender: str) -> MimeMessage:
    mime = MimeMessage()
    mime["From"] = sender
    mime["To"] = message.to
    mime["Subject"] = message.subject
    mime["Date"] = formatdate(usegmt=True)
    # Stable across retries: a receiver can drop a duplicate by Message-ID.
    mime["Message-ID"] = message_id_header(message.message_id, sender)
    mime["X-Meridian-Message-Id"] = message.message_id
    mime.set_content(message.text)
    mime.add_alternative(message.html, subtype="html")
    return mime


class SmtpEmailSender:
    def __init__(
        self,
        *,
        host: str,
        port: int,
        sender: str,
        username: str | None = None,
        password: str | None = None,
        starttls: bool = True,
        implicit_tls: bool = False,
        timeout_seconds: float = 10.0,
        tls_context: ssl.SSLContext | None = None,
    ) -> None:
        self._host = host
        self._port = port
        self._sender = sender
        self._username = username
        self._password = password
        self._starttls = starttls and not implicit_tls
        self._implicit_tls = implicit_tls
        self._timeout = timeout_seconds
        self._tls_context = tls_context

    async def send(self, message: EmailMessage) -> None:
        try:
            await aiosmtplib.send(
                build_mime(message, self._sender),
                hostname=self._host,
                port=self._port,
                username=self._username,
                password=self._password,
                use_tls=self._implicit_tls,
                start_tls=self._starttls,
                timeout=self._timeout,
                tls_context=self._tls_context,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            raise DeliveryError(f"recipient refused: {exc}", permanent=True) from None
        except aiosmtplib.SMTPResponseException as exc:
            # 5xx is a permanent refusal, 4xx a temporary one.
            raise DeliveryError(
                f"SMTP {exc.code}: {exc.message}", permanent=exc.code >= 500
            ) from None
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            raise DeliveryError(f"SMTP unavailable: {type(exc).__name__}: {exc}") from None
