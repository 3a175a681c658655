"""The resolver's rules: type, then the context's names, then the default; lifetimes; and the
errors that fail start-up."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from infrastructure.wiring.providers import Scope, WiringError, named, once, per_use
from infrastructure.wiring.resolver import Wiring


class Clock:
    pass


class UnitOfWork:
    pass


class Service:
    def __init__(self, clock: Clock, uows: Callable[[], UnitOfWork]) -> None:
        self.clock = clock
        self.uows = uows


class Handler:
    def __init__(
        self, uow: UnitOfWork, service: Service, *, threshold: float, retries: int = 3
    ) -> None:
        self.uow, self.service, self.threshold, self.retries = uow, service, threshold, retries


class Unprovided:
    pass


class Optional:
    def __init__(self, clock: Clock | None = None, missing: Unprovided | None = None) -> None:
        self.clock, self.missing = clock, missing


class Outer:
    def __init__(self, inner: Handler) -> None:
        self.inner = inner


def kernel() -> Scope:
    return Scope("kernel", (once(Clock), per_use(UnitOfWork, UnitOfWork)))


def test_types_then_the_context_s_names_then_defaults() -> None:
    a = Scope("a", (once(Service), named("threshold", lambda: 0.5)), (Handler, Outer))
    b = Scope("b", (named("threshold", lambda: 0.9),), (Optional,))
    bound = Wiring([kernel(), a, b]).bind({})
    handler = bound.factory(Handler)()
    assert (handler.threshold, handler.retries) == (0.5, 3)  # a's name, not b's
    assert isinstance(handler.uow, UnitOfWork)
    assert handler.service.clock is bound.factory(Optional)().clock  # once per bind
    assert bound.factory(Optional)().missing is None  # no provider: the default


def test_per_use_collaborators_and_handlers_are_new_each_time() -> None:
    a = Scope("a", (once(Service), named("threshold", lambda: 0.5)), (Handler, Outer))
    bound = Wiring([kernel(), a]).bind({})
    one, two = bound.factory(Outer)(), bound.factory(Outer)()
    assert one.inner is not two.inner
    assert one.inner.uow is not two.inner.uow
    assert one.inner.service is two.inner.service
    factory = one.inner.service.uows  # Callable[[], UnitOfWork]: a factory of fresh ones
    assert isinstance(factory(), UnitOfWork)
    assert factory() is not factory()


def test_a_missing_collaborator_names_the_handler_and_the_parameter() -> None:
    a = Scope("a", (once(Service),), (Handler,))
    with pytest.raises(WiringError, match=r"Handler \(a\).*threshold: float.*'threshold'"):
        Wiring([kernel(), a])


def test_a_once_collaborator_cannot_hold_a_per_use_one() -> None:
    class Holder:
        def __init__(self, uow: UnitOfWork) -> None:
            self.uow = uow

    with pytest.raises(WiringError, match="built once, so it cannot take uow"):
        Wiring([kernel(), Scope("a", (once(Holder),))])


def test_a_type_provided_twice_is_refused() -> None:
    with pytest.raises(WiringError, match="Clock is provided by both kernel and a"):
        Wiring([kernel(), Scope("a", (once(Clock),))])


def test_a_cycle_is_refused() -> None:
    class Left:
        def __init__(self, right: Right) -> None: ...

    class Right:
        def __init__(self, left: Left) -> None: ...

    globals().update(Left=Left, Right=Right)  # the hints name them at module level
    try:
        with pytest.raises(WiringError, match="needs itself"):
            Wiring([Scope("a", (once(Left), once(Right)))])
    finally:
        del globals()["Left"], globals()["Right"]
