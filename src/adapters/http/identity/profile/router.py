"""The signed-in user's own profile."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.identity.profile.schemas import UserRead, UserUpdate
from adapters.http.policy import AUTHENTICATED, access
from adapters.http.registry import provide
from domain.shared.errors import ValidationFailed
from usecases.identity.profile.get_me import GetMe, GetMeHandler
from usecases.identity.profile.update_me import CLEARABLE, UpdateMe, UpdateMeHandler

router = APIRouter(prefix="/users", tags=["identity"])


@router.get("/me", summary="My profile")
@access(AUTHENTICATED, key_scope="account:read")
async def get_me(
    actor: CurrentActor, handler: Annotated[GetMeHandler, provide(GetMeHandler)]
) -> UserRead:
    return UserRead.of(await handler.execute(GetMe(actor=actor)))


@router.patch("/me", summary="Change my basic details", responses=errors(ValidationFailed))
@access(AUTHENTICATED)
async def update_me(
    body: UserUpdate,
    actor: CurrentActor,
    handler: Annotated[UpdateMeHandler, provide(UpdateMeHandler)],
) -> UserRead:
    cleared = {name for name in body.model_fields_set & CLEARABLE if getattr(body, name) is None}
    view = await handler.execute(
        UpdateMe(
            actor=actor,
            full_name=body.full_name,
            date_of_birth=body.date_of_birth,
            country=body.country,
            clear=frozenset(cleared),
        )
    )
    return UserRead.of(view)
