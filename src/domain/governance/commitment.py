"""The commitment published at close: a Merkle root over every ballot record, and the receipt
with which a voter proves their ballot is in the committed set.

A ballot record is canonical JSON (sorted keys, decimals as plain strings) of the proposal,
the ballot's public id, its revision, its weight and its allocation; the holder is not in it,
so anonymous proposals can publish the records too. Leaves are ``sha256(0x00 || record)``,
inner nodes ``sha256(0x01 || min(a, b) || max(a, b))`` (pairs sorted, as OpenZeppelin's
MerkleProof), leaves in sorted order, an odd node carried up unchanged. The receipt is the
record itself, base64url-encoded: change anything in it and its leaf is not in the tree.

At close the whole tree is built once (``MerkleTree``) and stored in runs of ``CHUNK``
consecutive hashes of a level (``chunks``): a few hundred rows for 100,000 ballots instead of
one a node. A receipt is later proved from the stored tree alone: its leaf is found among the
sorted leaves (``leaf_chunk`` from each run's first hash, then ``leaf_index``), its log2(n)
siblings read from the runs that hold them (``proof_chunks``, ``proof_from_chunks``), instead
of rehashing every ballot."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final
from uuid import UUID

from domain.governance.errors import InvalidReceipt

EMPTY_ROOT = hashlib.sha256(b"").hexdigest()
HASH: Final = 32  # bytes of a node
CHUNK: Final = 256  # nodes a stored run holds (8 KiB)


def _number(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text if text != "-0" else "0"


@dataclass(frozen=True, slots=True)
class BallotRecord:
    proposal_id: UUID
    ballot_id: UUID
    revision: int
    weight: Decimal
    allocation: tuple[tuple[int, Decimal], ...]  # (option, weight) in option order

    @classmethod
    def of(
        cls,
        proposal_id: UUID,
        ballot_id: UUID,
        revision: int,
        weight: Decimal,
        allocation: Mapping[int, Decimal],
    ) -> BallotRecord:
        return cls(proposal_id, ballot_id, revision, weight, tuple(sorted(allocation.items())))

    def canonical(self) -> bytes:
        """``json.dumps(body, sort_keys=True, separators=(",", ":"))`` of the record, written
        out directly (ids, integers and plain decimal strings need no escaping): the same bytes
        at a third of the cost, which counts at close for every ballot."""
        allocation = ",".join(f'[{i},"{_number(w)}"]' for i, w in self.allocation)
        return (
            f'{{"allocation":[{allocation}],"ballot_id":"{self.ballot_id}",'
            f'"proposal_id":"{self.proposal_id}","revision":{self.revision},'
            f'"weight":"{_number(self.weight)}"}}'
        ).encode()

    def leaf(self) -> bytes:
        return hashlib.sha256(b"\x00" + self.canonical()).digest()

    def receipt(self) -> str:
        return base64.urlsafe_b64encode(self.canonical()).decode().rstrip("=")

    @classmethod
    def from_receipt(cls, receipt: str) -> BallotRecord:
        try:
            raw = base64.urlsafe_b64decode(receipt + "=" * (-len(receipt) % 4))
            body = json.loads(raw)
            record = cls(
                proposal_id=UUID(body["proposal_id"]),
                ballot_id=UUID(body["ballot_id"]),
                revision=int(body["revision"]),
                weight=Decimal(body["weight"]),
                allocation=tuple((int(i), Decimal(w)) for i, w in body["allocation"]),
            )
        except (ValueError, KeyError, TypeError, InvalidOperation, binascii.Error) as bad:
            raise InvalidReceipt() from bad
        return record


def _node(a: bytes, b: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + min(a, b) + max(a, b)).digest()


def _levels(leaves: Sequence[bytes]) -> list[list[bytes]]:
    level = sorted(leaves)
    levels = [level]
    while len(level) > 1:
        level = [
            _node(level[i], level[i + 1]) if i + 1 < len(level) else level[i]
            for i in range(0, len(level), 2)
        ]
        levels.append(level)
    return levels


@dataclass(frozen=True, slots=True)
class MerkleTree:
    """Every level of the tree, leaves (sorted) first, the root last."""

    levels: tuple[list[bytes], ...]

    @classmethod
    def of(cls, leaves: Iterable[bytes]) -> MerkleTree:
        ordered = list(leaves)
        return cls(tuple(_levels(ordered)) if ordered else ([],))

    @classmethod
    def of_records(cls, records: Iterable[BallotRecord]) -> MerkleTree:
        return cls.of(r.leaf() for r in records)

    @property
    def root(self) -> str:
        return self.levels[-1][0].hex() if self.levels[-1] else EMPTY_ROOT

    def chunks(self) -> Iterator[tuple[int, int, bytes]]:
        """(level, chunk, hashes): each level in runs of ``CHUNK`` consecutive nodes, the
        position of a node being ``chunk * CHUNK + offset``."""
        for level, hashes in enumerate(self.levels):
            for start in range(0, len(hashes), CHUNK):
                yield level, start // CHUNK, b"".join(hashes[start : start + CHUNK])


MAX_LEVELS: Final = 33  # positions are 32-bit: no tree is deeper


def leaf_chunk(firsts: Sequence[bytes], leaf: bytes) -> int | None:
    """The run of the sorted leaves that holds ``leaf`` if any does, from each run's first
    hash (in run order)."""
    run = bisect_right(firsts, leaf) - 1
    return None if run < 0 else run


def leaf_index(chunk: int, hashes: bytes, leaf: bytes) -> int | None:
    """The position of ``leaf`` among the leaves, found in its run; None if not there."""
    nodes = [hashes[i : i + HASH] for i in range(0, len(hashes), HASH)]
    found = bisect_left(nodes, leaf)
    if found < len(nodes) and nodes[found] == leaf:
        return chunk * CHUNK + found
    return None


def proof_chunks(index: int) -> list[tuple[int, int]]:
    """(level, chunk) of the runs holding the sibling of the leaf at ``index`` and of each of
    its ancestors."""
    return [(level, ((index >> level) ^ 1) // CHUNK) for level in range(MAX_LEVELS)]


def proof_from_chunks(index: int, runs: Mapping[tuple[int, int], bytes]) -> list[str]:
    """The siblings' hashes from the leaf at ``index`` up to the root, read from the stored
    runs; a sibling missing from its level (an odd node carried up, above the root) has none."""
    proof: list[str] = []
    for level in range(MAX_LEVELS):
        sibling = (index >> level) ^ 1
        run = runs.get((level, sibling // CHUNK))
        offset = (sibling % CHUNK) * HASH
        if run is not None and offset + HASH <= len(run):
            proof.append(run[offset : offset + HASH].hex())
    return proof


def merkle_root(leaves: Sequence[bytes]) -> str:
    if not leaves:
        return EMPTY_ROOT
    return _levels(leaves)[-1][0].hex()


def merkle_proof(leaves: Sequence[bytes], leaf: bytes) -> list[str] | None:
    """The sibling hashes from ``leaf`` up to the root; None when it is not a leaf."""
    levels = _levels(leaves)
    try:
        index = levels[0].index(leaf)
    except ValueError:
        return None
    proof: list[str] = []
    for level in levels[:-1]:
        sibling = index ^ 1
        if sibling < len(level):
            proof.append(level[sibling].hex())
        index //= 2
    return proof


def verify(leaf: bytes, proof: Sequence[str], root: str) -> bool:
    current = leaf
    for sibling in proof:
        current = _node(current, bytes.fromhex(sibling))
    return current.hex() == root
