"""Time `positions` against its targets (issue 8) and print one table.

    .venv/bin/python benchmarks/run.py            # everything, about 3 minutes
    .venv/bin/python benchmarks/run.py --quick    # fewer repeats, no yq (about 1 minute)
    .venv/bin/python benchmarks/run.py --only cold,cache
    .venv/bin/python benchmarks/run.py --only load,yq --baseline HEAD

Every case is a fresh process, as a user would start it; cases are run in
turns (one run of each, then the next round) so that a noisy neighbour slows
them alike, and ratios are taken within the same run. The floor is
`python -c "import typer, rich.console, rich.table"`.

Generated data sets, the cache (POSITIONS_CACHE_DIR) and compiled bytecode
(PYTHONPYCACHEPREFIX, so an editable checkout starts as fast as an installed
wheel even where PYTHONDONTWRITEBYTECODE is set) all live under --workdir, by
default a folder in the system's temp dir; nothing is written to the repo or
to the user's own cache.

`--baseline REV` adds two rows to the `load` group: `loader.load()` of the
100x1000 file with src/positions/loader.py as it is at git revision REV, and
as it is now, by the same small script, so that a change to the loader is
measured against what it replaces in the same run.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
GROUPS = ("floor", "cold", "load", "yq", "cache", "big")
SIZES = ((5, 10), (50, 200), (100, 1000))
BIG = SIZES[-1]


@dataclass
class Case:
    name: str
    group: str
    argv: list[str]
    repeats: int
    env: dict[str, str] = field(default_factory=dict)
    setup: Callable[[], None] | None = None
    fresh_cache: bool = False  # an empty cache directory for every run
    times: list[float] = field(default_factory=list)
    peak_kb: int = 0
    failed: str | None = None
    skipped: str | None = None


@dataclass
class Env:
    work: Path
    python: str
    positions: list[str]
    base: dict[str, str]
    files: dict[tuple[int, int], Path]
    runs: int = 0

    def child_env(self, extra: dict[str, str]) -> dict[str, str]:
        return {**self.base, **extra}


def run_once(env: Env, case: Case) -> None:
    extra = dict(case.env)
    if case.fresh_cache:
        env.runs += 1
        extra["POSITIONS_CACHE_DIR"] = str(env.work / "cold" / str(env.runs))
    start = time.perf_counter()
    proc = subprocess.Popen(
        case.argv,
        env=env.child_env(extra),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if proc.returncode != 0:
        message = err.decode(errors="replace").strip().splitlines()
        case.failed = f"exit {proc.returncode}: {message[-1] if message else ''}"[:60]
        return
    case.times.append(elapsed)
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    peak = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    case.peak_kb = max(case.peak_kb, peak)


def dataset(env: Env, n_actors: int, n_issues: int) -> Path:
    """The synthetic data set, made once per version of make_dataset.py."""
    stamp = hashlib.sha256((HERE / "make_dataset.py").read_bytes()).hexdigest()[:8]
    path = env.work / f"data-{n_actors}x{n_issues}-{stamp}.yaml"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        subprocess.run(
            [
                env.python,
                str(HERE / "make_dataset.py"),
                str(n_actors),
                str(n_issues),
                "-o",
                str(tmp),
            ],
            check=True,
        )
        tmp.replace(path)
    return path


def yq_usable() -> str | None:
    """Why the yq row is skipped, or None: the PyPI yq (a jq wrapper) and jq must both run."""
    if shutil.which("yq") is None:
        return "yq not installed (pip install yq; apt-get install jq)"
    if shutil.which("jq") is None:
        return "jq not installed"
    probe = subprocess.run(["yq", "--help"], capture_output=True, text=True, check=False)
    if "jq" not in probe.stdout:
        return "the yq on PATH is not the PyPI yq (a jq wrapper)"
    return None


# `python -c` this, FILE [LOADER]: load FILE with positions.loader, or with the
# loader module at the path LOADER (an older version of it).
LOAD_SCRIPT = """\
import importlib.util, sys
from pathlib import Path
if len(sys.argv) > 2:
    spec = importlib.util.spec_from_file_location("baseline_loader", sys.argv[2])
    loader = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loader)
else:
    from positions import loader
loader.load(Path(sys.argv[1]))
"""


def baseline_loader(work: Path, rev: str) -> Path:
    """src/positions/loader.py as it is at git revision `rev`, saved under `work`."""
    source = subprocess.run(
        ["git", "-C", str(HERE.parent), "show", f"{rev}:src/positions/loader.py"],
        capture_output=True,
        check=True,
    ).stdout
    path = work / "baseline" / f"loader_{hashlib.sha256(source).hexdigest()[:8]}.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(source)
    return path


def make_cases(env: Env, quick: bool, baseline: tuple[str, Path] | None = None) -> list[Case]:
    fast, slow = (3, 1) if quick else (9, 3)
    py, cli = env.python, env.positions
    big = env.files[BIG]
    no_cache = ["--no-cache"]
    cached = cli
    via = ""
    issue, a, b = "issue_0042", "actor_001", "actor_002"
    cases = [
        Case(
            "floor: import typer, rich.console, rich.table",
            "floor",
            [py, "-c", "import typer, rich.console, rich.table"],
            fast,
        ),
        Case("cold: show donbas (default data)", "cold", [*cli, "show", "donbas"], fast),
        Case("cold: --help", "cold", [*cli, "--help"], fast),
    ]
    for n_actors, n_issues in SIZES:
        path = env.files[(n_actors, n_issues)]
        cases.append(
            Case(
                f"first load {n_actors}x{n_issues} (validate, no cache)",
                "load",
                [*cli, "validate", str(path), *no_cache],
                slow if (n_actors, n_issues) == BIG else fast,
                fresh_cache=True,
            )
        )
    if baseline is not None:
        rev, old = baseline
        for label, extra in ((f"at {rev}", [str(old)]), ("now", [])):
            cases.append(
                Case(
                    f"first load 100x1000, loader.load() {label}",
                    "load",
                    [py, "-c", LOAD_SCRIPT, str(big), *extra],
                    slow,
                )
            )
    yq = Case(
        "yq: one issue's positions, 100x1000",
        "yq",
        ["yq", "-c", f'[.positions[] | select(.issue == "{issue}")]', str(big)],
        slow,
    )
    yq.skipped = "skipped (--quick)" if quick else yq_usable()
    cases.append(yq)
    # Each look-up drawn as a table and as --json: the table's cost grows with
    # the rows shown (5 actors by default, 100 in the big file), --json's much less.
    for command, small_names, big_names in (
        ("show", ["donbas"], [issue]),
        ("diff", ["russia", "ukraine"], [a, b]),
    ):
        for json in ([], ["--json"]):
            for where, names, data in (
                ("default", small_names, []),
                ("100x1000", big_names, ["--data", str(big)]),
            ):
                label = " ".join([command, *names, *json])
                argv = [*cached, command, *names, *json, *data]
                cases.append(Case(f"warm cache: {label}, {where}{via}", "cache", argv, fast))
    for label, args in (
        ("compare", ["compare"]),
        ("export --format csv", ["export", "--format", "csv"]),
    ):
        cases.append(
            Case(
                f"{label}, 100x1000, warm cache{via}",
                "big",
                [*cached, *args, "--data", str(big)],
                slow,
            )
        )
        cases.append(
            Case(
                f"{label}, 100x1000, no cache",
                "big",
                [*cli, *args, "--data", str(big), *no_cache],
                slow,
                fresh_cache=True,
            )
        )
    return cases


def warm(env: Env, cases: list[Case]) -> None:
    """One untimed run of each case: bytecode compiled, the cache filled, files read once."""
    for case in cases:
        if case.skipped is None:
            run_once(env, case)
            case.times.clear()
            case.peak_kb = 0
            if case.failed:
                case.skipped, case.failed = f"failed: {case.failed}", None


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def verdicts(cases: list[Case], env: Env) -> dict[str, str]:
    """The target each row answers to, and whether this run meets it."""
    medians = {c.name: statistics.median(c.times) for c in cases if c.times}

    def first(prefix: str) -> tuple[str, float] | None:
        return next(((n, t) for n, t in medians.items() if n.startswith(prefix)), None)

    def met(ok: bool) -> str:
        return "met" if ok else "NOT met"

    out: dict[str, str] = {}
    floor = first("floor")
    for prefix in ("cold: show donbas (default", "cold: --help"):
        row = first(prefix)
        if floor and row:
            out[row[0]] = f"<= 1.15x floor: {met(row[1] <= 1.15 * floor[1])}"
    yq = first("yq:")
    for name, t in medians.items():
        if yq and name.startswith("first load 100x1000"):
            ratio = t / yq[1]
            out[name] = f"<= 1/3 of yq: {ratio:.2f} of yq, {met(ratio <= 1 / 3)}"
    for name, t in medians.items():
        if name.startswith("warm cache: ") and "100x1000" in name:
            kind, json = name.split()[2], "--json" in name
            small = next(
                (
                    (n, s)
                    for n, s in medians.items()
                    if n.startswith(f"warm cache: {kind} ")
                    and "default" in n
                    and ("--json" in n) == json
                ),
                None,
            )
            if small:
                out[name] = f"<= 2x default: {t / small[1]:.1f}x, {met(t <= 2 * small[1])}"
    size = env.files[BIG].stat().st_size
    for c in cases:
        if c.group == "big" and c.times:
            ratio = c.peak_kb * 1024 / size
            ok = ratio < 10 and medians[c.name] < 10
            out[c.name] = f"seconds; peak < 10x file: {ratio:.1f}x, {met(ok)}"
    return out


def table(cases: list[Case], env: Env) -> str:
    floor_case = next((c for c in cases if c.group == "floor" and c.times), None)
    floor = statistics.median(floor_case.times) if floor_case else None
    notes = verdicts(cases, env)
    rows = [("case", "median", "min", "x floor", "peak RSS", "target")]
    for c in cases:
        if c.skipped or c.failed or not c.times:
            why = c.skipped or c.failed or "no runs"
            rows.append((c.name, "skipped" if c.skipped else "failed", "", "", "", why))
            continue
        median = statistics.median(c.times)
        rows.append(
            (
                c.name,
                fmt_s(median),
                fmt_s(min(c.times)),
                f"{median / floor:.2f}" if floor else "",
                f"{c.peak_kb / 1024:,.0f} MB",
                notes.get(c.name, ""),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, r in enumerate(rows):
        cells = [r[0].ljust(widths[0])]
        cells += [r[i].rjust(widths[i]) for i in (1, 2, 3, 4)]
        cells.append(r[5])
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths).rstrip())
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, no yq")
    parser.add_argument(
        "--only",
        metavar="GROUPS",
        help=f"comma-separated groups to run ({', '.join(GROUPS)}); the floor always runs",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "positions-bench",
        help="where data sets, the cache and bytecode go (default: %(default)s)",
    )
    parser.add_argument(
        "--baseline",
        metavar="REV",
        help="also time loading the 100x1000 file with the loader at git revision REV",
    )
    args = parser.parse_args()
    chosen = set(GROUPS) if not args.only else {g.strip() for g in args.only.split(",")}
    unknown = chosen - set(GROUPS)
    if unknown:
        parser.error(f"unknown group(s) {', '.join(sorted(unknown))}; choose from {GROUPS}")
    chosen.add("floor")

    work = args.workdir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(work / "cold", ignore_errors=True)
    shutil.rmtree(work / "cache", ignore_errors=True)
    script = Path(sys.executable).parent / "positions"
    positions = [str(script)] if script.exists() else [sys.executable, "-m", "positions"]
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONDONTWRITEBYTECODE", "POSITIONS_DATA")
    }
    base |= {
        "PYTHONPYCACHEPREFIX": str(work / "pycache"),
        "POSITIONS_CACHE_DIR": str(work / "cache"),
    }
    env = Env(work, sys.executable, positions, base, {})
    for size in SIZES:
        env.files[size] = dataset(env, *size)

    baseline = (args.baseline, baseline_loader(work, args.baseline)) if args.baseline else None
    cases = [c for c in make_cases(env, args.quick, baseline) if c.group in chosen]
    print(f"warming up {len(cases)} cases in {work} ...", file=sys.stderr, flush=True)
    warm(env, cases)
    rounds = max(c.repeats for c in cases)
    for n in range(rounds):
        print(f"round {n + 1}/{rounds}", file=sys.stderr, flush=True)
        for case in cases:
            if case.skipped is None and case.failed is None and n < case.repeats:
                run_once(env, case)

    big = env.files[BIG]
    print(
        f"positions benchmarks: python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        f"100x1000 file {big.stat().st_size / 1e6:.1f} MB"
    )
    print(table(cases, env))


if __name__ == "__main__":
    main()
