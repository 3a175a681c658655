"""Who may see or change whose KYC: the user themselves, or a ``kyc:review`` holder."""

from __future__ import annotations

from domain.shared.actor import Actor
from domain.shared.errors import NotFound, Unauthenticated
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


async def subject_for(actor: Actor, user_code: str, users: UserDirectory) -> UserId:
    """The user behind ``user_code`` if ``actor`` may read them; anyone else's code answers
    exactly like an unknown one (404)."""
    signed_in_user(actor)
    user_id = await users.user_id_for_code(user_code)
    if user_id is None or not (actor.owns(user_id) or actor.may(KYC_REVIEW)):
        raise KycSubjectNotFound(f"no user {user_code}")
    return user_id
