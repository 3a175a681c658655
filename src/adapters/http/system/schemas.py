"""Read schemas of the system endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from adapters.http.read_model import ReadModel
from usecases.system.get_status import StatusView


class LivenessRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "ok"}]})

    status: Literal["ok"] = "ok"


class DependencyRead(ReadModel):
    status: Literal["ok", "down", "in_memory"] = Field(
        description="`in_memory`: single-process mode, the in-memory adapter stands in."
    )
    latency_ms: float | None = None
    detail: str | None = None


class ProcessRead(ReadModel):
    status: Literal["running", "stale", "not_running", "unknown"] = Field(
        description="`unknown`: the heartbeat store (Redis) cannot be read."
    )
    last_heartbeat: datetime | None = None


class OutboxRead(ReadModel):
    pending: int = Field(description="Messages waiting for delivery.")
    oldest_pending_age_seconds: float | None = Field(
        description="Age of the oldest pending message; null when none is pending."
    )
    dead: int = Field(description="Dead letters: messages that exhausted their attempts.")


class ReadinessRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "ready": True,
                    "database": {"status": "ok", "latency_ms": 0.8, "detail": None},
                    "redis": {"status": "ok", "latency_ms": 0.3, "detail": None},
                }
            ]
        }
    )

    ready: bool
    database: DependencyRead
    redis: DependencyRead


class StatusRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "version": "0.1.0",
                    "environment": "development",
                    "mode": "single-process",
                    "started_at": "2026-11-22T16:00:00Z",
                    "uptime_seconds": 42,
                    "database": {"status": "ok", "latency_ms": 0.8, "detail": None},
                    "redis": {
                        "status": "in_memory",
                        "latency_ms": None,
                        "detail": "single-process mode: no REDIS_URL",
                    },
                    "worker": {"status": "running", "last_heartbeat": "2026-11-22T16:00:41Z"},
                    "outbox": {"pending": 0, "oldest_pending_age_seconds": None, "dead": 0},
                }
            ]
        }
    )

    version: str
    environment: str
    mode: Literal["single-process", "distributed"]
    started_at: datetime
    uptime_seconds: int
    database: DependencyRead
    redis: DependencyRead
    worker: ProcessRead
    outbox: OutboxRead | None = Field(description="Null when the outbox cannot be read.")

    @classmethod
    def of(cls, view: StatusView) -> StatusRead:
        mode = "single-process" if view.mode == "single-process" else "distributed"
        return cls.taking(view, mode=mode)
