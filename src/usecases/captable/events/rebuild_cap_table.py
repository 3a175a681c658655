"""Use case: replay an issuer's events from nothing and compare the result with the projection
the writes kept (securities, holdings, class totals, the issuer's sequence, and every checkpoint
of the holdings against the replay at the end of its date). Equal, or every
difference named: the proof that the projection is the events' and nothing else."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from uuid import UUID

from domain.captable.cap_table import CapTable, Holding
from domain.captable.errors import IssuerNotFound
from domain.shared.actor import Actor
from usecases.captable.access import require_manager
from usecases.captable.ports import CaptableUnitOfWork
from usecases.captable.views import Rebuilt


@dataclass(frozen=True, slots=True, kw_only=True)
class RebuildCapTable:
    actor: Actor
    issuer_id: UUID


class RebuildCapTableHandler:
    def __init__(self, uow: CaptableUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: RebuildCapTable) -> Rebuilt:
        require_manager(cmd.actor)
        async with self._uow as uow:
            await uow.snapshot()
            issuer = await uow.issuers.get(cmd.issuer_id)
            if issuer is None:
                raise IssuerNotFound(cmd.issuer_id)
            classes = await uow.share_classes.of_issuer(issuer.id)
            events = await uow.cap_tables.events(issuer.id)
            stakeholders = await uow.stakeholders.ids(issuer.id)
            projected = await uow.cap_tables.load(issuer)
            projected_securities = await uow.cap_tables.projected_securities(issuer.id)
            projected_holdings = await uow.cap_tables.holdings(issuer.id)
            checkpoints = await uow.cap_tables.checkpoints(issuer.id)
        differences: list[str] = []
        try:
            replayed = CapTable.replay(issuer.id, classes, stakeholders, events)
        except Exception as failure:  # a history that does not replay is the finding
            return Rebuilt(issuer.id, len(events), 0, (f"the events do not replay: {failure}",))
        if replayed.sequence != issuer.event_sequence:
            differences.append(
                f"issuer: event_sequence {issuer.event_sequence} in the projection, "
                f"{replayed.sequence} in the replay"
            )
        if replayed.latest_date != issuer.latest_event_date:
            differences.append(
                f"issuer: latest_event_date {issuer.latest_event_date} in the projection, "
                f"{replayed.latest_date} in the replay"
            )
        for position in replayed.classes:
            kept = projected.position(position.share_class.id)
            name = position.share_class.certificate_prefix
            if kept is None:
                differences.append(f"class {name}: missing from the projection")
                continue
            for label, mine, theirs in (
                (
                    "authorized_shares",
                    kept.share_class.authorized_shares,
                    position.share_class.authorized_shares,
                ),
                ("outstanding", kept.outstanding, position.outstanding),
                ("certificates_issued", kept.certificates_issued, position.certificates_issued),
            ):
                if mine != theirs:
                    differences.append(
                        f"class {name}: {label} {_text(mine)} in the projection, "
                        f"{_text(theirs)} in the replay"
                    )
        by_id = {s.id: s for s in projected_securities}
        for security in replayed.securities:
            kept_security = by_id.pop(security.id, None)
            if kept_security is None:
                differences.append(f"security {security.certificate_number}: not projected")
                continue
            for f in fields(security):
                mine, theirs = getattr(kept_security, f.name), getattr(security, f.name)
                if mine != theirs:
                    differences.append(
                        f"security {security.certificate_number}: {f.name} {_text(mine)} in "
                        f"the projection, {_text(theirs)} in the replay"
                    )
        for extra in by_id.values():
            differences.append(f"security {extra.certificate_number}: projected, not in the replay")
        if projected_holdings != replayed.holdings():
            want = {(h.stakeholder_id, h.stock_class_id): h for h in replayed.holdings()}
            for h in projected_holdings:
                other = want.pop((h.stakeholder_id, h.stock_class_id), None)
                if other != h:
                    differences.append(
                        f"holding {h.stakeholder_id}/{h.stock_class_id}: "
                        f"{_text(h.quantity)} ({h.certificates}) in the projection, "
                        f"{_text(other.quantity) if other else 0} "
                        f"({other.certificates if other else 0}) in the replay"
                    )
            for h in want.values():
                differences.append(
                    f"holding {h.stakeholder_id}/{h.stock_class_id}: "
                    f"missing from the projection ({_text(h.quantity)} in the replay)"
                )
        differences.extend(_checkpoint_differences(checkpoints, replayed))
        return Rebuilt(issuer.id, len(events), len(replayed.securities), tuple(differences))


def _checkpoint_differences(
    checkpoints: dict[date, list[Holding]], replayed: CapTable
) -> list[str]:
    """Each checkpoint against the replay's holdings at the end of its date."""
    differences = []
    for day, kept in checkpoints.items():
        mine = {(h.stakeholder_id, h.stock_class_id): h for h in kept}
        theirs = {(h.stakeholder_id, h.stock_class_id): h for h in replayed.holdings(day)}
        for key in sorted(mine.keys() | theirs.keys()):
            a, b = mine.get(key), theirs.get(key)
            if (a and (a.quantity, a.certificates)) != (b and (b.quantity, b.certificates)):
                differences.append(
                    f"checkpoint {day}: holding {key[0]}/{key[1]}: "
                    f"{_text(a.quantity) if a else 0} ({a.certificates if a else 0}) in the "
                    f"checkpoint, {_text(b.quantity) if b else 0} "
                    f"({b.certificates if b else 0}) in the replay"
                )
    return differences


def _text(value: object) -> str:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)
