"""Fetch and parse end to end: a real HTTP server on 127.0.0.1 serves the seed's PDF."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import vpdocs
from tests.conftest import SEED
from tests.httpserver import Reply, ScriptedServer, running_server
from vpdocs.cli import main

RENDERED = SEED.with_name("sv-352-schooluitval.rendered.pdf")
PDF = {"Content-Type": "application/pdf"}
SCHV = {
    "id": 1813062,
    "titel": "Provinciale netwerken Samen tegen Schooluitval - Stand van zaken",
    "vraagsteller": {"voornaam": "Emine Gül", "naam": "Isci"},
    "minister": {"voornaam": "Ben", "naam": "Weyts"},
    "thema": ["Onderwijs en Vorming"],
    "procedureverloop": [
        {"status": "Vraag gesteld aan de minister", "datum": "2024-03-15T00:00:00+01:00"},
        {"status": "Tijdig beantwoord", "datum": "2024-04-17T00:00:00+02:00"},
    ],
    "bestand-ordered": [{"URL": "https://docs.vlaamsparlement.be/pfile?id=2058666"}],
}


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with running_server() as running:
        running.route("/pfile?id=2058666", Reply(200, PDF, RENDERED.read_bytes()))
        running.route(
            "/e/opendata/schv/1813062",
            Reply(200, {"Content-Type": "application/json"}, json.dumps(SCHV).encode()),
        )
        yield running


@pytest.fixture
def settings(
    server: ScriptedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> dict[str, Any]:
    values = {
        "docs_url": server.url,
        "opendata_url": f"{server.url}/e/opendata",
        "cache_dir": str(tmp_path / "cache"),
        "backoff": 0.01,
        "rate_limit": 1000.0,
    }
    for key, value in values.items():
        monkeypatch.setenv(f"VPDOCS_{key.upper()}", str(value))
    return values


def content(record: vpdocs.WrittenQuestion) -> dict[str, Any]:
    data = record.model_dump(mode="json")
    data.pop("source")
    return data


def test_an_id_is_fetched_and_parsed_into_the_local_files_record(
    settings: dict[str, Any], server: ScriptedServer
) -> None:
    fetched = vpdocs.parse("2058666", settings=settings)
    local = vpdocs.parse(RENDERED)
    assert content(fetched) == content(local)
    assert fetched.source.url == f"{server.url}/pfile?id=2058666"
    assert fetched.source.sha256 == local.source.sha256


def test_a_page_url_brings_the_open_data_onto_the_record(settings: dict[str, Any]) -> None:
    record = vpdocs.parse(
        "https://www.vlaamsparlement.be/parlementaire-documenten/schriftelijke-vragen/1813062",
        settings=settings,
    )
    assert record.number == 352
    assert record.theme == "Onderwijs en Vorming"  # not printed in the PDF
    assert record.source.opendata_id == "1813062"
    assert record.source.answered_on == date(2024, 4, 17)
    assert record.source.page_url is not None and record.source.page_url.endswith("/1813062")


def test_the_cli_parses_an_id(
    settings: dict[str, Any], server: ScriptedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", "2058666"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["number"] == 352 and len(record["answers"]) == 7
    assert main(["parse", "2058666"]) == 0  # from the cache: no second download
    assert len(server.requests("/pfile?id=2058666")) == 1


def test_the_cli_fetches_into_a_folder(
    settings: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["fetch", "2058666", "schv:1813062", "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "2058666.pdf").read_bytes() == RENDERED.read_bytes()
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 2


def test_a_missing_document_fails_with_the_right_error(settings: dict[str, Any]) -> None:
    with pytest.raises(vpdocs.DocumentNotFoundError):
        vpdocs.parse("999", settings=settings)
