"""A ReportLab canvas set up the same way for every document the cap table prints.

``invariant`` fixes the creation date and the document id, so the same sheet always gives the
same bytes (a stored PDF can be compared with a fresh rendering). Standard fonts are not
embedded and the page stream is compressed, so a certificate is about 4.5 KB. ReportLab's C
helpers (``reportlab[accel]``) make the compression's ASCII85 step and the number formatting
cheap; without them both run in pure Python and a page takes about twice as long."""

from __future__ import annotations

from io import BytesIO

from reportlab.pdfgen.canvas import Canvas

CREATOR = "Meridian"


def new_canvas(
    buffer: BytesIO, pagesize: tuple[float, float], *, title: str, author: str, subject: str
) -> Canvas:
    canvas = Canvas(buffer, pagesize=pagesize, invariant=1, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(subject)
    canvas.setCreator(CREATOR)
    return canvas
