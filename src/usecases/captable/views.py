"""What the cap table's views return besides domain objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from domain.captable.issuer import Issuer
from domain.captable.ownership import ClassTotal, HolderPosition
from domain.captable.security import SecurityStatus
from domain.captable.share_class import ShareClass


@dataclass(frozen=True, slots=True)
class Totals:
    """The cap table's totals: each class's, and the whole table's."""

    classes: tuple[ClassTotal, ...]
    outstanding: Decimal
    fully_diluted: Decimal
    holders: int  # stakeholders holding shares


@dataclass(frozen=True, slots=True)
class ClassSummary:
    share_class: ShareClass
    total: ClassTotal


@dataclass(frozen=True, slots=True)
class CapTableSummary:
    """The cap table's totals after the issuer's latest event (or on ``as_of``)."""

    issuer: Issuer
    as_of: date | None
    event_sequence: int
    classes: tuple[ClassSummary, ...]
    outstanding: Decimal
    fully_diluted: Decimal  # the classes as converted into common, plus the plans' reserves
    stakeholders_holding: int
    plan_reserved: Decimal = Decimal(0)  # the stock plans' reserves (approved by the date)


@dataclass(frozen=True, slots=True)
class HolderRow:
    """One row of the shareholder list: the stakeholder's name and position."""

    legal_name: str
    position: HolderPosition


@dataclass(frozen=True, slots=True)
class MyHolding:
    """Shares of one class of one issuer that the signed-in user holds."""

    issuer_id: UUID
    issuer_name: str
    stakeholder_id: UUID
    stock_class_id: UUID
    class_name: str
    quantity: Decimal
    certificates: int


@dataclass(frozen=True, slots=True)
class VerifiedCertificate:
    """What the public verification of a certificate confirms: never its holder."""

    certificate_number: str
    class_name: str
    quantity: Decimal
    status: SecurityStatus
    issue_date: date
    issuer_name: str


@dataclass(frozen=True, slots=True)
class CertificatePdf:
    filename: str  # "CS-0001.pdf"
    content: bytes


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """The replay of an issuer's events against its projection: equal when ``differences``
    is empty."""

    issuer_id: UUID
    events: int
    securities: int
    differences: tuple[str, ...]

    @property
    def equal(self) -> bool:
        return not self.differences
