"""The reader sandbox's restricted unpickler and Python 3.11.2's enum pickles (``getattr(EnumClass, "NAME")``)."""

from __future__ import annotations

import enum
import pickle

import pytest

from examiner_app.extraction.sandbox import _RestrictedUnpickler


class Colour(enum.Enum):
    RED = "red"


class _ByName:
    def __init__(self, target: object, name: str) -> None:
        self.target, self.name = target, name

    def __reduce__(self) -> tuple[object, tuple[object, str]]:
        return getattr, (self.target, self.name)  # the form Debian's Python 3.11.2 writes for an Enum member


ALLOWED = frozenset({(Colour.__module__, Colour.__qualname__)})


def test_an_allowed_enum_member_pickled_by_name_is_rebuilt() -> None:
    data = pickle.dumps(_ByName(Colour, "RED"))
    assert _RestrictedUnpickler(data, ALLOWED).load() is Colour.RED
    assert _RestrictedUnpickler(pickle.dumps(Colour.RED), ALLOWED).load() is Colour.RED  # this Python's own form


@pytest.mark.parametrize(
    ("target", "name"),
    [(Colour, "__class__"), (Colour, "_missing_"), (dict, "fromkeys")],
)
def test_any_other_attribute_lookup_is_refused(target: object, name: str) -> None:
    with pytest.raises(pickle.UnpicklingError):
        _RestrictedUnpickler(pickle.dumps(_ByName(target, name)), ALLOWED).load()
