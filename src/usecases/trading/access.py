"""Who may do what in trading: anyone signed in reads instruments, ``trading:manage`` lists,
halts and resumes them, and only a verified investor (KYC ``trade``) places orders. Orders,
fills and positions are their owner's: to anyone else an order answers like one that does not
exist (404)."""

from __future__ import annotations

from typing import Final

from domain.shared.actor import Actor
from domain.shared.errors import PermissionDenied, Unauthenticated
from domain.shared.ids import UserId

TRADING_MANAGE: Final = "trading:manage"
TRADE_CAPABILITY: Final = "trade"  # the KYC gate's capability


def signed_in(actor: Actor) -> None:
    if not actor.is_authenticated:
        raise Unauthenticated("trading needs a signed-in caller")


def trader(actor: Actor) -> UserId:
    if actor.user_id is None:
        raise Unauthenticated("orders belong to a signed-in user")
    return actor.user_id


def require_manager(actor: Actor) -> None:
    signed_in(actor)
    if not actor.may(TRADING_MANAGE):
        raise PermissionDenied(f"this needs the {TRADING_MANAGE} permission")
