"""Use case: a holder delegates their voting power to another holder of the issuer, or takes
it back (``delegate_id`` None). It counts for the proposals whose voting starts at or after the
change (each change is logged with its time, and a snapshot reads the delegations as of its
proposal's start), not for those already started. A delegation that would come back to the
holder is refused; changes of one issuer's delegations queue on one lock, so two delegations
racing cannot close a cycle. The time of the change is read once that lock is held: a
snapshot holds it too, so a change is either in a snapshot taken after it or dated after the
snapshot's start."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.governance.delegation import check_delegation, final_delegate
from domain.governance.errors import UnknownDelegate
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.errors import PermissionDenied
from usecases.governance.access import issuer_standing
from usecases.governance.ports import GovernanceUnitOfWork
from usecases.governance.views import PowerView


@dataclass(frozen=True, slots=True, kw_only=True)
class DelegateVotes:
    actor: Actor
    issuer_id: UUID
    delegate_id: UUID | None


class DelegateVotesHandler:
    def __init__(self, uow: GovernanceUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: DelegateVotes) -> PowerView:
        async with self._uow as uow:
            found = await issuer_standing(uow, cmd.actor, cmd.issuer_id)
            holder = found.stakeholder_id
            if holder is None:
                raise PermissionDenied("only holders of the issuer delegate")
            await uow.lock_issuer_delegations(cmd.issuer_id)
            now = self._clock.now()
            delegations = await uow.delegations.of_issuer(cmd.issuer_id)
            before = delegations.get(holder)
            if cmd.delegate_id is None:
                await uow.delegations.remove(cmd.issuer_id, holder, now)
                delegations.pop(holder, None)
            else:
                known = await uow.voting_power.stakeholders(cmd.issuer_id, [cmd.delegate_id])
                if cmd.delegate_id not in known:
                    raise UnknownDelegate(cmd.delegate_id)
                check_delegation(delegations, holder, cmd.delegate_id)
                await uow.delegations.put(cmd.issuer_id, holder, cmd.delegate_id, now)
                delegations[holder] = cmd.delegate_id
            uow.audit(
                AuditRecord(
                    action="governance.delegate_votes",
                    actor=cmd.actor,
                    resource_type="stakeholder",
                    resource_id=str(holder),
                    before={"delegate_id": None if before is None else str(before)},
                    after={
                        "delegate_id": None if cmd.delegate_id is None else str(cmd.delegate_id)
                    },
                )
            )
            own = await uow.voting_power.votes_of(cmd.issuer_id, holder)
            await uow.commit()
        return PowerView(holder, own, final_delegate(delegations, holder), None)
