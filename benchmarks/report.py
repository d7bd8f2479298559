"""The HTML report at scale (issue 18): its size, the time to write it, and the time
headless Chromium takes to load and paint it, against an empty page.

    .venv/bin/python benchmarks/report.py                  # the UN-like set, ~2 minutes
    .venv/bin/python benchmarks/report.py --data FILE      # any data file

The UN-like set (make_dataset.py --shape un: 200 countries, 6,000 roll calls,
about 870,000 votes, as a header file and a CSV) is made under --workdir, its
store warmed by one look-up, then the report is exported twice. Chromium
(`chromium`, Debian's package) loads the page and takes a screenshot, in turns
with about:blank, REPEATS times: the paint time is the median difference. The
targets: under 15 MB, painted within 5 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPEATS = 3
SIZE_TARGET = 15_000_000
PAINT_TARGET = 5.0


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="a data file (default: the UN-like set)")
    parser.add_argument("--workdir", type=Path, help="where data, store and pages go")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("benchmarks/report.py needs chromium (Debian: apt-get install chromium)")
        return 1
    work = args.workdir or Path(tempfile.mkdtemp(prefix="positions-report-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "POSITIONS_CACHE_DIR": str(work / "store"), "POSITIONS_NO_PROGRESS": "1"}
    positions = str(Path(sys.executable).with_name("positions"))
    data = args.data
    if data is None:
        data = work / "un.yaml"
        if not data.exists():
            subprocess.run(
                [
                    sys.executable,
                    str(HERE / "make_dataset.py"),
                    "--shape",
                    "un",
                    "--format",
                    "csv",
                    "-o",
                    str(work / "votes.csv"),
                    "--header",
                    str(data),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
    timed([positions, "--data", str(data), "issues"], env)  # the store, made once
    page = work / "report.html"
    export = [positions, "--data", str(data), "export", "-f", "html", "-o", str(page), "--force"]
    writes = [timed(export, env) for _ in range(2)]
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--window-size=1200,2000",
        f"--user-data-dir={work / 'profile'}",
    ]
    shot = f"--screenshot={work / 'shot.png'}"
    loads, blanks = [], []
    for _ in range(REPEATS):
        loads.append(timed([chromium, *flags, shot, page.as_uri()], env))
        blanks.append(timed([chromium, *flags, shot, "about:blank"], env))
    paint = statistics.median(a - b for a, b in zip(loads, blanks, strict=True))
    size = page.stat().st_size
    print(f"data                 {data}")
    print(
        f"page                 {size / 1e6:.1f} MB (target under {SIZE_TARGET / 1e6:.0f} MB)"
        f"  {'met' if size < SIZE_TARGET else 'NOT met'}"
    )
    print(f"export html, warm    {min(writes):.1f} s (best of 2)")
    print(
        f"load and paint       {paint:.2f} s over about:blank (median of {REPEATS}; "
        f"page {statistics.median(loads):.2f} s, blank {statistics.median(blanks):.2f} s; "
        f"target {PAINT_TARGET:.0f} s)  {'met' if paint <= PAINT_TARGET else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
