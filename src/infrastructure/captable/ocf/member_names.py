"""Which names a package's members may have: relative, inside the package, plain."""

from __future__ import annotations

import posixpath
import re

from usecases.captable.ocf.ports import OcfUnsafeMemberName

_DRIVE = re.compile(r"^[A-Za-z]:")


def safe_member_name(name: str) -> str:
    """The member's name normalised (``./a/b.json`` is ``a/b.json``), or a refusal naming it
    when it is absolute, climbs out of the package, or holds a backslash or a control
    character."""
    if (
        not name
        or name.startswith("/")
        or _DRIVE.match(name)
        or "\\" in name
        or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in name)
    ):
        raise OcfUnsafeMemberName(f"member {name!r} has an absolute or unsafe name")
    parts = name.split("/")
    if ".." in parts:
        raise OcfUnsafeMemberName(f"member {name!r} climbs out of the package (path traversal)")
    return posixpath.normpath(name)


def resolve_listed_path(manifest_name: str, filepath: str) -> str:
    """Where a file the manifest lists (``./Stakeholders.ocf.json``) is in the package: relative
    to the manifest's folder, with the same rules as a member's name."""
    listed = safe_member_name(filepath)
    folder = posixpath.dirname(manifest_name)
    return posixpath.normpath(posixpath.join(folder, listed)) if folder else listed
