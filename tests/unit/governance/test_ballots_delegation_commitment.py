"""Ballots fit their proposal's kind; delegation chains put each share's votes with the end of
the chain exactly once and refuse cycles; the Merkle commitment proves every committed ballot
and no altered one."""

from __future__ import annotations

import json
from decimal import Decimal
from uuid import UUID, uuid4

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.governance.ballot import allocate
from domain.governance.commitment import (
    CHUNK,
    EMPTY_ROOT,
    BallotRecord,
    MerkleTree,
    leaf_chunk,
    leaf_index,
    merkle_proof,
    merkle_root,
    proof_chunks,
    proof_from_chunks,
    verify,
)
from domain.governance.delegation import check_delegation, snapshot, would_cycle
from domain.governance.errors import DelegationCycle, UnknownOption
from domain.governance.proposal import ProposalKind

K = ProposalKind
W = Decimal("150")


def test_allocations_per_kind() -> None:
    assert allocate(K.FOR_AGAINST_ABSTAIN, 3, W, [2]) == {2: W}
    assert allocate(K.SINGLE_CHOICE, 4, W, [3]) == {3: W}
    assert allocate(K.APPROVAL, 4, W, [0, 2]) == {0: W, 2: W}
    shares = {0: Decimal("0.6"), 1: Decimal("0.4")}
    assert allocate(K.WEIGHTED, 2, W, shares=shares) == {0: Decimal("90.0"), 1: Decimal("60.0")}


@pytest.mark.parametrize(
    ("kind", "choices", "shares"),
    [
        (K.FOR_AGAINST_ABSTAIN, [3], None),  # no such option
        (K.FOR_AGAINST_ABSTAIN, [0, 1], None),  # single choice
        (K.SINGLE_CHOICE, [], None),
        (K.APPROVAL, [], None),
        (K.APPROVAL, [1, 1], None),
        (K.APPROVAL, [-1], None),
        (K.WEIGHTED, [0], None),
        (K.WEIGHTED, [], {0: Decimal("0.5")}),  # does not add up to 1
        (K.WEIGHTED, [], {0: Decimal("1.5"), 1: Decimal("-0.5")}),
        (K.WEIGHTED, [], {5: Decimal("1")}),
        (K.SINGLE_CHOICE, [0], {0: Decimal("1")}),
    ],
)
def test_ballots_that_do_not_fit_are_refused(
    kind: ProposalKind, choices: list[int], shares: dict[int, Decimal] | None
) -> None:
    with pytest.raises(UnknownOption):
        allocate(kind, 3, W, choices, shares)


def ids(n: int) -> list[UUID]:
    return [uuid4() for _ in range(n)]


def test_a_chain_puts_every_power_with_its_end_once_and_shows_own_and_delegated_apart() -> None:
    a, b, c, d = ids(4)
    own = {a: Decimal(10), b: Decimal(20), c: Decimal(30), d: Decimal(5)}
    entries, total = snapshot(own, {a: b, b: c})
    assert total == Decimal(65)
    assert (entries[c].own, entries[c].delegated, entries[c].votes) == (30, 30, 60)
    assert (entries[b].own, entries[b].delegated, entries[b].votes) == (20, 0, 0)
    assert entries[a].delegated_to == c
    assert entries[a].votes == 0
    assert entries[d].votes == 5
    assert sum(e.votes for e in entries.values()) == total


def test_delegating_into_ones_own_chain_is_a_cycle() -> None:
    a, b, c = ids(3)
    assert would_cycle({}, a, a)
    assert would_cycle({b: c, c: a}, a, b)
    assert not would_cycle({b: c}, a, b)
    with pytest.raises(DelegationCycle):
        check_delegation({b: c, c: a}, a, b)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=12),
    st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), max_size=20),
)
def test_no_delegation_graph_counts_a_vote_twice_or_loses_one(
    powers: list[int], edges: list[tuple[int, int]]
) -> None:
    holders = ids(len(powers))
    own = {h: Decimal(p) for h, p in zip(holders, powers, strict=True)}
    delegations: dict[UUID, UUID] = {}
    for x, y in edges:
        if x < len(holders) and y < len(holders):
            try:
                check_delegation(delegations, holders[x], holders[y])
            except DelegationCycle:
                continue
            delegations[holders[x]] = holders[y]
    entries, total = snapshot(own, delegations)
    assert sum(e.votes for e in entries.values()) == total == sum(own.values())


def record(weight: str = "10", option: int = 0) -> BallotRecord:
    return BallotRecord.of(uuid4(), uuid4(), 1, Decimal(weight), {option: Decimal(weight)})


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=70))
def test_every_committed_ballot_has_a_proof_to_the_root(n: int) -> None:
    records = [record(str(i + 1), i % 3) for i in range(n)]
    leaves = [r.leaf() for r in records]
    root = merkle_root(leaves)
    for r in records:
        proof = merkle_proof(leaves, r.leaf())
        assert proof is not None
        assert verify(r.leaf(), proof, root)


def test_a_tampered_receipt_is_not_in_the_committed_set() -> None:
    records = [record(str(i + 1)) for i in range(5)]
    leaves = [r.leaf() for r in records]
    receipt = records[2].receipt()
    assert BallotRecord.from_receipt(receipt) == records[2]
    forged = BallotRecord.of(
        records[2].proposal_id, records[2].ballot_id, 1, Decimal("3"), {1: Decimal("3")}
    )
    assert merkle_proof(leaves, forged.leaf()) is None
    # a valid proof for another leaf does not prove the forged one
    proof = merkle_proof(leaves, records[2].leaf())
    assert proof is not None
    assert not verify(forged.leaf(), proof, merkle_root(leaves))


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=1, max_value=1200))
def test_the_stored_tree_gives_the_same_root_and_proofs(n: int) -> None:
    records = [record(str(i + 1), i % 3) for i in range(n)]
    tree = MerkleTree.of_records(records)
    leaves = [r.leaf() for r in records]
    assert tree.root == merkle_root(leaves)
    runs = {(level, chunk): hashes for level, chunk, hashes in tree.chunks()}
    firsts = [runs[(0, c)][:32] for c in range(len(tree.levels[0]) // CHUNK + 1) if (0, c) in runs]
    for r in records[:: max(1, n // 40)]:
        # what a verification reads back: the leaf's run, then the runs of its siblings
        chunk = leaf_chunk(firsts, r.leaf())
        assert chunk is not None
        index = leaf_index(chunk, runs[(0, chunk)], r.leaf())
        assert index is not None
        assert tree.levels[0][index] == r.leaf()
        wanted = {key: runs[key] for key in proof_chunks(index) if key in runs}
        proof = proof_from_chunks(index, wanted)
        assert proof == merkle_proof(leaves, r.leaf())
        assert verify(r.leaf(), proof, tree.root)
    forged = record("7", 1).leaf()
    chunk = leaf_chunk(firsts, forged)
    assert chunk is None or leaf_index(chunk, runs[(0, chunk)], forged) is None


def test_an_empty_tree_has_the_empty_root() -> None:
    tree = MerkleTree.of([])
    assert tree.root == EMPTY_ROOT == merkle_root([])
    assert list(tree.chunks()) == []


@given(
    revision=st.integers(min_value=1, max_value=10**6),
    weights=st.lists(
        st.decimals(min_value=0, max_value=10**12, places=8, allow_nan=False), min_size=1
    ),
)
@settings(max_examples=50, deadline=None)
def test_a_record_is_its_canonical_json(revision: int, weights: list[Decimal]) -> None:
    """The record written out directly is byte for byte the canonical JSON receipts were
    issued with (sorted keys, no spaces, plain decimals), so old receipts still verify."""
    allocation = dict(enumerate(weights))
    record = BallotRecord.of(uuid4(), uuid4(), revision, sum(weights, Decimal(0)), allocation)
    body = {
        "allocation": [[i, f"{w.normalize():f}"] for i, w in record.allocation],
        "ballot_id": str(record.ballot_id),
        "proposal_id": str(record.proposal_id),
        "revision": revision,
        "weight": f"{record.weight.normalize():f}",
    }
    assert record.canonical() == json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    assert BallotRecord.from_receipt(record.receipt()).leaf() == record.leaf()
