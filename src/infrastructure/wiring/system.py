"""System context wiring: probes, status."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from adapters.http.system import router
from adapters.persistence.health import DatabaseProbe
from infrastructure.cache.health import CacheProbe
from infrastructure.container import Container
from infrastructure.notifications.public import SqlOutboxStore
from infrastructure.wiring.module import ContextModule, Mounted
from infrastructure.wiring.providers import named, once
from usecases.system.check_readiness import CheckReadinessHandler
from usecases.system.get_status import GetStatusHandler
from usecases.system.heartbeats import Heartbeats
from usecases.system.ports import BuildInfo, QueueProbe, QueueStats


def app_version() -> str:
    try:
        return version("meridian")
    except PackageNotFoundError:  # running from a source tree that was not installed
        return "0.0.0+source"


class OutboxQueueProbe:
    def __init__(self, container: Container) -> None:
        self._store = SqlOutboxStore(container.session_factory)
        self._clock = container.clock

    async def stats(self) -> QueueStats | None:
        try:
            stats = await self._store.stats(self._clock.now())
        except Exception:  # the status page reports, it never fails on a probe
            return None
        return QueueStats(
            pending=stats.pending,
            oldest_pending_age_seconds=stats.oldest_pending_age_seconds,
            dead=stats.dead,
        )


def build_info(container: Container) -> BuildInfo:
    settings = container.settings
    return BuildInfo(
        version=app_version(),
        environment=settings.app_env,
        started_at=container.started_at,
        single_process=settings.single_process,
    )


def redis_probe(container: Container) -> CacheProbe:
    return CacheProbe(container.cache, in_memory=container.settings.single_process)


MODULE = ContextModule(
    name="system",
    handlers=(CheckReadinessHandler, GetStatusHandler),
    collaborators=(
        named("database", DatabaseProbe),
        named("redis", redis_probe),
        once(BuildInfo, build_info),
        once(Heartbeats),
        once(QueueProbe, OutboxQueueProbe),
    ),
    routers=(Mounted(router.probes, prefix=""), Mounted(router.api)),
)
