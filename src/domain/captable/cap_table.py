"""The cap table as its events build it: classes with their authorized and outstanding shares,
securities, and the rules every new event must pass.

The same ``apply`` serves writes and replays: a command (``issue``, ``cancel``, ``transfer``...)
checks its input against the current state, builds the event and applies it; ``replay`` applies
stored events one after another. A use case loads only the part of the state its command
touches (the classes, the securities it names, the stakeholders it names), so a write costs the
same on a cap table of ten securities or of a hundred thousand."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Final, TypedDict
from uuid import UUID

from domain.captable.errors import (
    AuthorizedBelowOutstanding,
    EventDateBeforeLatest,
    ExceedsAuthorizedShares,
    QuantityExceedsSecurity,
    SecurityNotOutstanding,
    UnknownReference,
)
from domain.captable.events import (
    AuthorizedSharesAdjustment,
    Cancellation,
    CapTableEvent,
    Conversion,
    Issuance,
    IssuerAuthorizedSharesAdjustment,
    Repurchase,
    Split,
    Transfer,
)
from domain.captable.prices import price_per_share
from domain.captable.security import Security
from domain.captable.share_class import ShareClass
from domain.shared.errors import invalid_field
from domain.shared.field_checks import FieldChecks
from domain.shared.ids import UserId, new_uuid
from domain.shared.money import Money
from domain.shared.quantity import MAX_SCALE, Quantity

_EXACT: Final = Decimal(1).scaleb(-MAX_SCALE)


class _Header(TypedDict):
    id: UUID
    issuer_id: UUID
    sequence: int
    date: date
    recorded_at: datetime
    recorded_by: UserId | None


@dataclass(slots=True)
class ClassPosition:
    """A class as the events left it: its authorized shares (in ``share_class``), the shares
    outstanding and how many certificates were ever numbered."""

    share_class: ShareClass
    outstanding: Decimal = Decimal(0)
    certificates_issued: int = 0


@dataclass(frozen=True, slots=True)
class Recording:
    """When and by whom an event is recorded (not when it took effect: that is its date)."""

    at: datetime
    by: UserId | None


@dataclass(frozen=True, slots=True)
class Change:
    """What one event did: the securities it consumed (as they are now), the ones it created,
    the classes whose authorized shares it set."""

    event: CapTableEvent
    consumed: tuple[Security, ...]
    created: tuple[Security, ...]
    authorized: Mapping[UUID, Decimal]


@dataclass(frozen=True, slots=True)
class Holding:
    stakeholder_id: UUID
    stock_class_id: UUID
    quantity: Decimal
    certificates: int


class CapTable:
    def __init__(
        self,
        issuer_id: UUID,
        *,
        sequence: int,
        latest_date: date | None,
        classes: Iterable[ClassPosition],
        securities: Iterable[Security] = (),
        stakeholders: Iterable[UUID] = (),
        currency: str | None = None,
        authorized_shares: Decimal | None = None,
    ) -> None:
        self.issuer_id = issuer_id
        self.authorized_shares = authorized_shares  # the issuer's total, when one is set
        self.currency = currency  # prices are checked to its minor units when known
        self.sequence = sequence
        self.latest_date = latest_date
        self._classes = {p.share_class.id: p for p in classes}
        self._securities = {s.id: s for s in securities}
        self._stakeholders = set(stakeholders)

    @classmethod
    def replay(
        cls,
        issuer_id: UUID,
        classes: Iterable[ShareClass],
        stakeholders: Iterable[UUID],
        events: Iterable[CapTableEvent],
    ) -> CapTable:
        """The state after ``events`` (in sequence order), from classes as they were created."""
        initial = (replace(c, authorized_shares=c.initial_shares_authorized) for c in classes)
        table = cls(
            issuer_id,
            sequence=0,
            latest_date=None,
            classes=(ClassPosition(c) for c in initial),
            stakeholders=stakeholders,
        )
        for event in events:
            table.apply(event)
        return table

    # -- reading -----------------------------------------------------------------------------

    def position(self, stock_class_id: UUID) -> ClassPosition | None:
        return self._classes.get(stock_class_id)

    @property
    def classes(self) -> list[ClassPosition]:
        return list(self._classes.values())

    def security(self, security_id: UUID) -> Security | None:
        return self._securities.get(security_id)

    @property
    def securities(self) -> list[Security]:
        return sorted(self._securities.values(), key=lambda s: (s.certificate_number, s.id))

    def holdings(self, on: date | None = None) -> list[Holding]:
        """Outstanding shares by stakeholder and class (at the end of ``on``, when given)."""
        totals: dict[tuple[UUID, UUID], tuple[Decimal, int]] = {}
        for s in self._securities.values():
            if s.outstanding_on(on) if on is not None else s.outstanding:
                quantity, count = totals.get((s.stakeholder_id, s.stock_class_id), (Decimal(0), 0))
                totals[(s.stakeholder_id, s.stock_class_id)] = (quantity + s.quantity, count + 1)
        return [
            Holding(holder, klass, quantity, count)
            for (holder, klass), (quantity, count) in sorted(totals.items())
        ]

    # -- applying ----------------------------------------------------------------------------

    def apply(self, event: CapTableEvent) -> Change:
        """Make ``event`` part of the state. Refuses a consumed or unknown security; the rules
        of the commands below are checked before they build the event."""
        if event.issuer_id != self.issuer_id or event.sequence != self.sequence + 1:
            raise ValueError(f"event {event.sequence} does not follow {self.sequence}")
        consumed = []
        for security_id in event.consumed_ids:
            found = self._securities.get(security_id)
            if found is None:
                raise UnknownReference("security_id", "security", security_id)
            if not found.outstanding:
                raise SecurityNotOutstanding(found.id, found.status.value)
            assert event.consumes_as is not None
            after = found.consumed(event.consumes_as, event.id, event.date)
            self._securities[found.id] = after
            self._classes[found.stock_class_id].outstanding -= found.quantity
            consumed.append(after)
        for created in event.created:
            self._securities[created.id] = created
            position = self._classes[created.stock_class_id]
            position.outstanding += created.quantity
            position.certificates_issued += 1
        authorized: dict[UUID, Decimal] = {}
        if isinstance(event, AuthorizedSharesAdjustment):
            position = self._classes[event.stock_class_id]
            position.share_class = replace(
                position.share_class, authorized_shares=event.new_shares_authorized
            )
            authorized[event.stock_class_id] = event.new_shares_authorized
        if isinstance(event, IssuerAuthorizedSharesAdjustment):
            self.authorized_shares = event.new_shares_authorized
        self.sequence = event.sequence
        self.latest_date = event.date
        return Change(event, tuple(consumed), event.created, authorized)

    # -- commands ----------------------------------------------------------------------------

    def issue(
        self,
        *,
        stakeholder_id: UUID,
        stock_class_id: UUID,
        quantity: str | Decimal,
        date: date,
        recording: Recording,
        share_price: str | Decimal | None = None,
        board_approval_date: date | None = None,
        consideration_text: str | None = None,
        stock_legend_ids: Sequence[UUID] = (),
    ) -> Change:
        """New shares of a class to a stakeholder, within the class's authorized shares; its
        certificate prints the legends ``stock_legend_ids`` names (the caller checks they are
        the issuer's)."""
        checks = FieldChecks()
        position = checks.take(self._class, stock_class_id, "stock_class_id")
        checks.take(self._stakeholder, stakeholder_id, "stakeholder_id")
        amount = checks.take(position.share_class.quantity, quantity) if position else None
        price = checks.take(_price, share_price, "share_price", self.currency)
        checks.take(self._date, date, recording)
        checks.raise_any()
        assert position is not None
        assert amount is not None
        self._dated(date)
        self._within_authorized(position, amount, field="quantity")
        event_id = new_uuid()
        security = self._new_security(
            position, stakeholder_id, amount, date, event_id, legends=tuple(stock_legend_ids)
        )
        return self.apply(
            Issuance(
                **self._header(event_id, date, recording),
                security=security,
                share_price=price,
                board_approval_date=board_approval_date,
                consideration_text=consideration_text,
            )
        )

    def cancel(
        self,
        *,
        security_id: UUID,
        quantity: str | Decimal,
        date: date,
        reason_text: str,
        recording: Recording,
    ) -> Change:
        """Cancel ``quantity`` shares of a security; what remains gets a balance certificate."""
        security, amount = self._consuming(security_id, quantity, "quantity", date, recording)
        event_id = new_uuid()
        return self.apply(
            Cancellation(
                **self._header(event_id, date, recording),
                security_id=security.id,
                quantity=amount,
                reason_text=reason_text,
                balance=self._balance(security, amount, date, event_id),
            )
        )

    def repurchase(
        self,
        *,
        security_id: UUID,
        quantity: str | Decimal,
        price: str | Decimal,
        date: date,
        recording: Recording,
        consideration_text: str | None = None,
    ) -> Change:
        """The issuer buys back ``quantity`` shares at ``price`` each; the rest stays held."""
        checks = FieldChecks()
        per_share = checks.take(_price, price, "price", self.currency)
        with checks:
            security, amount = self._consuming(security_id, quantity, "quantity", date, recording)
        checks.raise_any()
        assert per_share is not None
        event_id = new_uuid()
        return self.apply(
            Repurchase(
                **self._header(event_id, date, recording),
                security_id=security.id,
                quantity=amount,
                price=per_share,
                consideration_text=consideration_text,
                balance=self._balance(security, amount, date, event_id),
            )
        )

    def transfer(
        self,
        *,
        security_id: UUID,
        quantity: str | Decimal,
        to_stakeholder_id: UUID,
        date: date,
        recording: Recording,
        consideration_text: str | None = None,
    ) -> Change:
        """Move ``quantity`` shares of a security to another stakeholder: the source is consumed,
        the buyer gets a new certificate and the seller one for any remainder."""
        checks = FieldChecks()
        checks.take(self._stakeholder, to_stakeholder_id, "to_stakeholder_id")
        with checks:
            security, amount = self._consuming(security_id, quantity, "quantity", date, recording)
        checks.raise_any()
        if to_stakeholder_id == security.stakeholder_id:
            raise invalid_field("to_stakeholder_id", "the holder cannot transfer to themselves")
        event_id = new_uuid()
        position = self._classes[security.stock_class_id]
        bought = self._new_security(
            position, to_stakeholder_id, amount, date, event_id, source=security.id
        )
        return self.apply(
            Transfer(
                **self._header(event_id, date, recording),
                security_id=security.id,
                quantity=amount,
                transferred=(bought,),
                consideration_text=consideration_text,
                balance=self._balance(security, amount, date, event_id, after=1),
            )
        )

    def convert(
        self,
        *,
        security_id: UUID,
        quantity_converted: str | Decimal,
        to_stock_class_id: UUID,
        date: date,
        recording: Recording,
    ) -> Change:
        """Convert shares of a security into another class at the source class's conversion
        ratio (a preferred share into ``conversion_ratio`` common)."""
        checks = FieldChecks()
        target = checks.take(self._class, to_stock_class_id, "to_stock_class_id")
        with checks:
            security, amount = self._consuming(
                security_id, quantity_converted, "quantity_converted", date, recording
            )
        checks.raise_any()
        assert target is not None
        source = self._classes[security.stock_class_id].share_class
        if target.share_class.id == source.id:
            raise invalid_field("to_stock_class_id", "a class other than the security's own")
        converted = amount * source.conversion_ratio
        _exact(converted, target.share_class, field="quantity_converted")
        self._within_authorized(target, converted, field="quantity_converted")
        event_id = new_uuid()
        return self.apply(
            Conversion(
                **self._header(event_id, date, recording),
                security_id=security.id,
                quantity_converted=amount,
                to_stock_class_id=target.share_class.id,
                converted=self._new_security(
                    target, security.stakeholder_id, converted, date, event_id, source=security.id
                ),
                balance=self._balance(security, amount, date, event_id),
            )
        )

    def adjust_authorized_shares(
        self,
        *,
        stock_class_id: UUID,
        new_shares_authorized: str | Decimal,
        board_approval_date: date,
        date: date,
        recording: Recording,
        stockholder_approval_date: date | None = None,
        comments: str | None = None,
    ) -> Change:
        """Set a class's authorized shares (never below what is outstanding)."""
        checks = FieldChecks()
        position = checks.take(self._class, stock_class_id, "stock_class_id")
        authorized = checks.take(Quantity.of, new_shares_authorized, field="new_shares_authorized")
        if authorized is not None and position and not position.share_class.allows_fractions:
            checks.take(authorized.whole, field="new_shares_authorized")
        if authorized is not None and authorized.value < 0:
            checks.add(invalid_field("new_shares_authorized", "must not be negative"))
        checks.take(self._date, date, recording)
        if board_approval_date > date:
            checks.add(invalid_field("board_approval_date", "on or before the event's date"))
        if stockholder_approval_date and stockholder_approval_date > date:
            checks.add(invalid_field("stockholder_approval_date", "on or before the date"))
        checks.raise_any()
        assert position is not None
        assert authorized is not None
        self._dated(date)
        if authorized.value < position.outstanding:
            raise AuthorizedBelowOutstanding(
                outstanding=position.outstanding, requested=authorized.value
            )
        return self.apply(
            AuthorizedSharesAdjustment(
                **self._header(new_uuid(), date, recording),
                stock_class_id=position.share_class.id,
                new_shares_authorized=authorized.value,
                board_approval_date=board_approval_date,
                stockholder_approval_date=stockholder_approval_date,
                comments=comments,
            )
        )

    def adjust_issuer_authorized_shares(
        self,
        *,
        new_shares_authorized: str | Decimal,
        date: date,
        recording: Recording,
        board_approval_date: date | None = None,
        stockholder_approval_date: date | None = None,
        comments: str | None = None,
    ) -> Change:
        """Set the issuer's total authorized shares (never below every class's outstanding
        shares together). The caller loads every class."""
        checks = FieldChecks()
        authorized = checks.take(Quantity.of, new_shares_authorized, field="new_shares_authorized")
        if authorized is not None and authorized.value < 0:
            checks.add(invalid_field("new_shares_authorized", "must not be negative"))
        checks.take(self._date, date, recording)  # the approval dates are kept as OCF gives them
        checks.raise_any()
        assert authorized is not None
        self._dated(date)
        outstanding = sum((p.outstanding for p in self._classes.values()), Decimal(0))
        if authorized.value < outstanding:
            raise AuthorizedBelowOutstanding(outstanding=outstanding, requested=authorized.value)
        return self.apply(
            IssuerAuthorizedSharesAdjustment(
                **self._header(new_uuid(), date, recording),
                new_shares_authorized=authorized.value,
                board_approval_date=board_approval_date,
                stockholder_approval_date=stockholder_approval_date,
                comments=comments,
            )
        )

    def split(
        self,
        *,
        stock_class_id: UUID,
        split_ratio_numerator: str | Decimal,
        split_ratio_denominator: str | Decimal,
        date: date,
        recording: Recording,
    ) -> Change:
        """Every outstanding security of the class reissued at ``numerator / denominator`` times
        its shares. The caller loads every outstanding security of the class."""
        checks = FieldChecks()
        position = checks.take(self._class, stock_class_id, "stock_class_id")
        numerator = checks.take(_ratio, split_ratio_numerator, "split_ratio_numerator")
        denominator = checks.take(_ratio, split_ratio_denominator, "split_ratio_denominator")
        checks.take(self._date, date, recording)
        checks.raise_any()
        assert position is not None
        assert numerator is not None
        assert denominator is not None
        if numerator == denominator:
            raise invalid_field("split_ratio_numerator", "a split of 1:1 changes nothing")
        self._dated(date)
        klass = position.share_class
        held = [
            s for s in self._securities.values() if s.outstanding and s.stock_class_id == klass.id
        ]
        if sum((s.quantity for s in held), Decimal(0)) != position.outstanding:
            raise RuntimeError("a split needs every outstanding security of the class loaded")
        event_id = new_uuid()
        new: list[Security] = []
        total = Decimal(0)
        for n, old in enumerate(sorted(held, key=lambda s: s.certificate_number)):
            quantity = old.quantity * numerator / denominator
            _exact(quantity, klass, field="split_ratio_numerator")
            total += quantity
            new.append(
                replace(
                    old,
                    id=new_uuid(),
                    certificate_number=klass.certificate_number(
                        position.certificates_issued + n + 1
                    ),
                    quantity=quantity,
                    issue_date=date,
                    created_by_event_id=event_id,
                    source_security_id=old.id,
                )
            )
        if total > klass.authorized_shares:
            raise ExceedsAuthorizedShares(
                authorized=klass.authorized_shares,
                outstanding=position.outstanding,
                requested=total - position.outstanding,
                field="split_ratio_numerator",
            )
        return self.apply(
            Split(
                **self._header(event_id, date, recording),
                stock_class_id=klass.id,
                split_ratio_numerator=numerator,
                split_ratio_denominator=denominator,
                split=tuple(new),
            )
        )

    # -- the rules ---------------------------------------------------------------------------

    def _class(self, stock_class_id: UUID, field: str) -> ClassPosition:
        found = self._classes.get(stock_class_id)
        if found is None:
            raise UnknownReference(field, "share class", stock_class_id)
        return found

    def _stakeholder(self, stakeholder_id: UUID, field: str) -> None:
        if stakeholder_id not in self._stakeholders:
            raise UnknownReference(field, "stakeholder", stakeholder_id)

    def _date(self, day: date, recording: Recording) -> None:
        if day > recording.at.date():
            raise invalid_field("date", "must not be in the future")

    def _dated(self, day: date) -> None:
        if self.latest_date is not None and day < self.latest_date:
            raise EventDateBeforeLatest(latest=self.latest_date, requested=day)

    def _consuming(
        self, security_id: UUID, quantity: str | Decimal, field: str, day: date, rec: Recording
    ) -> tuple[Security, Decimal]:
        """The outstanding security and the part of it an event consumes, checked."""
        checks = FieldChecks()
        security = self._securities.get(security_id)
        if security is None:
            checks.add(UnknownReference("security_id", "security", security_id))
        amount = None
        if security is not None:
            klass = self._classes[security.stock_class_id].share_class
            amount = checks.take(klass.quantity, quantity, field=field)
        else:
            checks.take(lambda: Quantity.of(quantity, field=field).positive(field=field))
        checks.take(self._date, day, rec)
        checks.raise_any()
        assert security is not None
        assert amount is not None
        if not security.outstanding:
            raise SecurityNotOutstanding(security.id, security.status.value)
        self._dated(day)
        if amount > security.quantity:
            raise QuantityExceedsSecurity(held=security.quantity, requested=amount, field=field)
        return security, amount

    def _within_authorized(self, position: ClassPosition, quantity: Decimal, field: str) -> None:
        authorized = position.share_class.authorized_shares
        if position.outstanding + quantity > authorized:
            raise ExceedsAuthorizedShares(
                authorized=authorized,
                outstanding=position.outstanding,
                requested=quantity,
                field=field,
            )

    def _new_security(
        self,
        position: ClassPosition,
        stakeholder_id: UUID,
        quantity: Decimal,
        day: date,
        event_id: UUID,
        *,
        source: UUID | None = None,
        offset: int = 1,
        legends: tuple[UUID, ...] = (),
    ) -> Security:
        if source is not None:  # a security made of another prints the same legends
            legends = self._securities[source].stock_legend_ids
        return Security(
            id=new_uuid(),
            issuer_id=self.issuer_id,
            stock_class_id=position.share_class.id,
            stakeholder_id=stakeholder_id,
            certificate_number=position.share_class.certificate_number(
                position.certificates_issued + offset
            ),
            quantity=quantity,
            issue_date=day,
            created_by_event_id=event_id,
            source_security_id=source,
            stock_legend_ids=tuple(dict.fromkeys(legends)),
        )

    def _balance(
        self, security: Security, consumed: Decimal, day: date, event_id: UUID, *, after: int = 0
    ) -> Security | None:
        """The certificate for what an event leaves of a security, numbered after the ``after``
        certificates of the same class the event creates first (a transfer's buyer's)."""
        remainder = security.quantity - consumed
        if remainder == 0:
            return None
        position = self._classes[security.stock_class_id]
        return self._new_security(
            position,
            security.stakeholder_id,
            remainder,
            day,
            event_id,
            source=security.id,
            offset=after + 1,
        )

    def _header(self, event_id: UUID, day: date, recording: Recording) -> _Header:
        return {
            "id": event_id,
            "issuer_id": self.issuer_id,
            "sequence": self.sequence + 1,
            "date": day,
            "recorded_at": recording.at,
            "recorded_by": recording.by,
        }


def _price(value: str | Decimal | None, field: str, currency: str | None) -> Money | None:
    """A price per share in the issuer's currency, at most ``PRICE_PLACES`` places (finer
    than the currency's minor unit: a price per share is not a settled amount)."""
    if value is None:
        return None
    if currency is None:
        raise ValueError("a cap table without its issuer's currency cannot take prices")
    return price_per_share(value, field, currency)


def _ratio(value: str | Decimal, field: str) -> Decimal:
    return Quantity.of(value, field=field).positive(field=field).value


def _exact(quantity: Decimal, klass: ShareClass, *, field: str) -> None:
    """``quantity`` of ``klass`` is whole (unless it allows fractions) and exact to our scale."""
    if quantity != quantity.quantize(_EXACT) or (
        not klass.allows_fractions and quantity != quantity.to_integral_value()
    ):
        what = "whole shares" if not klass.allows_fractions else f"{MAX_SCALE} decimal places"
        raise invalid_field(field, f"would give {quantity} shares, not {what}", code="not_whole")
