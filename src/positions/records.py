"""Making many small records fast: the one speed trick for NamedTuples.

A NamedTuple's constructor is a Python function (it fills in defaults, then calls
tuple.__new__): about 0.3 µs of frame for each record. A roll call makes close to a
million of some records (870k positions read from the store, 870k cells for
compare, 870k parties placed for landing), where that frame is a third of the
time (compare's cells 0.54 -> 0.25 s). `maker(cls)` calls tuple.__new__ directly, in C: every field
given, in order, no default filled in; `shared(cls)` also gives the record made
before for equal fields (landing's parties: 0.9 -> 0.7 s, 84 MB fewer).
tests/test_model.py holds each maker to its class's own constructor.
"""

import functools
from collections.abc import Callable
from typing import Any, TypeVar

R = TypeVar("R", bound=tuple[Any, ...])


def maker(cls: type[R]) -> Callable[[tuple[Any, ...]], R]:
    """`maker(Cell)((actor, position, source, party, conditions)) == Cell(actor, ...)`:
    every field, in the class's order."""
    return functools.partial(tuple.__new__, cls)


class _Shared(dict[tuple[Any, ...], Any]):
    """Records by their fields, each made on its first look-up (`shared`)."""

    def __init__(self, make: Callable[[tuple[Any, ...]], Any]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, fields: tuple[Any, ...]) -> Any:
        made = self[fields] = self._make(fields)
        return made


def shared(cls: type[R]) -> Callable[[tuple[Any, ...]], R]:
    """`maker(cls)`, but fields equal to those of a record made before give that very
    record: for the many records of a few kinds (landing places a roll call's 870k
    parties, 200 actors each at one of five scores and a weight of 1.0), a look-up
    instead of a new record, and a fraction of the memory. Fields must be of their
    annotated types (a bool, not 1), so that equal fields write alike. Each call
    makes its own memo, kept as long as the maker."""
    return _Shared(maker(cls)).__getitem__
