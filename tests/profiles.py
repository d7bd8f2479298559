"""How hard the property tests try: `dev` (the default, quick for local runs) or `ci`.

`.ci/run` sets HYPOTHESIS_PROFILE=ci, which runs every property test with its
full number of examples; `dev` runs a fifth of them (at least ten), so that a
local `pytest` stays quick. tests/conftest.py loads the profile.
"""

from __future__ import annotations

import os

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
if PROFILE not in ("dev", "ci"):
    raise SystemExit(f"HYPOTHESIS_PROFILE must be dev or ci, not {PROFILE!r}")


def examples(full: int) -> int:
    """The number of examples to run of a property whose full run is `full`."""
    return full if PROFILE == "ci" else max(10, full // 5)
