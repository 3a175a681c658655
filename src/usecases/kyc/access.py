"""Who may see or change whose KYC: the signed-in user their own (routes without a code), a
``kyc:review`` holder anyone's by code."""

from __future__ import annotations

from domain.shared.actor import Actor
from domain.shared.errors import NotFound, PermissionDenied, Unauthenticated
from domain.shared.ids import UserId
from usecases.identity.public.user_directory import UserDirectory

KYC_REVIEW = "kyc:review"


class KycSubjectNotFound(NotFound):
    code = "user_not_found"
    title = "User not found"


def signed_in_user(actor: Actor) -> UserId:
    if actor.user_id is None:
        raise Unauthenticated("KYC belongs to a signed-in user")
    return actor.user_id


async def subject_for(
    actor: Actor, user_code: str | None, users: UserDirectory
) -> tuple[UserId, str]:
    """The signed-in user without a code; with one, the user behind it, for a ``kyc:review``
    holder only (an investor reads their own without a code). With the user's code."""
    me = signed_in_user(actor)
    if user_code is None:
        codes = await users.codes_for([me])
        if me not in codes:
            raise KycSubjectNotFound("no such user")
        return me, codes[me]
    if not actor.may(KYC_REVIEW):
        raise PermissionDenied("reading a user's KYC by code needs kyc:review")
    user_id = await users.user_id_for_code(user_code)
    if user_id is None:
        raise KycSubjectNotFound(f"no user {user_code}")
    return user_id, user_code
