"""Use case: submit my PAN and name; the provider's registered name decides the step.

A name that matches the registered one at least as well as the threshold verifies the step;
a mismatch or an unknown PAN rejects it with a reason; a provider timeout leaves it
``submitted`` (submit again later)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.kyc.identity_numbers import Pan
from domain.kyc.steps import (
    PanInUse,
    PanStep,
    StepAlreadyVerified,
    StepState,
)
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.errors import invalid_field
from domain.shared.ids import UserId
from domain.shared.name_match import name_match_score
from usecases.kyc.access import signed_in_user
from usecases.kyc.claims import claiming
from usecases.kyc.level_sync import sync_level
from usecases.kyc.ports import KycProvider, KycUnitOfWork, PanNotFound, ProviderUnavailable
from usecases.kyc.step_audit import step_submitted
from usecases.shared.ports.blind_index import BlindIndex

INDEX_KIND = "pan"
NAME_MISMATCH = "name_mismatch"
PAN_NOT_FOUND = "pan_not_found"
PROVIDER_UNAVAILABLE = "provider_unavailable"


@dataclass(frozen=True, slots=True, kw_only=True)
class SubmitPan:
    actor: Actor
    pan: str
    name: str


class SubmitPanHandler:
    def __init__(
        self,
        uow: KycUnitOfWork,
        provider: KycProvider,
        index: BlindIndex,
        clock: Clock,
        *,
        threshold: float,
    ) -> None:
        self._uow = uow
        self._provider = provider
        self._index = index
        self._clock = clock
        self._threshold = threshold

    async def execute(self, cmd: SubmitPan) -> PanStep:
        user_id = signed_in_user(cmd.actor)
        pan = Pan.parse(cmd.pan)
        name = " ".join(cmd.name.split())
        if not name:
            raise invalid_field("name", "must not be blank", code="blank")
        digest = self._index.index(pan.value, kind=INDEX_KIND)
        async with self._uow as uow:  # read only: is asking the provider worth it at all?
            await self._check(uow, user_id, digest)
        # The provider is asked with no transaction open (docs/development.md).
        registered: str | None = None
        score: float | None = None
        reason: str | None
        try:
            record = await self._provider.verify_pan(pan.value, name=name)
        except PanNotFound:
            state, reason = StepState.REJECTED, PAN_NOT_FOUND
        except ProviderUnavailable:
            state, reason = StepState.SUBMITTED, PROVIDER_UNAVAILABLE
        else:
            registered = record.registered_name
            score = name_match_score(name, registered)
            if score >= self._threshold:
                state, reason = StepState.VERIFIED, None
            else:
                state, reason = StepState.REJECTED, NAME_MISMATCH
        async with claiming("pan", PanInUse), self._uow as uow:
            previous = await self._check(uow, user_id, digest)  # again: it may have changed
            now = self._clock.now()
            step = PanStep(
                user_id=user_id,
                pan=pan.value,
                pan_index=digest,
                masked_number=pan.masked,
                holder=pan.holder,
                name=name,
                registered_name=registered,
                name_match_score=score,
                state=state,
                reason=reason,
                submitted_at=now,
                updated_at=now,
            )
            await uow.pan.save(step)
            level = await sync_level(uow, user_id)
            uow.audit(
                step_submitted(
                    "kyc.submit_pan",
                    "kyc_pan",
                    actor=cmd.actor,
                    user_id=user_id,
                    previous=None if previous is None else previous.state,
                    state=state,
                    level=level,
                    details={
                        "reason": reason,
                        "masked_number": step.masked_number,
                        "name_match_score": score,
                    },
                )
            )
            await uow.commit()
            return step

    async def _check(self, uow: KycUnitOfWork, user_id: UserId, digest: str) -> PanStep | None:
        """The PAN is no other account's and my step is not verified yet; my previous step."""
        owner = await uow.pan.owner_of_index(digest)
        if owner is not None and owner != user_id:
            raise PanInUse()
        previous = await uow.pan.get(user_id)
        if previous is not None and previous.state is StepState.VERIFIED:
            raise StepAlreadyVerified("the PAN step is already verified")
        return previous
