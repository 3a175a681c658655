"""Real small files for upload tests, made in memory: a JPEG and a PNG (Pillow, which
reportlab brings), a PDF (reportlab), and a UIDAI-style offline e-KYC ZIP."""

from __future__ import annotations

import io
import zipfile

from PIL import Image
from reportlab.pdfgen.canvas import Canvas


def image_bytes(kind: str, size: tuple[int, int] = (64, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, format=kind)
    return out.getvalue()


def jpeg_bytes() -> bytes:
    return image_bytes("JPEG")


def png_bytes() -> bytes:
    return image_bytes("PNG")


def pdf_bytes() -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 720, "Aadhaar (sample)")
    canvas.save()
    return out.getvalue()


def offline_ekyc_zip(names: tuple[str, ...] = ("offlineaadhaar20261122.xml",)) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, '<?xml version="1.0"?><OfflinePaperlessKyc referenceId="x"/>')
    return out.getvalue()
