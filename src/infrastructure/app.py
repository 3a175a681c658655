"""``create_app(settings)``: the HTTP application, fully wired."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI
from prometheus_client import CollectorRegistry
from starlette.middleware import Middleware

from adapters.http.control_characters import refuse_control_characters
from adapters.http.docs import DOCS_URL, REDOC_URL, SCHEMA_URL, install_docs
from adapters.http.errors import install_error_handlers
from adapters.http.metrics import HttpMetrics, PlatformGauges
from adapters.http.middleware.body_limit import BodyLimitMiddleware
from adapters.http.middleware.cors import EXPOSED_HEADERS, ProblemCORSMiddleware
from adapters.http.middleware.exact_routes import install_exact_routes
from adapters.http.middleware.request_context import RequestContextMiddleware
from adapters.http.middleware.security_headers import SecurityHeadersMiddleware
from adapters.http.openapi import build_openapi, operation_id
from infrastructure.background import embedded_worker
from infrastructure.config.settings import Settings
from infrastructure.container import Container, build_container
from infrastructure.database.connection_loss import install_connection_loss_handler
from infrastructure.database.resolve import resolve_database_url
from infrastructure.wiring import MODULES, check_routes, registry_of, wiring
from infrastructure.wiring.module import ContextModule, body_limits
from infrastructure.wiring.resolver import Wiring
from infrastructure.wiring.system import app_version

DESCRIPTION = """\
Meridian: cap tables, share issuance and transfers, IPOs and shareholder votes for companies;
KYC, cash accounts, private investments, a marketplace, an investor network and a built-in
exchange for investors.

Errors are [RFC 9457](https://www.rfc-editor.org/rfc/rfc9457) `application/problem+json`
bodies with a stable `code`. Every response carries an `X-Request-ID`.
"""


class MeridianAPI(FastAPI):
    def openapi(self) -> dict[str, Any]:
        return build_openapi(self, version=self.version)


def _attach(app: FastAPI, container: Container, planned: Wiring) -> None:
    app.state.container = container
    app.state.handlers = registry_of(planned, container)


def create_app(
    settings: Settings | None = None,
    *,
    container: Container | None = None,
    modules: Sequence[ContextModule] = MODULES,
) -> FastAPI:
    """The application. With ``container`` the caller owns the resources; otherwise the
    lifespan builds them (resolving the embedded database when there is no DATABASE_URL).

    Raises ``WiringError``, naming the handler and the parameter, when a handler a context
    lists or a route ``provide()``s cannot be built."""
    settings = settings or (container.settings if container else Settings())
    planned = wiring(modules)
    registry = CollectorRegistry(auto_describe=True)
    metrics = HttpMetrics(registry)
    gauges = PlatformGauges(registry)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if container is not None:
            yield
            return
        built = build_container(settings, await resolve_database_url(settings))
        _attach(app, built, planned)
        async with embedded_worker(built):
            yield
        await built.aclose()

    app = MeridianAPI(
        title="Meridian API",
        version=app_version(),
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url=SCHEMA_URL,
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
        debug=settings.debug,
        dependencies=[Depends(refuse_control_characters)],
        middleware=[
            Middleware(RequestContextMiddleware, metrics=metrics),
            Middleware(
                SecurityHeadersMiddleware,
                docs_prefixes=(DOCS_URL, REDOC_URL, "/api/docs-assets"),
                hsts=settings.is_production,
            ),
            Middleware(
                ProblemCORSMiddleware,
                allow_origins=settings.cors_origins,
                allow_credentials=True,
                allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
                allow_headers=[
                    "Authorization",
                    "Content-Type",
                    "Idempotency-Key",
                    "X-API-Key",
                    "X-MK-Key",
                    "X-MK-Signature",
                    "X-MK-Timestamp",
                    "X-Request-ID",
                ],
                expose_headers=list(EXPOSED_HEADERS),
            ),
            Middleware(
                BodyLimitMiddleware,
                max_bytes=settings.max_body_bytes,
                routes=body_limits(modules, settings),
            ),
        ],
    )
    app.state.settings = settings
    app.state.metrics = metrics
    app.state.gauges = gauges
    install_error_handlers(app)
    install_connection_loss_handler(app)
    install_docs(app)
    for module in modules:
        for mounted in module.routers:
            app.include_router(mounted.router, prefix=mounted.prefix)
    check_routes(app.routes, planned)
    install_exact_routes(app.router)
    if container is not None:
        _attach(app, container, planned)
    return app
