"""``meridian matcher --partitions``: ``any``, numbers and ranges, every mistake named."""

from __future__ import annotations

import pytest

from infrastructure.cli.matcher_command import parse_partitions


@pytest.mark.parametrize(
    ("spec", "owned"),
    [
        ("any", [0, 1, 2, 3, 4, 5, 6, 7]),
        ("0-3", [0, 1, 2, 3]),
        ("4-7", [4, 5, 6, 7]),
        ("0,1", [0, 1]),
        (" 6, 0-1 ,1 ", [0, 1, 6]),
        ("5", [5]),
    ],
)
def test_the_partitions_a_matcher_owns(spec: str, owned: list[int]) -> None:
    assert parse_partitions(spec, 8) == owned


@pytest.mark.parametrize(
    ("spec", "named"),
    [("8", "'8' is not within the partitions 0-7"), ("3-1", "'3-1'"), ("x", "'x'"), ("", "''")],
)
def test_a_partition_outside_the_range_or_not_a_number_is_named(spec: str, named: str) -> None:
    with pytest.raises(ValueError, match=named):
        parse_partitions(spec, 8)
