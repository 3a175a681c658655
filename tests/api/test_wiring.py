"""The wiring builds every handler the app can ask for, and refuses to start when one cannot be
built (docs/architecture.md, "Wiring")."""

from __future__ import annotations

from typing import Annotated, Protocol

import pytest
from fastapi import APIRouter, FastAPI

from adapters.http.registry import HandlerRegistry, provide, provided_kinds
from infrastructure.app import create_app
from infrastructure.config.settings import Settings
from infrastructure.wiring import MODULES
from infrastructure.wiring.module import ContextModule, Mounted
from infrastructure.wiring.resolver import WiringError
from usecases.identity.access_control.assign_role import AssignRoleHandler
from usecases.identity.access_control.check_feature import CheckFeatureHandler
from usecases.identity.access_control.user_access import UserAccessCache
from usecases.identity.authentication.login import LoginHandler
from usecases.ledger.get_monthly_statement import RenderMonthlyStatementHandler


def test_every_route_s_handlers_build(app: FastAPI) -> None:
    registry: HandlerRegistry = app.state.handlers
    provided = {kind for _, kind in provided_kinds(app.routes)}
    # require_feature's provide(CheckFeatureHandler) sits one dependency down: the walk is deep.
    assert CheckFeatureHandler in provided
    assert len(provided) >= 100
    assert provided <= set(registry.kinds())
    for kind in registry.kinds():
        built = registry.resolve(kind)
        if getattr(kind, "_is_protocol", False):  # the Authenticator port
            assert built is registry.resolve(kind), kind  # one, app-wide
        else:
            assert isinstance(built, kind), kind


def test_a_handler_and_its_unit_of_work_are_new_per_resolve_its_services_are_not(
    app: FastAPI,
) -> None:
    registry: HandlerRegistry = app.state.handlers
    first, second = registry.resolve(LoginHandler), registry.resolve(LoginHandler)
    assert first is not second
    assert first._uow is not second._uow  # one unit of work per request, never shared
    assert first._sessions is second._sessions  # built once per container
    render = registry.resolve(RenderMonthlyStatementHandler)  # takes another handler
    again = registry.resolve(RenderMonthlyStatementHandler)
    assert render._statements is not again._statements
    assert render._statements._uow is not again._statements._uow


def test_a_collaborator_is_built_once_across_contexts(app: FastAPI) -> None:
    registry: HandlerRegistry = app.state.handlers
    login = registry.resolve(LoginHandler)
    access = registry.resolve(AssignRoleHandler)._access
    assert isinstance(access, UserAccessCache)
    assert login._sessions._access is access


class MissingPort(Protocol):
    def ping(self) -> None: ...


class NeedsMissingHandler:
    def __init__(self, clock_port: MissingPort) -> None:
        self._port = clock_port


def broken(handlers: tuple[type, ...], router: APIRouter | None = None) -> ContextModule:
    return ContextModule(
        name="broken", handlers=handlers, routers=(Mounted(router),) if router else ()
    )


def test_an_unresolvable_collaborator_fails_start_up_naming_handler_and_parameter(
    settings: Settings,
) -> None:
    with pytest.raises(WiringError) as failed:
        create_app(settings, modules=(*MODULES, broken((NeedsMissingHandler,))))
    message = str(failed.value)
    assert "NeedsMissingHandler (broken)" in message
    assert "clock_port: MissingPort" in message


def test_a_route_asking_for_an_unlisted_handler_fails_start_up(settings: Settings) -> None:
    router = APIRouter(tags=["broken"])

    @router.get("/broken")
    async def endpoint(
        handler: Annotated[NeedsMissingHandler, provide(NeedsMissingHandler)],
    ) -> None: ...

    with pytest.raises(WiringError) as failed:
        create_app(settings, modules=(*MODULES, broken((), router)))
    message = str(failed.value)
    assert "GET /api/v1/broken" in message
    assert "provide(NeedsMissingHandler)" in message
