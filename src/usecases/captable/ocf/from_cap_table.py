"""An issuer's cap table as OCF objects: the manifest's issuer, one object per stakeholder and
share class, and the transactions its events amount to.

Every security an event creates besides an issuance's own (a transfer's buyer's, a
conversion's, a balance) gets its ``TX_STOCK_ISSUANCE``, as OCF expects. A split is one
``TX_STOCK_CLASS_SPLIT``: the securities it reissued keep the OCF id of the ones they replace,
as OCF reads a split. What the import reads back is the same cap table (``to_cap_table``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from domain.captable.events import (
    AuthorizedSharesAdjustment,
    Cancellation,
    CapTableEvent,
    Conversion,
    Issuance,
    IssuerAuthorizedSharesAdjustment,
    Repurchase,
    SecurityEvent,
    Split,
    Transfer,
)
from domain.captable.issuer import Issuer
from domain.captable.legend import StockLegend
from domain.captable.security import Security
from domain.captable.share_class import ClassType, ShareClass
from domain.captable.stakeholder import Stakeholder
from domain.captable.stock_plan import StockPlan
from usecases.captable.ocf.ports import OcfFile, OcfObject
from usecases.captable.ocf.values import address_json, monetary, numeric


@dataclass(frozen=True, slots=True)
class OcfExport:
    manifest: OcfObject  # issuer, as_of, generated_at
    files: tuple[OcfFile, ...]

    @property
    def object_count(self) -> int:
        return sum(len(f.items) for f in self.files)


def ocf_of(
    issuer: Issuer,
    stakeholders: Iterable[Stakeholder],
    share_classes: Sequence[ShareClass],
    events: Iterable[CapTableEvent],
    *,
    now: datetime,
    legends: Sequence[StockLegend] = (),
    plans: Sequence[StockPlan] = (),
) -> OcfExport:
    currency = issuer.currency
    transactions = _Transactions(currency)
    latest: date | None = None
    for event in events:
        transactions.add(event)
        latest = event.date
    manifest = {
        "issuer": _issuer(issuer),
        "as_of": (latest or now.date()).isoformat(),
        "generated_at": now.isoformat(timespec="seconds"),
    }
    return OcfExport(
        manifest=manifest,
        files=(
            OcfFile(
                "Stakeholders.ocf.json",
                "OCF_STAKEHOLDERS_FILE",
                tuple(_stakeholder(s) for s in stakeholders),
            ),
            OcfFile(
                "StockClasses.ocf.json",
                "OCF_STOCK_CLASSES_FILE",
                tuple(_share_class(c, currency, share_classes) for c in share_classes),
            ),
            *(
                [OcfFile(LEGENDS_FILE, LEGENDS_TYPE, tuple(_legend(x) for x in legends))]
                if legends
                else []
            ),
            *([OcfFile(PLANS_FILE, PLANS_TYPE, tuple(_plan(p) for p in plans))] if plans else []),
            OcfFile("Transactions.ocf.json", "OCF_TRANSACTIONS_FILE", tuple(transactions.items)),
        ),
    )


LEGENDS_FILE, LEGENDS_TYPE = "StockLegends.ocf.json", "OCF_STOCK_LEGEND_TEMPLATES_FILE"
PLANS_FILE, PLANS_TYPE = "StockPlans.ocf.json", "OCF_STOCK_PLANS_FILE"


def _legend(legend: StockLegend) -> dict[str, Any]:
    out: dict[str, Any] = {
        "object_type": "STOCK_LEGEND_TEMPLATE",
        "id": str(legend.id),
        "name": legend.name,
        "text": legend.text,
    }
    if legend.comments:
        out["comments"] = list(legend.comments)
    return out


def _plan(plan: StockPlan) -> dict[str, Any]:
    out: dict[str, Any] = {
        "object_type": "STOCK_PLAN",
        "id": str(plan.id),
        "plan_name": plan.plan_name,
        "initial_shares_reserved": numeric(plan.initial_shares_reserved),
        "stock_class_ids": [str(c) for c in plan.stock_class_ids],
    }
    for key in ("board_approval_date", "stockholder_approval_date"):
        day = getattr(plan, key)
        if day is not None:
            out[key] = day.isoformat()
    if plan.default_cancellation_behavior is not None:
        out["default_cancellation_behavior"] = plan.default_cancellation_behavior.value
    if plan.comments:
        out["comments"] = list(plan.comments)
    return out


def _issuer(issuer: Issuer) -> dict[str, Any]:
    out: dict[str, Any] = {
        "object_type": "ISSUER",
        "id": str(issuer.id),
        "legal_name": issuer.legal_name,
        "formation_date": issuer.formation_date.isoformat(),
        "country_of_formation": issuer.country_of_formation,
    }
    if issuer.country_subdivision_of_formation:
        out["country_subdivision_of_formation"] = issuer.country_subdivision_of_formation
    if issuer.tax_ids:
        out["tax_ids"] = [{"tax_id": t.tax_id, "country": t.country} for t in issuer.tax_ids]
    if issuer.addresses:
        out["address"] = address_json(issuer.addresses[0])
    return out


def _stakeholder(stakeholder: Stakeholder) -> dict[str, Any]:
    out: dict[str, Any] = {
        "object_type": "STAKEHOLDER",
        "id": str(stakeholder.id),
        "name": {"legal_name": stakeholder.legal_name},
        "stakeholder_type": stakeholder.stakeholder_type.value.upper(),
    }
    if stakeholder.issuer_assigned_id:
        out["issuer_assigned_id"] = stakeholder.issuer_assigned_id
    contact: dict[str, Any] = {}
    if stakeholder.email:
        contact["emails"] = [{"email_type": "OTHER", "email_address": stakeholder.email}]
    if stakeholder.phone:
        contact["phone_numbers"] = [{"phone_type": "OTHER", "phone_number": stakeholder.phone}]
    if contact:
        out["contact_info"] = contact
    if stakeholder.address:
        out["addresses"] = [address_json(stakeholder.address)]
    return out


def _share_class(klass: ShareClass, currency: str, classes: Sequence[ShareClass]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "object_type": "STOCK_CLASS",
        "id": str(klass.id),
        "name": klass.name,
        "class_type": klass.class_type.value.upper(),
        "default_id_prefix": f"{klass.certificate_prefix}-",
        "initial_shares_authorized": numeric(klass.initial_shares_authorized),
        "votes_per_share": numeric(klass.votes_per_share),
        "seniority": str(klass.seniority),
        "liquidation_preference_multiple": numeric(klass.liquidation_preference_multiple),
    }
    if klass.par_value is not None:
        out["par_value"] = monetary(klass.par_value, currency)
    if klass.price_per_share is not None:
        out["price_per_share"] = monetary(klass.price_per_share, currency)
    if klass.participating and klass.participation_cap_multiple is not None:
        out["participation_cap_multiple"] = numeric(klass.participation_cap_multiple)
    if klass.board_approval_date:
        out["board_approval_date"] = klass.board_approval_date.isoformat()
    if klass.stockholder_approval_date:
        out["stockholder_approval_date"] = klass.stockholder_approval_date.isoformat()
    common = next(
        (c for c in classes if c.class_type is ClassType.COMMON and c.id != klass.id), None
    )
    if common is not None and (
        klass.class_type is ClassType.PREFERRED or klass.conversion_ratio != 1
    ):
        out["conversion_rights"] = [
            {
                "type": "STOCK_CLASS_CONVERSION_RIGHT",
                "conversion_mechanism": {
                    "type": "RATIO_CONVERSION",
                    "conversion_price": monetary(klass.price_per_share or Decimal(0), currency),
                    "ratio": {"numerator": numeric(klass.conversion_ratio), "denominator": "1"},
                    "rounding_type": "NORMAL",
                },
                "converts_to_stock_class_id": str(common.id),
            }
        ]
    return out


class _Transactions:
    def __init__(self, currency: str) -> None:
        self.currency = currency
        self.items: list[dict[str, Any]] = []
        self.ocf_ids: dict[UUID, str] = {}  # our security -> the OCF id that names it
        self.prices: dict[UUID, Decimal] = {}  # security -> the price its shares were issued at

    def _id(self, security: Security) -> str:
        return self.ocf_ids.setdefault(security.id, str(security.id))

    def _issued(self, object_id: str, security: Security, event: CapTableEvent) -> dict[str, Any]:
        price = self.prices.get(security.source_security_id or security.id, Decimal(0))
        self.prices[security.id] = price
        return {
            "object_type": "TX_STOCK_ISSUANCE",
            "id": object_id,
            "security_id": self._id(security),
            "custom_id": security.certificate_number,
            "date": event.date.isoformat(),
            "stakeholder_id": str(security.stakeholder_id),
            "stock_class_id": str(security.stock_class_id),
            "quantity": numeric(security.quantity),
            "share_price": monetary(price, self.currency),
            "security_law_exemptions": [],
            "stock_legend_ids": [str(legend) for legend in security.stock_legend_ids],
        }

    def _on(self, event: SecurityEvent, kind: str, **fields: Any) -> dict[str, Any]:
        out: dict[str, Any] = {
            "object_type": kind,
            "id": str(event.id),
            "security_id": self.ocf_ids.get(event.security_id, str(event.security_id)),
            "date": event.date.isoformat(),
            **{k: value for k, value in fields.items() if value is not None},
        }
        if event.balance is not None:
            out["balance_security_id"] = self._id(event.balance)
        return out

    def _results(self, event: CapTableEvent, created: Iterable[Security]) -> None:
        for security in created:
            self.items.append(self._issued(f"{security.id}", security, event))

    def add(self, event: CapTableEvent) -> None:
        if isinstance(event, Issuance):
            if event.share_price is not None:
                self.prices[event.security.id] = event.share_price.amount
            issued = self._issued(str(event.id), event.security, event)
            if event.board_approval_date:
                issued["board_approval_date"] = event.board_approval_date.isoformat()
            if event.consideration_text:
                issued["consideration_text"] = event.consideration_text
            self.items.append(issued)
        elif isinstance(event, Cancellation):
            self.items.append(
                self._on(
                    event,
                    "TX_STOCK_CANCELLATION",
                    quantity=numeric(event.quantity),
                    reason_text=event.reason_text,
                )
            )
            self._results(event, event.created)
        elif isinstance(event, Repurchase):
            self.items.append(
                self._on(
                    event,
                    "TX_STOCK_REPURCHASE",
                    quantity=numeric(event.quantity),
                    price=monetary(event.price.amount, event.price.currency.code),
                    consideration_text=event.consideration_text,
                )
            )
            self._results(event, event.created)
        elif isinstance(event, Transfer):
            resulting = [self._id(s) for s in event.transferred]
            self.items.append(
                self._on(
                    event,
                    "TX_STOCK_TRANSFER",
                    quantity=numeric(event.quantity),
                    resulting_security_ids=resulting,
                    consideration_text=event.consideration_text,
                )
            )
            self._results(event, event.created)
        elif isinstance(event, Conversion):
            self.items.append(
                self._on(
                    event,
                    "TX_STOCK_CONVERSION",
                    quantity_converted=numeric(event.quantity_converted),
                    resulting_security_ids=[self._id(event.converted)],
                )
            )
            self._results(event, event.created)
        elif isinstance(event, Split):
            for security in event.split:
                assert security.source_security_id is not None
                source = security.source_security_id
                self.ocf_ids[security.id] = self.ocf_ids.get(source, str(source))
                self.prices[security.id] = self.prices.get(source, Decimal(0))
            self.items.append(
                {
                    "object_type": "TX_STOCK_CLASS_SPLIT",
                    "id": str(event.id),
                    "date": event.date.isoformat(),
                    "stock_class_id": str(event.stock_class_id),
                    "split_ratio": {
                        "numerator": numeric(event.split_ratio_numerator),
                        "denominator": numeric(event.split_ratio_denominator),
                    },
                }
            )
        elif isinstance(event, AuthorizedSharesAdjustment):
            adjustment: dict[str, Any] = {
                "object_type": "TX_STOCK_CLASS_AUTHORIZED_SHARES_ADJUSTMENT",
                "id": str(event.id),
                "date": event.date.isoformat(),
                "stock_class_id": str(event.stock_class_id),
                "new_shares_authorized": numeric(event.new_shares_authorized),
                "board_approval_date": event.board_approval_date.isoformat(),
            }
            if event.stockholder_approval_date:
                adjustment["stockholder_approval_date"] = (
                    event.stockholder_approval_date.isoformat()
                )
            if event.comments:
                adjustment["comments"] = event.comments.split("\n")
            self.items.append(adjustment)
        elif isinstance(event, IssuerAuthorizedSharesAdjustment):
            issuer_level: dict[str, Any] = {
                "object_type": "TX_ISSUER_AUTHORIZED_SHARES_ADJUSTMENT",
                "id": str(event.id),
                "date": event.date.isoformat(),
                "issuer_id": str(event.issuer_id),
                "new_shares_authorized": numeric(event.new_shares_authorized),
            }
            for key in ("board_approval_date", "stockholder_approval_date"):
                day = getattr(event, key)
                if day is not None:
                    issuer_level[key] = day.isoformat()
            if event.comments:
                issuer_level["comments"] = event.comments.split("\n")
            self.items.append(issuer_level)
        else:  # pragma: no cover - every kind of event is above
            raise TypeError(f"no OCF transaction for {type(event).__name__}")
