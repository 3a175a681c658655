"""``require_feature("trading")``: a route dependency that refuses a switched-off feature for
everyone (403 ``feature_disabled``) and a granted-only feature for anyone not granted (403
``feature_not_granted``). Use cases can call ``CheckFeatureHandler`` themselves instead.

No ``from __future__ import annotations`` here: the dependency's annotation names a closure
variable, which FastAPI must see evaluated."""

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends

from adapters.http.auth import optional_actor
from adapters.http.registry import provide
from domain.shared.actor import Actor
from usecases.identity.access_control.check_feature import CheckFeature, CheckFeatureHandler


def require_feature(key: str, actor: Callable[..., Awaitable[Actor]] = optional_actor) -> Any:
    """``dependencies=[require_feature("public_api", api_key_actor)]``: the caller is
    identified first (401 before 403), then the feature is checked for them."""

    async def dependency(
        who: Annotated[Actor, Depends(actor)],
        check: Annotated[CheckFeatureHandler, provide(CheckFeatureHandler)],
    ) -> None:
        await check.execute(CheckFeature(actor=who, key=key))

    dependency.__name__ = f"require_feature_{key}"
    return Depends(dependency)
