"""The fetch stage: a document reference in, a checked PDF in the local cache out.

1. Read the reference (`_parse_ref`): a pfile id or URL, a written question's page id or
   URL (`schv:ID`), or any other http(s) URL.
2. A page is resolved through the parliament's open-data service (`{opendata_url}/schv/ID`)
   to its PDF URL and the metadata the PDF lacks (`OpenData`).
3. A fresh cache entry is returned at once: no request at all, not even robots.txt.
4. Otherwise, holding the entry's file lock: robots.txt, a (conditional) download into a
   temporary file beside the entry, the content check (`%PDF-`), then `os.replace` into
   place and an atomically written JSON sidecar.

All network traffic goes through `vpdocs._http` (one seam, rate limit, retries, robots).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urldefrag, urljoin, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from filelock import FileLock, Timeout
from pydantic import BaseModel, ConfigDict

from vpdocs._http import AtomicFile, HttpSession, Reply, check_pdf, printable, read_json, write_json
from vpdocs.errors import FetchError, InputError, VpdocsError
from vpdocs.settings import Settings

__all__ = [
    "FetchResult",
    "Fetched",
    "OpenData",
    "fetch",
    "fetch_document",
    "fetch_many",
    "is_remote_ref",
]

logger = logging.getLogger("vpdocs.fetch")

PAGE_URL = "https://www.vlaamsparlement.be/parlementaire-documenten/schriftelijke-vragen/{id}"
_DOCS_HOST = "docs.vlaamsparlement.be"
_CACHE_SUBDIR = "pdf"
_LOCK_TIMEOUT = 3600.0
_OPENDATA_MAX_BYTES = 10 * 1024 * 1024

_DIGITS = re.compile(r"[0-9]+")
_SCHV_REF = re.compile(r"schv:\s*([0-9]+)", re.IGNORECASE)
_PAGE_PATH = re.compile(r"/(?:schriftelijke-vragen|opendata/schv)/([0-9]+)(?:/[^/]*)?/?$")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DMY_DATE = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})")


# -- open-data metadata --------------------------------------------------------------


class OpenData(BaseModel):
    """What the open-data service says about a written question (fields it lacks: None)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str
    title: str | None = None
    subject: str | None = None
    session_year: str | None = None
    asked_by: str | None = None
    minister: str | None = None
    themes: list[str] = []
    asked_on: date | None = None
    answered_on: date | None = None
    pdf_url: str | None = None
    page_url: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any], page_id: str) -> OpenData:
        """Read the `/schv/{id}` JSON tolerantly: unknown fields ignored, missing ones None."""
        asked_on, answered_on = _procedure_dates(data.get("procedureverloop"))
        return cls(
            id=_text(data.get("id")) or page_id,
            title=_text(data.get("titel")),
            subject=_text(data.get("onderwerp")),
            session_year=_text(data.get("zittingsjaar")),
            asked_by=_person_name(data.get("vraagsteller")),
            minister=_person_name(data.get("minister")),
            themes=[t for t in (_theme(item) for item in _as_list(data.get("thema"))) if t],
            asked_on=asked_on,
            answered_on=answered_on,
            pdf_url=_first_pdf_url(data.get("bestand-ordered")),
            page_url=PAGE_URL.format(id=page_id),
        )


def _text(value: object) -> str | None:
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _as_list(value: object) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _person_name(value: object) -> str | None:
    """`{"voornaam": "Jan", "naam": "Peeters"}` → "Jan Peeters"; a plain string as is."""
    if not isinstance(value, dict):
        return _text(value)
    parts = [_text(value.get("voornaam")), _text(value.get("naam"))]
    return " ".join(part for part in parts if part) or None


def _theme(value: object) -> str | None:
    if isinstance(value, dict):
        return _text(value.get("naam") or value.get("titel") or value.get("omschrijving"))
    return _text(value)


def _first_pdf_url(value: object) -> str | None:
    """The first `URL` in `bestand-ordered`, preferring files not named as something else."""
    urls: list[tuple[str, str]] = []
    for item in _as_list(value):
        if isinstance(item, dict):
            url = _text(item.get("URL") or item.get("url"))
            name = _text(item.get("bestandsnaam") or item.get("naam")) or ""
            if url:
                urls.append((url, name.lower()))
    for url, name in urls:
        if not re.search(r"\.(docx?|xlsx?|pptx?|zip|csv)$", name):
            return url
    return urls[0][0] if urls else None


def _status_kind(status: str) -> str | None:
    """Classify a procedureverloop status: "answered", "asked" or None.

    >>> _status_kind("Vraag gesteld aan de minister"), _status_kind("Tijdig beantwoord")
    ('asked', 'answered')
    >>> _status_kind("Niet beantwoord") is None, _status_kind("Vraag ingediend")
    (True, 'asked')
    """
    text = status.casefold()
    if "antwoord" in text:
        return None if re.search(r"\bniet\b|\bnog\b", text) else "answered"
    if "vraag" in text or "ingediend" in text or "gesteld" in text:
        return "asked"
    return None


def _procedure_dates(value: object) -> tuple[date | None, date | None]:
    """The earliest "asked" and earliest "answered" date in procedureverloop."""
    found: dict[str, list[date]] = {"asked": [], "answered": []}
    for step in _as_list(value):
        if not isinstance(step, dict):
            continue
        status = step.get("status")
        if isinstance(status, dict):
            status = status.get("naam") or status.get("omschrijving")
        kind = _status_kind(_text(status) or "")
        when = _parse_date(step.get("datum"))
        if kind and when:
            found[kind].append(when)
    return min(found["asked"], default=None), min(found["answered"], default=None)


def _brussels() -> tzinfo:
    try:
        return ZoneInfo("Europe/Brussels")
    except ZoneInfoNotFoundError:
        return UTC


def _parse_date(value: object) -> date | None:
    """A date as the service writes it (ISO date or datetime, d-m-Y, epoch ms), in Brussels.

    >>> _parse_date("2023-10-12T00:00:00+02:00"), _parse_date("2023-10-11T22:00:00Z")
    (datetime.date(2023, 10, 12), datetime.date(2023, 10, 12))
    >>> _parse_date("12/10/2023"), _parse_date("later"), _parse_date(None)
    (datetime.date(2023, 10, 12), None, None)
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, _brussels()).date()
        except (OverflowError, OSError, ValueError):
            return None
    text = _text(value)
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return _date_from_pattern(text)
    return moment.astimezone(_brussels()).date() if moment.tzinfo else moment.date()


def _date_from_pattern(text: str) -> date | None:
    try:
        if match := _ISO_DATE.match(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DMY_DATE.match(text):
            return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None
    return None


# -- references ----------------------------------------------------------------------


@dataclass(frozen=True)
class _PfileRef:
    id: str


@dataclass(frozen=True)
class _PageRef:
    id: str


@dataclass(frozen=True)
class _UrlRef:
    url: str


_Ref = _PfileRef | _PageRef | _UrlRef


def is_remote_ref(value: str) -> bool:
    """True for what `fetch` downloads: a number, `schv:ID`, or an http(s) URL.

    >>> [is_remote_ref(v) for v in ("2058666", "schv:1813062", "https://x.be/a.pdf")]
    [True, True, True]
    >>> [is_remote_ref(v) for v in ("vraag.pdf", "ftp://x.be/a.pdf", "", "12a")]
    [False, False, False, False]
    """
    text = value.strip()
    if _DIGITS.fullmatch(text) or _SCHV_REF.fullmatch(text):
        return True
    parts = urlsplit(text)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _parse_ref(value: str, settings: Settings) -> _Ref:
    text = value.strip()
    if _DIGITS.fullmatch(text):
        return _PfileRef(text.lstrip("0") or "0")
    if match := _SCHV_REF.fullmatch(text):
        return _PageRef(match[1])
    if not is_remote_ref(text):
        raise InputError(value, "not a document id, a schv:ID reference or an http(s) URL")
    parts = urlsplit(text)
    if page := _PAGE_PATH.search(parts.path):
        return _PageRef(page[1])
    if (pfile := _pfile_id(text, settings)) is not None:
        return _PfileRef(pfile)
    return _UrlRef(urldefrag(text).url)


def _pfile_id(url: str, settings: Settings) -> str | None:
    """The id of a `.../pfile?id=N` URL on the documents host (real or configured)."""
    parts = urlsplit(url)
    docs_hosts = {_DOCS_HOST, urlsplit(settings.docs_url).netloc.lower()}
    if parts.netloc.lower() not in docs_hosts or not parts.path.rstrip("/").endswith("/pfile"):
        return None
    ids = parse_qs(parts.query).get("id", [])
    return ids[0] if len(ids) == 1 and _DIGITS.fullmatch(ids[0]) else None


def _target(ref: _PfileRef | _UrlRef, settings: Settings) -> tuple[str, str]:
    """(URL to download, cache key) of a PDF reference."""
    if isinstance(ref, _PfileRef):
        return f"{settings.docs_url}/pfile?id={ref.id}", f"pfile-{ref.id}"
    return ref.url, _url_key(ref.url)


def _url_key(url: str) -> str:
    return "url-" + hashlib.sha256(url.encode()).hexdigest()[:24]


def _out_name(ref: _Ref) -> str:
    """The file name in `fetch_many`'s out_dir: the id the user gave, or the URL's key."""
    return _url_key(ref.url) if isinstance(ref, _UrlRef) else ref.id


# -- the cache -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    """One cache entry: `<key>.pdf`, its `<key>.json` sidecar and `<key>.lock`."""

    folder: Path
    key: str

    @property
    def pdf(self) -> Path:
        return self.folder / f"{self.key}.pdf"

    @property
    def meta(self) -> Path:
        return self.folder / f"{self.key}.json"

    def lock(self) -> FileLock:
        self.folder.mkdir(parents=True, exist_ok=True)
        return FileLock(self.folder / f"{self.key}.lock", timeout=_LOCK_TIMEOUT)


def _is_fresh(meta: Mapping[str, Any], settings: Settings) -> bool:
    fetched_at = meta.get("fetched_at")
    if not isinstance(fetched_at, (int, float)):
        return False
    return time.time() - fetched_at < settings.cache_max_age


def _intact_meta(entry: _Entry) -> dict[str, Any] | None:
    """The sidecar of an entry whose PDF is present with the recorded size, else None."""
    meta = read_json(entry.meta)
    if meta is None or not isinstance(meta.get("sha256"), str):
        return None
    try:
        size = entry.pdf.stat().st_size
    except OSError:
        return None
    return meta if size == meta.get("size") else None


# -- downloading ---------------------------------------------------------------------


@dataclass(frozen=True)
class Fetched:
    """A PDF in the cache: where, from which URL, its hash, and open-data metadata if any.

    `from_cache` is True when the PDF bytes were not downloaded (a fresh hit or a 304).
    """

    path: Path
    url: str
    sha256: str
    opendata: OpenData | None
    from_cache: bool


@dataclass(frozen=True)
class _Stored:
    path: Path
    sha256: str
    from_cache: bool


def _fresh_pdf(entry: _Entry, settings: Settings) -> _Stored | None:
    meta = _intact_meta(entry)
    if meta is None or not _is_fresh(meta, settings):
        return None
    return _Stored(entry.pdf, meta["sha256"], from_cache=True)


def _get_pdf(url: str, entry: _Entry, session: HttpSession) -> _Stored:
    """The cached PDF of `url`: a fresh hit without any request, else download or revalidate."""
    if hit := _fresh_pdf(entry, session.settings):
        return hit
    with entry.lock():
        if hit := _fresh_pdf(entry, session.settings):
            return hit  # another process or thread fetched it while we waited
        session.check_robots(url)
        return _download_pdf(url, entry, session)


def _download_pdf(url: str, entry: _Entry, session: HttpSession) -> _Stored:
    old = _intact_meta(entry)
    with AtomicFile(entry.pdf) as part:
        reply = session.get(url, part.file, headers=_validators(old))
        if reply.status == 304:
            if old is None:
                raise FetchError(url, "the server answered 304 Not Modified to a plain request")
            return _revalidated(entry, old)
        part.file.flush()
        check_pdf(url, reply, part.path)
        part.file.seek(0)
        sha256 = hashlib.file_digest(part.file, "sha256").hexdigest()
        part.commit()
    write_json(entry.meta, _pdf_meta(url, reply, sha256))
    return _Stored(entry.pdf, sha256, from_cache=False)


def _validators(meta: Mapping[str, Any] | None) -> dict[str, str]:
    """Conditional-request headers from a stale entry's sidecar."""
    headers: dict[str, str] = {}
    if meta and meta.get("etag"):
        headers["If-None-Match"] = str(meta["etag"])
    if meta and meta.get("last_modified"):
        headers["If-Modified-Since"] = str(meta["last_modified"])
    return headers


def _revalidated(entry: _Entry, old: Mapping[str, Any]) -> _Stored:
    """A 304: keep the file, refresh its timestamp."""
    write_json(entry.meta, {**old, "fetched_at": time.time()})
    os.utime(entry.pdf)
    logger.debug("%s: not modified, cached copy kept", entry.pdf)
    return _Stored(entry.pdf, str(old["sha256"]), from_cache=True)


def _pdf_meta(url: str, reply: Reply, sha256: str) -> dict[str, Any]:
    return {
        "url": url,
        "final_url": reply.url,
        "etag": reply.headers.get("etag"),
        "last_modified": reply.headers.get("last-modified"),
        "content_type": reply.content_type,
        "sha256": sha256,
        "size": reply.size,
        "fetched_at": time.time(),
    }


def _resolve_page(page_id: str, session: HttpSession) -> OpenData:
    """The open-data record of a written question, from the cache or the service."""
    entry = _Entry(_cache_folder(session.settings), f"schv-{page_id}")
    meta = _fresh_page_meta(entry, session.settings)
    if meta is None:
        with entry.lock():
            meta = _fresh_page_meta(entry, session.settings)
            if meta is None:
                meta = _download_opendata(page_id, entry, session)
    return OpenData.from_json(meta["opendata"], page_id)


def _fresh_page_meta(entry: _Entry, settings: Settings) -> dict[str, Any] | None:
    meta = read_json(entry.meta)
    if meta is None or not isinstance(meta.get("opendata"), dict):
        return None
    return meta if _is_fresh(meta, settings) else None


def _download_opendata(page_id: str, entry: _Entry, session: HttpSession) -> dict[str, Any]:
    url = f"{session.settings.opendata_url}/schv/{page_id}"
    session.check_robots(url)
    body = BytesIO()
    reply = session.get(
        url, body, headers={"Accept": "application/json"}, max_bytes=_OPENDATA_MAX_BYTES, ok=(200,)
    )
    try:
        data = json.loads(body.getvalue())
    except ValueError as exc:
        head = printable(body.getvalue()[:40])
        raise FetchError(
            url, f"the open-data service sent no JSON ({reply.content_type or 'no type'}, '{head}')"
        ) from exc
    if not isinstance(data, dict):
        raise FetchError(url, "the open-data service sent JSON that is not an object")
    meta = {"url": url, "fetched_at": time.time(), "opendata": data}
    write_json(entry.meta, meta)
    return meta


def _pdf_ref_of(opendata: OpenData, settings: Settings) -> _PfileRef | _UrlRef:
    if not opendata.pdf_url:
        raise FetchError(opendata.page_url, "the open-data record lists no PDF (bestand-ordered)")
    ref = _parse_ref(urljoin(settings.docs_url + "/", opendata.pdf_url), settings)
    if isinstance(ref, _PageRef):
        raise FetchError(opendata.page_url, f"the listed file is a page: {opendata.pdf_url}")
    return ref


def _cache_folder(settings: Settings) -> Path:
    return Path(settings.cache_dir) / _CACHE_SUBDIR


def _fetch_with(ref: str, session: HttpSession) -> tuple[_Ref, Fetched]:
    """Parse `ref` and fetch it; cache-folder failures become FetchError."""
    parsed = _parse_ref(ref, session.settings)
    folder = _cache_folder(session.settings)
    try:
        return parsed, _fetch_parsed(parsed, session)
    except Timeout as exc:
        reason = f"another process held a lock in {folder} for {_LOCK_TIMEOUT:.0f} s"
        raise FetchError(ref, reason) from exc
    except OSError as exc:
        raise FetchError(ref, f"cannot use the cache folder {folder}: {exc}") from exc


def _fetch_parsed(parsed: _Ref, session: HttpSession) -> Fetched:
    opendata: OpenData | None = None
    pdf_ref: _PfileRef | _UrlRef
    if isinstance(parsed, _PageRef):
        opendata = _resolve_page(parsed.id, session)
        pdf_ref = _pdf_ref_of(opendata, session.settings)
    else:
        pdf_ref = parsed
    url, key = _target(pdf_ref, session.settings)
    stored = _get_pdf(url, _Entry(_cache_folder(session.settings), key), session)
    return Fetched(stored.path, url, stored.sha256, opendata, stored.from_cache)


# -- the public functions ------------------------------------------------------------


def fetch_document(ref: str | int, settings: Settings) -> Fetched:
    """Download (or find in the cache) the PDF of one reference; see the module docstring."""
    with HttpSession(Settings.resolve(settings)) as session:
        return _fetch_with(str(ref), session)[1]


def fetch(
    ref: str | int,
    *,
    cache_dir: str | Path | None = None,
    settings: Settings | Mapping[str, Any] | None = None,
) -> Path:
    """The path of the cached PDF of `ref` (a pfile id or URL, `schv:ID`, a page URL, a URL)."""
    resolved = Settings.resolve(settings, cache_dir=Path(cache_dir) if cache_dir else None)
    return fetch_document(ref, resolved).path


@dataclass(frozen=True)
class FetchResult:
    """One reference of a batch: what was fetched, or why not."""

    ref: str
    fetched: Fetched | None
    error: VpdocsError | None


def fetch_many(
    refs: Iterable[str | int],
    *,
    settings: Settings | Mapping[str, Any] | None = None,
    out_dir: Path | None = None,
    on_result: Callable[[FetchResult], None] | None = None,
) -> list[FetchResult]:
    """Fetch many references, `max_parallel_downloads` at a time; one failure stops nothing.

    Results come back in the order of `refs`; `on_result` is called in the calling thread
    as each one finishes. With `out_dir`, each PDF is also copied to `out_dir/<id>.pdf`.
    """
    resolved = Settings.resolve(settings)
    items = [str(ref) for ref in refs]
    results: dict[int, FetchResult] = {}
    workers = resolved.max_parallel_downloads
    with HttpSession(resolved) as session, ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(_fetch_one, ref, session, out_dir): i for i, ref in enumerate(items)}
        try:
            for future in as_completed(futures):
                results[futures[future]] = result = future.result()
                if on_result is not None:
                    on_result(result)
        except BaseException:  # Ctrl-C or a failing callback: drop what has not started
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return [results[i] for i in range(len(items))]


def _fetch_one(ref: str, session: HttpSession, out_dir: Path | None) -> FetchResult:
    try:
        parsed, fetched = _fetch_with(ref, session)
        if out_dir is not None:
            _copy_out(fetched.path, Path(out_dir) / f"{_out_name(parsed)}.pdf", ref)
    except VpdocsError as exc:
        return FetchResult(ref, None, exc)
    except Exception as exc:  # one bad reference must never stop the batch
        error = FetchError(ref, f"unexpected {type(exc).__name__}: {exc}")
        error.__cause__ = exc
        logger.exception("%s: unexpected error while fetching", ref)
        return FetchResult(ref, None, error)
    return FetchResult(ref, fetched, None)


def _copy_out(source: Path, target: Path, ref: str) -> None:
    """Copy a cached PDF out of the cache (a copy, so edits there never touch the cache)."""
    try:
        with AtomicFile(target) as out, source.open("rb") as handle:
            shutil.copyfileobj(handle, out.file)
            out.commit()
    except OSError as exc:
        raise FetchError(ref, f"cannot copy the PDF to {target}: {exc}") from exc
