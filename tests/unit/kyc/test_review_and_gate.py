"""Review rules, the level from step states, the gate, and the decide use case with fakes."""

from __future__ import annotations

import pytest

from domain.kyc.levels import level_of, unlocked
from domain.kyc.review import (
    NOTE_MAX_LENGTH,
    Decision,
    SelfReviewForbidden,
    StepNotPendingReview,
    SubmissionNotFound,
    decided_state,
    rejection,
)
from domain.kyc.steps import Step, StepState
from domain.shared.actor import Actor
from domain.shared.errors import PermissionDenied, ValidationFailed
from infrastructure.notifications.templates import TEMPLATES_DIR, JinjaTemplateRenderer
from tests.support.clock import FixedClock
from tests.unit.kyc.fakes import FakeDirectory, FakeKycUnitOfWork, World, new_user
from usecases.identity.public.user_directory import UserContact
from usecases.kyc.decide_submission import DecideSubmission, DecideSubmissionHandler
from usecases.kyc.kyc_gate import KycLevelGate
from usecases.kyc.messages import decision_message
from usecases.kyc.public.kyc_gate import KycLevelRequired

V, P, R, S = StepState.VERIFIED, StepState.PENDING_REVIEW, StepState.REJECTED, StepState.SUBMITTED
LEVELS = {"deposit": 1, "trade": 2, "withdraw": 3}


def test_only_a_step_awaiting_review_is_decided() -> None:
    assert decided_state(P, Decision.APPROVE) is V
    assert decided_state(P, Decision.REJECT) is R
    for state in (StepState.NOT_STARTED, S, V, R):
        with pytest.raises(StepNotPendingReview):
            decided_state(state, Decision.APPROVE)


@pytest.mark.parametrize(
    ("reason", "note", "field", "code"),
    [
        (None, None, "reason", "unknown_reason"),
        ("because", None, "reason", "unknown_reason"),
        ("other", "   ", "note", "required"),
        ("details_mismatch", "x" * (NOTE_MAX_LENGTH + 1), "note", "too_long"),
        ("other", "Aadhaar 2341-2341-2346 is not yours", "note", "contains_identifier"),
        ("other", "PAN ACUPA7085R belongs to someone else", "note", "contains_identifier"),
    ],
)
def test_a_rejection_needs_a_known_reason_and_a_clean_note(
    reason: str | None, note: str | None, field: str, code: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        rejection(reason, note)
    assert [(e.field, e.code) for e in refused.value.errors] == [(field, code)]


def test_a_rejection_keeps_the_code_and_a_tidied_note() -> None:
    assert rejection("document_expired", None) == ("document_expired", None)
    assert rejection("other", "  Photo   is cut\noff. ") == ("other", "Photo is cut off.")


def test_the_level_comes_from_the_step_states_and_unlocks_capabilities() -> None:
    assert level_of({}) == 0
    assert level_of({Step.PAN: V}) == 1
    assert level_of({Step.PAN: V, Step.AADHAAR: P}) == 1
    assert level_of({Step.PAN: V, Step.AADHAAR: V}) == 2
    assert unlocked(LEVELS, 2) == {"deposit": True, "trade": True, "withdraw": False}


async def test_the_gate_lets_a_high_enough_level_through_and_names_both_levels_otherwise() -> None:
    world = World()
    user = world.add_user()
    gate = KycLevelGate(lambda: FakeKycUnitOfWork(world), LEVELS)
    assert await gate.level(user) == 0
    with pytest.raises(KycLevelRequired) as refused:
        await gate.require(user, "deposit")
    assert isinstance(refused.value, PermissionDenied)
    assert refused.value.error_code == "kyc_level_required"
    assert (refused.value.required, refused.value.current) == (1, 0)
    assert "needs KYC level 1; your level is 0" in refused.value.detail

    world.submit(user, Step.PAN, V)
    await gate.require(user, "deposit")
    with pytest.raises(KycLevelRequired):
        await gate.require(user, "trade")
    with pytest.raises(LookupError):
        await gate.require(user, "teleport")
    assert dict(gate.required_levels) == LEVELS


def reviewer_actor(world: World) -> Actor:
    return Actor(kind="user", user_id=world.add_user("Rita"), permissions=frozenset({"kyc:review"}))


def handler(world: World) -> DecideSubmissionHandler:
    return DecideSubmissionHandler(FakeKycUnitOfWork(world), FakeDirectory(world), FixedClock())


async def test_approving_verifies_the_step_writes_the_level_tells_the_user_and_audits() -> None:
    world = World()
    reviewer = reviewer_actor(world)
    user = world.add_user()
    world.submit(user, Step.PAN, V)
    world.submit(user, Step.AADHAAR, P)
    code = world.contacts[user].code
    result = await handler(world).execute(
        DecideSubmission(
            actor=reviewer, user_code=code, step=Step.AADHAAR, decision=Decision.APPROVE
        )
    )
    assert (result.submission.state, result.level, result.user_code) == (V, 2, code)
    assert world.state(user, Step.AADHAAR) is V
    assert world.levels[user] == 2
    (sent,) = world.sent
    assert sent.template == "kyc.step_approved"
    assert sent.recipient.email == world.contacts[user].email
    (record,) = world.audited
    assert (record.action, record.actor) == ("kyc.approve_submission", reviewer)
    assert record.before == {"state": "pending_review", "level": 0}
    assert record.after["level"] == 2


async def test_rejecting_keeps_the_reason_and_note_and_sends_them() -> None:
    world = World()
    reviewer = reviewer_actor(world)
    user = world.add_user()
    world.submit(user, Step.AADHAAR, P)
    await handler(world).execute(
        DecideSubmission(
            actor=reviewer,
            user_code=world.contacts[user].code,
            step=Step.AADHAAR,
            decision=Decision.REJECT,
            reason="other",
            note="The name on the card is cut off.",
        )
    )
    assert world.submissions[(user, Step.AADHAAR)].reason == "other"
    (decision,) = world.decisions
    assert (decision.reason, decision.note) == ("other", "The name on the card is cut off.")
    (sent,) = world.sent
    assert sent.template == "kyc.step_rejected"
    assert sent.variables["note"] == "The name on the card is cut off."
    assert sent.variables["reason_text"] == "see the reviewer's note"


async def test_deciding_needs_the_permission_a_submission_and_someone_else() -> None:
    world = World()
    reviewer = reviewer_actor(world)
    user = world.add_user()
    code = world.contacts[user].code
    decide = handler(world)

    def cmd(actor: Actor, user_code: str = code) -> DecideSubmission:
        return DecideSubmission(
            actor=actor, user_code=user_code, step=Step.AADHAAR, decision=Decision.APPROVE
        )

    with pytest.raises(PermissionDenied):
        await decide.execute(cmd(Actor(kind="user", user_id=user)))
    with pytest.raises(SubmissionNotFound):
        await decide.execute(cmd(reviewer))
    with pytest.raises(SubmissionNotFound):
        await decide.execute(cmd(reviewer, "USR-NOBODY"))
    assert reviewer.user_id is not None
    world.submit(reviewer.user_id, Step.AADHAAR, P)
    with pytest.raises(SelfReviewForbidden):
        await decide.execute(cmd(reviewer, world.contacts[reviewer.user_id].code))
    assert world.audited == []
    assert world.sent == []


@pytest.mark.parametrize("decision", list(Decision))
def test_the_decision_messages_render_with_what_the_use_case_sends(decision: Decision) -> None:
    contact = UserContact(user_id=new_user(), code="USR-7K2M9Q", name="Asha", email="a@x.test")
    reason, note = (
        ("document_unreadable", "Blurred <photo>") if decision is Decision.REJECT else (None, None)
    )
    message = decision_message(contact, Step.AADHAAR, decision, level=1, reason=reason, note=note)
    renderer = JinjaTemplateRenderer(TEMPLATES_DIR)
    email = renderer.email(message.template, message.variables)
    title, body = renderer.in_app(message.template, message.variables)
    assert "Aadhaar" in email.subject
    assert "Aadhaar" in title
    if decision is Decision.REJECT:
        assert "could not be read" in email.text
        assert "Blurred &lt;photo&gt;" in email.html
        assert "Blurred <photo>" in body
    else:
        assert "level is now 1" in email.text
