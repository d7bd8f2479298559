"""Run the `positions` CLI with benchmark-only changes, to measure them before making them.

    python benchmarks/shim.py [--cache] [--no-pydantic] -- ARGS...

--cache        Load data through `positions.cache.load` (what `--no-cache` turns
               off once the CLI uses the cache), for a CLI not yet wired to it;
               the default data path is found without importing the loader.
--no-pydantic  Coerce parameters without typer's pydantic TypeAdapters: typer
               0.29 builds one per parameter on every invocation, importing
               pydantic (about 60 ms). This handles only the parameter types of
               `show` and `diff`; it measures what the cold start would be
               without that cost, nothing more.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def _wire_cache() -> None:
    import positions.cli as cli

    def load(data: Path | None) -> Any:
        from positions import cache

        if data is None:
            path = _default_data_path()
            return cache.load(path, str(path))
        return cache.load(data, str(data))

    cli._load = load


def _default_data_path() -> Path:
    """`positions.loader.default_data_path` without importing the loader (and PyYAML)."""
    import os

    import positions

    env = os.environ.get("POSITIONS_DATA")
    if env:
        return Path(env)
    package = Path(positions.__file__).parent
    bundled = package / "data" / "positions.yaml"
    return (
        bundled if bundled.is_file() else package.resolve().parents[1] / "data" / "positions.yaml"
    )


def _without_pydantic() -> None:
    from typer import _coercion, core

    @dataclass(frozen=True)
    class Plain(_coercion.RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            parser: Any = self.parameter_info.parser
            if parser is not None:
                return parser(value)
            if "Path" in repr(self.annotation):
                return Path(value)
            return value

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None:
            desc = self.type_descriptor
            self._runtime_param = Plain(
                parameter_info=desc.parameter_info, annotation=desc.annotation
            )
        return self._runtime_param

    core._TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign]


def main() -> None:
    args = sys.argv[1:]
    split = args.index("--") if "--" in args else len(args)
    options, rest = args[:split], args[split + 1 :]
    if "--no-pydantic" in options:
        _without_pydantic()
    if "--cache" in options:
        _wire_cache()
    import positions.cli as cli

    sys.argv = ["positions", *rest]
    cli.main()


if __name__ == "__main__":
    main()
