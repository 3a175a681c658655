"""How alike two people's names are: KYC matches a PAN or a bank account holder against the
registered name, banking matches a linked account's holder against the user's verified name."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher


def _normalise(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z ]", " ", folded.lower()).split())


def name_match_score(submitted: str, registered: str) -> float:
    """A ratio in [0, 1] of how alike two names are, ignoring case, accents and punctuation."""
    a, b = _normalise(submitted), _normalise(registered)
    if not a or not b:
        return 0.0
    return round(SequenceMatcher(None, a, b).ratio(), 4)
