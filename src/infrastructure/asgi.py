"""Entry point for ASGI servers: ``uvicorn --factory infrastructure.asgi:create_app_from_env``."""

from __future__ import annotations

from fastapi import FastAPI

from infrastructure.app import create_app
from infrastructure.config.settings import Settings
from infrastructure.logging_setup import configure_logging


def create_app_from_env() -> FastAPI:
    settings = Settings()
    configure_logging(settings.log_level, json_lines=settings.log_json)
    return create_app(settings)
