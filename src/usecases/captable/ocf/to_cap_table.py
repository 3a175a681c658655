"""An OCF package as a new issuer's cap table: the issuer, its stakeholders and share classes
with fresh ids, and the events the package's stock transactions amount to, built by the cap
table's own commands (so every rule of a hand-entered event holds for an imported one).

What OCF says and the cap table keeps:

- ``ISSUER``, ``STAKEHOLDER``, ``STOCK_CLASS``, ``STOCK_LEGEND_TEMPLATE``, ``STOCK_PLAN``: the
  fields the cap table has (the report names the OCF fields it has no place for, such as a
  stakeholder's relationships); an issuance's ``stock_legend_ids`` name the legends;
- ``TX_STOCK_ISSUANCE``: an issuance, unless the security it issues is the result or the
  balance of another transaction (a transfer's buyer's shares, a conversion's new shares, what
  a cancellation leaves), in which case it is that transaction's, checked against it;
- ``TX_STOCK_CANCELLATION``, ``TX_STOCK_REPURCHASE``, ``TX_STOCK_TRANSFER`` (to one or more
  resulting securities: one transfer each, in order), ``TX_STOCK_CONVERSION``,
  ``TX_STOCK_CLASS_SPLIT`` (the security ids go on naming the split shares, as in OCF),
  ``TX_STOCK_CLASS_AUTHORIZED_SHARES_ADJUSTMENT``.

Any other object type is counted in the report as not imported; nothing is left out unsaid.
Transactions are applied in date order (the package's order within a day).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from domain.captable.cap_table import CapTable, Change, ClassPosition, Recording
from domain.captable.events import CapTableEvent
from domain.captable.issuer import Issuer, TaxId
from domain.captable.legend import StockLegend
from domain.captable.ocf_import import ImportReport as ImportReport  # re-exported
from domain.captable.security import Security
from domain.captable.share_class import ClassType, ShareClass
from domain.captable.stakeholder import Stakeholder, StakeholderType
from domain.captable.stock_plan import CancellationBehavior, StockPlan
from domain.shared.ids import UserId
from usecases.captable.ocf import values as v
from usecases.captable.ocf.ports import OcfObject, OcfObjectRefused, OcfPackage

#: The transactions the cap table has an event for.
STOCK_TRANSACTIONS = frozenset(
    {
        "TX_STOCK_ISSUANCE",
        "TX_STOCK_CANCELLATION",
        "TX_STOCK_REPURCHASE",
        "TX_STOCK_TRANSFER",
        "TX_STOCK_CONVERSION",
        "TX_STOCK_CLASS_SPLIT",
        "TX_STOCK_CLASS_AUTHORIZED_SHARES_ADJUSTMENT",
        "TX_ISSUER_AUTHORIZED_SHARES_ADJUSTMENT",
    }
)
#: The top-level fields of each imported type the cap table keeps (the rest are reported).
KEPT_FIELDS: Mapping[str, frozenset[str]] = {
    "ISSUER": frozenset(
        {"id", "object_type", "legal_name", "formation_date", "country_of_formation",
         "country_subdivision_of_formation", "tax_ids", "address"}
    ),
    "STAKEHOLDER": frozenset(
        {"id", "object_type", "name", "stakeholder_type", "issuer_assigned_id", "contact_info",
         "primary_contact", "addresses"}
    ),
    "STOCK_CLASS": frozenset(
        {"id", "object_type", "name", "class_type", "default_id_prefix",
         "initial_shares_authorized", "votes_per_share", "seniority", "par_value",
         "price_per_share", "conversion_rights", "liquidation_preference_multiple",
         "participation_cap_multiple", "board_approval_date", "stockholder_approval_date"}
    ),
    "TX_STOCK_ISSUANCE": frozenset(
        {"id", "object_type", "security_id", "custom_id", "date", "stakeholder_id",
         "stock_class_id", "quantity", "share_price", "board_approval_date",
         "consideration_text", "security_law_exemptions", "stock_legend_ids"}
    ),
    "STOCK_LEGEND_TEMPLATE": frozenset({"id", "object_type", "name", "text", "comments"}),
    "STOCK_PLAN": frozenset(
        {"id", "object_type", "plan_name", "board_approval_date", "stockholder_approval_date",
         "initial_shares_reserved", "stock_class_ids", "stock_class_id",
         "default_cancellation_behavior", "comments"}
    ),
    "TX_STOCK_CANCELLATION": frozenset(
        {"id", "object_type", "security_id", "date", "quantity", "reason_text",
         "balance_security_id"}
    ),
    "TX_STOCK_REPURCHASE": frozenset(
        {"id", "object_type", "security_id", "date", "quantity", "price", "consideration_text",
         "balance_security_id"}
    ),
    "TX_STOCK_TRANSFER": frozenset(
        {"id", "object_type", "security_id", "date", "quantity", "resulting_security_ids",
         "consideration_text", "balance_security_id"}
    ),
    "TX_STOCK_CONVERSION": frozenset(
        {"id", "object_type", "security_id", "date", "quantity_converted",
         "resulting_security_ids", "balance_security_id"}
    ),
    "TX_STOCK_CLASS_SPLIT": frozenset(
        {"id", "object_type", "date", "stock_class_id", "split_ratio"}
    ),
    "TX_STOCK_CLASS_AUTHORIZED_SHARES_ADJUSTMENT": frozenset(
        {"id", "object_type", "date", "stock_class_id", "new_shares_authorized",
         "board_approval_date", "stockholder_approval_date", "comments"}
    ),
    "TX_ISSUER_AUTHORIZED_SHARES_ADJUSTMENT": frozenset(
        {"id", "object_type", "date", "issuer_id", "new_shares_authorized",
         "board_approval_date", "stockholder_approval_date", "comments"}
    ),
}  # fmt: skip
_DEFAULT_CURRENCY = "USD"


@dataclass(frozen=True, slots=True)
class ImportedCapTable:
    issuer: Issuer
    stakeholders: tuple[Stakeholder, ...]
    share_classes: tuple[ShareClass, ...]  # as created, before any adjustment
    changes: tuple[Change, ...]  # each event with what it consumed and created, in sequence
    table: CapTable  # the state after the events
    report: ImportReport
    stock_legends: tuple[StockLegend, ...] = ()
    stock_plans: tuple[StockPlan, ...] = ()

    @property
    def events(self) -> tuple[CapTableEvent, ...]:
        return tuple(change.event for change in self.changes)


@dataclass(slots=True)
class _Ids:
    """The package's ids and the fresh ones they became."""

    stakeholders: dict[str, UUID] = field(default_factory=dict)
    classes: dict[str, UUID] = field(default_factory=dict)
    legends: dict[str, UUID] = field(default_factory=dict)
    securities: dict[str, UUID] = field(default_factory=dict)  # the security an OCF id names now
    aliases: dict[UUID, list[str]] = field(default_factory=dict)  # our security -> OCF ids


def cap_table_of(
    package: OcfPackage, *, now: datetime, by: UserId | None, issuer_name: str | None = None
) -> ImportedCapTable:
    """The cap table ``package`` describes, as a new issuer; raises ``OcfObjectRefused`` for
    the first object the cap table cannot take."""
    return _Importer(package, now=now, by=by).run(issuer_name)


class _Importer:
    def __init__(self, package: OcfPackage, *, now: datetime, by: UserId | None) -> None:
        self.package = package
        self.now = now
        self.recording = Recording(now, by)
        self.by = by
        self.ids = _Ids()
        self.imported: Counter[str] = Counter()
        self.not_imported: Counter[str] = Counter()
        self.not_kept: dict[str, set[str]] = {}
        self.changes: list[Change] = []
        self.prefixes: set[str] = set()

    # -- the whole -------------------------------------------------------------------------

    def run(self, issuer_name: str | None) -> ImportedCapTable:
        objects = list(self.package.objects())
        currency = _currency_of(objects)
        issuer = self._issuer(self.package.issuer, currency, issuer_name)
        stakeholders = [self._stakeholder(o, issuer.id) for o in _of(objects, "STAKEHOLDER")]
        legends = [self._legend(o, issuer.id) for o in _of(objects, "STOCK_LEGEND_TEMPLATE")]
        transactions = [o for o in objects if str(o.get("object_type")).startswith(("TX_", "CE_"))]
        classes = [
            self._share_class(o, issuer.id, currency, transactions, n)
            for n, o in enumerate(_of(objects, "STOCK_CLASS"))
        ]
        plans = [self._plan(o, issuer.id) for o in _of(objects, "STOCK_PLAN")]
        for o in objects:
            kind = str(o["object_type"])
            if kind not in _CATALOG and kind not in STOCK_TRANSACTIONS:
                self.not_imported[kind] += 1
        table = CapTable(
            issuer.id,
            currency=currency,
            sequence=0,
            latest_date=None,
            classes=[ClassPosition(c) for c in classes],
            stakeholders=[s.id for s in stakeholders],
        )
        self._transactions(table, transactions, currency)
        return ImportedCapTable(
            issuer=issuer,
            stakeholders=tuple(stakeholders),
            share_classes=tuple(classes),
            changes=tuple(self.changes),
            table=table,
            stock_legends=tuple(legends),
            stock_plans=tuple(plans),
            report=ImportReport(
                imported=dict(sorted(self.imported.items())),
                not_imported=dict(sorted(self.not_imported.items())),
                fields_not_kept={
                    k: tuple(sorted(f)) for k, f in sorted(self.not_kept.items()) if f
                },
            ),
        )

    def _took(self, item: OcfObject) -> None:
        kind = str(item["object_type"])
        self.imported[kind] += 1
        dropped = set(item) - KEPT_FIELDS.get(kind, frozenset(item))
        dropped = {k for k in dropped if item.get(k) not in (None, [], "", {})}
        self.not_kept.setdefault(kind, set()).update(dropped)

    # -- issuer, stakeholders, classes -------------------------------------------------------

    def _issuer(self, item: OcfObject, currency: str, name: str | None) -> Issuer:
        with v.about(item, {"addresses.0.country": "$.address.country"}):
            address = v.address(item.get("address"))
            issuer = Issuer.new(
                legal_name=name or str(item["legal_name"]),
                formation_date=v.day(item, "formation_date"),
                country_of_formation=str(item["country_of_formation"]),
                country_subdivision_of_formation=v.text(
                    item.get("country_subdivision_of_formation")
                ),
                currency=currency,
                tax_ids=tuple(
                    TaxId(str(t["tax_id"]), str(t["country"])) for t in item.get("tax_ids") or []
                ),
                addresses=(address,) if address else (),
                created_by=self.by,
                now=self.now,
            )
        self._took(item)
        return issuer

    def _stakeholder(self, item: OcfObject, issuer_id: UUID) -> Stakeholder:
        contact = item.get("contact_info") or item.get("primary_contact") or {}
        emails = [e.get("email_address") for e in contact.get("emails") or []]
        phones = [p.get("phone_number") for p in contact.get("phone_numbers") or []]
        key = "contact_info" if item.get("contact_info") else "primary_contact"
        paths = {
            "legal_name": "$.name.legal_name",
            "email": f"$.{key}.emails[0].email_address",
            "phone": f"$.{key}.phone_numbers[0].phone_number",
        }
        addresses = item.get("addresses") or []
        phone_choices: list[str | None] = [*(str(p) for p in phones if p), None]
        stakeholder = None
        for phone in phone_choices:
            try:
                with v.about(item, paths):
                    stakeholder = Stakeholder.new(
                        issuer_id=issuer_id,
                        legal_name=str(item["name"]["legal_name"]),
                        stakeholder_type=StakeholderType(str(item["stakeholder_type"]).lower()),
                        email=emails[0] if emails else None,
                        phone=phone,
                        address=v.address(addresses[0]) if addresses else None,
                        issuer_assigned_id=v.text(item.get("issuer_assigned_id")),
                        now=self.now,
                    )
                break
            except OcfObjectRefused as refusal:
                # A phone number the cap table cannot hold ("... ext. 100") is left out and
                # reported; any other refusal stands.
                if phone is None or refusal.path != paths["phone"]:
                    raise
                self.not_kept.setdefault("STAKEHOLDER", set()).add(f"{key}.phone_numbers")
        assert stakeholder is not None
        for several, name in (
            (emails, f"{key}.emails"),
            (phones, f"{key}.phone_numbers"),
            (addresses, "addresses"),
        ):
            if len(several) > 1:  # the cap table keeps the first
                self.not_kept.setdefault("STAKEHOLDER", set()).add(name)
        self.ids.stakeholders[str(item["id"])] = stakeholder.id
        self._took(item)
        return stakeholder

    def _share_class(
        self,
        item: OcfObject,
        issuer_id: UUID,
        currency: str,
        transactions: list[OcfObject],
        n: int,
    ) -> ShareClass:
        ocf_id = str(item["id"])
        authorized_raw = item.get("initial_shares_authorized")
        if authorized_raw in ("UNLIMITED", "NOT APPLICABLE"):
            raise v.refused(
                item,
                "$.initial_shares_authorized",
                f"{authorized_raw}: the cap table needs a number of authorized shares",
            )
        authorized = v.number(item, "initial_shares_authorized")
        quantities = [
            v.number(t, key)
            for t in transactions
            if t.get("stock_class_id") == ocf_id
            for key in ("quantity", "new_shares_authorized")
            if t.get(key) is not None
        ]
        fractions = any(q != q.to_integral_value() for q in [authorized, *quantities])
        cap = v.optional_number(item, "participation_cap_multiple")
        paths = {
            "certificate_prefix": "$.default_id_prefix",
            "conversion_ratio": "$.conversion_rights[0].conversion_mechanism.ratio",
            "participating": "$.participation_cap_multiple",
        }
        with v.about(item, paths):
            klass = ShareClass.new(
                issuer_id=issuer_id,
                name=str(item["name"]),
                class_type=ClassType(str(item["class_type"]).lower()),
                certificate_prefix=self._unique_prefix(_prefix(item, n)),
                initial_shares_authorized=authorized,
                par_value=v.optional_amount(item, "par_value", currency),
                price_per_share=v.optional_amount(item, "price_per_share", currency),
                votes_per_share=v.number(item, "votes_per_share"),
                seniority=int(v.number(item, "seniority")),
                liquidation_preference_multiple=v.optional_number(
                    item, "liquidation_preference_multiple"
                )
                or Decimal(1),
                participating=cap is not None,
                participation_cap_multiple=cap,
                conversion_ratio=_conversion_ratio(item),
                allows_fractions=fractions,
                board_approval_date=v.optional_day(item, "board_approval_date"),
                stockholder_approval_date=v.optional_day(item, "stockholder_approval_date"),
                now=self.now,
            )
        self.ids.classes[ocf_id] = klass.id
        self._took(item)
        return klass

    def _legend(self, item: OcfObject, issuer_id: UUID) -> StockLegend:
        with v.about(item):
            legend = StockLegend.new(
                issuer_id=issuer_id,
                name=str(item["name"]),
                text=str(item["text"]),
                comments=[str(c) for c in item.get("comments") or []],
                now=self.now,
            )
        self.ids.legends[str(item["id"])] = legend.id
        self._took(item)
        return legend

    def _plan(self, item: OcfObject, issuer_id: UUID) -> StockPlan:
        named = list(item.get("stock_class_ids") or [])
        if not named and item.get("stock_class_id"):  # OCF's deprecated single class
            named = [item["stock_class_id"]]
        classes = []
        for n, ocf_id in enumerate(named):
            found = self.ids.classes.get(str(ocf_id))
            if found is None:
                raise v.refused(
                    item,
                    f"$.stock_class_ids[{n}]",
                    f"no stock class {ocf_id!r} in the package",
                    "unknown_reference",
                )
            classes.append(found)
        behavior = item.get("default_cancellation_behavior")
        with v.about(item):
            plan = StockPlan.new(
                issuer_id=issuer_id,
                plan_name=str(item["plan_name"]),
                initial_shares_reserved=v.number(item, "initial_shares_reserved"),
                stock_class_ids=classes,
                board_approval_date=v.optional_day(item, "board_approval_date"),
                stockholder_approval_date=v.optional_day(item, "stockholder_approval_date"),
                default_cancellation_behavior=CancellationBehavior(behavior) if behavior else None,
                comments=[str(c) for c in item.get("comments") or []],
                now=self.now,
            )
        self._took(item)
        return plan

    def _unique_prefix(self, prefix: str) -> str:
        """``prefix``, or with a letter instead of its last (or after it) when another class
        of the package already numbers its certificates so (``CS``, ``CSB``...)."""
        candidate = prefix
        letters = iter("BCDEFGHIJKLMNOPQRSTUVWXYZ")
        while candidate in self.prefixes:
            candidate = (prefix if len(prefix) < 4 else prefix[:3]) + next(letters)
        self.prefixes.add(candidate)
        return candidate

    # -- transactions -----------------------------------------------------------------------

    def _transactions(self, table: CapTable, every: list[OcfObject], currency: str) -> None:
        """Apply the stock transactions of ``every`` transaction in the package. An issuance
        that results from a transaction the cap table has no event for (a reissuance, a
        consolidation...) is not imported either: it would count its shares twice."""
        items = [t for t in every if t["object_type"] in STOCK_TRANSACTIONS]
        issuances: dict[str, OcfObject] = {}
        for item in items:
            if item["object_type"] == "TX_STOCK_ISSUANCE":
                security = str(item["security_id"])
                if security in issuances:
                    raise v.refused(item, "$.security_id", f"security {security!r} is issued twice")
                issuances[security] = item
        derived: dict[str, OcfObject] = {}  # security id -> the transaction it results from
        for item in every:
            named = list(item.get("resulting_security_ids") or [])
            if item.get("balance_security_id"):
                named.append(item["balance_security_id"])
            for security in named:
                if security in derived:
                    raise v.refused(
                        item,
                        "$.resulting_security_ids",
                        f"security {security!r} also results from {derived[security]['id']!r}",
                    )
                derived[security] = item
        ordered = sorted(enumerate(items), key=lambda pair: (v.day(pair[1]), pair[0]))
        for _, item in ordered:
            kind = item["object_type"]
            if kind == "TX_STOCK_ISSUANCE" and str(item["security_id"]) in derived:
                parent = derived[str(item["security_id"])]
                if parent["object_type"] not in STOCK_TRANSACTIONS:
                    self.not_imported[kind] += 1
                continue  # part of the transaction it results from
            handler = getattr(self, "_" + kind.lower())
            handler(table, item, issuances, currency)

    def _record(self, change: Change) -> Change:
        self.changes.append(change)
        return change

    def _security(self, table: CapTable, item: OcfObject, key: str = "security_id") -> UUID:
        ocf_id = str(item[key])
        found = self.ids.securities.get(ocf_id)
        if found is None:
            raise v.refused(
                item, f"$.{key}", f"no security {ocf_id!r} issued before this", "unknown_reference"
            )
        return found

    def _name(self, ocf_id: str, security: Security) -> None:
        self.ids.securities[ocf_id] = security.id
        self.ids.aliases.setdefault(security.id, []).append(ocf_id)

    def _ref(self, item: OcfObject, key: str, ids: Mapping[str, UUID], what: str) -> UUID:
        found = ids.get(str(item.get(key)))
        if found is None:
            raise v.refused(
                item, f"$.{key}", f"no {what} {item.get(key)!r} in the package", "unknown_reference"
            )
        return found

    def _balance(self, item: OcfObject, change: Change, issuances: Mapping[str, OcfObject]) -> None:
        """Name the balance the cap table made after the package's balance security, checking
        what the package issues for it."""
        balance: Security | None = getattr(change.event, "balance", None)
        ocf_balance = item.get("balance_security_id")
        if ocf_balance is None:
            return
        if balance is None:
            raise v.refused(
                item, "$.balance_security_id", "nothing of the security is left for a balance"
            )
        issued = issuances.get(str(ocf_balance))
        if issued is not None:
            self._check_issued(issued, balance, "the balance")
            self._took(issued)
        self._name(str(ocf_balance), balance)

    def _check_issued(self, issued: OcfObject, security: Security, what: str) -> None:
        quantity = v.number(issued, "quantity")
        if quantity != security.quantity:
            raise v.refused(
                issued,
                "$.quantity",
                f"{what} of its transaction is {security.quantity} shares, not {quantity}",
                "ocf_inconsistent_result",
            )
        if self.ids.stakeholders.get(str(issued.get("stakeholder_id"))) != security.stakeholder_id:
            raise v.refused(
                issued,
                "$.stakeholder_id",
                f"{what} of its transaction is held by another stakeholder",
                "ocf_inconsistent_result",
            )

    def _tx_stock_issuance(self, table: CapTable, item: OcfObject, _: Any, currency: str) -> None:
        holder = self._ref(item, "stakeholder_id", self.ids.stakeholders, "stakeholder")
        klass = self._ref(item, "stock_class_id", self.ids.classes, "stock class")
        with v.about(item):
            change = self._record(
                table.issue(
                    stakeholder_id=holder,
                    stock_class_id=klass,
                    quantity=v.number(item, "quantity"),
                    date=v.day(item),
                    recording=self.recording,
                    share_price=v.optional_amount(item, "share_price", currency),
                    board_approval_date=v.optional_day(item, "board_approval_date"),
                    consideration_text=v.text(item.get("consideration_text")),
                    stock_legend_ids=self._legends_of(item),
                )
            )
        self._name(str(item["security_id"]), change.created[0])
        self._took(item)

    def _legends_of(self, item: OcfObject) -> tuple[UUID, ...]:
        legends = []
        for n, ocf_id in enumerate(item.get("stock_legend_ids") or []):
            found = self.ids.legends.get(str(ocf_id))
            if found is None:
                raise v.refused(
                    item,
                    f"$.stock_legend_ids[{n}]",
                    f"no stock legend {ocf_id!r} in the package",
                    "unknown_reference",
                )
            legends.append(found)
        return tuple(legends)

    def _tx_stock_cancellation(
        self, table: CapTable, item: OcfObject, issuances: Mapping[str, OcfObject], _: str
    ) -> None:
        security = self._security(table, item)
        with v.about(item):
            change = self._record(
                table.cancel(
                    security_id=security,
                    quantity=v.number(item, "quantity"),
                    date=v.day(item),
                    reason_text=str(item["reason_text"]),
                    recording=self.recording,
                )
            )
        self._balance(item, change, issuances)
        self._took(item)

    def _tx_stock_repurchase(
        self, table: CapTable, item: OcfObject, issuances: Mapping[str, OcfObject], currency: str
    ) -> None:
        security = self._security(table, item)
        with v.about(item):
            change = self._record(
                table.repurchase(
                    security_id=security,
                    quantity=v.number(item, "quantity"),
                    price=v.amount(item, "price", currency),
                    date=v.day(item),
                    recording=self.recording,
                    consideration_text=v.text(item.get("consideration_text")),
                )
            )
        self._balance(item, change, issuances)
        self._took(item)

    def _tx_stock_transfer(
        self, table: CapTable, item: OcfObject, issuances: Mapping[str, OcfObject], _: str
    ) -> None:
        security = self._security(table, item)
        results = [str(r) for r in item["resulting_security_ids"]]
        legs = []
        for n, result in enumerate(results):
            issued = issuances.get(result)
            if issued is None:
                raise v.refused(
                    item,
                    f"$.resulting_security_ids[{n}]",
                    f"no TX_STOCK_ISSUANCE of {result!r} says who receives it",
                    "unknown_reference",
                )
            legs.append(
                (issued, self._ref(issued, "stakeholder_id", self.ids.stakeholders, "stakeholder"))
            )
        total = sum((v.number(issued, "quantity") for issued, _ in legs), Decimal(0))
        if total != v.number(item, "quantity"):
            raise v.refused(
                item,
                "$.quantity",
                f"the resulting securities hold {total} shares, "
                f"not the {item['quantity']} transferred",
                "ocf_inconsistent_result",
            )
        source = security
        change = None
        for issued, buyer in legs:
            with v.about(item, {"to_stakeholder_id": "$.resulting_security_ids"}):
                change = self._record(
                    table.transfer(
                        security_id=source,
                        quantity=v.number(issued, "quantity"),
                        to_stakeholder_id=buyer,
                        date=v.day(item),
                        recording=self.recording,
                        consideration_text=v.text(item.get("consideration_text")),
                    )
                )
            bought = change.event.created[0]
            self._check_issued(issued, bought, "the resulting security")
            self._name(str(issued["security_id"]), bought)
            self._took(issued)
            left: Security | None = getattr(change.event, "balance", None)
            if left is not None:
                source = left.id
        assert change is not None
        self._balance(item, change, issuances)
        self._took(item)

    def _tx_stock_conversion(
        self, table: CapTable, item: OcfObject, issuances: Mapping[str, OcfObject], _: str
    ) -> None:
        security = self._security(table, item)
        results = [str(r) for r in item["resulting_security_ids"]]
        if len(results) != 1 or results[0] not in issuances:
            raise v.refused(
                item,
                "$.resulting_security_ids",
                "a conversion needs exactly one resulting security, issued by a TX_STOCK_ISSUANCE "
                "in the class it converts into",
            )
        issued = issuances[results[0]]
        target = self._ref(issued, "stock_class_id", self.ids.classes, "stock class")
        with v.about(item, {"to_stock_class_id": "$.resulting_security_ids"}):
            change = self._record(
                table.convert(
                    security_id=security,
                    quantity_converted=v.number(item, "quantity_converted"),
                    to_stock_class_id=target,
                    date=v.day(item),
                    recording=self.recording,
                )
            )
        converted = change.event.created[0]
        self._check_issued(issued, converted, "the converted security")
        self._name(results[0], converted)
        self._took(issued)
        self._balance(item, change, issuances)
        self._took(item)

    def _tx_stock_class_split(self, table: CapTable, item: OcfObject, _: Any, __: str) -> None:
        klass = self._ref(item, "stock_class_id", self.ids.classes, "stock class")
        ratio = item["split_ratio"]
        paths = {
            "split_ratio_numerator": "$.split_ratio.numerator",
            "split_ratio_denominator": "$.split_ratio.denominator",
        }
        with v.about(item, paths):
            change = self._record(
                table.split(
                    stock_class_id=klass,
                    split_ratio_numerator=v.number(
                        item, "split_ratio.numerator", ratio["numerator"]
                    ),
                    split_ratio_denominator=v.number(
                        item, "split_ratio.denominator", ratio["denominator"]
                    ),
                    date=v.day(item),
                    recording=self.recording,
                )
            )
        # As in OCF, the ids of the split securities go on naming what they became.
        for new in change.created:
            assert new.source_security_id is not None
            for ocf_id in self.ids.aliases.pop(new.source_security_id, []):
                self._name(ocf_id, new)
        self._took(item)

    def _tx_stock_class_authorized_shares_adjustment(
        self, table: CapTable, item: OcfObject, _: Any, __: str
    ) -> None:
        klass = self._ref(item, "stock_class_id", self.ids.classes, "stock class")
        when = v.day(item)
        with v.about(item):
            self._record(
                table.adjust_authorized_shares(
                    stock_class_id=klass,
                    new_shares_authorized=v.number(item, "new_shares_authorized"),
                    board_approval_date=v.optional_day(item, "board_approval_date") or when,
                    date=when,
                    recording=self.recording,
                    stockholder_approval_date=v.optional_day(item, "stockholder_approval_date"),
                    comments=v.comments(item),
                )
            )
        self._took(item)

    def _tx_issuer_authorized_shares_adjustment(
        self, table: CapTable, item: OcfObject, _: Any, __: str
    ) -> None:
        with v.about(item):
            self._record(
                table.adjust_issuer_authorized_shares(
                    new_shares_authorized=v.number(item, "new_shares_authorized"),
                    date=v.day(item),
                    recording=self.recording,
                    board_approval_date=v.optional_day(item, "board_approval_date"),
                    stockholder_approval_date=v.optional_day(item, "stockholder_approval_date"),
                    comments=v.comments(item),
                )
            )
        self._took(item)


_CATALOG = frozenset({"STAKEHOLDER", "STOCK_CLASS", "STOCK_LEGEND_TEMPLATE", "STOCK_PLAN"})


def _of(objects: Iterable[OcfObject], kind: str) -> list[OcfObject]:
    return [o for o in objects if o.get("object_type") == kind]


def _currency_of(objects: list[OcfObject]) -> str:
    """OCF's issuer has no currency: the first one its classes' prices or its issuances use."""
    for kind, keys in (
        ("STOCK_CLASS", ("price_per_share", "par_value")),
        ("TX_STOCK_ISSUANCE", ("share_price",)),
    ):
        for item in _of(objects, kind):
            for key in keys:
                money = item.get(key)
                if isinstance(money, Mapping) and isinstance(money.get("currency"), str):
                    return str(money["currency"])
    return _DEFAULT_CURRENCY


def _prefix(item: OcfObject, n: int) -> str:
    """The certificate prefix: OCF's ``default_id_prefix`` without its dash (``CS-`` → ``CS``);
    when that is not 1 to 4 capital letters, the initials of the class's name."""
    raw = str(item.get("default_id_prefix") or "").rstrip("-").upper()
    if raw.isalpha() and raw.isascii() and 1 <= len(raw) <= 4:
        return raw
    initials = "".join(w[0] for w in str(item.get("name", "")).split() if w[:1].isalpha())
    return (initials.upper()[:4] or "S") if initials.isascii() else f"S{chr(65 + n % 26)}"


def _conversion_ratio(item: OcfObject) -> Decimal:
    """Shares of the class converted into per share: the first ratio conversion right's
    ``numerator / denominator`` (1 when it has none)."""
    for right in item.get("conversion_rights") or []:
        mechanism = right.get("conversion_mechanism") or {}
        ratio = mechanism.get("ratio")
        if mechanism.get("type") == "RATIO_CONVERSION" and isinstance(ratio, Mapping):
            numerator = v.number(item, "conversion_rights.ratio.numerator", ratio["numerator"])
            denominator = v.number(
                item, "conversion_rights.ratio.denominator", ratio["denominator"]
            )
            if denominator == 0:
                raise v.refused(
                    item,
                    "$.conversion_rights[0].conversion_mechanism.ratio.denominator",
                    "must not be zero",
                )
            return numerator / denominator
    return Decimal(1)
