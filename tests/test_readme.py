"""The README is a contract: its examples run, its quick start is what CI runs."""

from __future__ import annotations

import doctest
import re

import vpdocs
from tests.conftest import ROOT

README = ROOT / "README.md"


def quick_start_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1]
    block = re.search(r"```(?:sh|bash)?\n(.*?)```", section, re.DOTALL)
    assert block is not None, "the quick start opens with a code block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_two_commands_and_ci_runs_the_second() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()
    assert "vpdocs batch seeds" in commands[0]


def test_readme_examples_run(monkeypatch: object) -> None:
    import os

    os.chdir(ROOT)
    failures, tried = doctest.testfile(
        str(README), module_relative=False, optionflags=doctest.NORMALIZE_WHITESPACE
    )
    assert tried > 5
    assert failures == 0


def test_every_public_name_exists() -> None:
    for name in vpdocs.__all__:
        assert hasattr(vpdocs, name), name


def test_every_public_name_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    for name in vpdocs.__all__:
        if name.endswith("Error") or name.startswith("__"):
            continue
        assert f"`{name}" in text or f"{name}`" in text or f"{name}," in text, name
