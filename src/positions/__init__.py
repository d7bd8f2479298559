"""positions: where each party to a negotiation stands, issue by issue.

The Python API (docs/api.md): `positions.load(path)`, then the analyses as functions
(`positions.compare(ds)`, `positions.alignment(ds)`, ...) and `positions.frames(ds)`
for pandas. They are imported on first use, so that the command line starts fast.
"""

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from positions.api import (
        Frames,
        actors,
        agreement,
        alignment,
        as_json,
        brief,
        changes,
        compare,
        deal,
        diff,
        frames,
        history,
        issues,
        landing,
        load,
        narrowed,
        show,
        trades,
    )  # fmt: skip
    from positions.errors import DataError, LookupFailed, PositionsError
    from positions.model import Dataset

_API = frozenset((
    "Frames", "actors", "agreement", "alignment", "as_json", "brief", "changes", "compare",
    "deal", "diff", "frames", "history", "issues", "landing", "load", "narrowed", "show",
    "trades",
))  # fmt: skip
_ERRORS = frozenset(("DataError", "LookupFailed", "PositionsError"))

__all__ = [
    "DataError", "Dataset", "Frames", "LookupFailed", "PositionsError", "__version__",
    "actors", "agreement", "alignment", "as_json", "brief", "changes", "compare", "deal",
    "diff", "frames", "history", "issues", "landing", "load", "narrowed", "show", "trades",
]  # fmt: skip


def __dir__() -> list[str]:
    """The API's names too, so that a notebook completes `positions.com` to compare."""
    return sorted({*globals(), *__all__})


def __getattr__(name: str) -> Any:
    """The API's names, imported when first asked for (PEP 562)."""
    if name in _API:
        from positions import api

        return getattr(api, name)
    if name in _ERRORS:
        from positions import errors

        return getattr(errors, name)
    if name == "Dataset":
        from positions.model import Dataset

        return Dataset
    raise AttributeError(f"module 'positions' has no attribute {name!r}")
