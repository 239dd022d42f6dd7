"""Moving an unusable file aside, so one bad file never breaks the rest of the store.

The file is renamed, not deleted: ``x.json`` becomes ``x.json.invalid`` (or
``x.json.2.invalid`` … if that is taken), so a person can inspect or repair it and
nothing they wrote is ever lost. Listing only looks at ``*.json``, so a moved file is no
longer in the way.
"""

from __future__ import annotations

import os
from pathlib import Path

SUFFIX = ".invalid"


def quarantine_path(path: Path) -> Path:
    candidate = path.with_name(path.name + SUFFIX)
    n = 2
    while os.path.lexists(candidate):
        candidate = path.with_name(f"{path.name}.{n}{SUFFIX}")
        n += 1
    return candidate


def move_aside(path: Path) -> Path:
    """Rename ``path`` to a free ``.invalid`` name and return it. Call under the
    store's lock, so the free name is still free when the rename happens."""
    target = quarantine_path(path)
    os.rename(path, target)
    return target
