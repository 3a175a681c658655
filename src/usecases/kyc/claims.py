"""A number only one account may claim (an Aadhaar, a PAN, a verified bank account).

The use case looks the blind index up first, but two accounts submitting the same number at the
same moment both pass that lookup; the unique index then refuses the second commit with the
generic ``duplicate``. ``claiming`` answers it as the claim's own conflict, so the loser of a
race reads the same ``aadhaar_in_use`` as a later submitter."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from domain.shared.errors import Conflict


@asynccontextmanager
async def claiming(field: str, lost: Callable[[], Conflict]) -> AsyncIterator[None]:
    try:
        yield
    except Conflict as exc:
        if exc.error_code == "duplicate" and any(e.field == field for e in exc.errors):
            raise lost() from exc
        raise
