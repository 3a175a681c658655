from datetime import UTC, datetime, timedelta, timezone

import pytest

from domain.shared.clock import SystemClock, ensure_utc
from domain.shared.errors import ValidationFailed
from domain.shared.ids import new_uuid, parse_uuid
from domain.shared.pagination import PageRequest


def test_ids_are_version_7_and_ordered_by_creation() -> None:
    ids = [new_uuid() for _ in range(200)]
    assert all(i.version == 7 for i in ids)
    assert ids == sorted(ids)
    assert len(set(ids)) == 200


def test_parse_uuid_rejects_garbage() -> None:
    with pytest.raises(ValueError, match="badly formed"):
        parse_uuid("not-a-uuid")


def test_the_system_clock_is_aware_utc() -> None:
    now = SystemClock().now()
    assert now.tzinfo is not None
    assert now.utcoffset() == timedelta(0)


def test_naive_datetimes_are_refused_and_aware_ones_normalised() -> None:
    with pytest.raises(ValueError, match="naive"):
        ensure_utc(datetime(2026, 1, 1))  # noqa: DTZ001
    ist = timezone(timedelta(hours=5, minutes=30))
    assert ensure_utc(datetime(2026, 1, 1, 5, 30, tzinfo=ist)) == datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize("limit", [0, 201, -1])
def test_page_size_is_bounded(limit: int) -> None:
    with pytest.raises(ValidationFailed):
        PageRequest(limit=limit)
