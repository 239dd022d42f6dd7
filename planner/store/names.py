"""From a free-text scenario name to a safe, unique file name, and back to the screen.

A name can be any Unicode a person types: quotes, slashes, ``../``, pipes, emoji,
right-to-left script. The file name is ``<slug>--<hash>.json``:

* the **slug** is a short ASCII rendering of the name, only so a person browsing the
  directory can recognise files; it is lossy and never used to identify anything;
* the **hash** is the first 16 hex digits of SHA-256 of the name in Unicode NFC form.
  It makes distinct names map to distinct files (no collisions, no case folding by
  case-insensitive file systems since the hash is lowercase hex) and keeps every
  character of the name out of the path, so no traversal is possible.

NFC matters because "café" typed with a precomposed é and with e + combining accent
look identical; they must be the same scenario. The exact name as typed is stored
inside the file, and the store checks it on every load, so a file that was copied or
renamed by hand can never be mistaken for another scenario.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from planner.text import visible

__all__ = ["file_name", "identity", "name_hash", "shown", "slug"]

HASH_DIGITS = 16
SLUG_MAX = 40
SUFFIX = ".json"

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def identity(name: str) -> str:
    """The form two names are compared in: equal identities are the same scenario."""
    return unicodedata.normalize("NFC", name)


def name_hash(name: str) -> str:
    return hashlib.sha256(identity(name).encode("utf-8")).hexdigest()[:HASH_DIGITS]


def slug(name: str) -> str:
    """A readable ASCII hint: ``"Spring sale / 2025 🌸"`` → ``"spring-sale-2025"``."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return text[:SLUG_MAX].rstrip("-") or "scenario"


def file_name(name: str) -> str:
    """``"Local café"`` → ``"local-cafe--<16 hex>.json"``."""
    return f"{slug(name)}--{name_hash(name)}{SUFFIX}"


def shown(name: str) -> str:
    """A name as it appears inside a message: quoted and made visible."""
    return f"“{visible(name)}”"
