"""The system context's public port: what the platform's drivers, the workers and the metrics
endpoint use of it. Probes implement ``HealthProbe`` (and return a ``ProbeResult``), workers
record ``Heartbeats``, the metrics endpoint renders the ``StatusView``."""

from __future__ import annotations

from usecases.system.get_status import StatusView
from usecases.system.heartbeats import Heartbeats, ProcessState
from usecases.system.ports import HealthProbe, ProbeResult

__all__ = ["HealthProbe", "Heartbeats", "ProbeResult", "ProcessState", "StatusView"]
