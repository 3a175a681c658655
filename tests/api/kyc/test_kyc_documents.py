"""KYC uploads over HTTP with real users and PostgreSQL: type from the content, the size
limit, sealed storage with no orphans, and downloads through signed links."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit
from uuid import UUID

import httpx
import pytest
from fastapi import FastAPI

from domain.kyc.documents import DocumentId
from infrastructure.container import Container
from tests.api.kyc.test_kyc_steps import aadhaar, kyc_rows, status
from tests.support.accounts import Account, Accounts, assert_problem
from tests.support.admins import super_admin
from tests.support.files import jpeg_bytes, offline_ekyc_zip, pdf_bytes, png_bytes
from tests.support.pages import assert_garbage_cursor_refused, walk_pages
from usecases.kyc.document_links import sign_link

IMAGES = "/api/v1/kyc/aadhaar/images"
OFFLINE = "/api/v1/kyc/aadhaar/offline-ekyc"


def stored_files(container: Container) -> dict[str, bytes]:
    root = container.settings.documents_path
    return {p.name: p.read_bytes() for p in Path(root).rglob("*") if p.is_file()}


async def upload(
    client: httpx.AsyncClient,
    who: Account,
    data: bytes,
    *,
    side: str = "front",
    name: str = "card.jpg",
    declared: str = "image/jpeg",
) -> httpx.Response:
    return await client.post(
        IMAGES, headers=who.headers, data={"side": side}, files={"file": (name, data, declared)}
    )


async def link(client: httpx.AsyncClient, who: Account, document_id: str) -> httpx.Response:
    return await client.get(f"/api/v1/kyc/documents/{document_id}/url", headers=who.headers)


def local(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def with_query(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query: dict[str, Any] = {k: v[0] for k, v in parse_qs(parts.query).items()} | changes
    return f"{parts.path}?{urlencode(query)}"


@pytest.fixture(autouse=True)
def empty_store(container: Container) -> None:
    for path in sorted(Path(container.settings.documents_path).rglob("*"), reverse=True):
        if path.is_file():
            path.unlink()


@pytest.mark.parametrize(
    ("make", "content_type"),
    [(jpeg_bytes, "image/jpeg"), (png_bytes, "image/png"), (pdf_bytes, "application/pdf")],
    ids=["jpeg", "png", "pdf"],
)
async def test_an_image_is_stored_sealed_and_comes_back_to_its_owner(
    client: httpx.AsyncClient, container: Container, alice: Account, make: Any, content_type: str
) -> None:
    data: bytes = make()
    # the declared name and type are ignored: the content decides
    response = await upload(client, alice, data, name="scan.bin", declared="text/plain")
    assert response.status_code == 201, response.text
    document = response.json()
    assert (document["kind"], document["content_type"]) == ("aadhaar_front", content_type)
    assert document["size_bytes"] == len(data)
    (row,) = await kyc_rows(container, "kyc_documents")
    assert (row["key_version"], row["content_type"]) == ("dev1", content_type)
    on_disk = stored_files(container)
    assert list(on_disk) == [row["storage_key"]]
    assert data[16:80] not in on_disk[row["storage_key"]]  # sealed, not the plaintext

    listed = await client.get("/api/v1/kyc/documents", headers=alice.headers)
    assert [d["id"] for d in listed.json()["items"]] == [document["id"]]

    issued = await link(client, alice, document["id"])
    assert issued.status_code == 200, issued.text
    download = await client.get(local(issued.json()["url"]))  # no bearer: the link suffices
    assert download.status_code == 200, download.text
    assert download.content == data
    assert download.headers["content-type"] == content_type
    assert download.headers["content-disposition"].startswith("attachment")
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.headers["cache-control"] == "no-store"


async def test_a_file_that_only_claims_to_be_a_jpeg_is_refused_and_nothing_is_kept(
    client: httpx.AsyncClient, container: Container, alice: Account
) -> None:
    fake = b"<html><script>alert(1)</script></html>" * 10
    response = await upload(client, alice, fake, name="photo.jpg", declared="image/jpeg")
    body = assert_problem(response, 422, "unsupported_file")
    assert [(e["field"], e["code"]) for e in body["errors"]] == [("body.file", "unsupported_type")]
    assert await kyc_rows(container, "kyc_documents") == []
    assert stored_files(container) == {}


async def test_a_file_over_the_limit_is_refused_naming_the_field(
    client: httpx.AsyncClient, container: Container, alice: Account
) -> None:
    limit = container.settings.kyc_upload_max_bytes
    just_over = jpeg_bytes() + b"\x00" * limit
    far_over = just_over * 2  # beyond the route's body limit: refused before it is read
    for data in (just_over[: limit + 1], far_over):
        response = await upload(client, alice, data)
        body = assert_problem(response, 413, "payload_too_large")
        assert [(e["field"], e["code"]) for e in body["errors"]] == [("body.file", "too_large")]
    assert await kyc_rows(container, "kyc_documents") == []
    assert stored_files(container) == {}


async def test_a_new_upload_of_a_side_replaces_the_old_one(
    client: httpx.AsyncClient, container: Container, alice: Account
) -> None:
    first = await upload(client, alice, jpeg_bytes())
    back = await upload(client, alice, png_bytes(), side="back")
    second = await upload(client, alice, pdf_bytes())
    assert {first.status_code, back.status_code, second.status_code} == {201}
    listed = (await client.get("/api/v1/kyc/documents", headers=alice.headers)).json()["items"]
    assert sorted((d["kind"], d["id"]) for d in listed) == sorted(
        [("aadhaar_front", second.json()["id"]), ("aadhaar_back", back.json()["id"])]
    )
    assert len(stored_files(container)) == 2
    gone = await link(client, alice, first.json()["id"])
    assert_problem(gone, 404, "document_not_found")


async def test_others_get_404_and_a_reviewer_reads_through_a_link_of_their_own(
    app: FastAPI,
    accounts: Accounts,
    client: httpx.AsyncClient,
    alice: Account,
    bob: Account,
) -> None:
    data = jpeg_bytes()
    document_id = (await upload(client, alice, data)).json()["id"]
    assert_problem(await link(client, bob, document_id), 404, "document_not_found")
    unknown = "0193a0c4-7f1e-7c3a-9d2b-5b1f0e6a4c11"
    assert_problem(await link(client, bob, unknown), 404, "document_not_found")
    bobs_list = await client.get("/api/v1/kyc/documents", headers=bob.headers)
    assert bobs_list.json()["items"] == []

    reviewer = await super_admin(app, accounts)
    issued = await link(client, reviewer, document_id)
    assert issued.status_code == 200, issued.text
    download = await client.get(local(issued.json()["url"]))
    assert download.content == data
    # alice's own link, rewritten to name bob as the viewer, is no longer valid
    own = (await link(client, alice, document_id)).json()["url"]
    forged = await client.get(with_query(own, viewer=bob.user["id"]))
    assert_problem(forged, 403, "link_invalid")


async def test_tampered_and_expired_links_are_refused(
    client: httpx.AsyncClient, container: Container, alice: Account
) -> None:
    document_id = (await upload(client, alice, png_bytes())).json()["id"]
    url = (await link(client, alice, document_id)).json()["url"]
    query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    later = str(int(query["expires"]) + 3600)
    signature = query["signature"]
    other_first = "B" if signature.startswith("A") else "A"  # a changed signature, always
    for tampered in (
        with_query(url, expires=later),
        with_query(url, signature=other_first + signature[1:]),
        with_query(url, signature=""),
    ):
        assert_problem(await client.get(tampered), 403, "link_invalid")
    # a correctly signed link whose time has passed
    viewer = UUID(alice.user["id"])
    past = sign_link(container.link_signer, DocumentId(UUID(document_id)), viewer, 1_000_000)
    expired = with_query(url, expires=str(past.expires), signature=past.signature)
    assert_problem(await client.get(expired), 403, "link_expired")


async def test_the_offline_ekyc_zip_sends_the_aadhaar_step_to_review(
    client: httpx.AsyncClient, container: Container, alice: Account
) -> None:
    ekyc = {"file": ("offlineaadhaar.zip", offline_ekyc_zip(), "application/zip")}
    before = await client.post(OFFLINE, headers=alice.headers, files=ekyc)
    assert_problem(before, 422, "aadhaar_not_submitted")
    submitted = await client.post("/api/v1/kyc/aadhaar", headers=alice.headers, json=aadhaar())
    assert submitted.status_code == 200, submitted.text

    not_a_zip = {"file": ("offlineaadhaar.zip", jpeg_bytes(), "application/zip")}
    refused = await client.post(OFFLINE, headers=alice.headers, files=not_a_zip)
    assert_problem(refused, 422, "unsupported_file")
    two = {"file": ("x.zip", offline_ekyc_zip(("a.xml", "b.xml")), "application/zip")}
    refused = await client.post(OFFLINE, headers=alice.headers, files=two)
    body = assert_problem(refused, 422, "unsupported_file")
    assert body["errors"][0]["code"] == "invalid_offline_ekyc"

    accepted = await client.post(OFFLINE, headers=alice.headers, files=ekyc)
    assert accepted.status_code == 201, accepted.text
    assert accepted.json()["kind"] == "aadhaar_offline_ekyc"
    steps = (await status(client, alice))["steps"]
    aadhaar_step = next(s for s in steps if s["step"] == "aadhaar")
    assert aadhaar_step["state"] == "pending_review"
    assert len(stored_files(container)) == 1


async def test_my_documents_walk_in_pages_newest_first(
    client: httpx.AsyncClient, alice: Account
) -> None:
    submitted = await client.post("/api/v1/kyc/aadhaar", headers=alice.headers, json=aadhaar())
    assert submitted.status_code == 200, submitted.text
    uploads = [
        await upload(client, alice, jpeg_bytes()),
        await upload(client, alice, png_bytes(), side="back"),
        await client.post(
            OFFLINE,
            headers=alice.headers,
            files={"file": ("offlineaadhaar.zip", offline_ekyc_zip(), "application/zip")},
        ),
    ]
    assert [u.status_code for u in uploads] == [201, 201, 201]
    walked = await walk_pages(client, "/api/v1/kyc/documents", headers=alice.headers, limit=1)
    assert sorted(d["id"] for d in walked) == sorted(u.json()["id"] for u in uploads)
    keys = [(d["uploaded_at"], d["id"]) for d in walked]
    assert keys == sorted(keys, reverse=True)
    await assert_garbage_cursor_refused(client, "/api/v1/kyc/documents", headers=alice.headers)
