"""OCF packages for tests, built from the vendored samples (tests/fixtures/ocf/samples).

The samples' manifest carries dummy md5 values ("just dummy values" says its own comment), so
``sample_package`` writes the files as they are and the manifest with their real md5 sums.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "ocf" / "samples"
LISTS = (
    "stakeholders_files", "stock_classes_files", "stock_legend_templates_files",
    "stock_plans_files", "vesting_terms_files", "valuations_files", "financings_files",
    "documents_files", "transactions_files",
)  # fmt: skip


def sample(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def sample_bytes(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def zip_of(members: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=method) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return out.getvalue()


def md5(body: bytes) -> str:
    return hashlib.md5(body, usedforsecurity=False).hexdigest()


def manifest_for(files: dict[str, bytes], manifest: dict[str, Any] | None = None) -> bytes:
    """The sample manifest (or ``manifest``) listing exactly ``files`` by their file_type,
    with their real md5."""
    base = dict(manifest if manifest is not None else sample("Manifest.ocf.json"))
    for key in LISTS:
        base[key] = [] if key not in ("financings_files", "documents_files") else None
    by_type = {
        "OCF_STAKEHOLDERS_FILE": "stakeholders_files",
        "OCF_STOCK_CLASSES_FILE": "stock_classes_files",
        "OCF_STOCK_LEGEND_TEMPLATES_FILE": "stock_legend_templates_files",
        "OCF_STOCK_PLANS_FILE": "stock_plans_files",
        "OCF_VESTING_TERMS_FILE": "vesting_terms_files",
        "OCF_VALUATIONS_FILE": "valuations_files",
        "OCF_FINANCINGS_FILE": "financings_files",
        "OCF_DOCUMENTS_FILE": "documents_files",
        "OCF_TRANSACTIONS_FILE": "transactions_files",
    }
    for name, body in files.items():
        key = by_type[json.loads(body)["file_type"]]
        base[key] = [*(base[key] or []), {"filepath": f"./{name}", "md5": md5(body)}]
    base = {key: value for key, value in base.items() if value is not None}
    return json.dumps(base, indent=2).encode()


SAMPLE_FILES = (
    "Stakeholders.ocf.json", "StockClasses.ocf.json", "StockLegends.ocf.json",
    "StockPlans.ocf.json", "VestingTerms.ocf.json", "Valuations.ocf.json",
    "Financings.ocf.json", "Documents.ocf.json", "Transactions.ocf.json",
)  # fmt: skip


def sample_package(names: tuple[str, ...] = SAMPLE_FILES, **extra: bytes) -> bytes:
    """An .ocf.zip of the sample files ``names`` (and ``extra`` members as they are), with a
    manifest whose md5 sums are right."""
    files = {name: sample_bytes(name) for name in names}
    return zip_of({"Manifest.ocf.json": manifest_for(files), **files, **extra})


def bomb_member(expanded: int) -> bytes:
    """``expanded`` bytes of JSON-looking padding that deflate to almost nothing."""
    return b"[" + b" " * (expanded - 2) + b"]"


ACME = SAMPLES.parent / "acme"
ACME_FILES = (
    "Stakeholders.ocf.json", "StockClasses.ocf.json", "StockLegends.ocf.json",
    "StockPlans.ocf.json", "VestingTerms.ocf.json", "Valuations.ocf.json",
    "Transactions.ocf.json",
)  # fmt: skip


def acme_package(**replace: dict[str, str]) -> bytes:
    """The ACME cap table of tests/fixtures/ocf/acme (the samples' objects, their references
    made to point at each other; README.md there tells the figures) as an .ocf.zip;
    ``replace={"Transactions": {"old text": "new text"}}`` edits a file's text first."""
    files = {name: (ACME / name).read_bytes() for name in ACME_FILES}
    for stem, edits in replace.items():
        text_ = files[f"{stem}.ocf.json"].decode()
        for old, new in edits.items():
            assert old in text_, old
            text_ = text_.replace(old, new)
        files[f"{stem}.ocf.json"] = text_.encode()
    return zip_of({"Manifest.ocf.json": manifest_for(files), **files})
