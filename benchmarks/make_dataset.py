"""Write a valid synthetic negotiation: N actors x M issues, one position per pair.

    python benchmarks/make_dataset.py 100 1000 -o /tmp/big.yaml     # 100k positions, ~28 MB
    python benchmarks/make_dataset.py 50 200 --shifts 2 --seed 7     # 30k positions, to stdout

Every actor states a position on every issue; `--shifts K` adds K later,
dated positions per pair (its history). The same seed always gives the same
bytes. All text is double-quoted with JSON escapes (valid YAML), so the file
reads the same through PyYAML's pure-Python loader and through libyaml, even
though the text contains `?`, `: `, `#` and non-ASCII letters.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n_actors", type=int, metavar="N_ACTORS")
    parser.add_argument("n_issues", type=int, metavar="N_ISSUES")
    parser.add_argument(
        "--shifts", type=int, default=0, metavar="K", help="extra dated positions per pair"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    args = parser.parse_args(argv)
    if args.n_actors < 1 or args.n_issues < 1 or args.shifts < 0:
        parser.error("N_ACTORS and N_ISSUES must be at least 1, K at least 0")
    if args.n_actors > 1000 or args.n_issues > 10_000:
        parser.error("ids have room for at most 1000 actors and 10000 issues")
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            write(f, args.n_actors, args.n_issues, args.shifts, args.seed)
    else:
        sys.stdout.reconfigure(encoding="utf-8", newline="\n")  # type: ignore[union-attr]
        write(sys.stdout, args.n_actors, args.n_issues, args.shifts, args.seed)


if __name__ == "__main__":
    main()
