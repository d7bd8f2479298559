"""Shared test options and fixtures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from tests.profiles import PROFILE

# Properties without a count of their own: hypothesis' default in CI, a fifth locally.
settings.register_profile("ci", max_examples=100, print_blob=True)
settings.register_profile("dev", max_examples=20, print_blob=True)
settings.load_profile(PROFILE)

GOLDEN = Path(__file__).parent / "golden"
DATA = Path(__file__).parent / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/ from the current output instead of comparing.",
    )


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test, and every process it starts, caches under a temporary directory,
    never in the user's own cache."""
    monkeypatch.setenv("POSITIONS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare `text` with tests/golden/NAME, or rewrite it with --update-golden."""
    update = bool(request.config.getoption("--update-golden"))

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.write_text(text, encoding="utf-8", newline="")
            return
        assert path.exists(), f"no golden file {path}; run pytest --update-golden"
        # Bytes, not read_text(): universal newlines would turn a CSV's \r\n into \n.
        assert text == path.read_bytes().decode("utf-8"), f"output differs from {path}"

    return check
