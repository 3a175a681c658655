"""What an upload really is comes from its bytes: the sniffing and the checks per kind."""

from __future__ import annotations

import pytest

from domain.kyc.documents import DocumentKind, UnsupportedFile, check_content
from domain.shared.content_type import ContentType, sniff
from tests.support.files import jpeg_bytes, offline_ekyc_zip, pdf_bytes, png_bytes


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (jpeg_bytes, ContentType.JPEG),
        (png_bytes, ContentType.PNG),
        (pdf_bytes, ContentType.PDF),
        (offline_ekyc_zip, ContentType.ZIP),
    ],
    ids=["jpeg", "png", "pdf", "zip"],
)
def test_real_files_are_recognised_by_their_bytes(make: object, expected: ContentType) -> None:
    assert callable(make)
    assert sniff(make()) is expected


@pytest.mark.parametrize(
    "data",
    [b"", b"\xff\xd8", b"GIF89a....", b"<html><script>alert(1)</script>", b"JFIF not a jpeg"],
    ids=["empty", "short-jpeg-magic", "gif", "html", "jfif-text"],
)
def test_anything_else_is_unknown(data: bytes) -> None:
    assert sniff(data) is None


def test_an_image_kind_accepts_jpeg_png_and_pdf_but_not_a_zip() -> None:
    for data, expected in ((jpeg_bytes(), "image/jpeg"), (pdf_bytes(), "application/pdf")):
        assert check_content(DocumentKind.AADHAAR_FRONT, data) == expected
    with pytest.raises(UnsupportedFile) as refused:
        check_content(DocumentKind.AADHAAR_BACK, offline_ekyc_zip())
    assert [(e.field, e.code) for e in refused.value.errors] == [("file", "unsupported_type")]


def test_text_named_like_a_jpeg_is_refused() -> None:
    with pytest.raises(UnsupportedFile):
        check_content(DocumentKind.AADHAAR_FRONT, b"this is not an image at all")


def test_the_offline_ekyc_file_must_be_a_zip_with_exactly_one_xml() -> None:
    assert check_content(DocumentKind.AADHAAR_OFFLINE_EKYC, offline_ekyc_zip()) == "application/zip"
    for names, reason in (
        (("a.xml", "b.xml"), "invalid_offline_ekyc"),
        (("photo.jpg",), "invalid_offline_ekyc"),
    ):
        with pytest.raises(UnsupportedFile) as refused:
            check_content(DocumentKind.AADHAAR_OFFLINE_EKYC, offline_ekyc_zip(names))
        assert refused.value.errors[0].code == reason
    with pytest.raises(UnsupportedFile) as broken:
        check_content(DocumentKind.AADHAAR_OFFLINE_EKYC, b"PK\x03\x04" + b"\x00" * 40)
    assert broken.value.errors[0].code == "invalid_zip"
    with pytest.raises(UnsupportedFile):
        check_content(DocumentKind.AADHAAR_OFFLINE_EKYC, jpeg_bytes())
