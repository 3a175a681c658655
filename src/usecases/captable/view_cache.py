"""The cap table's ownership (every holder's shares and percentages, the class totals), cached
under the issuer's event sequence: ``captable:ownership:<issuer>:<sequence>:<date|now>``.

A view reads the issuer's sequence and computes the ownership in one snapshot transaction, so
what it caches under sequence ``n`` is exactly the cap table after event ``n``. Every event
moves the sequence on in its own transaction, so after a write commits no reader asks for the
old key again: a stale read is impossible without deleting anything. Old keys expire."""

from __future__ import annotations

import json
from contextlib import suppress
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from domain.captable.cap_table import Holding
from domain.captable.issuer import Issuer
from domain.captable.ownership import ClassTotal, HolderPosition, Ownership, ownership
from usecases.captable.config import CaptableConfig
from usecases.captable.ports import CaptableUnitOfWork
from usecases.shared.ports.cache import Cache, CacheUnavailable


def cache_key(issuer: Issuer, as_of: date | None) -> str:
    day = as_of.isoformat() if as_of else "now"
    return f"captable:ownership:{issuer.id}:{issuer.event_sequence}:{day}"


def _encode(table: Ownership) -> bytes:
    return json.dumps(
        {
            "h": [
                [
                    str(h.stakeholder_id),
                    [[str(x.stock_class_id), str(x.quantity), x.certificates] for x in h.holdings],
                    str(h.outstanding),
                    str(h.fully_diluted),
                    str(h.outstanding_percent),
                    str(h.fully_diluted_percent),
                    h.certificates,
                ]
                for h in table.holders
            ],
            "c": [
                [
                    str(c.stock_class_id),
                    str(c.authorized_shares),
                    str(c.outstanding),
                    str(c.fully_diluted),
                ]
                for c in table.classes
            ],
            "o": str(table.outstanding),
            "f": str(table.fully_diluted),
        },
        separators=(",", ":"),
    ).encode()


def _decode(data: bytes) -> Ownership:
    raw: dict[str, Any] = json.loads(data)
    holders = []
    for sid, held, out, fd, op, fdp, certs in raw["h"]:
        holder = UUID(sid)
        holders.append(
            HolderPosition(
                holder,
                tuple(Holding(holder, UUID(c), Decimal(q), n) for c, q, n in held),
                Decimal(out),
                Decimal(fd),
                Decimal(op),
                Decimal(fdp),
                certs,
            )
        )
    classes = tuple(
        ClassTotal(UUID(c), Decimal(a), Decimal(o), Decimal(f)) for c, a, o, f in raw["c"]
    )
    return Ownership(tuple(holders), classes, Decimal(raw["o"]), Decimal(raw["f"]))


class OwnershipViews:
    def __init__(self, cache: Cache, config: CaptableConfig) -> None:
        self._cache = cache
        self._ttl = config.view_cache_ttl_seconds

    async def of(self, uow: CaptableUnitOfWork, issuer: Issuer, as_of: date | None) -> Ownership:
        """The ownership after the issuer's latest event (``issuer`` read in this snapshot),
        on ``as_of`` when given: from the cache, else computed and cached."""
        key = cache_key(issuer, as_of)
        try:
            cached = await self._cache.get(key)
        except CacheUnavailable:
            cached = None
        if cached is not None:
            return _decode(cached)
        classes = {c.id: c for c in await uow.share_classes.of_issuer(issuer.id)}
        holdings = await uow.cap_tables.holdings(issuer.id, on=as_of)
        authorized = await uow.cap_tables.authorized_on(issuer.id, as_of) if as_of else None
        table = ownership(holdings, classes, authorized)
        with suppress(CacheUnavailable):  # the answer stands; the next read computes it again
            await self._cache.set(key, _encode(table), ttl_seconds=self._ttl)
        return table
