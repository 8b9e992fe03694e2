"""Shared fixtures: the annotated documents and their PDF renderings by both producers."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

import pytest

import vpdocs._http
from tests.pdfgen import PRODUCERS, render_tree

ROOT = Path(__file__).resolve().parents[1]
DEVSET = Path(os.environ.get("VPDOCS_DEVSET", ROOT / "tests" / "devset"))
GOLDEN = ROOT / "tests" / "golden"
SEED = ROOT / "seeds" / "sv-352-schooluitval.txt"


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """producer -> a folder with `<stem>.pdf` for every devset and golden document."""
    folders = {}
    for producer in PRODUCERS:
        target = tmp_path_factory.mktemp(f"pdf-{producer}")
        for source in (DEVSET, GOLDEN):
            if source.is_dir():
                render_tree(source, target, producer=producer)
        folders[producer] = target
    return folders


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture(autouse=True)
def only_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test contacts a host other than the loopback: every other name lookup fails.

    Also clears proxy settings and the fetch stage's per-process state (robots.txt,
    rate limits), so tests do not see each other's servers.
    """
    real_getaddrinfo = socket.getaddrinfo

    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in LOOPBACK:
            raise socket.gaierror(f"tests may not contact {name}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)
    vpdocs._http.reset_state()
