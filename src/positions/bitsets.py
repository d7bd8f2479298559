"""The agreement of every pair when every issue weighs the same: by bit sets.

`analysis.agreement_matrix` defines agreement as 1 - sum(w |a - b|) / (4 sum(w)) over
the issues both have stated. With every weight 1 (no salience, or `--unweighted`),
both sums are whole numbers: the number of shared issues, and the sum of the score
differences. Here an actor's stated issues are one Python int used as a bit set, and
so are, for each of the four steps between the five scores, its issues above that
step: |a - b| is the number of steps between two scores, so a pair costs one AND and
four XOR-AND-and-popcounts of 6,000-bit ints instead of a loop over its issues: 200
actors x 6,000 roll calls in under a second instead of a minute. The numbers are
exactly those of the loop (sums of small whole numbers are exact in floating point),
which tests/test_agreement.py holds it to.
"""

from collections.abc import Iterable, Sequence

SCORES = (-2, -1, 0, 1, 2)
#: The steps between scores, each as the lowest score above it.
_STEPS = SCORES[1:]


def sums(
    stated: Iterable[tuple[str, str, int]], order: Sequence[str], issues: Sequence[str]
) -> dict[tuple[str, str], tuple[int, int]]:
    """For each pair (a, b) of `order` with a not after b: (the sum of |a - b| over the
    issues both stated, the number of those issues); `stated` gives each actor's score
    on an issue, once a pair, for actors of `order` and issues of `issues`."""
    index = {issue: i for i, issue in enumerate(issues)}
    # Each actor's row: a byte an issue, its score + 3 (0 unstated), set once a pair;
    # then its bit sets read from the row whole, in C (`_bit_set`).
    rows = {actor: bytearray(len(index)) for actor in order}
    for actor, issue, score in stated:
        rows[actor][index[issue]] = score + 3
    anything = {a: _bit_set(row, _STATED) for a, row in rows.items()}
    above = {a: [_bit_set(row, _ABOVE[step]) for step in _STEPS] for a, row in rows.items()}
    result: dict[tuple[str, str], tuple[int, int]] = {}
    for i, a in enumerate(order):
        mine, any_a = above[a], anything[a]
        for b in order[i:]:
            both = any_a & anything[b]
            total = 0
            if both:
                # The steps between a's and b's scores on each issue both stated.
                for x, y in zip(mine, above[b], strict=True):
                    total += ((x ^ y) & both).bit_count()
            result[a, b] = (total, both.bit_count())
    return result


def _digits(ones: Iterable[int]) -> bytes:
    """The table that makes a row's byte "1" where it is in `ones`, else "0"."""
    chosen = set(ones)
    return bytes(b"1"[0] if n in chosen else b"0"[0] for n in range(256))


#: A row's stated bytes, and for each step its bytes of a score above it.
_STATED = _digits(s + 3 for s in SCORES)
_ABOVE = {step: _digits(s + 3 for s in SCORES if s >= step) for step in _STEPS}


def _bit_set(row: bytearray, digits: bytes) -> int:
    """The issues whose byte in an actor's row `digits` makes "1", as an int, bit i for
    issue i: the row as binary digits, issue 0 the last (least significant)."""
    return int(row.translate(digits)[::-1], 2) if row else 0
