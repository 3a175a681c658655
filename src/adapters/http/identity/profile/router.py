"""The signed-in user's own profile."""

from __future__ import annotations

from typing import Annotated, Final

from fastapi import APIRouter

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.identity.profile.schemas import UserRead, UserUpdate
from adapters.http.policy import AUTHENTICATED, access
from adapters.http.registry import provide
from domain.shared.errors import ValidationFailed
from usecases.identity.profile.get_me import GetMe, GetMeHandler
from usecases.identity.profile.update_me import CLEARABLE, UpdateMe, UpdateMeHandler
from usecases.identity.profile.views import UserView

router = APIRouter(prefix="/users", tags=["identity"])

READ_SIZE: Final = 4096
_reads: dict[int, tuple[UserView, UserRead]] = {}


def _read_of(view: UserView) -> UserRead:
    """``UserRead.of(view)``, built once per view: a warm caller's profile is the same view
    object request after request (the principal lookup decodes each cached answer once), so
    its read schema is too (at most ``READ_SIZE`` remembered, the oldest dropped first)."""
    known = _reads.get(id(view))
    if known is not None and known[0] is view:
        return known[1]
    read = UserRead.of(view)
    if len(_reads) >= READ_SIZE:
        del _reads[next(iter(_reads))]
    _reads[id(view)] = (view, read)
    return read


@router.get("/me", summary="My profile")
@access(AUTHENTICATED, key_scope="account:read")
async def get_me(
    actor: CurrentActor, handler: Annotated[GetMeHandler, provide(GetMeHandler)]
) -> UserRead:
    return _read_of(await handler.execute(GetMe(actor=actor)))


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
