"""Every context wired into the app. A new context adds its module to ``MODULES``.

``wiring(MODULES)`` plans every handler each context lists (failing, with the handler and the
parameter named, when one cannot be built); ``build_registry(container)`` builds the
collaborators once and registers a factory per handler. See docs/architecture.md, "Wiring"."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from starlette.routing import BaseRoute

from adapters.http.registry import HandlerRegistry, provided_kinds
from infrastructure.container import Container
from infrastructure.wiring import (
    audit,
    banking,
    captable,
    governance,
    identity,
    kyc,
    ledger,
    marketdata,
    notifications,
    portfolio,
    system,
    trading,
)
from infrastructure.wiring.kernel import KERNEL
from infrastructure.wiring.module import ContextModule
from infrastructure.wiring.resolver import Wiring, WiringError

MODULES: tuple[ContextModule, ...] = (
    system.MODULE,
    notifications.MODULE,
    identity.MODULE,
    audit.MODULE,
    kyc.MODULE,
    ledger.MODULE,
    banking.MODULE,
    captable.MODULE,
    governance.MODULE,
    trading.MODULE,
    portfolio.MODULE,
    marketdata.MODULE,
)


def wiring(modules: Sequence[ContextModule] = MODULES) -> Wiring:
    return Wiring([KERNEL, *(m.scope() for m in modules)], roots=(Container,))


def check_routes(routes: Iterable[BaseRoute], planned: Wiring) -> None:
    """Every ``provide(H)`` of every route names a handler some context lists."""
    listed = set(planned.kinds)
    for route, kind in provided_kinds(routes):
        if kind not in listed:
            raise WiringError(
                f"{route} asks for provide({kind.__name__}), which no context lists in its handlers"
            )


def registry_of(planned: Wiring, container: Container) -> HandlerRegistry:
    bound = planned.bind({Container: container})
    registry = HandlerRegistry()
    for kind in planned.kinds:
        registry.register(kind, bound.factory(kind))
    return registry


def build_registry(
    container: Container, modules: Sequence[ContextModule] = MODULES
) -> HandlerRegistry:
    return registry_of(wiring(modules), container)
