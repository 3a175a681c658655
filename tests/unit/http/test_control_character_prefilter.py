"""The control-character guard parses a JSON body only when its bytes could hold a refused
character: the byte scan must never miss one, however the body encodes it."""

from __future__ import annotations

import json

import pytest

from adapters.http.control_characters import _IN_TEXT, _MAYBE_IN_JSON


def _refused(text: str) -> bool:
    return bool(_IN_TEXT.search(text))


@pytest.mark.parametrize("ensure_ascii", [True, False])
@pytest.mark.parametrize("code", range(0x80))
def test_every_refused_character_is_a_candidate_however_it_is_written(
    code: int, ensure_ascii: bool
) -> None:
    text = f"left {chr(code)} right"
    for body in (
        json.dumps({"name": text}, ensure_ascii=ensure_ascii).encode(),
        json.dumps({text: 1}, ensure_ascii=ensure_ascii).encode(),
        json.dumps([[text]], ensure_ascii=ensure_ascii).encode("utf-16"),
    ):
        if _refused(text):
            assert _MAYBE_IN_JSON.search(body), body


@pytest.mark.parametrize(
    "escape", ["\\u0000", "\\u001f", "\\u001F", "\\u007f", "\\u007F", "\\b", "\\f", "\\u000B"]
)
def test_hand_written_escapes_are_candidates(escape: str) -> None:
    body = ('{"a": "x' + escape + 'y"}').encode()
    assert _refused(json.loads(body)["a"])
    assert _MAYBE_IN_JSON.search(body)


def test_an_ordinary_body_is_not_parsed_again() -> None:
    body = json.dumps(
        {"amount": "10.00", "note": "line one\nline two\ttabbed\r\n", "name": "Zoë \\ ok"},
        ensure_ascii=False,
    ).encode()
    assert _MAYBE_IN_JSON.search(body) is None
