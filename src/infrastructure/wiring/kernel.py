"""The shared kernel every context's collaborators may take by type: the container's ports
(clock, cache, cipher, ...) and the settings; plus ``setting``, a named value read from them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from domain.shared.clock import Clock
from infrastructure.config.settings import Settings
from infrastructure.container import Container
from infrastructure.wiring.providers import Key, Provider, Scope, named
from usecases.shared.ports.blind_index import BlindIndex
from usecases.shared.ports.cache import Cache
from usecases.shared.ports.document_store import DocumentStore
from usecases.shared.ports.feed import FeedBus
from usecases.shared.ports.field_cipher import FieldCipher
from usecases.shared.ports.link_signer import LinkSigner
from usecases.shared.ports.rate_limiter import RateLimiter
from usecases.shared.ports.token_denylist import TokenDenylist


def from_container(key: Key, read: Callable[[Container], object]) -> Provider:
    def build(container: Container) -> object:
        return read(container)

    return Provider(key, build)


def setting(name: str, read: Callable[[Settings], object]) -> Provider:
    """``setting("threshold", lambda s: s.kyc_name_match_threshold)``: a value the context's
    parameters named ``threshold`` get."""

    def build(settings: Settings) -> object:
        return read(settings)

    return named(name, build)


def idempotency_ttl(settings: Settings) -> timedelta:
    return timedelta(hours=settings.idempotency_key_ttl_hours)


KERNEL = Scope(
    "kernel",
    providers=(
        from_container(Settings, lambda c: c.settings),
        from_container(Clock, lambda c: c.clock),
        from_container(AsyncEngine, lambda c: c.engine),
        from_container(Callable[[], AsyncSession], lambda c: c.session_factory),
        from_container(Cache, lambda c: c.cache),
        from_container(FeedBus, lambda c: c.feed),
        from_container(RateLimiter, lambda c: c.rate_limiter),
        from_container(TokenDenylist, lambda c: c.denylist),
        from_container(FieldCipher, lambda c: c.field_cipher),
        from_container(BlindIndex, lambda c: c.blind_index),
        from_container(DocumentStore, lambda c: c.documents),
        from_container(LinkSigner, lambda c: c.link_signer),
    ),
)
