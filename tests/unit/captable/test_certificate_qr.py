"""The verification QR code is drawn as vector rectangles that cover exactly the dark modules
of segno's matrix for the URL: checked on the rectangles the drawing function computes and on
the path the certificate's page really holds (read back from the PDF's content stream), with
no image on the page."""

from __future__ import annotations

import random
import uuid
from io import BytesIO

import pytest
import segno
from pypdf import PdfReader
from pypdf.generic import ContentStream

from infrastructure.captable.pdf import qr_mask
from infrastructure.captable.pdf.certificate import QR_SIZE, QR_X, QR_Y, render_certificate
from infrastructure.captable.pdf.qr import QUIET_ZONE, Module, qr_modules
from infrastructure.captable.pdf.qr_mask import qr_rows
from tests.support.captable_sheets import VERIFY_URL, certificate_sheet

DIGITS = bytes.maketrans(b"\x00\x01", b"01")
URLS = [
    "https://x.example/v",
    VERIFY_URL,
    VERIFY_URL + "?" + "a" * 150,  # a larger version
]


def segno_matrix(data: str) -> list[list[int]]:
    return [list(row) for row in segno.make(data, error="m", micro=False).matrix]


def paint(modules: list[Module] | tuple[Module, ...], side: int) -> list[list[int]]:
    """The grid the rectangles cover, counting each cell as often as it is painted."""
    grid = [[0] * side for _ in range(side)]
    for module in modules:
        for row in range(module.row, module.row + module.height):
            for column in range(module.column, module.column + module.width):
                grid[row][column] += 1
    return grid


@pytest.mark.parametrize("url", URLS)
def test_the_rectangles_cover_exactly_the_dark_modules_once(url: str) -> None:
    matrix = segno_matrix(url)
    modules = qr_modules(url)
    assert paint(modules, len(matrix)) == matrix  # every dark cell once, no light cell
    assert len(modules) < sum(map(sum, matrix))  # merged: fewer rectangles than dark modules


def _drawn_code(pdf: bytes) -> tuple[list[float], list[Module]]:
    """The ``cm`` and the rectangles of the page's one filled rectangle path in a flipped
    coordinate system (the QR code)."""
    page = PdfReader(BytesIO(pdf)).pages[0]
    operations = ContentStream(page.get_contents(), page.pdf).operations
    found: list[tuple[list[float], list[Module]]] = []
    matrix: list[float] | None = None
    rectangles: list[Module] = []
    for operands, operator in operations:
        if operator == b"cm" and float(operands[3]) < 0:
            matrix, rectangles = [float(v) for v in operands], []
        elif operator == b"re" and matrix is not None:
            x, y, w, h = (int(v) for v in operands)
            rectangles.append(Module(x, y, w, h))
        elif operator == b"f" and matrix is not None:
            found.append((matrix, rectangles))
            matrix = None
    [(cm, modules)] = found
    return cm, modules


@pytest.mark.parametrize("url", URLS)
def test_the_page_draws_segnos_matrix_for_the_verify_url(url: str) -> None:
    pdf = render_certificate(certificate_sheet(verify_url=url))
    cm, modules = _drawn_code(pdf)
    matrix = segno_matrix(url)
    assert paint(modules, len(matrix)) == matrix

    scale, _, _, flipped, left, top = cm
    assert flipped == -scale  # square modules, rows going down
    side = len(matrix) + 2 * QUIET_ZONE
    assert left == pytest.approx(QR_X + QUIET_ZONE * scale, abs=1e-3)
    assert top == pytest.approx(QR_Y + QR_SIZE - QUIET_ZONE * scale, abs=1e-3)
    assert side * scale == pytest.approx(QR_SIZE, abs=1e-2)  # quiet zone inside the square


def test_the_code_is_not_an_image() -> None:
    page = PdfReader(BytesIO(render_certificate(certificate_sheet()))).pages[0]
    resources = page["/Resources"]
    assert "/XObject" not in resources


def _texts() -> list[str]:
    chooser = random.Random(16)
    urls = [f"{VERIFY_URL[:45]}{uuid.UUID(int=chooser.getrandbits(128))}/verify" for _ in range(40)]
    lengths = [1, 7, 14, 30, 60, 100, 150, 220, 300, 420, 600]  # versions 1 to about 20
    return urls + ["".join(chooser.choice("abc/:.0123") for _ in range(n)) for n in lengths]


def test_the_fast_mask_choice_gives_segnos_symbol() -> None:
    """Same mask (the lowest penalty, first on a tie), same format and version information,
    same modules as segno's own encoder, over certificate URLs and texts of many versions."""
    for text in _texts():
        code = segno.make(text, error="m", micro=False)
        assert qr_rows(text) == tuple(bytes(r).translate(DIGITS).decode() for r in code.matrix)


def test_the_bitwise_finder_pattern_count_equals_the_scan_on_random_symbols() -> None:
    """N3 by bit operations (with the exact scan for overlapping patterns) against segno's
    scan rule on 2,000 random version-6 and version-10 module grids."""
    chooser = random.Random(7)
    for version in (6, 10):
        layout = qr_mask._layout(version, "M")
        size = layout.size
        for _ in range(1000):
            rows = [chooser.getrandbits(size) for _ in range(size)]
            packed = qr_mask._pack(rows + qr_mask._transpose(rows, size), size)
            scanned = qr_mask._finder_like(format(packed, f"0{layout.bits}b"), size)
            assert qr_mask.finder_like(packed, layout) == scanned
