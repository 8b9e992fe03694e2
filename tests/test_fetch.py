"""The fetch stage against a real HTTP server on 127.0.0.1 (tests/httpserver.py).

No other host is ever contacted: an autouse fixture makes every name lookup other than
the loopback fail, so a test that strays fails fast instead of reaching the internet.
"""

from __future__ import annotations

import doctest
import hashlib
import importlib
import io
import json
import logging
import multiprocessing
import socket
import time
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

import vpdocs._http
from tests.httpserver import Reply, Request, ScriptedServer, running_server
from vpdocs._http import USER_AGENT, retry_after_seconds
from vpdocs.errors import (
    DocumentNotFoundError,
    FetchError,
    InputError,
    NotAPDFError,
    RobotsDisallowedError,
    VpdocsError,
)
from vpdocs.fetch import FetchResult, OpenData, fetch, fetch_document, fetch_many, is_remote_ref
from vpdocs.settings import Settings

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
PDF_TYPE = {"Content-Type": "application/pdf"}
MakeSettings = Callable[..., Settings]


def pdf_bytes(n: int | str) -> bytes:
    """A small document that starts like a PDF and is distinct per `n`."""
    return f"%PDF-1.4\n% vpdocs test document {n}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".encode()


def pdf_reply(n: int | str, **headers: str) -> Reply:
    return Reply(200, {**PDF_TYPE, **headers}, pdf_bytes(n))


def cached_files(root: Path) -> list[str]:
    """Every file under the cache except lock files, by name."""
    return sorted(p.name for p in root.rglob("*") if p.is_file() and p.suffix != ".lock")


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with running_server() as running:
        yield running


@pytest.fixture
def make_settings(server: ScriptedServer, tmp_path: Path) -> MakeSettings:
    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "docs_url": server.url,
            "opendata_url": f"{server.url}/e/opendata",
            "cache_dir": tmp_path / "cache",
            "backoff": 0.01,
            "max_backoff": 2.0,
            "retries": 3,
            "rate_limit": 1000.0,
            "timeout": 5.0,
        }
        return Settings.resolve({**values, **overrides})

    return make


# -- references ----------------------------------------------------------------------

CASES_REMOTE_REFS = [
    ("2058666", True),
    (" 2058666 ", True),
    ("schv:1813062", True),
    ("SCHV:1813062", True),
    ("https://docs.vlaamsparlement.be/pfile?id=2058666", True),
    ("http://example.org/some.pdf", True),
    ("vraag.pdf", False),
    ("./2058666.pdf", False),
    ("ftp://example.org/some.pdf", False),
    ("schv:abc", False),
    ("", False),
]


@pytest.mark.parametrize(("value", "expected"), CASES_REMOTE_REFS, ids=repr)
def test_is_remote_ref(value: str, expected: bool) -> None:
    assert is_remote_ref(value) is expected


@pytest.mark.parametrize("ref", ["vraag.pdf", "ftp://example.org/x.pdf", "schv:"])
def test_a_non_reference_is_an_input_error(ref: str, make_settings: MakeSettings) -> None:
    with pytest.raises(InputError, match="not a document id"):
        fetch_document(ref, make_settings())


def test_doctests_of_the_value_parsers() -> None:
    for module in (importlib.import_module("vpdocs.fetch"), vpdocs._http):
        result = doctest.testmod(module)
        assert result.attempted > 0
        assert result.failed == 0


# -- fetching a PDF ------------------------------------------------------------------

REF_FORMS = [
    "{id}",
    "{docs}/pfile?id={id}",
    "{docs}/files/pfile?id={id}",
    "https://docs.vlaamsparlement.be/pfile?id={id}",  # the real host maps to docs_url
    "https://docs.vlaamsparlement.be/files/pfile?id={id}",
]


@pytest.mark.parametrize("form", REF_FORMS)
def test_a_pdf_is_fetched_by_pfile_id_and_url(
    form: str, server: ScriptedServer, make_settings: MakeSettings
) -> None:
    server.route("/pfile?id=2058666", pdf_reply(2058666))
    ref = form.format(id=2058666, docs=server.url)

    path = fetch(ref, settings=make_settings())

    assert path.read_bytes() == pdf_bytes(2058666)
    assert [r.path for r in server.requests()] == ["/robots.txt", "/pfile?id=2058666"]


def test_fetch_document_reports_url_hash_and_origin(
    server: ScriptedServer, make_settings: MakeSettings
) -> None:
    server.route("/pfile?id=7", pdf_reply(7))
    settings = make_settings()

    first = fetch_document(7, settings)
    second = fetch_document("7", settings)

    assert first.url == f"{server.url}/pfile?id=7"
    assert first.sha256 == hashlib.sha256(pdf_bytes(7)).hexdigest()
    assert (first.from_cache, second.from_cache) == (False, True)
    assert first.opendata is None
    assert second.path == first.path
    sidecar = json.loads(first.path.with_suffix(".json").read_text())
    assert sidecar["sha256"] == first.sha256
    assert sidecar["size"] == len(pdf_bytes(7))
    assert sidecar["url"] == first.url


def test_requests_name_vpdocs_and_its_version(
    server: ScriptedServer, make_settings: MakeSettings
) -> None:
    server.route("/pfile?id=7", pdf_reply(7))
    fetch(7, settings=make_settings())
    assert f"vpdocs/{vpdocs.__version__} (+https://github.com/vpdocs/vpdocs)" == USER_AGENT
    assert {r.headers["User-Agent"] for r in server.requests()} == {USER_AGENT}


def test_fetch_takes_cache_dir_and_a_settings_dict(
    server: ScriptedServer, make_settings: MakeSettings, tmp_path: Path
) -> None:
    server.route("/pfile?id=7", pdf_reply(7))
    values = make_settings().model_dump()
    path = fetch("7", cache_dir=tmp_path / "elsewhere", settings=values)
    assert path.is_relative_to(tmp_path / "elsewhere")


def test_any_url_serving_a_pdf_works(server: ScriptedServer, make_settings: MakeSettings) -> None:
    server.route("/some/where/report.pdf", pdf_reply("report"))
    fetched = fetch_document(f"{server.url}/some/where/report.pdf", make_settings())
    assert fetched.path.read_bytes() == pdf_bytes("report")
    assert fetched.url == f"{server.url}/some/where/report.pdf"


# -- retries -------------------------------------------------------------------------


def test_503_503_200_succeeds_after_backoff(
    server: ScriptedServer, make_settings: MakeSettings
) -> None:
    server.route("/pfile?id=1", Reply(503), Reply(503), pdf_reply(1))

    path = fetch(1, settings=make_settings(backoff=0.05))

    assert path.read_bytes() == pdf_bytes(1)
    times = [r.time for r in server.requests("/pfile?id=1")]
    assert len(times) == 3
    assert times[1] - times[0] >= 0.045  # backoff 0.05, then 0.1
    assert times[2] - times[1] >= 0.095


def test_retry_after_is_honoured(server: ScriptedServer, make_settings: MakeSettings) -> None:
    server.route("/pfile?id=1", Reply(429, {"Retry-After": "1"}), pdf_reply(1))

    fetch(1, settings=make_settings())

    first, second = (r.time for r in server.requests("/pfile?id=1"))
    assert second - first >= 0.95


CASES_RETRY_AFTER = [
    ("120", 60.0, 60.0),  # capped at max_backoff
    ("3", 60.0, 3.0),
    ("Mon, 01 Jan 2024 00:00:20 GMT", 60.0, 20.0),
    ("Mon, 01 Jan 2024 00:10:00 GMT", 60.0, 60.0),
    ("Sun, 31 Dec 2023 23:59:00 GMT", 60.0, 0.0),  # a date in the past: retry now
    ("", 60.0, None),
    ("tomorrow", 60.0, None),
]


@pytest.mark.parametrize(("header", "cap", "expected"), CASES_RETRY_AFTER, ids=repr)
def test_retry_after_header_values(header: str, cap: float, expected: float | None) -> None:
    now = datetime(2024, 1, 1, tzinfo=UTC)
    assert retry_after_seconds(header, now=now, cap=cap) == expected


def test_404_fails_at_once(server: ScriptedServer, make_settings: MakeSettings) -> None:
    server.route("/pfile?id=404", Reply(404))
    with pytest.raises(DocumentNotFoundError, match="404"):
        fetch(404, settings=make_settings())
    assert len(server.requests("/pfile?id=404")) == 1


def test_other_4xx_fails_at_once_without_retry(
    server: ScriptedServer, make_settings: MakeSettings
) -> None:
    server.route("/pfile?id=403", Reply(403))
    with pytest.raises(FetchError, match="HTTP 403") as caught:
        fetch(403, settings=make_settings())
    assert not isinstance(caught.value, DocumentNotFoundError)
    assert len(server.requests("/pfile?id=403")) == 1


def test_exhausted_retries_name_the_url_and_last_status(
    server: ScriptedServer, make_settings: MakeSettings
) -> None:
    server.route("/pfile?id=5", Reply(500))
    with pytest.raises(FetchError) as caught:
        fetch(5, settings=make_settings(retries=2))
    assert caught.value.source == f"{server.url}/pfile?id=5"
    assert "3 attempts" in caught.value.reason
    assert "HTTP 500" in caught.value.reason
    assert len(server.requests("/pfile?id=5")) == 3


def test_exhausted_retries_on_connection_errors_name_the_exception(
    make_settings: MakeSettings,
) -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens on this port any more
    settings = make_settings(docs_url=f"http://127.0.0.1:{port}", retries=1)
    with pytest.raises(FetchError, match="ConnectError"):
        fetch(1, settings=settings)


# -- the content check ---------------------------------------------------------------


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CASES_NOT_A_PDF = [
    pytest.param(
        Reply(200, {"Content-Type": "text/html; charset=utf-8"}, b"<!DOCTYPE html><p>Oeps</p>"),
        "an HTML page",
        id="html-error-page-with-status-200",
    ),
    pytest.param(
        Reply(200, {"Content-Type": "application/octet-stream"}, b"\n<html><body>x</body></html>"),
        "an HTML page",
        id="html-sniffed-without-html-content-type",
    ),
    pytest.param(
        Reply(200, {"Content-Type": DOCX_TYPE}, _zip("[Content_Types].xml", "word/document.xml")),
        "a Word document (.docx)",
        id="docx",
    ),
    pytest.param(
        Reply(200, {"Content-Type": "application/zip"}, _zip("data.csv")),
        "a ZIP archive",
        id="zip",
    ),
    pytest.param(
        Reply(200, {"Content-Type": "application/msword"}, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" * 8),
        "an old Word document (.doc)",
        id="doc",
    ),
    pytest.param(Reply(200, PDF_TYPE, b""), "an empty body", id="empty-body"),
]


@pytest.mark.parametrize(("reply", "received"), CASES_NOT_A_PDF)
def test_not_a_pdf_is_refused_and_nothing_is_cached(
    reply: Reply, received: str, server: ScriptedServer, make_settings: MakeSettings
) -> None:
    server.route("/pfile?id=9", reply)
    settings = make_settings()

    with pytest.raises(NotAPDFError) as caught:
        fetch(9, settings=settings)

    message = str(caught.value)
    assert caught.value.source == f"{server.url}/pfile?id=9"
    assert f"received {received}" in message
    assert "content type" in message
    assert cached_files(settings.cache_dir) == []
    assert len(server.requests("/pfile?id=9")) == 1  # not retried


def test_the_refusal_shows_the_first_bytes_printably(
    server: ScriptedServer, make_settings: MakeSettings
) -> None:
    server.route("/pfile?id=9", Reply(200, {"Content-Type": "text/html"}, b"<html>\n\x00oops"))
    with pytest.raises(NotAPDFError, match=r"HTML page.*text/html.*<html>\\x0a\\x00oops"):
        fetch(9, settings=make_settings())


# -- interrupted and oversized downloads ---------------------------------------------


def test_a_dropped_connection_is_retried_and_leaves_no_partial_file(
    server: ScriptedServer, make_settings: MakeSettings
) -> None:
    body = pdf_bytes(3) * 50
    server.route("/pfile?id=3", Reply(200, PDF_TYPE, body, drop_after=100))
    settings = make_settings(retries=2)

    with pytest.raises(FetchError, match="3 attempts"):
        fetch(3, settings=settings)

    assert len(server.requests("/pfile?id=3")) == 3
    assert cached_files(settings.cache_dir) == []


def test_a_dropped_connection_then_a_full_body_gives_the_whole_file(
    server: ScriptedServer, make_settings: MakeSettings
) -> None:
    body = pdf_bytes(3) * 50
    server.route(
        "/pfile?id=3", Reply(200, PDF_TYPE, body, drop_after=100), Reply(200, PDF_TYPE, body)
    )
    settings = make_settings()

    path = fetch(3, settings=settings)

    assert path.read_bytes() == body
    assert len(server.requests("/pfile?id=3")) == 2
    assert cached_files(settings.cache_dir) == ["pfile-3.json", "pfile-3.pdf"]


@pytest.mark.parametrize("omit_length", [False, True], ids=["announced", "streamed"])
def test_max_download_bytes_aborts_and_caches_nothing(
    omit_length: bool, server: ScriptedServer, make_settings: MakeSettings
) -> None:
    body = pdf_bytes(4) + b"0" * 5000
    server.route("/pfile?id=4", Reply(200, PDF_TYPE, body, omit_length=omit_length))
    settings = make_settings(max_download_bytes=1000)

    with pytest.raises(FetchError, match="limit of 1000 bytes"):
        fetch(4, settings=settings)

    assert len(server.requests("/pfile?id=4")) == 1
    assert cached_files(settings.cache_dir) == []


# -- the cache -----------------------------------------------------------------------


def test_a_second_fetch_makes_no_request(
    server: ScriptedServer, make_settings: MakeSettings
) -> None:
    server.route("/pfile?id=8", pdf_reply(8))
    settings = make_settings()
    fetch(8, settings=settings)
    vpdocs._http.reset_state()  # even a new process, with no robots.txt in memory

    count = len(server.requests())
    again = fetch_document(f"{server.url}/files/pfile?id=8", settings)

    assert again.from_cache
    assert len(server.requests()) == count


def test_a_stale_entry_is_revalidated_and_a_304_keeps_the_file(
    server: ScriptedServer, make_settings: MakeSettings
) -> None:
    validators = {"ETag": '"v1"', "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"}
    server.route("/pfile?id=6", pdf_reply(6, **validators), Reply(304, validators))
    settings = make_settings(cache_max_age=0)
    first = fetch_document(6, settings)
    sidecar = first.path.with_suffix(".json")
    before = json.loads(sidecar.read_text())["fetched_at"]

    second = fetch_document(6, settings)

    conditional = server.requests("/pfile?id=6")[1].headers
    assert conditional["If-None-Match"] == '"v1"'
    assert conditional["If-Modified-Since"] == "Mon, 01 Jan 2024 00:00:00 GMT"
    assert second.from_cache
    assert second.path.read_bytes() == pdf_bytes(6)
    assert second.sha256 == first.sha256
    assert json.loads(sidecar.read_text())["fetched_at"] > before
    assert cached_files(settings.cache_dir) == ["pfile-6.json", "pfile-6.pdf"]


def test_a_stale_entry_that_changed_is_replaced(
    server: ScriptedServer, make_settings: MakeSettings
) -> None:
    server.route("/pfile?id=6", pdf_reply("old", ETag='"v1"'), pdf_reply("new", ETag='"v2"'))
    settings = make_settings(cache_max_age=0)
    fetch(6, settings=settings)

    second = fetch_document(6, settings)

    assert not second.from_cache
    assert second.path.read_bytes() == pdf_bytes("new")
    assert json.loads(second.path.with_suffix(".json").read_text())["etag"] == '"v2"'


def test_a_damaged_entry_is_downloaded_again(
    server: ScriptedServer, make_settings: MakeSettings
) -> None:
    server.route("/pfile?id=2", pdf_reply(2))
    settings = make_settings()
    path = fetch(2, settings=settings)
    path.write_bytes(b"%PDF-trunc")

    again = fetch_document(2, settings)

    assert not again.from_cache
    assert again.path.read_bytes() == pdf_bytes(2)


def _fetch_in_child(ref: str, settings: dict[str, Any], start: Any, results: Any) -> None:
    start.wait(30)
    try:
        path = fetch(ref, settings=settings)
        results.put(("ok", path.read_bytes()))
    except Exception as exc:
        results.put(("error", repr(exc)))


def test_two_processes_fetching_the_same_id_get_the_same_valid_file(
    server: ScriptedServer, make_settings: MakeSettings
) -> None:
    body = pdf_bytes(11) * 20
    server.route("/pfile?id=11", Reply(200, PDF_TYPE, body, delay=0.3))
    settings = make_settings().model_dump(mode="json")
    context = multiprocessing.get_context("spawn")
    start, results = context.Event(), context.Queue()
    children = [
        context.Process(target=_fetch_in_child, args=("11", settings, start, results))
        for _ in range(2)
    ]
    for child in children:
        child.start()
    start.set()

    outcomes = [results.get(timeout=30) for _ in children]
    for child in children:
        child.join(timeout=10)

    assert outcomes == [("ok", body), ("ok", body)]
    assert len(server.requests("/pfile?id=11")) == 1  # the second waited, then hit the cache
    assert cached_files(Path(settings["cache_dir"])) == ["pfile-11.json", "pfile-11.pdf"]


# -- the open-data service -----------------------------------------------------------

SCHV_JSON: dict[str, Any] = {
    "id": 1813062,
    "titel": "Vraag over het onderwijs",
    "onderwerp": "Leerlingenvervoer",
    "zittingsjaar": "2022-2023",
    "vraagnummer": 512,
    "vraagsteller": {"id": 1, "voornaam": "Jan", "naam": "Peeters"},
    "minister": {"id": 2, "voornaam": "Ben", "naam": "Weyts"},
    "thema": ["Onderwijs", "Mobiliteit"],
    "procedureverloop": [
        {"status": "Vraag gesteld aan de minister", "datum": "2023-03-01T00:00:00+01:00"},
        {"status": "Tijdig beantwoord", "datum": "2023-03-27T00:00:00+02:00"},
        {"status": "Antwoord gepubliceerd", "datum": "2023-04-03T00:00:00+02:00"},
    ],
    "bestand-ordered": [{"URL": "https://docs.vlaamsparlement.be/pfile?id=2058666"}],
    "iets-nieuws": {"genegeerd": True},
}
PAGE = "https://www.vlaamsparlement.be/parlementaire-documenten/schriftelijke-vragen/1813062"


PAGE_FORMS = [PAGE, f"{PAGE}/", "schv:1813062", "schv: 1813062", "{opendata}/schv/1813062"]


@pytest.mark.parametrize("form", PAGE_FORMS)
def test_a_page_is_resolved_through_open_data(
    form: str, server: ScriptedServer, make_settings: MakeSettings
) -> None:
    settings = make_settings()
    ref = form.format(opendata=settings.opendata_url)
    server.route(
        "/e/opendata/schv/1813062",
        Reply(200, {"Content-Type": "application/json"}, json.dumps(SCHV_JSON).encode()),
    )
    server.route("/pfile?id=2058666", pdf_reply(2058666))

    fetched = fetch_document(ref, settings)

    assert fetched.path.read_bytes() == pdf_bytes(2058666)
    assert fetched.url == f"{server.url}/pfile?id=2058666"
    assert server.requests("/e/opendata/schv/1813062")[0].headers["Accept"] == "application/json"
    assert fetched.opendata == OpenData(
        id="1813062",
        title="Vraag over het onderwijs",
        subject="Leerlingenvervoer",
        session_year="2022-2023",
        asked_by="Jan Peeters",
        minister="Ben Weyts",
        themes=["Onderwijs", "Mobiliteit"],
        asked_on=date(2023, 3, 1),
        answered_on=date(2023, 3, 27),
        pdf_url="https://docs.vlaamsparlement.be/pfile?id=2058666",
        page_url=PAGE,
    )


def test_a_resolved_page_is_cached_too(server: ScriptedServer, make_settings: MakeSettings) -> None:
    server.route("/e/opendata/schv/1813062", Reply(200, {}, json.dumps(SCHV_JSON).encode()))
    server.route("/pfile?id=2058666", pdf_reply(2058666))
    settings = make_settings()
    fetch("schv:1813062", settings=settings)
    count = len(server.requests())

    again = fetch_document(PAGE, settings)

    assert len(server.requests()) == count
    assert again.opendata is not None and again.opendata.asked_by == "Jan Peeters"
    sidecar = json.loads((settings.cache_dir / "pdf" / "schv-1813062.json").read_text())
    assert sidecar["opendata"]["vraagnummer"] == 512


def test_an_unknown_page_is_not_found(server: ScriptedServer, make_settings: MakeSettings) -> None:
    with pytest.raises(DocumentNotFoundError):
        fetch("schv:999", settings=make_settings())


def test_a_page_without_a_pdf_is_a_fetch_error(
    server: ScriptedServer, make_settings: MakeSettings
) -> None:
    server.route("/e/opendata/schv/5", Reply(200, {}, json.dumps({"id": 5}).encode()))
    with pytest.raises(FetchError, match="lists no PDF"):
        fetch("schv:5", settings=make_settings())


def test_open_data_that_is_not_json_is_a_fetch_error(
    server: ScriptedServer, make_settings: MakeSettings
) -> None:
    server.route("/e/opendata/schv/5", Reply(200, {"Content-Type": "text/html"}, b"<html>"))
    with pytest.raises(FetchError, match="no JSON"):
        fetch("schv:5", settings=make_settings())


CASES_OPENDATA_TOLERANCE = [
    pytest.param({}, {"id": "42", "themes": [], "asked_on": None, "pdf_url": None}, id="empty"),
    pytest.param(
        {"vraagsteller": "Jan Peeters", "minister": {"naam": "Weyts"}, "thema": "Onderwijs"},
        {"asked_by": "Jan Peeters", "minister": "Weyts", "themes": ["Onderwijs"]},
        id="plain-values-for-nested-fields",
    ),
    pytest.param(
        {"procedureverloop": {"status": "Vraag ingediend", "datum": "2023-01-05"}},
        {"asked_on": date(2023, 1, 5), "answered_on": None},
        id="one-step-as-object-and-plain-date",
    ),
    pytest.param(
        {
            "procedureverloop": [
                {"status": "Niet tijdig beantwoord", "datum": "2023-02-05"},
                {"status": "Laattijdig beantwoord", "datum": "12-03-2023"},
                {"status": "Vraag gesteld", "datum": None},
            ]
        },
        {"asked_on": None, "answered_on": date(2023, 3, 12)},
        id="not-answered-and-dmy-date",
    ),
    pytest.param(
        {
            "bestand-ordered": [
                {
                    "URL": "https://docs.vlaamsparlement.be/pfile?id=2",
                    "bestandsnaam": "bijlage.xlsx",
                },
                {"URL": "https://docs.vlaamsparlement.be/pfile?id=1", "bestandsnaam": "vraag.pdf"},
            ]
        },
        {"pdf_url": "https://docs.vlaamsparlement.be/pfile?id=1"},
        id="annex-listed-first",
    ),
    pytest.param(
        {"titel": None, "onderwerp": 7, "thema": [{"naam": "Wonen"}, None]},
        {"title": None, "subject": "7", "themes": ["Wonen"]},
        id="odd-types",
    ),
]


@pytest.mark.parametrize(("data", "expected"), CASES_OPENDATA_TOLERANCE)
def test_open_data_is_read_tolerantly(data: dict[str, Any], expected: dict[str, Any]) -> None:
    record = OpenData.from_json(data, "42")
    assert {name: getattr(record, name) for name in expected} == expected
    assert record.page_url.endswith("/schriftelijke-vragen/42")


# -- politeness ----------------------------------------------------------------------


def test_the_rate_limit_holds_across_parallel_downloads(
    server: ScriptedServer, make_settings: MakeSettings
) -> None:
    for n in range(10):
        server.route(f"/pfile?id={n}", pdf_reply(n))
    settings = make_settings(rate_limit=5.0, max_parallel_downloads=4)

    results = fetch_many([str(n) for n in range(10)], settings=settings)

    assert all(r.error is None for r in results)
    times = sorted(r.time for r in server.requests())
    assert len(times) == 11  # robots.txt and ten PDFs
    busiest = max(sum(1 for t in times if start <= t < start + 1.0) for start in times)
    assert busiest <= 5 + 1


def test_robots_disallow_raises(server: ScriptedServer, make_settings: MakeSettings) -> None:
    server.route("/robots.txt", Reply(200, {}, b"User-agent: *\nDisallow: /pfile\n"))
    server.route("/pfile?id=1", pdf_reply(1))

    with pytest.raises(RobotsDisallowedError, match=r"robots\.txt"):
        fetch(1, settings=make_settings())

    assert server.requests("/pfile?id=1") == []


def test_robots_for_another_agent_does_not_apply(
    server: ScriptedServer, make_settings: MakeSettings
) -> None:
    server.route("/robots.txt", Reply(200, {}, b"User-agent: otherbot\nDisallow: /\n"))
    server.route("/pfile?id=1", pdf_reply(1))
    assert fetch(1, settings=make_settings()).exists()


def test_ignore_robots_fetches_anyway_and_warns(
    server: ScriptedServer, make_settings: MakeSettings, caplog: pytest.LogCaptureFixture
) -> None:
    server.route("/robots.txt", Reply(200, {}, b"User-agent: *\nDisallow: /\n"))
    server.route("/pfile?id=1", pdf_reply(1))

    with caplog.at_level(logging.WARNING, logger="vpdocs.fetch"):
        path = fetch(1, settings=make_settings(ignore_robots=True))

    assert path.read_bytes() == pdf_bytes(1)
    assert any("ignore_robots" in r.getMessage() for r in caplog.records)
    assert all(r.levelno == logging.WARNING for r in caplog.records)


def test_robots_txt_is_read_once_per_host(
    server: ScriptedServer, make_settings: MakeSettings
) -> None:
    server.route("/robots.txt", Reply(200, {}, b"User-agent: *\nDisallow: /private\n"))
    for n in range(6):
        server.route(f"/pfile?id={n}", pdf_reply(n))
    settings = make_settings()

    fetch(0, settings=settings)
    fetch(1, settings=settings)
    fetch_many([str(n) for n in range(2, 6)], settings=settings)

    assert len(server.requests("/robots.txt")) == 1


def test_a_server_error_on_robots_txt_is_a_fetch_error_and_not_remembered(
    server: ScriptedServer, make_settings: MakeSettings
) -> None:
    server.route("/robots.txt", Reply(503), Reply(404))
    server.route("/pfile?id=1", pdf_reply(1))
    settings = make_settings(retries=0)

    with pytest.raises(FetchError, match=r"robots\.txt"):
        fetch(1, settings=settings)
    assert fetch(1, settings=settings).exists()


def test_no_other_host_is_ever_contacted(make_settings: MakeSettings) -> None:
    settings = make_settings(docs_url="https://docs.vlaamsparlement.be", retries=0)
    with pytest.raises(FetchError, match="ConnectError"):
        fetch(1, settings=settings)


# -- batches -------------------------------------------------------------------------


def test_fetch_many_keeps_going_copies_out_and_reports_each(
    server: ScriptedServer, make_settings: MakeSettings, tmp_path: Path
) -> None:
    server.route("/pfile?id=1", pdf_reply(1))
    server.route("/pfile?id=3", pdf_reply(3))
    server.route("/pfile?id=4", Reply(200, {"Content-Type": "text/html"}, b"<html>"))
    seen: list[FetchResult] = []
    out = tmp_path / "out"

    results = fetch_many(
        [1, "2", "3", "4", "geen-ref", "3"],
        settings=make_settings(max_parallel_downloads=3),
        out_dir=out,
        on_result=seen.append,
    )

    assert [r.ref for r in results] == ["1", "2", "3", "4", "geen-ref", "3"]
    assert sorted(r.ref for r in seen) == sorted(r.ref for r in results)
    assert [type(r.error) for r in results] == [
        type(None),
        DocumentNotFoundError,
        type(None),
        NotAPDFError,
        InputError,
        type(None),
    ]
    assert all(isinstance(r.error, VpdocsError) for r in results if r.fetched is None)
    assert sorted(p.name for p in out.iterdir()) == ["1.pdf", "3.pdf"]
    assert (out / "3.pdf").read_bytes() == pdf_bytes(3)
    assert len(server.requests("/pfile?id=3")) == 1  # the duplicate waited for the first


def test_fetch_many_names_page_refs_by_their_own_id(
    server: ScriptedServer, make_settings: MakeSettings, tmp_path: Path
) -> None:
    server.route("/e/opendata/schv/1813062", Reply(200, {}, json.dumps(SCHV_JSON).encode()))
    server.route("/pfile?id=2058666", pdf_reply(2058666))

    [result] = fetch_many([PAGE], settings=make_settings(), out_dir=tmp_path / "out")

    assert result.fetched is not None and result.fetched.opendata is not None
    assert (tmp_path / "out" / "1813062.pdf").read_bytes() == pdf_bytes(2058666)


def _slow_pdf(request: Request) -> Reply:
    time.sleep(0.3)
    return pdf_reply(request.path.rsplit("=", 1)[1])


def test_fetch_many_runs_downloads_in_parallel(
    server: ScriptedServer, make_settings: MakeSettings
) -> None:
    for n in range(4):
        server.route(f"/pfile?id={n}", _slow_pdf)
    started = time.monotonic()

    results = fetch_many(range(4), settings=make_settings(max_parallel_downloads=4))

    assert all(r.fetched is not None for r in results)
    assert time.monotonic() - started < 0.9  # four 0.3 s downloads at once, not in a row


def test_a_failing_callback_stops_the_batch_without_starting_the_rest(
    server: ScriptedServer, make_settings: MakeSettings
) -> None:
    for n in range(20):
        server.route(f"/pfile?id={n}", _slow_pdf)

    def explode(result: FetchResult) -> None:
        raise RuntimeError("callback failed")

    with pytest.raises(RuntimeError, match="callback failed"):
        fetch_many(range(20), settings=make_settings(max_parallel_downloads=2), on_result=explode)

    assert len(server.requests()) < 10
