"""Who reads market data: anyone signed in (an investor's session, or an API key with the
``market:read`` scope acting as its owner), as trading's instruments and book are. Nothing of
it is anyone's own, so there is no object check."""

from __future__ import annotations

from domain.shared.actor import Actor
from domain.shared.errors import Unauthenticated


def reader(actor: Actor) -> None:
    if not actor.is_authenticated:
        raise Unauthenticated("market data needs a signed-in caller or an API key")
