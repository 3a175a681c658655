"""Who may take which step of a transfer.

- The **seller** (the signed-in user linked to the stakeholder holding the source certificate)
  drafts, submits and withdraws; anyone else is refused (``not_the_holder``).
- A **company admin of that issuer** (``captable:transfer@issuer:<id>``) or a platform admin
  (``captable:manage``) waives or exercises the right of first refusal, approves, rejects and
  completes. A reader of the issuer without that permission is refused (403); anyone who cannot
  see the issuer gets not-found, as if it did not exist.
- A transfer is seen by whoever may read the issuer's cap table and by its two parties."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final
from uuid import UUID

from domain.captable.errors import IssuerNotFound
from domain.captable.issuer import Issuer
from domain.captable.share_transfer import ShareTransfer, TransferNotFound
from domain.captable.stakeholder import Stakeholder
from domain.shared.actor import Actor
from usecases.captable.access import CAPTABLE_READ, issuer_for, may, signed_in_user
from usecases.captable.transfers.ports import TransfersUnitOfWork

CAPTABLE_TRANSFER: Final = "captable:transfer"


@dataclass(frozen=True, slots=True)
class AsParty:
    """The issuer and the caller's own stakeholder in it (``None`` for an admin who is not
    one)."""

    issuer: Issuer
    me: Stakeholder | None


async def as_party(
    uow: TransfersUnitOfWork, actor: Actor, issuer_id: UUID, *, for_update: bool = False
) -> AsParty:
    """The issuer for a caller who is one of its stakeholders or may read it; not found for
    anyone else. ``for_update`` locks the issuer row (the cap table's writers queue on it)."""
    user = signed_in_user(actor)
    me = await uow.stakeholders.by_user(issuer_id, user)
    if me is None and not may(actor, CAPTABLE_READ, issuer_id):
        raise IssuerNotFound(issuer_id)
    issuer = await uow.issuers.get(issuer_id, for_update=for_update)
    if issuer is None:
        raise IssuerNotFound(issuer_id)
    return AsParty(issuer, me)


async def as_admin(uow: TransfersUnitOfWork, actor: Actor, issuer_id: UUID) -> Issuer:
    """The issuer, locked, for a caller who may decide its transfers."""
    return await issuer_for(uow, actor, issuer_id, CAPTABLE_TRANSFER, for_update=True)


async def transfer_in(
    uow: TransfersUnitOfWork, issuer_id: UUID, transfer_id: UUID
) -> ShareTransfer:
    transfer = await uow.share_transfers.get(issuer_id, transfer_id)
    if transfer is None:
        raise TransferNotFound(transfer_id)
    return transfer


def is_party(transfer: ShareTransfer, me: Stakeholder | None) -> bool:
    return me is not None and me.id in (
        transfer.seller_id,
        transfer.terms.buyer_id,
        transfer.noticed_buyer_id,
    )


def visible(actor: Actor, transfer: ShareTransfer, me: Stakeholder | None) -> bool:
    return is_party(transfer, me) or may(actor, CAPTABLE_READ, transfer.issuer_id)
