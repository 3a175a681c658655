from dataclasses import replace
from datetime import UTC, datetime

from domain.audit.entry import GENESIS, AuditEntry, chain_hash, first_broken_link, seal
from domain.audit.redaction import REDACTED, redact
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.ids import new_uuid

AT = datetime(2026, 1, 1, tzinfo=UTC)


def chain(n: int) -> list[AuditEntry]:
    """``n`` sealed entries; their writing order (``seq``) has gaps and is not the chain's."""
    entries, prev = [], GENESIS
    for place in range(1, n + 1):
        draft = AuditEntry(
            seq=10 * (n - place) + 7,
            id=new_uuid(),
            occurred_at=AT,
            actor_kind="user",
            actor_id="u1",
            action="x.do",
            resource_type="thing",
            resource_id=str(place),
            changes={"a": {"before": place - 1, "after": place}},
            ip=None,
            user_agent=None,
            request_id=None,
            prev_hash=None,
            hash=None,
        )
        entry = seal(draft, chain_seq=place, prev_hash=prev)
        entries.append(entry)
        prev = str(entry.hash)
    return entries


def test_an_intact_chain_has_no_broken_link() -> None:
    assert first_broken_link(chain(5)) is None


def test_an_edited_entry_is_found() -> None:
    entries = chain(5)
    entries[2] = replace(entries[2], action="x.tampered")
    broken = first_broken_link(entries)
    assert broken is not None
    assert (broken.seq, broken.reason) == (3, "content does not match its hash (edited)")


def test_a_removed_entry_is_found() -> None:
    entries = chain(5)
    del entries[1]
    broken = first_broken_link(entries)
    assert broken is not None
    assert broken.seq == 2


def test_a_rehashed_edit_breaks_the_next_link() -> None:
    entries = chain(4)
    forged = replace(entries[1], action="x.forged")
    entries[1] = replace(forged, hash=chain_hash(forged.content(), str(forged.prev_hash)))
    broken = first_broken_link(entries)
    assert broken is not None
    assert (broken.seq, broken.reason) == (3, "does not link to the previous entry")


def test_an_unsealed_entry_in_the_chain_is_a_missing_place() -> None:
    entries = chain(3)
    entries[1] = replace(entries[1], chain_seq=None, prev_hash=None, hash=None)
    broken = first_broken_link(entries)
    assert broken is not None
    assert (broken.seq, broken.reason) == (2, "entry 2 is missing")


def test_sealing_is_content_and_place_independent_of_the_writing_order() -> None:
    entries = chain(3)
    swapped = [entries[0], entries[2], entries[1]]
    broken = first_broken_link(swapped)
    assert broken is not None
    assert broken.seq == 2


def test_only_changed_fields_are_kept_and_secrets_are_redacted() -> None:
    record = AuditRecord(
        action="identity.change_password",
        actor=Actor.system(),
        resource_type="user",
        before={"password_hash": "$argon2id$old", "name": "Asha", "email": "a@x.io"},
        after={"password_hash": "$argon2id$new", "name": "Asha K", "email": "a@x.io"},
    )
    assert redact(record.changes()) == {
        "name": {"before": "Asha", "after": "Asha K"},
        "password_hash": {"before": REDACTED, "after": REDACTED},
    }
