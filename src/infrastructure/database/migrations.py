"""Run Alembic programmatically (CLI, start-up and tests share this)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

_SOURCE_ROOT = Path(__file__).resolve().parents[3]


def project_root() -> Path:
    """Where alembic.ini and migrations/ live: the source checkout this module runs from
    (editable install), else the working directory (a plain install run from a checkout)."""
    for candidate in (_SOURCE_ROOT, Path.cwd()):
        if (candidate / "alembic.ini").is_file() and (candidate / "migrations").is_dir():
            return candidate
    raise RuntimeError("alembic.ini and migrations/ not found: run from the project directory")


def alembic_config(database_url: str) -> Config:
    root = project_root()
    config = Config(str(root / "alembic.ini"))
    config.set_main_option("script_location", str(root / "migrations"))
    config.attributes["database_url"] = database_url
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """Synchronous: call from a thread when an event loop is running."""
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str) -> None:
    command.downgrade(alembic_config(database_url), revision)
