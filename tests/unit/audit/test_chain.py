from dataclasses import replace
from datetime import UTC, datetime

from domain.audit.entry import GENESIS, AuditEntry, chain_hash, first_broken_link
from domain.audit.redaction import REDACTED, redact
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.ids import new_uuid

AT = datetime(2026, 1, 1, tzinfo=UTC)


def chain(n: int) -> list[AuditEntry]:
    entries, prev = [], GENESIS
    for seq in range(1, n + 1):
        draft = AuditEntry(
            seq=seq,
            id=new_uuid(),
            occurred_at=AT,
            actor_kind="user",
            actor_id="u1",
            action="x.do",
            resource_type="thing",
            resource_id=str(seq),
            changes={"a": {"before": seq - 1, "after": seq}},
            ip=None,
            user_agent=None,
            request_id=None,
            prev_hash=prev,
            hash="",
        )
        entry = replace(draft, hash=chain_hash(draft.content(), prev))
        entries.append(entry)
        prev = entry.hash
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
    entries[1] = replace(forged, hash=chain_hash(forged.content(), forged.prev_hash))
    broken = first_broken_link(entries)
    assert broken is not None
    assert (broken.seq, broken.reason) == (3, "does not link to the previous entry")


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
