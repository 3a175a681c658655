"""The commitment published at close: a Merkle root over every ballot record, and the receipt
with which a voter proves their ballot is in the committed set.

A ballot record is canonical JSON (sorted keys, decimals as plain strings) of the proposal,
the ballot's public id, its revision, its weight and its allocation; the holder is not in it,
so anonymous proposals can publish the records too. Leaves are ``sha256(0x00 || record)``,
inner nodes ``sha256(0x01 || min(a, b) || max(a, b))`` (pairs sorted, as OpenZeppelin's
MerkleProof), leaves in sorted order, an odd node carried up unchanged. The receipt is the
record itself, base64url-encoded: change anything in it and its leaf is not in the tree.

At close the whole tree is built once (``MerkleTree``) and stored, every node by (level,
position) and each leaf with its ballot, so that a receipt is later proved from one leaf and
its log2(n) siblings (``sibling_positions``) instead of rehashing every ballot."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from uuid import UUID

from domain.governance.errors import InvalidReceipt

EMPTY_ROOT = hashlib.sha256(b"").hexdigest()


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
    """Every level of the tree, leaves (sorted) first, the root last; ``positions`` gives each
    ballot's leaf index."""

    levels: tuple[list[bytes], ...]
    positions: dict[UUID, int]

    @classmethod
    def of(cls, leaves: Iterable[tuple[UUID, bytes]]) -> MerkleTree:
        ordered = sorted(leaves, key=lambda pair: pair[1])
        levels = _levels([leaf for _, leaf in ordered]) if ordered else [[]]
        return cls(tuple(levels), {ballot: i for i, (ballot, _) in enumerate(ordered)})

    @classmethod
    def of_records(cls, records: Iterable[BallotRecord]) -> MerkleTree:
        return cls.of((r.ballot_id, r.leaf()) for r in records)

    @property
    def root(self) -> str:
        return self.levels[-1][0].hex() if self.levels[-1] else EMPTY_ROOT

    def nodes(self) -> Iterator[tuple[int, int, bytes]]:
        """(level, position, hash) of every node, leaves included."""
        for level, hashes in enumerate(self.levels):
            for position, node in enumerate(hashes):
                yield level, position, node


MAX_LEVELS = 33  # positions are 32-bit: no tree is deeper


def sibling_positions(index: int) -> list[tuple[int, int]]:
    """(level, position) of the sibling of the leaf at ``index`` and of each of its ancestors;
    those missing from the tree (an odd node carried up, above the root) have no sibling."""
    return [(level, (index >> level) ^ 1) for level in range(MAX_LEVELS)]


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
