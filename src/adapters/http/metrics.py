"""Prometheus metrics: request counts and latency histograms by route template."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from usecases.system.public import StatusView

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


class HttpMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry
        self.requests = Counter(
            "meridian_http_requests",
            "HTTP requests handled, by method, route template and status.",
            ["method", "route", "status"],
            registry=registry,
        )
        self.latency = Histogram(
            "meridian_http_request_duration_seconds",
            "HTTP request latency, by method and route template.",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )

    def observe(self, *, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method=method, route=route, status=str(status)).inc()
        self.latency.labels(method=method, route=route).observe(seconds)


class PlatformGauges:
    """Dependency and worker health, refreshed from the status use case at each scrape."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.up = Gauge(
            "meridian_dependency_up",
            "1 when the dependency answers.",
            ["dependency"],
            registry=registry,
        )
        self.heartbeat_age = Gauge(
            "meridian_worker_heartbeat_age_seconds",
            "Seconds since the outbox worker last beat (-1: never).",
            registry=registry,
        )
        self.outbox_pending = Gauge(
            "meridian_outbox_pending", "Messages waiting for delivery.", registry=registry
        )
        self.outbox_oldest_age = Gauge(
            "meridian_outbox_oldest_pending_age_seconds",
            "Age of the oldest pending message (0 when none).",
            registry=registry,
        )
        self.outbox_dead = Gauge(
            "meridian_outbox_dead_letters",
            "Messages that exhausted their attempts.",
            registry=registry,
        )

    def update(self, view: StatusView, *, now_seconds: float) -> None:
        self.up.labels(dependency="database").set(view.database.healthy)
        self.up.labels(dependency="redis").set(view.redis.healthy)
        last = view.worker.last_heartbeat
        self.heartbeat_age.set(-1 if last is None else max(0.0, now_seconds - last.timestamp()))
        if view.outbox is not None:
            self.outbox_pending.set(view.outbox.pending)
            self.outbox_oldest_age.set(view.outbox.oldest_pending_age_seconds or 0)
            self.outbox_dead.set(view.outbox.dead)
