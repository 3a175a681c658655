"""Which database this process uses: ``DATABASE_URL``, else the embedded server."""

from __future__ import annotations

from infrastructure.config.settings import Settings
from infrastructure.database.embedded import ensure_database, start_embedded_postgres

EMBEDDED_DATABASE = "meridian"


async def resolve_database_url(
    settings: Settings, *, database: str = EMBEDDED_DATABASE, keep_running: bool = False
) -> str:
    """``keep_running``: the caller stops the embedded server itself (``meridian serve`` does,
    when the API stops); otherwise it stops when this process exits."""
    if settings.database_url:
        return settings.database_url
    server = start_embedded_postgres(settings.embedded_pg_dir, keep_running=keep_running)
    return await ensure_database(server, database)
