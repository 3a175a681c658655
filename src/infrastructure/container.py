"""The composition root's object graph: engine, adapters for every port, and the clock.

Built once per process (in the app's lifespan or a CLI command) and closed on shutdown.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from domain.shared.clock import Clock, SystemClock
from infrastructure.cache.memory import MemoryCache
from infrastructure.cache.redis import RedisCache
from infrastructure.cache.token_denylist import CacheTokenDenylist
from infrastructure.config.settings import Settings
from infrastructure.crypto.blind_index import HmacBlindIndex, derive_index_key, parse_index_key
from infrastructure.crypto.field_cipher import AesGcmFieldCipher, parse_keys
from infrastructure.crypto.file_cipher import FileCipher
from infrastructure.crypto.link_signer import HmacLinkSigner, derive_link_key
from infrastructure.database.engine import create_engine, create_session_factory
from infrastructure.documents.local_store import LocalDocumentStore
from infrastructure.notifications.public import (
    TEMPLATES_DIR,
    EmailSender,
    JinjaTemplateRenderer,
    OutboxNotifier,
    SmsSender,
    TemplateRenderer,
    email_sender,
    sms_sender,
)
from infrastructure.pubsub.feed_memory import MemoryFeedBus
from infrastructure.pubsub.feed_redis import RedisFeedBus
from infrastructure.pubsub.memory import MemoryPubSub
from infrastructure.pubsub.redis import RedisPubSub
from infrastructure.ratelimit.limiter import MovingWindowLimiter, rate_limit_storage
from usecases.shared.ports.blind_index import BlindIndex
from usecases.shared.ports.cache import Cache
from usecases.shared.ports.document_store import DocumentStore
from usecases.shared.ports.feed import FeedBus
from usecases.shared.ports.field_cipher import FieldCipher
from usecases.shared.ports.link_signer import LinkSigner
from usecases.shared.ports.notifier import Notifier
from usecases.shared.ports.pubsub import PubSub
from usecases.shared.ports.rate_limiter import RateLimiter
from usecases.shared.ports.token_denylist import TokenDenylist

log = logging.getLogger(__name__)


@dataclass(kw_only=True)
class Container:
    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    cache: Cache
    pubsub: PubSub
    feed: FeedBus
    rate_limiter: RateLimiter
    denylist: TokenDenylist
    clock: Clock
    started_at: datetime
    field_cipher: FieldCipher
    blind_index: BlindIndex
    documents: DocumentStore
    link_signer: LinkSigner
    templates: TemplateRenderer
    email: EmailSender
    sms: SmsSender
    redis: Redis | None = None
    owns_engine: bool = field(default=True)
    # What a collaborator started and must stop with the container (a process pool...).
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    def notifier_factory(self, session: AsyncSession) -> Notifier:
        """The transactional notifier bound to a unit of work's session."""
        return OutboxNotifier(
            session, renderer=self.templates, cipher=self.field_cipher, clock=self.clock
        )

    def unit_of_work(self, *, require_audit: bool = True) -> SqlAlchemyUnitOfWork:
        """``require_audit=False`` only for tools and test set-up that are not use cases."""
        return SqlAlchemyUnitOfWork(
            self.session_factory,
            notifier_factory=self.notifier_factory,
            clock=self.clock,
            require_audit=require_audit,
        )

    def on_close(self, close: Callable[[], Awaitable[None]]) -> None:
        """``close`` is awaited by ``aclose``, the last registered first, before Redis and the
        engine are closed."""
        self.closers.append(close)

    async def aclose(self) -> None:
        while self.closers:
            await self.closers.pop()()
        if self.redis is not None:
            await self.redis.aclose()
        if self.owns_engine:
            await self.engine.dispose()


def blind_index_key(settings: Settings) -> bytes:
    """``BLIND_INDEX_KEY``, or (development and test, where production refuses to start
    without it) a key derived from ``SECRET_KEY``."""
    if settings.blind_index_key is not None:
        return parse_index_key(settings.blind_index_key.get_secret_value())
    return derive_index_key(settings.secret_key.get_secret_value())


def build_container(
    settings: Settings,
    database_url: str,
    *,
    engine: AsyncEngine | None = None,
    clock: Clock | None = None,
) -> Container:
    clock = clock or SystemClock()
    owns_engine = engine is None
    engine = engine or create_engine(settings, database_url)
    redis: Redis | None = None
    cache: Cache
    pubsub: PubSub
    feed: FeedBus
    if settings.redis_url:
        redis = Redis.from_url(settings.redis_url, health_check_interval=30)
        cache = RedisCache(redis, settings.redis_namespace)
        pubsub = RedisPubSub(redis, settings.redis_namespace)
        feed = RedisFeedBus(redis, settings.redis_namespace)  # closed with the Redis client
    else:
        log.warning(
            "single-process mode: no REDIS_URL, so the cache, pub/sub, rate limits and token "
            "denylist are in memory; run one API process only"
        )
        cache = MemoryCache(settings.redis_namespace)
        pubsub = MemoryPubSub()
        feed = MemoryFeedBus()
    field_keys = parse_keys(settings.field_encryption_keys.get_secret_value())
    limiter = MovingWindowLimiter(rate_limit_storage(settings.redis_url, settings.redis_namespace))
    return Container(
        settings=settings,
        engine=engine,
        session_factory=create_session_factory(engine),
        cache=cache,
        pubsub=pubsub,
        feed=feed,
        rate_limiter=limiter,
        denylist=CacheTokenDenylist(cache, clock),
        clock=clock,
        started_at=clock.now(),
        field_cipher=AesGcmFieldCipher(field_keys),
        blind_index=HmacBlindIndex(blind_index_key(settings)),
        documents=LocalDocumentStore(settings.documents_path, FileCipher(field_keys)),
        link_signer=HmacLinkSigner(derive_link_key(settings.secret_key.get_secret_value())),
        templates=JinjaTemplateRenderer(
            *filter(None, (settings.notification_templates_dir, TEMPLATES_DIR))
        ),
        email=email_sender(settings),
        sms=sms_sender(settings),
        redis=redis,
        owns_engine=owns_engine,
    )
