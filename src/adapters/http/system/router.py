"""System endpoints: liveness, readiness, status and Prometheus metrics."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from adapters.http.policy import PUBLIC, access
from adapters.http.registry import provide
from adapters.http.system.schemas import LivenessRead, ReadinessRead, StatusRead
from usecases.system.check_readiness import CheckReadiness, CheckReadinessHandler
from usecases.system.get_status import GetStatus, GetStatusHandler

probes = APIRouter(tags=["system"])
api = APIRouter(tags=["system"])

ReadinessDep = Annotated[CheckReadinessHandler, provide(CheckReadinessHandler)]
StatusDep = Annotated[GetStatusHandler, provide(GetStatusHandler)]


@probes.get("/healthz", summary="Liveness: the process answers")
@access(PUBLIC)
async def get_liveness() -> LivenessRead:
    return LivenessRead()


@probes.get(
    "/readyz",
    summary="Readiness: the database and Redis are reachable",
    responses={503: {"model": ReadinessRead, "description": "A dependency is down."}},
)
@access(PUBLIC)
async def get_readiness(handler: ReadinessDep, response: Response) -> ReadinessRead:
    view = await handler.execute(CheckReadiness())
    if not view.ready:
        response.status_code = 503
    return ReadinessRead.of(view)


@api.get("/status", summary="Version, uptime and the state of every dependency")
@access(PUBLIC)
async def get_status(handler: StatusDep) -> StatusRead:
    return StatusRead.of(await handler.execute(GetStatus()))


@probes.get("/metrics", include_in_schema=False)
@access(PUBLIC)
async def get_metrics(request: Request, handler: StatusDep) -> Response:
    view = await handler.execute(GetStatus())
    request.app.state.gauges.update(view, now_seconds=time.time())
    return Response(
        generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST
    )
