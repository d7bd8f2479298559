"""Run the `positions` CLI with benchmark-only changes, to measure them before making them.

    python benchmarks/shim.py [--no-pydantic] -- ARGS...

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
    import positions.cli as cli

    sys.argv = ["positions", *rest]
    cli.main()


if __name__ == "__main__":
    main()
