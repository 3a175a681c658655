"""Every context wired into the app. A new context adds its module to ``MODULES``."""

from __future__ import annotations

from adapters.http.registry import HandlerRegistry
from infrastructure.container import Container
from infrastructure.wiring import audit, banking, identity, kyc, ledger, notifications, system
from infrastructure.wiring.module import ContextModule

MODULES: tuple[ContextModule, ...] = (
    system.MODULE,
    notifications.MODULE,
    identity.MODULE,
    audit.MODULE,
    kyc.MODULE,
    ledger.MODULE,
    banking.MODULE,
)


def build_registry(container: Container) -> HandlerRegistry:
    registry = HandlerRegistry()
    for module in MODULES:
        module.register(registry, container)
    return registry
