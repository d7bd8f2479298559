"""Making many small records fast: the one speed trick for NamedTuples.

A NamedTuple's constructor is a Python function (it fills in defaults, then calls
tuple.__new__): about 0.3 µs of frame for each record. A roll call makes close to a
million of some records (870k positions read from the store, 870k cells for
compare, 870k parties placed for landing), where that frame is a third of the
time (compare's cells 0.54 -> 0.25 s). `maker(cls)` calls tuple.__new__ directly, in C: every field
given, in order, no default filled in. tests/test_model.py holds each maker to
its class's own constructor.
"""

import functools
from collections.abc import Callable
from typing import Any, TypeVar

R = TypeVar("R", bound=tuple[Any, ...])


def maker(cls: type[R]) -> Callable[[tuple[Any, ...]], R]:
    """`maker(Cell)((actor, position, source, party, conditions)) == Cell(actor, ...)`:
    every field, in the class's order."""
    return functools.partial(tuple.__new__, cls)
