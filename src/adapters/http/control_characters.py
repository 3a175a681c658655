"""No control character gets past the edge: one app-wide dependency for every route.

A NUL byte cannot be stored in PostgreSQL text or jsonb, and the other C0 controls (and DEL)
are never meaningful in an identifier, a name or a filter. Before any other dependency (so
before authentication and body validation), every string a request carries is checked: path
and query parameters, every string (and object key) of a JSON body, and the text fields of a
form. Tab, line feed and carriage return are allowed in bodies (free text); nothing else below
U+0020. A hit answers 422 ``validation_failed`` naming each field (``body.legal_name``,
``query.action``, ``path.user_code``) with the code ``control_character``.

A JSON body is parsed here only when its bytes could hold a refused character: a raw one, a
``\b`` or ``\f`` escape, or a ``\u0000``-``\u001f`` / ``\u007f`` escape (a body in UTF-16 or
UTF-32 has NUL bytes, so it is always parsed). Most bodies hold none, so the guard costs a
byte scan, not a second JSON parse; a candidate is parsed and walked to name the fields.

Installed once in the app factory: ``FastAPI(dependencies=[Depends(refuse_control_characters)])``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, Final

from fastapi import Request
from starlette.datastructures import UploadFile

from domain.shared.errors import FieldError, ValidationFailed

CODE: Final = "control_character"
MESSAGE: Final = "must not contain control characters (such as NUL)"
_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # tab, LF, CR allowed in bodies
_IN_PARAMETER = re.compile(r"[\x00-\x1f\x7f]")
# Bytes of a JSON text that may decode to a refused character (a superset: the walk decides).
_MAYBE_IN_JSON = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\\[bf]|\\u00[01][0-9a-fA-F]|\\u007[fF]"
)


def _printable(key: str) -> str:
    return key.encode("unicode_escape").decode("ascii")


def _in_json(value: Any, path: str) -> Iterator[str]:
    if isinstance(value, str):
        if _IN_TEXT.search(value):
            yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            if _IN_TEXT.search(key):
                yield f"{path}.{_printable(key)}"
            yield from _in_json(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _in_json(item, f"{path}.{index}")


async def _in_body(request: Request) -> Iterator[str]:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/json" or media.endswith("+json"):
        body = await request.body()
        if not _MAYBE_IN_JSON.search(body):
            return iter(())
        try:
            parsed = json.loads(body)
        except ValueError:
            return iter(())  # malformed JSON is the body parser's answer (400)
        return _in_json(parsed, "body")
    if media in ("multipart/form-data", "application/x-www-form-urlencoded"):
        form = await request.form()
        return iter(
            [
                f"body.{name}"
                for name, value in form.multi_items()
                if not isinstance(value, UploadFile) and _IN_TEXT.search(value)
            ]
        )
    return iter(())


async def refuse_control_characters(request: Request) -> None:
    fields = [
        f"path.{name}"
        for name, value in request.path_params.items()
        if isinstance(value, str) and _IN_PARAMETER.search(value)
    ]
    fields += [
        f"query.{_printable(name)}"
        for name, value in request.query_params.multi_items()
        if _IN_PARAMETER.search(name) or _IN_PARAMETER.search(value)
    ]
    fields += await _in_body(request)
    if fields:
        unique = list(dict.fromkeys(fields))
        raise ValidationFailed(
            "; ".join(f"{field}: {MESSAGE}" for field in unique),
            errors=[FieldError(field=field, message=MESSAGE, code=CODE) for field in unique],
        )
