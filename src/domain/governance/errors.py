"""Governance refusals. Each has a stable ``code`` and names the domain field it is about
(``choices``, ``delegate_id``, ``quorum``), never a request location."""

from __future__ import annotations

from uuid import UUID

from domain.shared.errors import Conflict, FieldError, NotFound, RuleViolated, ValidationFailed


def _one(field: str, message: str, code: str) -> list[FieldError]:
    return [FieldError(field=field, message=message, code=code)]


class ProposalNotFound(NotFound):
    code = "proposal_not_found"
    title = "No such proposal"

    def __init__(self, proposal_id: UUID | str) -> None:
        super().__init__(f"no proposal {proposal_id} that you can see")


class GovernanceIssuerNotFound(NotFound):
    code = "issuer_not_found"
    title = "No such issuer"

    def __init__(self, issuer_id: UUID | str) -> None:
        super().__init__(f"no issuer {issuer_id} that you can see")


class InvalidProposal(ValidationFailed):
    code = "invalid_proposal"
    title = "The proposal is not well formed"

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)


class UnknownOption(ValidationFailed):
    code = "unknown_option"
    title = "The ballot names options that do not exist or does not fit the proposal's kind"

    def __init__(self, message: str, field: str = "choices") -> None:
        super().__init__(f"{field}: {message}", errors=_one(field, message, self.code))


class ProposalNotActive(Conflict):
    code = "proposal_not_active"
    title = "The proposal is not open for voting"

    def __init__(self, state: str) -> None:
        super().__init__(f"ballots are taken only while the proposal is active; it is {state}")


class BallotAlreadyCast(Conflict):
    code = "ballot_already_cast"
    title = "A ballot was already cast and this proposal does not allow changes"

    def __init__(self) -> None:
        super().__init__("this holder has already voted and the proposal does not allow changes")


class NoVotingPower(RuleViolated):
    code = "no_voting_power"
    title = "No voting power at the snapshot"

    def __init__(self, detail: str = "this holder had no voting power at the snapshot") -> None:
        super().__init__(detail)


class BelowProposerThreshold(RuleViolated):
    code = "below_proposer_threshold"
    title = "Voting power below the proposer threshold"

    def __init__(self, threshold: str, held: str) -> None:
        super().__init__(f"proposing needs {threshold} votes; this holder has {held}")


class DelegationCycle(RuleViolated):
    code = "delegation_cycle"
    title = "The delegation would make a cycle"

    def __init__(self) -> None:
        super().__init__(
            "delegate_id: voting power delegated there would come back to this holder",
            errors=_one("delegate_id", "the delegation would make a cycle", self.code),
        )


class UnknownDelegate(ValidationFailed):
    code = "unknown_delegate"
    title = "The delegate is not a holder of this issuer"

    def __init__(self, delegate_id: UUID | str) -> None:
        message = f"no stakeholder {delegate_id} in this issuer"
        super().__init__(f"delegate_id: {message}", errors=_one("delegate_id", message, self.code))


class ProposalStateInvalid(Conflict):
    code = "proposal_state_invalid"
    title = "The proposal's state does not allow this"

    def __init__(self, action: str, state: str) -> None:
        super().__init__(f"a proposal that is {state} cannot be {action}")


class ResultsHidden(RuleViolated):
    code = "results_hidden"
    title = "Results are hidden until the proposal closes"

    def __init__(self) -> None:
        super().__init__("this proposal publishes its tally only when voting closes")


class InvalidReceipt(ValidationFailed):
    code = "invalid_receipt"
    title = "The receipt cannot be read"

    def __init__(self) -> None:
        message = "not a ballot receipt of this platform"
        super().__init__(f"receipt: {message}", errors=_one("receipt", message, self.code))


class BallotNotFound(NotFound):
    code = "ballot_not_found"
    title = "No ballot"

    def __init__(self) -> None:
        super().__init__("this holder has not voted on this proposal")


class ProposalNotClosed(Conflict):
    code = "proposal_not_closed"
    title = "The proposal has not closed yet"

    def __init__(self) -> None:
        super().__init__("the ballots are committed when voting closes; verify after that")
