"""Choose the email and SMS adapters from settings: real providers when configured,
development files under DATA_DIR otherwise."""

from __future__ import annotations

import logging

from infrastructure.config.settings import Settings
from infrastructure.notifications.file_senders import FileEmailSender, FileSmsSender
from infrastructure.notifications.http_sms_sender import HttpSmsSender
from infrastructure.notifications.smtp_sender import SmtpEmailSender
from usecases.notifications.ports import EmailSender, SmsSender

log = logging.getLogger(__name__)


def email_sender(settings: Settings) -> EmailSender:
    if not settings.smtp_host:
        log.info("email goes to files", extra={"directory": str(settings.data_dir / "mail")})
        return FileEmailSender(settings.data_dir / "mail", settings.mail_from)
    return SmtpEmailSender(
        host=settings.smtp_host,
        port=settings.smtp_port,
        sender=settings.mail_from,
        username=settings.smtp_username,
        password=settings.smtp_password.get_secret_value() if settings.smtp_password else None,
        starttls=settings.smtp_starttls,
        implicit_tls=settings.smtp_implicit_tls,
        timeout_seconds=settings.smtp_timeout_seconds,
    )


def sms_sender(settings: Settings) -> SmsSender:
    if not settings.sms_api_url:
        log.info("SMS goes to files", extra={"directory": str(settings.data_dir / "sms")})
        return FileSmsSender(settings.data_dir / "sms")
    return HttpSmsSender(
        base_url=settings.sms_api_url,
        api_key=settings.sms_api_key.get_secret_value() if settings.sms_api_key else "",
        sender_id=settings.sms_sender_id,
        timeout_seconds=settings.sms_timeout_seconds,
    )
