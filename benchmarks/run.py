"""Time `positions` against its targets and print one table.

    .venv/bin/python benchmarks/run.py                      # everything, about 5 minutes
    .venv/bin/python benchmarks/run.py --quick              # fewer repeats, no yq
    .venv/bin/python benchmarks/run.py --only cold,cache
    .venv/bin/python benchmarks/run.py --only un --quick   # the UN-like set, ~10 minutes
    .venv/bin/python benchmarks/run.py --only exports       # every export's peak memory
    .venv/bin/python benchmarks/run.py --baseline a9fff65   # every case now and at a9fff65

Every case is a fresh process, as a user would start it; cases are run in
turns (one run of each, then the next round) so that a noisy neighbour slows
them alike, and ratios are taken within the same run. The floor is
`python -c "import typer, rich.console, rich.table"`.

`--baseline REV` runs every case a second time with the package as it is at
git revision REV (its src/ and data/, extracted under the workdir, first on
the path of the same interpreter, with a store directory of its own), and the
table puts the two side by side: a change is measured against what it
replaces, in one run.

Generated data sets, the store (POSITIONS_CACHE_DIR) and compiled bytecode
(PYTHONPYCACHEPREFIX, so an editable checkout starts as fast as an installed
wheel even where PYTHONDONTWRITEBYTECODE is set) all live under --workdir, by
default a folder in the system's temp dir; nothing is written to the repo or
to the user's own cache.

The `un` group times the UN-like roll-call set of issue 17 (make_dataset.py
--shape un: 200 countries, 6,000 roll calls, about 870,000 votes) against a
bare `csv.reader` pass over its table, and prints its targets after the table.
Its three whole-data commands (alignment, compare, brief) take from seconds
to minutes there: they get no untimed warm-up run (the look-ups before them
fill the store) and are stopped after UN_TIMEOUT seconds.

The `exports` group (issue 17) runs `export` in each format on the 100x1000
file, with the store warm and with --no-cache, to stdout and with -o FILE, and
holds each run's peak memory (RSS of the whole process) under EXPORT_PEAK times
the file's size.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GROUPS = ("floor", "cold", "load", "yq", "cache", "big", "exports", "un")
SIZES = ((5, 10), (50, 200), (100, 1000))
BIG = SIZES[-1]
NOW = "now"
#: How each version is started: what its console script does, the same way for both
#: (positions.cli.main is the entry point of installs made before positions.entry).
LAUNCH = "import sys; sys.argv[0] = 'positions'; from positions.{} import main; main()"
# `python -c` this, FILE: load FILE with positions.loader, as a notebook would.
LOAD_SCRIPT = (
    "import sys; from pathlib import Path; from positions import loader; "
    "loader.load(Path(sys.argv[1]))"
)
# `python -c` this, FILE: the reference of the UN-like set, every row of FILE read by
# the standard library's csv module and dropped.
CSV_PASS = (
    "import csv, sys\n"
    "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
    "    for row in csv.reader(f):\n"
    "        pass"
)
#: A run of a UN-set case is stopped after this many seconds (and reported so).
UN_TIMEOUT = 1200


@dataclass
class Case:
    name: str
    group: str
    argv: list[str]
    repeats: int
    version: str = NOW
    env: dict[str, str] = field(default_factory=dict)
    fresh_cache: bool = False  # an empty store directory for every run
    times: list[float] = field(default_factory=list)
    peak_kb: int = 0
    failed: str | None = None
    skipped: str | None = None
    warm_up: bool = True  # one untimed run first (see warm())
    timeout: float | None = None  # seconds, after which a run is stopped and failed


@dataclass
class Version:
    """One version of the package: how to start it, and the environment it runs in."""

    name: str
    positions: list[str]
    env: dict[str, str]


@dataclass
class Env:
    work: Path
    python: str
    base: dict[str, str]
    files: dict[tuple[int, int], Path]
    runs: int = 0
    un: dict[str, Path] = field(default_factory=dict)  # the UN-like set: see un_dataset()


def run_once(env: Env, case: Case) -> None:
    extra = dict(case.env)
    if case.fresh_cache:
        env.runs += 1
        extra["POSITIONS_CACHE_DIR"] = str(env.work / "cold" / str(env.runs))
    start = time.perf_counter()
    proc = subprocess.Popen(
        case.argv,
        env={**env.base, **extra},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    timer = threading.Timer(case.timeout, proc.kill) if case.timeout else None
    if timer:
        timer.start()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if timer:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if case.timeout and elapsed >= case.timeout and proc.returncode < 0:
        case.failed = f"stopped after {fmt_s(case.timeout)}"
        return
    if proc.returncode != 0:
        message = err.decode(errors="replace").strip().splitlines()
        case.failed = f"exit {proc.returncode}: {message[-1] if message else ''}"[:160]
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
        script = str(HERE / "make_dataset.py")
        subprocess.run(
            [env.python, script, str(n_actors), str(n_issues), "-o", str(tmp)], check=True
        )
        tmp.replace(path)
    return path


def un_dataset(env: Env) -> dict[str, Path]:
    """The UN-like set, made once per version of make_dataset.py: the tidy table alone
    (`csv`), a format-2 header file naming it (`header`), and one YAML file (`yaml`)."""
    stamp = hashlib.sha256((HERE / "make_dataset.py").read_bytes()).hexdigest()[:8]
    where = env.work / f"un-{stamp}"
    files = {"csv": where / "votes.csv", "header": where / "talks.yaml", "yaml": where / "un.yaml"}
    if not where.is_dir():
        tmp = where.with_suffix(".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        script = [env.python, str(HERE / "make_dataset.py"), "--shape", "un"]
        subprocess.run(
            [*script, "--format", "csv", "-o", str(tmp / "votes.csv"),
             "--header", str(tmp / "talks.yaml")],
            check=True,
        )  # fmt: skip
        subprocess.run([*script, "-o", str(tmp / "un.yaml")], check=True)
        tmp.replace(where)
    return files


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


def baseline(env: Env, rev: str) -> Version:
    """The package at git revision `rev`: its src/ and data/, extracted under the workdir."""
    where = env.work / "baseline" / rev
    if not (where / "src" / "positions").is_dir():
        archive = subprocess.run(
            ["git", "-C", str(HERE.parent), "archive", rev, "src", "data"],
            capture_output=True,
            check=True,
        ).stdout
        shutil.rmtree(where, ignore_errors=True)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(where, filter="data")
    return Version(
        f"at {rev}",
        [env.python, "-c", LAUNCH.format("cli")],
        {"PYTHONPATH": str(where / "src"), "POSITIONS_CACHE_DIR": str(env.work / "cache-base")},
    )


def make_cases(env: Env, version: Version, quick: bool) -> list[Case]:
    """Every case of one version (the floor and yq are the same for all: `now` only)."""
    fast, slow = (3, 1) if quick else (9, 3)
    cli, py = version.positions, env.python
    big = env.files[BIG]
    issue, a, b = "issue_0042", "actor_001", "actor_002"

    def case(name: str, group: str, argv: list[str], repeats: int, **kw: Any) -> Case:
        return Case(name, group, argv, repeats, version.name, dict(version.env), **kw)

    cases = []
    if version.name == NOW:
        floor = [py, "-c", "import typer, rich.console, rich.table"]
        cases.append(case("floor: import typer, rich.console, rich.table", "floor", floor, fast))
    cases += [
        case("cold: show donbas (default data)", "cold", [*cli, "show", "donbas"], fast),
        case("cold: --help", "cold", [*cli, "--help"], fast),
    ]
    for n_actors, n_issues in SIZES:
        path = env.files[(n_actors, n_issues)]
        cases.append(
            case(
                f"first load {n_actors}x{n_issues} (validate, no cache)",
                "load",
                [*cli, "validate", str(path), "--no-cache"],
                slow if (n_actors, n_issues) == BIG else fast,
                fresh_cache=True,
            )
        )
    cases.append(
        case("first load 100x1000, loader.load()", "load", [py, "-c", LOAD_SCRIPT, str(big)], slow)
    )
    if version.name == NOW:
        yq = case(
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
                argv = [*cli, command, *names, *json, *data]
                cases.append(case(f"warm cache: {label}, {where}", "cache", argv, fast))
    for label, args in (("compare", ["compare"]), ("export --format csv", ["export", "-f", "csv"])):
        argv = [*cli, *args, "--data", str(big)]
        cases.append(case(f"{label}, 100x1000, warm cache", "big", argv, slow))
        cases.append(
            case(
                f"{label}, 100x1000, no cache",
                "big",
                [*argv, "--no-cache"],
                slow,
                fresh_cache=True,
            )
        )
    cases += export_cases(env, version, quick, case)
    if env.un:
        cases += un_cases(env, version, quick, case)
    return cases


#: Issue 17: every export's peak memory under this many times the data file's size.
EXPORT_PEAK = 5


def export_cases(env: Env, version: Version, quick: bool, case: Callable[..., Case]) -> list[Case]:
    """The `exports` group: each format, warm and without the store, to stdout and to a file."""
    cli, big = version.positions, env.files[BIG]
    out = env.work / "exports" / version.name
    out.mkdir(parents=True, exist_ok=True)
    cases = []
    for fmt in ("csv", "md", "json", "html"):
        for store, extra in (("warm cache", []), ("no cache", ["--no-cache"])):
            for where, to in (("stdout", []), ("-o FILE", ["-o", str(out / f"report.{fmt}")])):
                argv = [*cli, "export", "-f", fmt, *to, "--force", "--data", str(big), *extra]
                name = f"exports: {fmt}, 100x1000, {store}, {where}"
                cases.append(case(name, "exports", argv, 1 if quick else 2))
    return cases


#: The look-ups timed on the UN-like set, each beside the same on the default data.
UN_LOOKUPS = (
    ("show", ["rc0001"], ["donbas"]),
    ("diff", ["c001", "c002", "--json"], ["russia", "ukraine", "--json"]),
    ("history", ["c001", "--issue", "rc0001"], ["russia", "--issue", "donbas"]),
)
#: The whole-data commands timed on the UN-like set, held to its first load.
UN_WHOLE = (["alignment", "--json"], ["compare", "--json"], ["brief"])
UN_FIRST_LOAD = "un: first load votes.csv (validate, empty store)"
UN_REFERENCE = "un: csv.reader pass over votes.csv (reference)"
UN_LOADER = "un: votes.csv, loader.load() (parse and check, no store)"


def un_cases(env: Env, version: Version, quick: bool, case: Callable[..., Case]) -> list[Case]:
    """The `un` group: issue 17's targets on the UN-like set."""
    fast, slow = (3, 1) if quick else (9, 3)
    cli, py = version.positions, env.python
    votes, header, yaml = (str(env.un[k]) for k in ("csv", "header", "yaml"))
    cases = []
    if version.name == NOW:
        cases.append(case(UN_REFERENCE, "un", [py, "-c", CSV_PASS, votes], fast))
    cases.append(case(UN_LOADER, "un", [py, "-c", LOAD_SCRIPT, votes], slow))
    for name, path in (
        (UN_FIRST_LOAD, votes),
        ("un: first load talks.yaml + votes.csv (validate, empty store)", header),
        ("un: first load un.yaml, one YAML file (validate, empty store)", yaml),
    ):
        cases.append(case(name, "un", [*cli, "--data", path, "validate"], slow, fresh_cache=True))
    for command, un_args, default_args in UN_LOOKUPS:
        for where, args, data in (
            ("UN", un_args, ["--data", votes]),
            ("default", default_args, []),
        ):
            label = " ".join([command, *args])
            argv = [*cli, *data, command, *args]
            cases.append(case(f"un: warm store: {label}, {where}", "un", argv, fast))
    for args in UN_WHOLE:
        argv = [*cli, "--data", votes, *args]
        whole = case(f"un: {' '.join(args)}, UN, warm store", "un", argv, slow)
        whole.warm_up, whole.timeout = False, UN_TIMEOUT
        cases.append(whole)
    return cases


def warm(env: Env, cases: list[Case]) -> None:
    """One untimed run of each case: bytecode compiled, the store filled, files read once."""
    for case in cases:
        if case.skipped is None and case.warm_up:
            run_once(env, case)
            case.times.clear()
            case.peak_kb = 0
            if case.failed:
                case.skipped, case.failed = f"failed: {case.failed}", None


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


#: The look-ups on the 100x1000 file held to a ratio of the same look-up on the default
#: data (issue 13): `show`, as a table and as JSON, and `diff --json`.
LOOKUP_TARGET = 1.6


def verdicts(cases: list[Case], env: Env) -> dict[tuple[str, str], str]:
    """The target each row of the current version answers to, and whether it is met."""
    medians = {(c.name, c.version): statistics.median(c.times) for c in cases if c.times}

    def median(name: str, version: str = NOW) -> float | None:
        return medians.get((name, version))

    def met(ok: bool) -> str:
        return "met" if ok else "NOT met"

    out: dict[tuple[str, str], str] = {}
    floor = median("floor: import typer, rich.console, rich.table")
    yq = median("yq: one issue's positions, 100x1000")
    for (name, version), t in medians.items():
        if name.startswith("cold: ") and floor:
            out[name, version] = f"<= 1.15x floor: {met(t <= 1.15 * floor)}"
        elif name.startswith("first load 100x1000") and yq:
            out[name, version] = f"<= 1/3 of yq: {t / yq:.2f} of yq, {met(t <= yq / 3)}"
        elif name.startswith("warm cache: ") and name.endswith("100x1000"):
            command = name.split()[2]
            default = next(
                (
                    s
                    for (n, v), s in medians.items()
                    if v == version
                    and n.startswith(f"warm cache: {command} ")
                    and n.endswith("default")
                    and ("--json" in n) == ("--json" in name)
                ),
                None,
            )
            if default:
                held = command == "show" or "--json" in name
                limit = LOOKUP_TARGET if held else 2.0
                verdict = f"{met(t <= limit * default)}" if held else "not a target"
                out[name, version] = f"<= {limit}x default: {t / default:.2f}x, {verdict}"
    size = env.files[BIG].stat().st_size
    for c in cases:
        if c.group == "big" and c.times:
            ratio = c.peak_kb * 1024 / size
            ok = ratio < 10 and statistics.median(c.times) < 10
            out[c.name, c.version] = f"seconds; peak < 10x file: {ratio:.1f}x, {met(ok)}"
    for c in cases:
        if c.group == "exports" and c.times:
            ratio = c.peak_kb * 1024 / size
            out[c.name, c.version] = (
                f"peak < {EXPORT_PEAK}x file: {ratio:.1f}x, {met(ratio < EXPORT_PEAK)}"
            )
    for (name, version), text in un_targets(cases).items():
        out[name, version] = text
    return out


#: Issue 17's targets on the UN-like set.
UN_LOAD_TARGET = 15.0  # first load <= this x the csv.reader pass
UN_LOOKUP_TARGET = 2.0  # a warm look-up <= this x the same on the default data
UN_PEAK_TARGET = 2 * 1024**3  # bytes: every command's peak RSS under 2 GB


def un_targets(cases: list[Case]) -> dict[tuple[str, str], str]:
    """Each `un` row's target and verdict, for every version."""
    runs = {(c.name, c.version): c for c in cases if c.group == "un" and c.times}
    medians = {key: statistics.median(c.times) for key, c in runs.items()}
    reference = medians.get((UN_REFERENCE, NOW))

    def met(ok: bool) -> str:
        return "met" if ok else "NOT met"

    out: dict[tuple[str, str], str] = {}
    for (name, version), t in medians.items():
        notes = []
        first_load = medians.get((UN_FIRST_LOAD, version))
        if name == UN_REFERENCE:
            notes.append("the reference")
        elif reference and (name == UN_LOADER or name.startswith("un: first load un.yaml")):
            notes.append(f"{t / reference:.1f}x csv.reader, not a target")
        elif name.startswith("un: first load") and reference:
            ratio = t / reference
            verdict = met(ratio <= UN_LOAD_TARGET)
            notes.append(f"<= {UN_LOAD_TARGET:g}x csv.reader: {ratio:.1f}x, {verdict}")
        elif name.startswith("un: warm store: ") and name.endswith(", UN"):
            default = medians.get((un_default_name(name), version))
            if default:
                ratio = t / default
                verdict = met(ratio <= UN_LOOKUP_TARGET)
                notes.append(f"<= {UN_LOOKUP_TARGET:g}x default: {ratio:.2f}x, {verdict}")
        elif name.endswith(", UN, warm store") and first_load:
            ratio = paired_ratio(runs[name, version], runs[UN_FIRST_LOAD, version])
            notes.append(f"<= first load: {ratio:.2f}x, {met(ratio <= 1)}")
        if name != UN_REFERENCE and not name.endswith(", default"):
            peak = runs[name, version].peak_kb * 1024
            notes.append(f"peak < 2 GB: {met(peak < UN_PEAK_TARGET)}")
        out[name, version] = "; ".join(notes)
    return out


def paired_ratio(runs: Case, against: Case) -> float:
    """How long `runs` takes as a share of `against`: the median of each round's own
    ratio when both ran every round (each round runs every case once, so a pair ran
    minutes apart at most, and a machine whose speed drifts over a run moves both
    alike), else the ratio of the medians."""
    if len(runs.times) == len(against.times):
        return statistics.median([t / u for t, u in zip(runs.times, against.times, strict=True)])
    return statistics.median(runs.times) / statistics.median(against.times)


def un_default_name(name: str) -> str:
    """The default-data row a UN look-up row is held to."""
    for command, un_args, default_args in UN_LOOKUPS:
        if name == f"un: warm store: {' '.join([command, *un_args])}, UN":
            return f"un: warm store: {' '.join([command, *default_args])}, default"
    raise KeyError(name)


def un_summary(cases: list[Case], env: Env) -> str:
    """Issue 17's targets on the UN-like set, one line each, for the current version."""
    runs = {c.name: c for c in cases if c.group == "un" and c.version == NOW}

    def median(name: str) -> float | None:
        c = runs.get(name)
        return statistics.median(c.times) if c and c.times else None

    def met(ok: bool) -> str:
        return "met" if ok else "NOT met"

    def why(name: str) -> str:
        c = runs.get(name)
        return (c.failed or c.skipped or "no runs") if c else "not run"

    lines = ["issue 17 targets on the UN-like set:"]
    named = {UN_REFERENCE, UN_FIRST_LOAD}  # the rows a line below speaks of
    reference, first = median(UN_REFERENCE), median(UN_FIRST_LOAD)
    if reference and first:
        ratio = first / reference
        lines.append(
            f"- first load of votes.csv <= {UN_LOAD_TARGET:g}x a csv.reader pass: {ratio:.1f}x "
            f"({fmt_s(first)} / {fmt_s(reference)}), {met(ratio <= UN_LOAD_TARGET)}"
        )
    else:
        lines.append(f"- first load <= {UN_LOAD_TARGET:g}x csv.reader: {why(UN_FIRST_LOAD)}")
    for command, un_args, _ in UN_LOOKUPS:
        name = f"un: warm store: {' '.join([command, *un_args])}, UN"
        t, default = median(name), median(un_default_name(name))
        label = " ".join([command, *un_args])
        named |= {name, un_default_name(name)}
        if t and default:
            ratio = t / default
            lines.append(
                f"- warm {label} <= {UN_LOOKUP_TARGET:g}x default: {ratio:.2f}x "
                f"({fmt_s(t)} / {fmt_s(default)}), {met(ratio <= UN_LOOKUP_TARGET)}"
            )
        else:
            lines.append(f"- warm {label} <= {UN_LOOKUP_TARGET:g}x default: {why(name)}")
    for args in UN_WHOLE:
        name = f"un: {' '.join(args)}, UN, warm store"
        named.add(name)
        t = median(name)
        if t and first:
            ratio = paired_ratio(runs[name], runs[UN_FIRST_LOAD])
            lines.append(
                f"- {' '.join(args)} within the first load: {ratio:.2f}x, the median of "
                f"each round's ({fmt_s(t)} / {fmt_s(first)} in medians), {met(ratio <= 1)}"
            )
        else:
            lines.append(f"- {' '.join(args)} within the first load: {why(name)}")
    timed = [c for c in runs.values() if c.times and c.name != UN_REFERENCE]
    if timed:
        top = max(timed, key=lambda c: c.peak_kb)
        peak = top.peak_kb * 1024
        lines.append(
            f"- peak memory of any command < 2 GB: {peak / 1024**2:,.0f} MB "
            f"({top.name.removeprefix('un: ')}), {met(peak < UN_PEAK_TARGET)}"
        )
    for c in runs.values():
        if c.name not in named and (c.failed or (c.skipped or "").startswith("failed")):
            failure = (c.failed or c.skipped or "").replace(f"{env.work}{os.sep}", "")
            lines.append(f"- {c.name.removeprefix('un: ')}: {failure}")
    return "\n".join(lines)


def table(cases: list[Case], env: Env, versions: list[str]) -> str:
    """One row per case: each version's median (and its ratio to the floor), peak RSS,
    the target's verdict for each version."""
    floor_case = next((c for c in cases if c.group == "floor" and c.times), None)
    floor = statistics.median(floor_case.times) if floor_case else None
    notes = verdicts(cases, env)
    by_name: dict[str, dict[str, Case]] = {}
    for c in cases:
        by_name.setdefault(c.name, {})[c.version] = c
    head = ["case"]
    for v in versions:
        head += [f"median {v}", "x floor", "peak RSS"]
    head.append("target: " + ", then ".join(versions))
    rows = [head]
    for name, runs in by_name.items():
        row = [name]
        verdict = []
        for v in versions:
            one = runs.get(v)
            if one is None:
                row += ["", "", ""]
            elif one.skipped or one.failed or not one.times:
                why = one.skipped or one.failed or "no runs"
                if one.failed or why.startswith("failed"):  # the message goes to the last column
                    verdict.append(why.replace(f"{env.work}{os.sep}", ""))
                    why = "stopped" if "stopped after" in why else "failed"
                row += [why[:24], "", ""]
            else:
                m = statistics.median(one.times)
                row += [
                    fmt_s(m),
                    f"{m / floor:.2f}" if floor else "",
                    f"{one.peak_kb / 1024:,.0f} MB",
                ]
            if (name, v) in notes:
                verdict.append(notes[name, v])
        row.append(" | ".join(verdict))
        rows.append(row)
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = []
    for n, r in enumerate(rows):
        cells = [r[0].ljust(widths[0])] + [r[i].rjust(widths[i]) for i in range(1, len(r) - 1)]
        cells.append(r[-1])
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
        help="where data sets, the store and bytecode go (default: %(default)s)",
    )
    parser.add_argument(
        "--baseline", metavar="REV", help="also run every case with the package at git REV"
    )
    args = parser.parse_args()
    chosen = set(GROUPS) if not args.only else {g.strip() for g in args.only.split(",")}
    unknown = chosen - set(GROUPS)
    if unknown:
        parser.error(f"unknown group(s) {', '.join(sorted(unknown))}; choose from {GROUPS}")
    chosen.add("floor")

    work = args.workdir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    for stale in ("cold", "cache", "cache-base"):
        shutil.rmtree(work / stale, ignore_errors=True)
    now = [sys.executable, "-c", LAUNCH.format("entry")]
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONDONTWRITEBYTECODE", "POSITIONS_DATA", "PYTHONPATH")
    }
    base["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    env = Env(work, sys.executable, base, {})
    for size in SIZES:
        env.files[size] = dataset(env, *size)
    if "un" in chosen:
        env.un = un_dataset(env)
    versions = [Version(NOW, now, {"POSITIONS_CACHE_DIR": str(work / "cache")})]
    if args.baseline:
        versions.append(baseline(env, args.baseline))
    cases = [c for v in versions for c in make_cases(env, v, args.quick) if c.group in chosen]
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
    if env.un:
        with env.un["csv"].open("rb") as f:
            votes = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b"")) - 1
        print(
            f"UN-like set: {votes:,} votes; votes.csv {env.un['csv'].stat().st_size / 1e6:.1f} MB, "
            f"talks.yaml {env.un['header'].stat().st_size / 1e6:.1f} MB, "
            f"un.yaml {env.un['yaml'].stat().st_size / 1e6:.1f} MB"
        )
    print(table(cases, env, [v.name for v in versions]))
    if env.un:
        print()
        print(un_summary(cases, env))


if __name__ == "__main__":
    main()
