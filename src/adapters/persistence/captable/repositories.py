"""Cap table rows ⇄ domain objects, and the projection written with each event."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import asdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import (
    ColumnElement,
    and_,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.captable.checkpoints import (
    checkpoint_before,
    checkpoint_history,
    forget_from,
    held_by_holding,
    nearest,
)
from adapters.persistence.captable.event_codec import event_of, event_values
from adapters.persistence.captable.holder_ranking import page_of_holders
from adapters.persistence.captable.models import (
    CertificateDocumentRow,
    CheckpointHoldingRow,
    CheckpointRow,
    ConsumptionRow,
    EventRow,
    HoldingRow,
    IssuerRow,
    SecurityRow,
    ShareClassRow,
    StakeholderRow,
)
from adapters.persistence.captable.stored_files import stored_columns, stored_file
from adapters.persistence.cursor import Keyset
from adapters.persistence.mapping import row_values, to_domain
from domain.captable.cap_table import CapTable, Change, ClassPosition, Holding
from domain.captable.errors import SecurityNotOutstanding
from domain.captable.events import CapTableEvent, EventKind, IssuerAuthorizedSharesAdjustment
from domain.captable.issuer import Address, AddressType, Issuer, TaxId
from domain.captable.security import Security, SecurityStatus
from domain.captable.share_class import ShareClass
from domain.captable.stakeholder import Stakeholder
from domain.shared.errors import Conflict
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest
from usecases.captable.ports import CertificateView, HeldTotals, HolderPositions
from usecases.shared.ports.document_store import StoredFile

ISSUERS = Keyset("captable-issuers", (IssuerRow.created_at, IssuerRow.id), descending=False)
CLASSES = Keyset("captable-classes", (ShareClassRow.created_at, ShareClassRow.id), False)
STAKEHOLDERS = Keyset(
    "captable-stakeholders", (StakeholderRow.created_at, StakeholderRow.id), descending=False
)
EVENTS = Keyset("captable-events", (EventRow.sequence,), descending=False)
SECURITIES = Keyset(
    "captable-securities", (SecurityRow.certificate_number, SecurityRow.id), descending=False
)
OUTSTANDING = SecurityStatus.OUTSTANDING.value


def _address(data: dict[str, Any] | None) -> Address | None:
    if data is None:
        return None
    return Address(**{**data, "address_type": AddressType(data["address_type"])})


def _address_json(address: Address | None) -> dict[str, Any] | None:
    return (
        None if address is None else {**asdict(address), "address_type": address.address_type.value}
    )


def _issuer(row: IssuerRow) -> Issuer:
    return to_domain(
        row,
        Issuer,
        tax_ids=tuple(TaxId(**t) for t in row.tax_ids),
        addresses=tuple(a for a in map(_address, row.addresses) if a is not None),
    )


def _security(row: SecurityRow) -> Security:
    return to_domain(row, Security)


class SqlIssuers:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, issuer: Issuer) -> None:
        await self._session.execute(
            insert(IssuerRow).values(
                **row_values(
                    issuer,
                    IssuerRow,
                    tax_ids=[asdict(t) for t in issuer.tax_ids],
                    addresses=[_address_json(a) for a in issuer.addresses],
                )
            )
        )

    async def get(self, issuer_id: UUID, *, for_update: bool = False) -> Issuer | None:
        query = select(IssuerRow).where(IssuerRow.id == issuer_id)
        if for_update:
            query = query.with_for_update()
        row = await self._session.scalar(query.execution_options(populate_existing=True))
        return None if row is None else _issuer(row)

    async def page(self, only: Collection[UUID] | None, page: PageRequest) -> Page[Issuer]:
        query = select(IssuerRow)
        if only is not None:
            query = query.where(IssuerRow.id.in_(list(only)))
        rows = list(await self._session.scalars(ISSUERS.select(query, page)))
        return ISSUERS.page(rows, page, _issuer)

    async def advance(self, issuer: Issuer, event: CapTableEvent) -> None:
        moved = await self._session.execute(
            update(IssuerRow)
            .where(IssuerRow.id == issuer.id, IssuerRow.event_sequence == event.sequence - 1)
            .values(
                event_sequence=event.sequence,
                latest_event_date=event.date,
                **(
                    {"authorized_shares": event.new_shares_authorized}
                    if isinstance(event, IssuerAuthorizedSharesAdjustment)
                    else {}
                ),
            )
        )
        if moved.rowcount != 1:  # type: ignore[attr-defined]
            raise Conflict(
                "another change to this cap table got there first; retry",
                code="concurrent_update",
            )
        issuer.event_sequence = event.sequence
        issuer.latest_event_date = event.date


class SqlShareClasses:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, share_class: ShareClass) -> None:
        await self._session.execute(
            insert(ShareClassRow).values(
                **row_values(share_class, ShareClassRow), outstanding=0, certificates_issued=0
            )
        )

    async def get(self, issuer_id: UUID, stock_class_id: UUID) -> ShareClass | None:
        row = await self._session.scalar(
            select(ShareClassRow).where(
                ShareClassRow.issuer_id == issuer_id, ShareClassRow.id == stock_class_id
            )
        )
        return None if row is None else to_domain(row, ShareClass)

    async def of_issuer(self, issuer_id: UUID) -> list[ShareClass]:
        rows = await self._session.scalars(
            select(ShareClassRow)
            .where(ShareClassRow.issuer_id == issuer_id)
            .order_by(ShareClassRow.created_at, ShareClassRow.id)
        )
        return [to_domain(r, ShareClass) for r in rows]

    async def page(self, issuer_id: UUID, page: PageRequest) -> Page[ShareClass]:
        query = select(ShareClassRow).where(ShareClassRow.issuer_id == issuer_id)
        rows = list(await self._session.scalars(CLASSES.select(query, page)))
        return CLASSES.page(rows, page, lambda r: to_domain(r, ShareClass))

    async def prefix_taken(self, issuer_id: UUID, prefix: str) -> bool:
        found = await self._session.scalar(
            select(ShareClassRow.id).where(
                ShareClassRow.issuer_id == issuer_id, ShareClassRow.certificate_prefix == prefix
            )
        )
        return found is not None


def _stakeholder(row: StakeholderRow) -> Stakeholder:
    return to_domain(row, Stakeholder, address=_address(row.address))


class SqlStakeholders:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, stakeholder: Stakeholder) -> None:
        await self._session.execute(
            insert(StakeholderRow).values(
                **row_values(
                    stakeholder, StakeholderRow, address=_address_json(stakeholder.address)
                )
            )
        )

    async def get(self, issuer_id: UUID, stakeholder_id: UUID) -> Stakeholder | None:
        row = await self._session.scalar(
            select(StakeholderRow).where(
                StakeholderRow.issuer_id == issuer_id, StakeholderRow.id == stakeholder_id
            )
        )
        return None if row is None else _stakeholder(row)

    async def page(self, issuer_id: UUID, page: PageRequest) -> Page[Stakeholder]:
        query = select(StakeholderRow).where(StakeholderRow.issuer_id == issuer_id)
        rows = list(await self._session.scalars(STAKEHOLDERS.select(query, page)))
        return STAKEHOLDERS.page(rows, page, _stakeholder)

    async def ids(self, issuer_id: UUID, among: Collection[UUID] | None = None) -> set[UUID]:
        query = select(StakeholderRow.id).where(StakeholderRow.issuer_id == issuer_id)
        if among is not None:
            query = query.where(StakeholderRow.id.in_(list(among)))
        return set(await self._session.scalars(query))

    async def names(self, issuer_id: UUID, ids: Collection[UUID]) -> dict[UUID, str]:
        rows = await self._session.execute(
            select(StakeholderRow.id, StakeholderRow.legal_name).where(
                StakeholderRow.issuer_id == issuer_id, StakeholderRow.id.in_(list(ids))
            )
        )
        return {row.id: row.legal_name for row in rows}

    async def linked_users(self, issuer_id: UUID, ids: Collection[UUID]) -> dict[UUID, UserId]:
        rows = await self._session.execute(
            select(StakeholderRow.id, StakeholderRow.user_id).where(
                StakeholderRow.issuer_id == issuer_id,
                StakeholderRow.id.in_(list(ids)),
                StakeholderRow.user_id.is_not(None),
            )
        )
        return {row.id: UserId(row.user_id) for row in rows}

    async def of_user(self, user_id: UserId) -> list[Stakeholder]:
        rows = await self._session.scalars(
            select(StakeholderRow)
            .where(StakeholderRow.user_id == user_id)
            .order_by(StakeholderRow.created_at, StakeholderRow.id)
        )
        return [_stakeholder(r) for r in rows]

    async def by_user(self, issuer_id: UUID, user_id: UserId) -> Stakeholder | None:
        row = await self._session.scalar(
            select(StakeholderRow).where(
                StakeholderRow.issuer_id == issuer_id, StakeholderRow.user_id == user_id
            )
        )
        return None if row is None else _stakeholder(row)

    async def link(self, stakeholder: Stakeholder) -> None:
        await self._session.execute(
            update(StakeholderRow)
            .where(StakeholderRow.id == stakeholder.id)
            .values(user_id=stakeholder.user_id)
        )


class SqlCapTables:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def load(
        self,
        issuer: Issuer,
        *,
        securities: Collection[UUID] = (),
        stakeholders: Collection[UUID] = (),
        whole_class: UUID | None = None,
    ) -> CapTable:
        class_rows = await self._session.scalars(
            select(ShareClassRow).where(ShareClassRow.issuer_id == issuer.id)
        )
        positions = [
            ClassPosition(to_domain(r, ShareClass), r.outstanding, r.certificates_issued)
            for r in class_rows
        ]
        wanted: list[ColumnElement[bool]] = []
        if securities:
            wanted.append(SecurityRow.id.in_(list(securities)))
        if whole_class is not None:
            wanted.append(
                and_(SecurityRow.stock_class_id == whole_class, SecurityRow.status == OUTSTANDING)
            )
        loaded: list[Security] = []
        if wanted:
            rows = await self._session.scalars(
                select(SecurityRow).where(SecurityRow.issuer_id == issuer.id, or_(*wanted))
            )
            loaded = [_security(r) for r in rows]
        known: set[UUID] = set()
        if stakeholders:
            known = set(
                await self._session.scalars(
                    select(StakeholderRow.id).where(
                        StakeholderRow.issuer_id == issuer.id,
                        StakeholderRow.id.in_(list(stakeholders)),
                    )
                )
            )
        return CapTable(
            issuer.id,
            sequence=issuer.event_sequence,
            latest_date=issuer.latest_event_date,
            classes=positions,
            securities=loaded,
            stakeholders=known,
            currency=issuer.currency,
        )

    async def append_all(self, changes: Sequence[Change], table: CapTable) -> None:
        """A new issuer's whole history at once (an import): every event, every security as
        ``table`` (the state after the events) holds it, the consumptions, and the projection
        (holdings, class totals) from ``table`` — a few statements a batch instead of several
        an event. Nothing of the issuer's may be stored yet."""
        issuer_id = table.issuer_id
        for batch in _batches([event_values(c.event) for c in changes]):
            await self._session.execute(insert(EventRow), batch)
        # In the order they were created (a source before what it became), as they are now.
        created = [table.security(s.id) or s for c in changes for s in c.created]
        securities = [row_values(s, SecurityRow) for s in created]
        for batch in _batches(securities):
            await self._session.execute(insert(SecurityRow), batch)
        consumptions = [
            {"security_id": s.id, "event_id": c.event.id, "issuer_id": issuer_id}
            for c in changes
            for s in c.consumed
        ]
        for batch in _batches(consumptions):
            await self._session.execute(insert(ConsumptionRow), batch)
        holdings = [
            {
                "issuer_id": issuer_id,
                "stakeholder_id": h.stakeholder_id,
                "stock_class_id": h.stock_class_id,
                "quantity": h.quantity,
                "certificates": h.certificates,
            }
            for h in table.holdings()
        ]
        for batch in _batches(holdings):
            await self._session.execute(insert(HoldingRow), batch)
        for position in table.classes:
            await self._session.execute(
                update(ShareClassRow)
                .where(ShareClassRow.id == position.share_class.id)
                .values(
                    authorized_shares=position.share_class.authorized_shares,
                    outstanding=position.outstanding,
                    certificates_issued=position.certificates_issued,
                )
            )
        await checkpoint_history(self._session, issuer_id)

    async def append(self, change: Change) -> None:
        event = change.event
        # before the projection moves: it is still the end of the latest day
        await forget_from(self._session, event.issuer_id, event.date)
        await checkpoint_before(self._session, event.issuer_id, event.date)
        await self._session.execute(insert(EventRow).values(**event_values(event)))
        consumed = [s.id for s in change.consumed]
        if consumed:
            try:
                async with self._session.begin_nested():
                    await self._session.execute(
                        insert(ConsumptionRow),
                        [
                            {"security_id": s, "event_id": event.id, "issuer_id": event.issuer_id}
                            for s in consumed
                        ],
                    )
            except IntegrityError:
                raise SecurityNotOutstanding(consumed[0], "already consumed") from None
            status = change.consumed[0].status.value
            done = await self._session.execute(
                update(SecurityRow)
                .where(SecurityRow.id.in_(consumed), SecurityRow.status == OUTSTANDING)
                .values(status=status, consumed_by_event_id=event.id, consumed_on=event.date)
            )
            if done.rowcount != len(consumed):  # type: ignore[attr-defined]
                raise SecurityNotOutstanding(consumed[0], "already consumed")
        if change.created:
            await self._session.execute(
                insert(SecurityRow), [row_values(s, SecurityRow) for s in change.created]
            )
        await self._project(change)

    async def _project(self, change: Change) -> None:
        """Holdings and class totals moved by what the event consumed and created."""
        holdings: dict[tuple[UUID, UUID], list[Any]] = defaultdict(lambda: [Decimal(0), 0])
        classes: dict[UUID, list[Any]] = defaultdict(lambda: [Decimal(0), 0])
        for s in change.consumed:
            holdings[(s.stakeholder_id, s.stock_class_id)][0] -= s.quantity
            holdings[(s.stakeholder_id, s.stock_class_id)][1] -= 1
            classes[s.stock_class_id][0] -= s.quantity
        for s in change.created:
            holdings[(s.stakeholder_id, s.stock_class_id)][0] += s.quantity
            holdings[(s.stakeholder_id, s.stock_class_id)][1] += 1
            classes[s.stock_class_id][0] += s.quantity
            classes[s.stock_class_id][1] += 1
        issuer_id = change.event.issuer_id
        grown = [(k, v) for k, v in sorted(holdings.items()) if v[0] >= 0 and v[1] >= 0]
        shrunk = [(k, v) for k, v in sorted(holdings.items()) if (k, v) not in grown]
        if grown:  # a holding may be new: upsert (a row's checks see the delta, so only >= 0)
            upsert = pg_insert(HoldingRow).values(
                [
                    {
                        "issuer_id": issuer_id,
                        "stakeholder_id": holder,
                        "stock_class_id": klass,
                        "quantity": quantity,
                        "certificates": count,
                    }
                    for (holder, klass), (quantity, count) in grown
                ]
            )
            await self._session.execute(
                upsert.on_conflict_do_update(
                    index_elements=["issuer_id", "stakeholder_id", "stock_class_id"],
                    set_={
                        "quantity": HoldingRow.quantity + upsert.excluded.quantity,
                        "certificates": HoldingRow.certificates + upsert.excluded.certificates,
                    },
                )
            )
        for (holder, klass), (quantity, count) in shrunk:  # held before the event
            await self._session.execute(
                update(HoldingRow)
                .where(
                    HoldingRow.issuer_id == issuer_id,
                    HoldingRow.stakeholder_id == holder,
                    HoldingRow.stock_class_id == klass,
                )
                .values(
                    quantity=HoldingRow.quantity + quantity,
                    certificates=HoldingRow.certificates + count,
                )
            )
        if shrunk:
            await self._session.execute(
                delete(HoldingRow).where(
                    HoldingRow.issuer_id == issuer_id, HoldingRow.certificates == 0
                )
            )
        for klass, (quantity, count) in sorted(classes.items()):
            await self._session.execute(
                update(ShareClassRow)
                .where(ShareClassRow.id == klass)
                .values(
                    outstanding=ShareClassRow.outstanding + quantity,
                    certificates_issued=ShareClassRow.certificates_issued + count,
                )
            )
        for klass, authorized in change.authorized.items():
            await self._session.execute(
                update(ShareClassRow)
                .where(ShareClassRow.id == klass)
                .values(authorized_shares=authorized)
            )

    async def events(self, issuer_id: UUID) -> list[CapTableEvent]:
        rows = await self._session.scalars(
            select(EventRow).where(EventRow.issuer_id == issuer_id).order_by(EventRow.sequence)
        )
        return [event_of(r) for r in rows]

    async def events_page(self, issuer_id: UUID, page: PageRequest) -> Page[CapTableEvent]:
        query = select(EventRow).where(EventRow.issuer_id == issuer_id)
        rows = list(await self._session.scalars(EVENTS.select(query, page)))
        return EVENTS.page(rows, page, event_of)

    async def holdings(self, issuer_id: UUID) -> list[Holding]:
        rows = await self._session.execute(
            select(
                HoldingRow.stakeholder_id,
                HoldingRow.stock_class_id,
                HoldingRow.quantity,
                HoldingRow.certificates,
            )
            .where(HoldingRow.issuer_id == issuer_id, HoldingRow.certificates > 0)
            .order_by(HoldingRow.stakeholder_id, HoldingRow.stock_class_id)
        )
        return [Holding(a, b, q, n) for a, b, q, n in rows]  # in the database's order

    async def checkpoints(self, issuer_id: UUID) -> dict[date, list[Holding]]:
        days = await self._session.scalars(
            select(CheckpointRow.as_of)
            .where(CheckpointRow.issuer_id == issuer_id)
            .order_by(CheckpointRow.as_of)
        )
        found: dict[date, list[Holding]] = {day: [] for day in days}
        rows = await self._session.execute(
            select(
                CheckpointHoldingRow.as_of,
                CheckpointHoldingRow.stakeholder_id,
                CheckpointHoldingRow.stock_class_id,
                CheckpointHoldingRow.quantity,
                CheckpointHoldingRow.certificates,
            )
            .where(CheckpointHoldingRow.issuer_id == issuer_id)
            .order_by(
                CheckpointHoldingRow.as_of,
                CheckpointHoldingRow.stakeholder_id,
                CheckpointHoldingRow.stock_class_id,
            )
        )
        for day, holder, klass, quantity, count in rows:
            found.setdefault(day, []).append(Holding(holder, klass, quantity, count))
        return found

    async def held(self, issuer_id: UUID, *, on: date | None = None) -> HeldTotals:
        if on is None:
            rows = select(HoldingRow.stakeholder_id, HoldingRow.stock_class_id, HoldingRow.quantity)
            rows = rows.where(HoldingRow.issuer_id == issuer_id, HoldingRow.certificates > 0)
        else:  # from the nearest checkpoint and what changed after it: one row a holding
            base = await nearest(self._session, issuer_id, on)
            rows = held_by_holding(issuer_id, on, base)
        held = rows.subquery("held")
        # each class's shares and, in the same pass, how many hold any
        found = await self._session.execute(
            select(
                func.grouping(held.c.stock_class_id),
                held.c.stock_class_id,
                func.sum(held.c.quantity),
                func.count(held.c.stakeholder_id.distinct()),
            ).group_by(func.grouping_sets(held.c.stock_class_id, tuple_()))
        )
        by_class: dict[UUID, Decimal] = {}
        holders = 0
        for total, klass, quantity, count in found:
            if total:
                holders = int(count)
            else:
                by_class[klass] = Decimal(quantity)
        return HeldTotals(by_class, holders)

    async def holder_positions(
        self,
        issuer_id: UUID,
        *,
        on: date | None,
        after: tuple[Decimal, UUID] | None,
        limit: int,
    ) -> HolderPositions:
        positions, more = await page_of_holders(
            self._session, issuer_id, on=on, after=after, limit=limit
        )
        return HolderPositions(tuple(positions), more)

    async def authorized_on(self, issuer_id: UUID, on: date) -> dict[UUID, Decimal]:
        initial = await self._session.execute(
            select(ShareClassRow.id, ShareClassRow.initial_shares_authorized).where(
                ShareClassRow.issuer_id == issuer_id
            )
        )
        shares = {klass: Decimal(n) for klass, n in initial}
        adjusted = await self._session.execute(
            select(EventRow.stock_class_id, EventRow.payload["new_shares_authorized"].astext)
            .where(
                EventRow.issuer_id == issuer_id,
                EventRow.kind == EventKind.AUTHORIZED_SHARES_ADJUSTMENT.value,
                EventRow.date <= on,
            )
            .order_by(EventRow.sequence)
        )
        for klass, new in adjusted:
            if klass is not None:
                shares[klass] = Decimal(new)
        return shares

    async def security(self, issuer_id: UUID, security_id: UUID) -> Security | None:
        row = await self._session.scalar(
            select(SecurityRow).where(
                SecurityRow.issuer_id == issuer_id, SecurityRow.id == security_id
            )
        )
        return None if row is None else _security(row)

    async def certificate(self, security_id: UUID) -> CertificateView | None:
        found = (
            await self._session.execute(
                select(
                    SecurityRow, ShareClassRow.name, IssuerRow.legal_name, StakeholderRow.legal_name
                )
                .join(ShareClassRow, ShareClassRow.id == SecurityRow.stock_class_id)
                .join(IssuerRow, IssuerRow.id == SecurityRow.issuer_id)
                .join(StakeholderRow, StakeholderRow.id == SecurityRow.stakeholder_id)
                .where(SecurityRow.id == security_id)
            )
        ).first()
        if found is None:
            return None
        row, class_name, issuer_name, holder_name = found
        return CertificateView(_security(row), class_name, issuer_name, holder_name)

    async def securities_page(
        self,
        issuer_id: UUID | None,
        page: PageRequest,
        *,
        stakeholders: Collection[UUID] | None = None,
        status: SecurityStatus | None = None,
    ) -> Page[Security]:
        query = select(SecurityRow)
        if issuer_id is not None:
            query = query.where(SecurityRow.issuer_id == issuer_id)
        if stakeholders is not None:
            query = query.where(SecurityRow.stakeholder_id.in_(list(stakeholders)))
        if status is not None:
            query = query.where(SecurityRow.status == status.value)
        rows = list(await self._session.scalars(SECURITIES.select(query, page)))
        return SECURITIES.page(rows, page, _security)

    async def related(self, security_id: UUID) -> list[Security]:
        up = (
            select(SecurityRow.id, SecurityRow.source_security_id)
            .where(SecurityRow.id == security_id)
            .cte("ancestors", recursive=True)
        )
        up = up.union(
            select(SecurityRow.id, SecurityRow.source_security_id).join(
                up, SecurityRow.id == up.c.source_security_id
            )
        )
        down = (
            select(SecurityRow.id)
            .where(SecurityRow.id == security_id)
            .cte("descendants", recursive=True)
        )
        down = down.union(
            select(SecurityRow.id).join(down, SecurityRow.source_security_id == down.c.id)
        )
        ids = select(up.c.id).union(select(down.c.id))
        rows = await self._session.scalars(select(SecurityRow).where(SecurityRow.id.in_(ids)))
        return [_security(r) for r in rows]

    async def projected_securities(self, issuer_id: UUID) -> list[Security]:
        rows = await self._session.scalars(
            select(SecurityRow).where(SecurityRow.issuer_id == issuer_id)
        )
        return [_security(r) for r in rows]


class SqlCertificateDocuments:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def find(self, security_id: UUID, status: SecurityStatus) -> StoredFile | None:
        row = await self._session.scalar(
            select(CertificateDocumentRow).where(
                CertificateDocumentRow.security_id == security_id,
                CertificateDocumentRow.status == status.value,
            )
        )
        return stored_file(row)

    async def add(
        self, security_id: UUID, status: SecurityStatus, stored: StoredFile, now: datetime
    ) -> bool:
        done = await self._session.execute(
            pg_insert(CertificateDocumentRow)
            .values(security_id=security_id, status=status.value, **stored_columns(stored, now))
            .on_conflict_do_nothing()
            .returning(literal(1))
        )
        return done.first() is not None


def _batches(rows: list[dict[str, Any]], size: int = 2000) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]
