"""Documents attached to investments over HTTP: the KYC upload rules (type from the content,
the size limit, sealed at rest, nothing left behind by a refusal), listing and downloading,
and nobody but the owner ever seeing one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from infrastructure.container import Container
from tests.api.portfolio.test_portfolio_api import API, investment
from tests.support.accounts import Account, Accounts, assert_problem
from tests.support.files import jpeg_bytes, pdf_bytes

UPLOAD = f"{API}/documents"


def stored_files(container: Container) -> dict[str, bytes]:
    root = container.settings.documents_path
    return {p.name: p.read_bytes() for p in Path(root).rglob("*") if p.is_file()}


@pytest.fixture(autouse=True)
def empty_store(container: Container) -> None:
    for path in sorted(Path(container.settings.documents_path).rglob("*"), reverse=True):
        if path.is_file():
            path.unlink()


async def upload(
    client: httpx.AsyncClient,
    who: Account,
    investment_id: str,
    data: bytes,
    *,
    kind: str = "statement",
    title: str = "Q3 2026 capital account statement",
    name: str = "statement.pdf",
    declared: str = "application/pdf",
) -> httpx.Response:
    return await client.post(
        UPLOAD,
        headers=who.headers,
        data={"investment_id": investment_id, "kind": kind, "title": title},
        files={"file": (name, data, declared)},
    )


async def test_a_statement_is_sealed_listed_and_downloaded_by_its_owner(
    accounts: Accounts, container: Container
) -> None:
    client, me = accounts.client, await accounts.register()
    inv = await investment(client, me)
    data = pdf_bytes()
    # the declared name and type are ignored: the content decides
    created = await upload(client, me, inv["id"], data, name="scan.bin", declared="text/plain")
    assert created.status_code == 201, created.text
    document = created.json()
    assert (document["kind"], document["content_type"], document["size_bytes"]) == (
        "statement",
        "application/pdf",
        len(data),
    )
    [(key, sealed)] = stored_files(container).items()
    assert data[16:80] not in sealed  # encrypted at rest, not the plaintext

    tax = await upload(client, me, inv["id"], jpeg_bytes(), kind="tax_document", title="K-1")
    assert tax.status_code == 201, tax.text
    listed = await client.get(f"{API}/investments/{inv['id']}/documents", headers=me.headers)
    assert listed.status_code == 200, listed.text
    assert [d["title"] for d in listed.json()["items"]] == ["K-1", document["title"]]

    download = await client.get(f"{API}/documents/{document['id']}/content", headers=me.headers)
    assert download.status_code == 200, download.text
    assert download.content == data
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["content-disposition"] == 'attachment; filename="statement.pdf"'
    assert download.headers["x-content-type-options"] == "nosniff"

    # deleting the investment removes its documents and their files
    gone = await client.delete(f"{API}/investments/{inv['id']}", headers=me.headers)
    assert gone.status_code == 204, gone.text
    assert stored_files(container) == {}
    after = await client.get(f"{API}/documents/{document['id']}/content", headers=me.headers)
    assert_problem(after, 404, "investment_document_not_found")
    assert key  # the file existed under its store key


async def test_nobody_else_sees_lists_or_attaches_to_my_investment(accounts: Accounts) -> None:
    client = accounts.client
    me, other = await accounts.register(), await accounts.register()
    inv = await investment(client, me)
    created = await upload(client, me, inv["id"], pdf_bytes())
    assert created.status_code == 201, created.text
    document_id = created.json()["id"]

    theirs = await client.get(f"{API}/documents/{document_id}/content", headers=other.headers)
    assert_problem(theirs, 404, "investment_document_not_found")
    listed = await client.get(f"{API}/investments/{inv['id']}/documents", headers=other.headers)
    assert_problem(listed, 404, "investment_not_found")
    attached = await upload(client, other, inv["id"], pdf_bytes())
    assert_problem(attached, 404, "investment_not_found")
    anonymous = await client.get(f"{API}/documents/{document_id}/content")
    assert anonymous.status_code == 401


async def test_bad_uploads_are_refused_naming_the_fields_and_leave_nothing(
    accounts: Accounts, container: Container
) -> None:
    client, me = accounts.client, await accounts.register()
    inv = await investment(client, me)
    text = await upload(client, me, inv["id"], b"just text, named .pdf", name="fake.pdf")
    problem = assert_problem(text, 422, "unsupported_file")
    assert [e["field"] for e in problem["errors"]] == ["body.file"]

    several = await upload(client, me, inv["id"], pdf_bytes(), kind="selfie", title="")
    problem = assert_problem(several, 422, "validation_failed")
    assert {e["field"] for e in problem["errors"]} == {"body.kind", "body.title"}

    limit = container.settings.portfolio_document_max_bytes
    too_big = await upload(client, me, inv["id"], pdf_bytes() + b"\0" * limit)
    problem = assert_problem(too_big, 413, "payload_too_large")
    assert [e["field"] for e in problem["errors"]] == ["body.file"]

    listed = await client.get(f"{API}/investments/{inv['id']}/documents", headers=me.headers)
    assert listed.json()["items"] == []
    assert stored_files(container) == {}


async def test_a_garbage_cursor_is_refused(accounts: Accounts) -> None:
    client, me = accounts.client, await accounts.register()
    inv = await investment(client, me)
    response = await client.get(
        f"{API}/investments/{inv['id']}/documents", headers=me.headers, params={"cursor": "x"}
    )
    problem: dict[str, Any] = assert_problem(response, 422, "validation_failed")
    assert [e["field"] for e in problem["errors"]] == ["query.cursor"]
