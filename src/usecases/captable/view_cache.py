"""The cap table's views, cached under the issuer's event sequence: the totals
(``captable:totals:<issuer>:<sequence>:<date|now>``) and each page of the shareholder list
(``captable:holders:<issuer>:<sequence>:<date|now>:<limit>:<cursor digest>``).

A view reads the issuer's sequence and computes what it shows in one snapshot transaction, so
what it caches under sequence ``n`` is exactly the cap table after event ``n``. Every event
moves the sequence on in its own transaction, so after a write commits no reader asks for an
old key again: a stale read is impossible without deleting anything. Old keys expire. A cached
read decodes only what it shows (the totals, one page), never the whole table."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from contextlib import suppress
from datetime import date
from decimal import Decimal
from typing import Any, cast
from uuid import UUID

from domain.captable.cap_table import Holding
from domain.captable.issuer import Issuer
from domain.captable.ownership import ClassTotal, HolderPosition, class_totals
from domain.captable.share_class import ShareClass
from domain.shared.cursor import decode_keyset, encode_keyset
from domain.shared.pagination import Page, PageRequest
from usecases.captable.config import CaptableConfig
from usecases.captable.ports import CaptableUnitOfWork
from usecases.captable.views import HolderRow, Totals
from usecases.shared.ports.cache import Cache, CacheUnavailable

HOLDERS_SCOPE = "captable-holders"


def _day(as_of: date | None) -> str:
    return as_of.isoformat() if as_of else "now"


def totals_key(issuer: Issuer, as_of: date | None) -> str:
    return f"captable:totals:{issuer.id}:{issuer.event_sequence}:{_day(as_of)}"


def holders_key(issuer: Issuer, as_of: date | None, page: PageRequest) -> str:
    cursor = hashlib.sha256((page.cursor or "").encode()).hexdigest()[:32]
    return (
        f"captable:holders:{issuer.id}:{issuer.event_sequence}:{_day(as_of)}:{page.limit}:{cursor}"
    )


def _position_json(h: HolderPosition) -> list[Any]:
    return [
        str(h.stakeholder_id),
        [[str(x.stock_class_id), str(x.quantity), x.certificates] for x in h.holdings],
        str(h.outstanding),
        str(h.fully_diluted),
        str(h.outstanding_percent),
        str(h.fully_diluted_percent),
        h.certificates,
    ]


def _position(raw: list[Any]) -> HolderPosition:
    sid, held, out, fd, op, fdp, certs = raw
    holder = UUID(sid)
    return HolderPosition(
        holder,
        tuple(Holding(holder, UUID(c), Decimal(q), n) for c, q, n in held),
        Decimal(out),
        Decimal(fd),
        Decimal(op),
        Decimal(fdp),
        certs,
    )


def _totals_json(totals: Totals) -> bytes:
    return json.dumps(
        {
            "c": [
                [
                    str(c.stock_class_id),
                    str(c.authorized_shares),
                    str(c.outstanding),
                    str(c.fully_diluted),
                ]
                for c in totals.classes
            ],
            "o": str(totals.outstanding),
            "f": str(totals.fully_diluted),
            "h": totals.holders,
        }
    ).encode()


def _totals(data: bytes) -> Totals:
    raw = json.loads(data)
    return Totals(
        tuple(ClassTotal(UUID(c), Decimal(a), Decimal(o), Decimal(f)) for c, a, o, f in raw["c"]),
        Decimal(raw["o"]),
        Decimal(raw["f"]),
        raw["h"],
    )


class OwnershipViews:
    def __init__(self, cache: Cache, config: CaptableConfig) -> None:
        self._cache = cache
        self._ttl = config.view_cache_ttl_seconds

    async def totals(
        self,
        uow: CaptableUnitOfWork,
        issuer: Issuer,
        as_of: date | None,
        classes: Mapping[UUID, ShareClass],
    ) -> Totals:
        """The classes' totals after the issuer's latest event (``issuer`` and ``classes`` read
        in this snapshot), or at the end of ``as_of``. A class is added without an event (the
        sequence stays): totals cached before it was are not its issuer's any more."""
        cached = await self._get(totals_key(issuer, as_of))
        if cached is not None:
            found = _totals(cached)
            if {c.stock_class_id for c in found.classes} == classes.keys():
                return found
        # the totals need no holder's row: summed in the database
        held = await uow.cap_tables.held(issuer.id, on=as_of)
        authorized = await uow.cap_tables.authorized_on(issuer.id, as_of) if as_of else None
        by_class = class_totals(classes, held.by_class, authorized)
        totals = Totals(
            by_class,
            sum((c.outstanding for c in by_class), Decimal(0)),
            sum((c.fully_diluted for c in by_class), Decimal(0)),
            held.holders,
        )
        await self._set(totals_key(issuer, as_of), _totals_json(totals))
        return totals

    async def holders(
        self, uow: CaptableUnitOfWork, issuer: Issuer, as_of: date | None, page: PageRequest
    ) -> Page[HolderRow]:
        """A page of the shareholder list: largest first, then by stakeholder id (a keyset:
        the cursor is the last row's shares and id)."""
        after = None
        if page.cursor is not None:  # refused before anything is read, cached or not
            shares, holder = decode_keyset(HOLDERS_SCOPE, page.cursor, (Decimal, UUID))
            after = (cast(Decimal, shares), cast(UUID, holder))
        key = holders_key(issuer, as_of, page)
        cached = await self._get(key)
        if cached is not None:
            raw = json.loads(cached)
            return Page(
                items=[HolderRow(name, _position(row)) for name, row in raw["i"]],
                next_cursor=raw["n"],
            )
        # ranked and rounded over every holder in the database: only this page is read
        found = await uow.cap_tables.holder_positions(
            issuer.id, on=as_of, after=after, limit=page.limit
        )
        shown = found.positions
        names = await uow.stakeholders.names(issuer.id, [h.stakeholder_id for h in shown])
        last = shown[-1] if shown else None
        result = Page(
            items=[HolderRow(names.get(h.stakeholder_id, ""), h) for h in shown],
            next_cursor=(
                encode_keyset(HOLDERS_SCOPE, (last.outstanding, last.stakeholder_id))
                if found.more and last
                else None
            ),
        )
        data = {
            "i": [[row.legal_name, _position_json(row.position)] for row in result.items],
            "n": result.next_cursor,
        }
        await self._set(key, json.dumps(data).encode())
        return result

    async def _get(self, key: str) -> bytes | None:
        try:
            return await self._cache.get(key)
        except CacheUnavailable:  # the database answers instead
            return None

    async def _set(self, key: str, value: bytes) -> None:
        with suppress(CacheUnavailable):  # the answer stands; the next read computes it again
            await self._cache.set(key, value, ttl_seconds=self._ttl)
