"""The examples in the value parsers' docstrings are tests too."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "vpdocs._amounts",
    "vpdocs._intervals",
    "vpdocs.entities",
    "vpdocs.segment",
    "vpdocs.extract",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(
        importlib.import_module(name), optionflags=doctest.NORMALIZE_WHITESPACE
    )
    assert result.failed == 0
