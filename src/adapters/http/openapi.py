"""OpenAPI as a product: stable operationIds, one described tag per context, problem+json
everywhere an error can come from, and the security schemes clients will use."""

from __future__ import annotations

from typing import Any, Final

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from adapters.http.idempotency import declare_required
from adapters.http.openapi_defaults import describe_request_defaults
from adapters.http.policy import policy_of
from adapters.http.problem import PROBLEM_MEDIA_TYPE, Problem
from adapters.http.read_model import (
    MONEY_MARK,
    MONEY_REF,
    MONEY_SCHEMA,
    PRICE_PER_SHARE_MARK,
    PRICE_PER_SHARE_REF,
    PRICE_PER_SHARE_SCHEMA,
)
from adapters.http.routes import route_table

TAG_DESCRIPTIONS: Final[dict[str, str]] = {
    "system": "Liveness, readiness and platform status.",
    "identity": "Registration, login, tokens, sessions, two-factor, devices and API keys.",
    "public": "Partner API under /api/public/v1: read-only, authenticated with X-API-Key.",
    "kyc": "Identity verification: Aadhaar, PAN, business and bank, and their review.",
    "audit": "Audit trail, login activity, reports and risk scoring.",
    "ledger": "Double-entry accounts, journal entries, holds and balances.",
    "banking": "Linked bank accounts, deposits and withdrawals.",
    "captable": "Issuers, share classes, stakeholders, issuances, certificates and transfers.",
    "trading": "Instruments, orders, the order book, trades and positions.",
    "marketdata": "Quotes, the trades tape, candles and the live feed.",
    "portfolio": "Private investments, capital activity, valuations and analytics.",
    "marketplace": "Opportunities, watchlists, data rooms and expressions of interest.",
    "network": "Investor profiles, directory, connections and messaging.",
    "ipo": "Offerings, book building and allocation.",
    "governance": "Proposals, share-weighted voting and results.",
    "notifications": "In-app notifications and delivery preferences.",
    "documents": "Stored files and generated documents.",
}

PROBLEM_REF: Final = {"$ref": "#/components/schemas/Problem"}

# The codes a 401 of each security scheme carries (adapters/http/auth.py, identity's errors).
AUTH_CODES: Final[dict[str, tuple[str, tuple[str, ...]]]] = {
    "bearerAuth": (
        "No access token, or one that is invalid, revoked or expired",
        ("missing_token", "token_invalid", "token_revoked", "token_expired"),
    ),
    "apiKeyAuth": ("No API key, or one that is invalid", ("missing_api_key", "api_key_invalid")),
    "signedKeyAuth": (
        "A signed API-key request that is unsigned, invalid, stale or replayed, or a key that "
        "expired or was revoked",
        (
            "api_key_expired",
            "api_key_revoked",
            "api_key_signature_required",
            "api_key_signature_invalid",
            "api_key_timestamp_out_of_window",
            "api_key_replayed",
        ),
    ),
}
KEY_REFUSALS: Final = (
    "the key lacks the route's scope (`api_key_scope`), or is used from an address outside "
    "its allowlist (`api_key_ip_not_allowed`)"
)


def _declare_keys(app: FastAPI, paths: dict[str, Any]) -> None:
    """Routes that accept API keys (``@access(..., key_scope=...)``) say so: the key schemes
    beside the bearer token, the scope, and what a key can be refused with."""
    for route in route_table(app.routes):
        policy = policy_of(route.endpoint, "")
        if not route.in_schema or policy is None or policy.key_scope is None:
            continue
        for method in route.methods:
            operation = paths.get(route.path, {}).get(method.lower())
            if operation is None:
                continue
            security = operation.setdefault("security", [])
            # the whole key in X-API-Key only reads; a state-changing request must be signed
            reads = method in ("GET", "HEAD")
            for scheme in ("apiKeyAuth", "signedKeyAuth") if reads else ("signedKeyAuth",):
                if {scheme: []} not in security:
                    security.append({scheme: []})
            note = (
                f"API keys with the `{policy.key_scope}` scope may call this route "
                "(docs/api_keys.md)."
            )
            operation["description"] = f"{operation.get('description', '')}\n\n{note}".strip()
            responses = operation.setdefault("responses", {})
            denied = responses.get("403", {}).get(
                "description", "Refused for this caller (e.g. `permission_denied`)"
            )
            responses["403"] = {"description": f"{denied.rstrip('.')}; {KEY_REFUSALS}."}
            responses.setdefault(
                "429",
                {
                    "description": "The key's rate limit is used up (code "
                    "`api_key_rate_limited`): try again after `Retry-After` seconds."
                },
            )


def operation_id(route: APIRoute) -> str:
    """``<context>_<function>``: the tag, then the endpoint function's name (which must not
    repeat the context: ``kyc_get_document_content``, not ``kyc_kyc_...``)."""
    if not route.include_in_schema:
        return route.name
    if not route.tags:
        raise ValueError(f"route {route.path} has no tag: every route belongs to a context")
    return f"{route.tags[0]}_{route.name}"


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM_MEDIA_TYPE: {"schema": PROBLEM_REF}}}


def _has_input(operation: dict[str, Any]) -> bool:
    return bool(operation.get("parameters") or operation.get("requestBody"))


def _normalise_errors(operation: dict[str, Any]) -> None:
    responses: dict[str, Any] = operation.setdefault("responses", {})
    for status, response in list(responses.items()):
        if status.isdigit() and int(status) >= 400 and status != "503":
            responses[status] = _problem(response.get("description", "Error"))
    if _has_input(operation):
        responses.setdefault("422", _problem("Validation failed: `errors` names each field."))
        responses["422"] = _problem(
            responses["422"]["description"].replace("Validation Error", "Validation failed")
        )
    if "requestBody" in operation:
        responses.setdefault("400", _problem("Malformed request body (code `malformed_body`)."))
        responses.setdefault("413", _problem("Request body too large (code `payload_too_large`)."))
    schemes = {name for requirement in operation.get("security", ()) for name in requirement}
    for scheme in sorted(schemes & set(AUTH_CODES)):
        text, codes = AUTH_CODES[scheme]
        described = responses.get("401", {}).get("description")
        missing = [code for code in codes if f"`{code}`" not in (described or "")]
        listed = ", ".join(f"`{code}`" for code in missing)
        if described is None:
            responses["401"] = _problem(f"{text} (code {listed}).")
        elif missing:
            responses["401"] = _problem(f"{described.rstrip('.')}; {text} (code {listed}).")
    if schemes:
        responses.setdefault(
            "403",
            _problem("Refused for this caller (e.g. `permission_denied`, `ip_not_allowed`)."),
        )
    responses.setdefault("500", _problem("Unexpected fault (code `internal_error`)."))
    responses.setdefault(
        "503",
        _problem(
            "Database unavailable (code `database_unavailable`): try again after `Retry-After` "
            "seconds (money-moving POSTs with the same `Idempotency-Key`)."
        ),
    )


def _name_money(node: Any) -> None:
    """Every money field (marked by ``read_model.Money``) becomes a ref to the one ``Money``
    component, keeping its own description."""
    if isinstance(node, list):
        for item in node:
            _name_money(item)
    elif isinstance(node, dict):
        if node.pop(MONEY_MARK, False):
            for covered in ("type", "pattern"):
                node.pop(covered, None)
            node["$ref"] = MONEY_REF
        elif node.pop(PRICE_PER_SHARE_MARK, False):
            for covered in ("type", "pattern"):
                node.pop(covered, None)
            node["$ref"] = PRICE_PER_SHARE_REF
        for value in node.values():
            _name_money(value)


def build_openapi(app: FastAPI, *, version: str) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    used_tags = {tag for route in route_table(app.routes) if route.in_schema for tag in route.tags}
    schema = get_openapi(
        title=app.title,
        version=version,
        description=app.description,
        routes=app.routes,
        tags=[
            {"name": name, "description": text}
            for name, text in TAG_DESCRIPTIONS.items()
            if name in used_tags
        ],
    )
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, sub in schemas["Problem"].pop("$defs", {}).items():
        schemas.setdefault(name, sub)
    _name_money(schemas)
    schemas["Money"] = dict(MONEY_SCHEMA)
    schemas["PricePerShare"] = dict(PRICE_PER_SHARE_SCHEMA)
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    components["securitySchemes"] = {
        "bearerAuth": {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": "Short-lived access token from the identity endpoints.",
        },
        "apiKeyAuth": {
            "type": "apiKey",
            "in": "header",
            "name": "X-API-Key",
            "description": "The whole API key (`mk_<prefix>_<secret>`): the partner API, "
            "and reads of routes that accept keys. State-changing requests must be signed.",
        },
        "signedKeyAuth": {
            "type": "apiKey",
            "in": "header",
            "name": "X-MK-Key",
            "description": "A signed request: `X-MK-Key` (the key id `mk_<prefix>`), "
            "`X-MK-Timestamp` (Unix milliseconds, within 5 s) and `X-MK-Signature` (hex "
            "HMAC-SHA256 of the request under the whole key): docs/api_keys.md.",
        },
    }
    _declare_keys(app, schema.get("paths", {}))
    declare_required(app.routes, schema.get("paths", {}))
    describe_request_defaults(schema)
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            if isinstance(operation, dict) and "responses" in operation:
                _normalise_errors(operation)
    app.openapi_schema = schema
    return schema
