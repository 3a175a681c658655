"""segno's QR code for a text, with the data mask chosen several times faster.

A QR code's data is XORed with one of eight mask patterns; ISO/IEC 18004 (7.8.3) picks the one
with the lowest penalty score. segno evaluates the eight module by module in pure Python, which
takes about 7 ms for a certificate's verification URL, more than the rest of the page. Here the
symbol is encoded once with mask 0; every row and every column is packed, each followed by a
light separator bit, into one integer, so switching to another mask is one XOR and each
penalty rule is a handful of operations on that integer (runs of five, 2x2 blocks, the dark
share) plus one ``str.find`` scan for finder-like patterns, with segno's rules, scan order and
tie-break. The winner's matrix is the mask-0 data switched to its mask plus its format
information, from a cached probe symbol of the same version and error level. The result is
exactly ``segno.make(text, error="m", micro=False).matrix``: the tests compare both on many
texts and versions.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from functools import lru_cache

import segno

_FINDER_LIKE = "1011101"
_TO_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
MASKS = range(8)


def _rows(matrix: Sequence[bytearray]) -> list[int]:  # for the probes
    """Each row as an integer, column 0 the most significant bit."""
    return [int(bytes(row).translate(_TO_DIGITS), 2) for row in matrix]


def _transpose(rows: list[int], size: int) -> list[int]:
    digits = [format(row, f"0{size}b") for row in rows]
    return [int("".join(column), 2) for column in zip(*digits, strict=True)]


def _pack(lines: list[int], size: int) -> int:
    """The lines of ``size`` bits one after the other (the first most significant), each
    followed by a 0 bit."""
    packed = 0
    for line in lines:
        packed = (packed << size | line) << 1
    return packed


def _reserved(size: int) -> list[int]:
    """Format and version areas and the dark module (light while masks are scored), as row
    bit sets; the timing pattern that crosses them stays."""
    cells = set()
    for i in range(9):
        cells |= {(i, 8), (8, i)}  # around the top-left finder
    for i in range(8):
        cells |= {(size - 1 - i, 8), (8, size - 1 - i)}  # bottom-left (dark module), top-right
    if size >= 45:  # version 7 and up carry version information
        for i in range(6):
            for j in (size - 11, size - 10, size - 9):
                cells |= {(i, j), (j, i)}
    cells -= {(6, 8), (8, 6)}
    rows = [0] * size
    for i, j in cells:
        rows[i] |= 1 << (size - 1 - j)
    return rows


class _Layout:
    """What depends only on the version and error level: the reserved cells, each mask's XOR
    against mask 0 on the data cells (rows, and rows and columns packed), each mask's format
    information, and the bit masks the penalty rules use."""

    def __init__(self, version: int, error: str) -> None:
        probes = [
            _rows(segno.make("0", version=version, error=error, mask=k, boost_error=False).matrix)
            for k in MASKS
        ]
        self.size = size = len(probes[0])
        full = (1 << size) - 1
        self.reserved = reserved = _reserved(size)
        keep = [~r & full for r in reserved]
        switch = [
            [(p ^ p0) & k for p, p0, k in zip(probe, probes[0], keep, strict=True)]
            for probe in probes
        ]
        self.switch_packed = [_pack(rows + _transpose(rows, size), size) for rows in switch]
        self.format_packed = [
            _pack([p & r for p, r in zip(probe, reserved, strict=True)], size) << size * (size + 1)
            for probe in probes
        ]
        self.keep_packed = _pack(keep + _transpose(keep, size), size)
        self.line = size + 1  # bits a packed line takes
        self.bits = 2 * size * self.line
        self.valid = _pack([full] * (2 * size), size)  # every module, no separator

        def where(places: Container[int]) -> int:
            line = "".join("1" if i in places else "0" for i in range(size)) + "0"
            return int(line * (2 * size), 2)

        # N3's conditions by a module's place in its line: at either end of the scan, and
        # "out of the line" k modules before it (k = 1..4) or k after it (k = 7..10)
        self.at_ends = where((0, size - 7))
        self.before_start = [where(range(k)) for k in range(1, 5)]
        self.past_end = [where(range(size - k, size)) for k in range(7, 11)]
        self.rows_below_first = _pack(
            [full] * (size - 1), size
        )  # rows 1.. once the columns are off


@lru_cache(maxsize=64)
def _layout(version: int, error: str) -> _Layout:
    return _Layout(version, error)


def _finder_like(lines: str, size: int) -> int:
    """segno's N3 count on every row and column (its scan and skip rule, exactly): a match
    that would cross into the next line is not one."""
    count, step = 0, size + 1
    index = lines.find(_FINDER_LIKE)
    while index != -1:
        start = index - index % step  # where this line begins
        local, offset = index - start, index + 7
        if local > size - 7:
            offset = index + 1
        elif (
            local in (0, size - 7)
            or "1" not in lines[max(index - 4, start) : index]
            or "1" not in lines[offset : min(offset + 4, start + size)]
        ):
            count += 40
        else:
            offset = index + 4
        index = lines.find(_FINDER_LIKE, offset)
    return count


def _runs_of_five(modules: int) -> int:
    """N1 of the set bits: 3 + i for each run of 5 + i (separator bits are never set)."""
    windows = modules & modules >> 1 & modules >> 2 & modules >> 3 & modules >> 4
    return windows.bit_count() + 2 * (windows & ~(windows >> 1)).bit_count()


def finder_like(packed: int, layout: _Layout) -> int:
    """N3 on every row and column at once, in bit operations: a 1:1:3:1:1 pattern with four
    light modules (or the symbol's edge) before or after it, or at either end of its line.
    segno's scan skips a pattern that starts 4 or 6 modules after one it has just counted;
    when two counted patterns overlap like that (rare), the exact scan decides."""
    dark, light = packed, ~packed & layout.valid
    starts = (
        dark & light << 1 & dark << 2 & dark << 3 & dark << 4 & light << 5 & dark << 6
    )  # bit of a line's module i is set when modules i..i+6 read 1011101
    if not starts:
        return 0
    before = after = -1
    for k, outside in enumerate(layout.before_start, start=1):
        before &= light >> k | outside
    for k, outside in enumerate(layout.past_end, start=7):
        after &= light << k | outside
    counted = starts & (before | after | layout.at_ends)
    if counted & (counted >> 4 | counted >> 6):
        return _finder_like(format(packed, f"0{layout.bits}b"), layout.size)
    return 40 * counted.bit_count()


def penalty(packed: int, layout: _Layout) -> int:
    """ISO/IEC 18004 7.8.3.1 penalty (N1 + N2 + N3 + N4) of a packed symbol, as segno scores."""
    size = layout.size
    score = _runs_of_five(packed) + _runs_of_five(~packed & layout.valid)
    rows = packed >> (size * layout.line)
    same_as_above = ~((rows >> layout.line) ^ rows) & layout.rows_below_first
    same_as_left = ~(rows ^ (rows >> 1))
    score += 3 * (same_as_above & (same_as_above >> 1) & same_as_left).bit_count()
    score += finder_like(packed, layout)
    percent = float(rows.bit_count()) / (size**2)
    return score + 10 * int(abs(percent * 100 - 50) / 5)


def qr_rows(data: str) -> tuple[str, ...]:
    """segno's matrix for ``data`` (error level M, no micro code), one 0/1 string a row."""
    code = segno.make(data, error="m", micro=False, mask=0)
    layout = _layout(code.version, code.error)
    size, line = layout.size, layout.line
    rows = [bytes(row).translate(_TO_DIGITS).decode() for row in code.matrix]
    lines = [*rows, *("".join(column) for column in zip(*rows, strict=True))]
    packed0 = int("0".join(lines) + "0", 2) & layout.keep_packed
    scores = [penalty(packed0 ^ switch, layout) for switch in layout.switch_packed]
    best = scores.index(min(scores))  # the first lowest, as segno
    final = (packed0 ^ layout.switch_packed[best] | layout.format_packed[best]) >> size * line
    digits = format(final, f"0{size * line}b")
    return tuple(digits[start : start + size] for start in range(0, size * line, line))
