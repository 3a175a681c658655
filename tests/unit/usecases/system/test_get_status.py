from datetime import UTC, datetime

from infrastructure.cache.memory import MemoryCache
from tests.support.clock import FixedClock
from usecases.system.check_readiness import CheckReadiness, CheckReadinessHandler
from usecases.system.get_status import GetStatus, GetStatusHandler
from usecases.system.heartbeats import Heartbeats
from usecases.system.ports import BuildInfo, ProbeResult, QueueStats

STARTED = datetime(2026, 1, 1, tzinfo=UTC)


class StubQueue:
    def __init__(self, stats: QueueStats | None) -> None:
        self.result = stats

    async def stats(self) -> QueueStats | None:
        return self.result


class StubProbe:
    def __init__(self, result: ProbeResult) -> None:
        self.result = result

    async def check(self) -> ProbeResult:
        return self.result


def handler(clock: FixedClock, cache: MemoryCache, database: ProbeResult) -> GetStatusHandler:
    return GetStatusHandler(
        build=BuildInfo(
            version="1.2.3", environment="test", started_at=STARTED, single_process=True
        ),
        database=StubProbe(database),
        redis=StubProbe(ProbeResult(status="in_memory")),
        heartbeats=Heartbeats(cache, clock),
        queue=StubQueue(QueueStats(pending=2, oldest_pending_age_seconds=12.5, dead=1)),
        clock=clock,
    )


async def test_status_reports_uptime_mode_and_dependencies() -> None:
    clock = FixedClock(STARTED)
    clock.advance(seconds=90)
    view = await handler(clock, MemoryCache(), ProbeResult(status="ok", latency_ms=1.0)).execute(
        GetStatus()
    )
    assert view.uptime_seconds == 90
    assert view.mode == "single-process"
    assert view.database.status == "ok"
    assert view.redis.status == "in_memory"
    assert view.worker.status == "not_running"
    assert view.outbox == QueueStats(pending=2, oldest_pending_age_seconds=12.5, dead=1)


async def test_worker_state_follows_its_heartbeat() -> None:
    clock, cache = FixedClock(STARTED), MemoryCache()
    await Heartbeats(cache, clock).beat("worker")
    status = handler(clock, cache, ProbeResult(status="ok"))
    assert (await status.execute(GetStatus())).worker.status == "running"
    clock.advance(seconds=31)
    stale = (await status.execute(GetStatus())).worker
    assert stale.status == "stale"
    assert stale.last_heartbeat == STARTED


async def test_readiness_fails_when_a_dependency_is_down() -> None:
    down = CheckReadinessHandler(
        database=StubProbe(ProbeResult(status="down", detail="OSError")),
        redis=StubProbe(ProbeResult(status="in_memory")),
    )
    view = await down.execute(CheckReadiness())
    assert view.ready is False
    up = CheckReadinessHandler(
        database=StubProbe(ProbeResult(status="ok")), redis=StubProbe(ProbeResult(status="ok"))
    )
    assert (await up.execute(CheckReadiness())).ready is True


class BrokenCache(MemoryCache):
    async def get(self, key: str) -> bytes | None:
        raise ConnectionError("redis is down")


async def test_an_unreadable_heartbeat_store_is_reported_not_raised() -> None:
    view = await handler(FixedClock(STARTED), BrokenCache(), ProbeResult(status="ok")).execute(
        GetStatus()
    )
    assert view.worker.status == "unknown"
