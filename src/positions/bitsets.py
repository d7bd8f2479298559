"""The agreement of every pair when every issue weighs the same: by bit sets.

`analysis.agreement_matrix` defines agreement as 1 - sum(w |a - b|) / (4 sum(w)) over
the issues both have stated. With every weight 1 (no salience, or `--unweighted`),
both sums are whole numbers: the number of shared issues, and the sum of the score
differences. Here each actor's issues at each score are one Python int used as a bit
set, so a pair costs twenty AND-and-popcounts of 6,000-bit ints instead of a loop
over its issues: 200 actors x 6,000 roll calls in under a second instead of a
minute. The numbers are exactly those of the loop (sums of small whole numbers are
exact in floating point), which tests/test_agreement.py holds it to.
"""

from collections.abc import Iterable, Mapping, Sequence

SCORES = (-2, -1, 0, 1, 2)
#: Every pair of different scores and how far apart they are.
_APART = tuple((s, t, abs(s - t)) for s in SCORES for t in SCORES if s != t)


def sums(
    stated: Iterable[tuple[str, str, int]], order: Sequence[str], issues: Sequence[str]
) -> dict[tuple[str, str], tuple[int, int]]:
    """For each pair (a, b) of `order` with a not after b: (the sum of |a - b| over the
    issues both stated, the number of those issues); `stated` gives each actor's score
    on an issue, once a pair, for actors of `order` and issues of `issues`."""
    index = {issue: i for i, issue in enumerate(issues)}
    width = (len(index) + 7) // 8
    rows = {actor: {s: bytearray(width) for s in SCORES} for actor in order}
    for actor, issue, score in stated:
        i = index[issue]
        rows[actor][score][i >> 3] |= 1 << (i & 7)
    sets = {a: {s: int.from_bytes(row, "little") for s, row in r.items()} for a, r in rows.items()}
    anything = {actor: _union(sets[actor]) for actor in order}
    result: dict[tuple[str, str], tuple[int, int]] = {}
    for i, a in enumerate(order):
        mine, any_a = sets[a], anything[a]
        for b in order[i:]:
            theirs = sets[b]
            shared = (any_a & anything[b]).bit_count()
            total = 0
            if shared:
                for s, t, apart in _APART:
                    total += apart * (mine[s] & theirs[t]).bit_count()
            result[a, b] = (total, shared)
    return result


def _union(by_score: Mapping[int, int]) -> int:
    found = 0
    for bits in by_score.values():
        found |= bits
    return found
