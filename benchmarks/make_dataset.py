"""Write a valid synthetic negotiation: N actors x M issues, one position per pair.

    python benchmarks/make_dataset.py 100 1000 -o /tmp/big.yaml     # 100k positions, ~28 MB
    python benchmarks/make_dataset.py 50 200 --shifts 2 --seed 7     # 30k positions, to stdout

Every actor states a position on every issue; `--shifts K` adds K later,
dated positions per pair (its history). The same seed always gives the same
bytes. All text is double-quoted with JSON escapes (valid YAML), so the file
reads the same through PyYAML's pure-Python loader and through libyaml, even
though the text contains `?`, `: `, `#` and non-ASCII letters.

`--shape un` writes a roll-call history shaped like the UN General Assembly's
instead (N_ACTORS and N_ISSUES default to 200 and 6000 there):

    python benchmarks/make_dataset.py --shape un -o /tmp/un.yaml      # format 2, one file
    python benchmarks/make_dataset.py --shape un --format csv -o /tmp/un/votes.csv \
        --header /tmp/un/talks.yaml                                   # tidy CSV + header

Countries `c001`.. and roll calls `rc0001`.. (numbered in date order) over
1946-2016; votes yes/abstain/no as support/neutral/oppose, about 60/20/20;
51 founding members, the others joining between 1946 and 1990 (their
`active: {from:}` in YAML), each member absent from a few roll calls, so
that a country votes on about 72.5% of all roll calls: about 870,000 votes
for 200 x 6000. Countries vote partly with one of five blocs, so agreement
is not uniform. `--format csv` writes the tidy table (actor,issue,stance,date:
read alone by `positions --data votes.csv`, its actors and issues named by
their ids); `--header FILE` also writes a format-2 header file naming it,
`positions: {file: votes.csv, defaults: {source: unga}}`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
from collections.abc import Iterator
from typing import TextIO

STANCES = ("strongly_oppose", "oppose", "neutral", "support", "strongly_support")
N_SOURCES = 40

# Enough words, with punctuation YAML cares about, to make summaries of a
# realistic length and mix (summaries of 100-200 characters, like the default
# data's; 100 x 1000 gives about 28 MB).
_VOCABULARY = (
    "the delegation insists that any settlement must include verifiable guarantees "
    "withdrawal of forces ceasefire line monitoring mission sanctions relief phased "
    "timetable referendum sovereignty border crossings prisoners exchange energy "
    "corridor grain exports reconstruction fund frozen assets observers "
    "Zaporizhzhia Kherson Donetsk Luhansk Kyïv Brussels Ankara Genève Ottawa "
    "negotiators deadline talks envoy summit offensive front reparations "
    "demilitarised zone neutrality membership alliance parliament ratification veto "
    "amnesty elections language minorities church airspace ports Black-Sea shipping "
    "insurance"
)
WORDS = _VOCABULARY.split()
PUNCT_TAILS = ("",) * 12 + (",", ",", ";", ":", "?", " #1", " (see: annex)", " — 'not yet'")


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def sentence(rng: random.Random, low: int, high: int) -> str:
    """Words until the text is `low`..`high` characters long, with YAML-hostile marks."""
    target = rng.randint(low, high)
    parts: list[str] = []
    length = 0
    while length < target:
        word = rng.choice(WORDS) + rng.choice(PUNCT_TAILS)
        parts.append(word)
        length += len(word) + 1
    text = " ".join(parts)[:target].rstrip(" ,;:")
    return text[0].upper() + text[1:] + "."


def lines(n_actors: int, n_issues: int, shifts: int, seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    yield f"# Synthetic negotiation: {n_actors} actors x {n_issues} issues, {shifts} shift(s)\n"
    yield f"# per pair, seed {seed}. Made by benchmarks/make_dataset.py.\n"
    yield "format: 1\n"
    yield f"title: {quoted(f'Synthetic negotiation #{seed}: {n_actors} x {n_issues}')}\n"
    yield "\nsources:\n"
    for s in range(N_SOURCES):
        yield f"  src_{s:02d}: {{name: {quoted(f'Wire service {s:02d}: Europe & Asia')}"
        yield f", url: {quoted(f'https://news{s:02d}.example/feed?lang=en#top')}}}\n"
    yield "\nactors:\n"
    for a in range(n_actors):
        name = f"Delegation {a:03d}: Ærøvia-{a}"
        aliases = [f"Capital city {a:03d}", f"Д{a:03d}"]
        yield f"  actor_{a:03d}:\n    name: {quoted(name)}\n"
        yield f"    aliases: [{', '.join(quoted(x) for x in aliases)}]\n"
    yield "\nissues:\n"
    for i in range(n_issues):
        yield f"  issue_{i:04d}:\n"
        yield f"    title: {quoted(f'Issue {i:04d}: ' + sentence(rng, 20, 50))}\n"
        yield f"    question: {quoted('Should ' + sentence(rng, 60, 140)[:-1] + '?')}\n"
    yield "\npositions:\n"
    start = dt.date(2020, 1, 1).toordinal()
    for a in range(n_actors):
        for i in range(n_issues):
            day = start + rng.randrange(0, 1500)
            for _ in range(shifts + 1):
                yield f"  - actor: actor_{a:03d}\n    issue: issue_{i:04d}\n"
                yield f"    stance: {rng.choice(STANCES)}\n"
                yield f"    summary: {quoted(sentence(rng, 100, 200))}\n"
                if rng.random() < 0.1:
                    yield f"    quote: {quoted(sentence(rng, 30, 90))}\n"
                yield f"    source: src_{rng.randrange(N_SOURCES):02d}\n"
                yield f"    date: {dt.date.fromordinal(day).isoformat()}\n"
                day += rng.randint(1, 120)


def write(out: TextIO, n_actors: int, n_issues: int, shifts: int = 0, seed: int = 1) -> None:
    out.writelines(lines(n_actors, n_issues, shifts, seed))


# The UN-like shape (`--shape un`).
UN_FOUNDED = dt.date(1945, 10, 24)  # the founding members' `active: {from:}`
UN_FIRST_YEAR, UN_LAST_YEAR = 1946, 2016
UN_LAST_JOIN = dt.date(1990, 12, 31)  # the others join between 1946 and this day
UN_FOUNDERS = 51
UN_BLOCS = 5
UN_WITH_BLOC = 0.6  # the share of a country's votes cast as its bloc votes
UN_TURNOUT = 0.725  # of all actor x roll-call pairs, the share with a vote
#: A vote, as the tool's stance and the YAML summary; drawn 60/20/20.
UN_VOTES = (("support", "Voted yes"), ("neutral", "Abstained"), ("oppose", "Voted no"))
UN_SOURCE = "unga"
UN_DEFAULT = (200, 6000)


class UnShape:
    """A UN-like roll-call history: who is a member from when, each roll call's date,
    and (drawn as they are read) the votes. The same seed gives the same votes."""

    def __init__(self, n_actors: int, n_issues: int, seed: int) -> None:
        rng = random.Random(seed)
        self.seed = seed
        self.actors = [f"c{a:03d}" for a in range(1, n_actors + 1)]
        self.issues = [f"rc{i:04d}" for i in range(1, n_issues + 1)]
        first, last_join = dt.date(UN_FIRST_YEAR, 1, 1).toordinal(), UN_LAST_JOIN.toordinal()
        self.joins = [
            UN_FOUNDED if a < UN_FOUNDERS else dt.date.fromordinal(rng.randint(first, last_join))
            for a in range(n_actors)
        ]
        self.blocs = [rng.randrange(UN_BLOCS) for _ in range(n_actors)]
        # The General Assembly votes in its autumn session: 15 September to 22 December.
        dates = []
        for _ in range(n_issues):
            year = rng.randint(UN_FIRST_YEAR, UN_LAST_YEAR)
            low, high = dt.date(year, 9, 15).toordinal(), dt.date(year, 12, 22).toordinal()
            dates.append(dt.date.fromordinal(rng.randint(low, high)))
        self.dates = sorted(dates)  # rc0001 is the first roll call
        # Members attend so that UN_TURNOUT of all pairs hold a vote.
        members = sum(1 for d in self.dates for j in self.joins if j <= d)
        self.attend = min(1.0, UN_TURNOUT * n_actors * n_issues / max(members, 1))

    def votes(self) -> Iterator[tuple[str, str, int, str]]:
        """(actor, issue, vote: an index into UN_VOTES, date) by roll call, then actor."""
        rng = random.Random(f"un-votes-{self.seed}")
        rand = rng.random

        def draw() -> int:
            r = rand()
            return 0 if r < 0.6 else 1 if r < 0.8 else 2

        for issue, day in zip(self.issues, self.dates, strict=True):
            bloc_votes = [draw() for _ in range(UN_BLOCS)]
            date = day.isoformat()
            for actor, join, bloc in zip(self.actors, self.joins, self.blocs, strict=True):
                if join > day or rand() >= self.attend:
                    continue
                vote = bloc_votes[bloc] if rand() < UN_WITH_BLOC else draw()
                yield actor, issue, vote, date

    def head(self) -> Iterator[str]:
        """A format-2 file's sections but its positions."""
        n_actors, n_issues = len(self.actors), len(self.issues)
        yield f"# UN-like roll calls: {n_actors} countries x {n_issues} roll calls, "
        yield f"{UN_FIRST_YEAR}-{UN_LAST_YEAR}, seed {self.seed}.\n"
        yield "# Made by benchmarks/make_dataset.py --shape un.\n"
        yield "format: 2\n"
        title = f"UN-like General Assembly roll calls #{self.seed}: {n_actors} x {n_issues}"
        yield f"title: {quoted(title)}\n"
        yield "\nsources:\n"
        name, url = "United Nations General Assembly (synthetic)", "https://digitallibrary.un.org/"
        yield f"  {UN_SOURCE}: {{name: {quoted(name)}, url: {quoted(url)}}}\n"
        yield "\nactors:\n"
        for n, (actor, join) in enumerate(zip(self.actors, self.joins, strict=True), 1):
            name = quoted(f"Country {n:03d}")
            yield f"  {actor}: {{name: {name}, active: {{from: {join.isoformat()}}}}}\n"
        yield "\nissues:\n"
        for n, (issue, day) in enumerate(zip(self.issues, self.dates, strict=True), 1):
            title = quoted(f"Roll call {n:04d}, {day.isoformat()}")
            question = quoted(f"Should the General Assembly adopt the draft of roll call {n:04d}?")
            yield f"  {issue}: {{title: {title}, question: {question}}}\n"

    def yaml(self) -> Iterator[str]:
        """One format-2 file: the positions one flow mapping a line."""
        yield from self.head()
        yield "\npositions:\n"
        for actor, issue, vote, date in self.votes():
            stance, summary = UN_VOTES[vote]
            yield (
                f"  - {{actor: {actor}, issue: {issue}, stance: {stance}, "
                f"summary: {quoted(summary)}, source: {UN_SOURCE}, date: {date}}}\n"
            )

    def header(self, csv_name: str) -> Iterator[str]:
        """A format-2 header file taking its positions from the table `csv_name`."""
        yield from self.head()
        yield f"\npositions: {{file: {quoted(csv_name)}, defaults: {{source: {UN_SOURCE}}}}}\n"

    def csv(self) -> Iterator[str]:
        """The tidy table: actor,issue,stance,date."""
        yield "actor,issue,stance,date\n"
        for actor, issue, vote, date in self.votes():
            yield f"{actor},{issue},{UN_VOTES[vote][0]},{date}\n"


def _open_out(path: str | None) -> TextIO:
    if path is None:
        sys.stdout.reconfigure(encoding="utf-8", newline="\n")  # type: ignore[union-attr]
        return sys.stdout
    return open(path, "w", encoding="utf-8", newline="\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n_actors", type=int, nargs="?", metavar="N_ACTORS")
    parser.add_argument("n_issues", type=int, nargs="?", metavar="N_ISSUES")
    parser.add_argument(
        "--shifts", type=int, default=0, metavar="K", help="extra dated positions per pair"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.add_argument(
        "--shape",
        choices=("negotiation", "un"),
        default="negotiation",
        help="negotiation (default): every actor on every issue, with summaries; "
        "un: UN-like roll calls (200 x 6000 unless given)",
    )
    parser.add_argument(
        "--format",
        choices=("yaml", "csv"),
        default="yaml",
        help="--shape un only: one YAML file (default), or the tidy CSV table",
    )
    parser.add_argument(
        "--header",
        metavar="YAML",
        help="--format csv with -o: also write a format-2 header file naming the table "
        "(the table must be in its directory or below)",
    )
    args = parser.parse_args(argv)
    for path in (args.output, args.header):
        folder = os.path.dirname(os.path.abspath(path)) if path else None
        if folder and not os.path.isdir(folder):
            parser.error(f"no such directory: {folder}")
    if args.shape == "un":
        n_actors = UN_DEFAULT[0] if args.n_actors is None else args.n_actors
        n_issues = UN_DEFAULT[1] if args.n_issues is None else args.n_issues
        if args.shifts:
            parser.error("--shifts is for the negotiation shape")
        if n_actors < 1 or n_issues < 1 or n_actors > 999 or n_issues > 9999:
            parser.error("--shape un: ids have room for 1-999 actors and 1-9999 roll calls")
    else:
        n_actors, n_issues = args.n_actors, args.n_issues
        if n_actors is None or n_issues is None:
            parser.error("N_ACTORS and N_ISSUES are required (but with --shape un)")
        if args.format != "yaml" or args.header:
            parser.error("--format csv and --header are for --shape un")
        if n_actors < 1 or n_issues < 1 or args.shifts < 0:
            parser.error("N_ACTORS and N_ISSUES must be at least 1, K at least 0")
        if n_actors > 1000 or n_issues > 10_000:
            parser.error("ids have room for at most 1000 actors and 10000 issues")
        out = _open_out(args.output)
        try:
            write(out, n_actors, n_issues, args.shifts, args.seed)
        finally:
            if out is not sys.stdout:
                out.close()
        return
    if args.header and (args.format != "csv" or not args.output):
        parser.error("--header needs --format csv and -o TABLE")
    shape = UnShape(n_actors, n_issues, args.seed)
    if args.header:
        here = os.path.dirname(os.path.abspath(args.header))
        table = os.path.relpath(os.path.abspath(args.output), here)
        if table.startswith(os.pardir):
            parser.error("the table must be in the header file's directory or below")
        with _open_out(args.header) as out:
            out.writelines(shape.header(table.replace(os.sep, "/")))
    out = _open_out(args.output)
    try:
        out.writelines(shape.csv() if args.format == "csv" else shape.yaml())
    finally:
        if out is not sys.stdout:
            out.close()


if __name__ == "__main__":
    main()
