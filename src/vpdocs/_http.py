"""The private helpers of the fetch stage: the HTTP seam and what surrounds it.

Everything that touches the network goes through `_http_get`, the one function that
calls httpx. Around it, `HttpSession.get` adds, in order:

1. a per-host rate limit shared by every thread of the process (`HostLimiter`);
2. retries with exponential backoff on connection errors, 429 and 5xx, honouring
   `Retry-After`; 404 and other 4xx fail at once;
3. a size limit checked while the body streams into the caller's sink.

`HttpSession.check_robots` reads each host's robots.txt once per process. What arrives is
judged by `check_pdf` (it must start with `%PDF-`) and lands through `AtomicFile`
(a temporary file beside the target, fsynced, then `os.replace`d).
"""

from __future__ import annotations

import email.utils
import json
import logging
import os
import tempfile
import threading
import time
import urllib.robotparser
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO
from urllib.parse import urlsplit

import httpx

from vpdocs._version import __version__
from vpdocs.errors import DocumentNotFoundError, FetchError, NotAPDFError, RobotsDisallowedError
from vpdocs.extract import describe_content
from vpdocs.settings import Settings

logger = logging.getLogger("vpdocs.fetch")

USER_AGENT = f"vpdocs/{__version__} (+https://github.com/vpdocs/vpdocs)"
ROBOTS_AGENT = "vpdocs"
ROBOTS_MAX_BYTES = 1024 * 1024
_CHUNK = 64 * 1024
_SNIFF = 64 * 1024


@dataclass(frozen=True)
class Reply:
    """What one HTTP exchange gave: the final URL, status, headers and body size."""

    url: str
    status: int
    headers: Mapping[str, str]
    size: int

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


class BodyTooLargeError(Exception):
    """The body is larger than the caller allows (never retried)."""

    def __init__(self, limit: int, announced: int | None = None) -> None:
        self.limit = limit
        detail = (
            f"announced {announced} bytes" if announced is not None else "the body grew past it"
        )
        super().__init__(f"larger than the limit of {limit} bytes ({detail})")


# -- the seam ------------------------------------------------------------------------


def _http_get(
    client: httpx.Client, url: str, headers: Mapping[str, str], sink: BinaryIO, max_bytes: int
) -> Reply:
    """Send one GET; stream a 200 body into `sink` (emptied first). The only httpx call."""
    sink.seek(0)
    sink.truncate()
    with client.stream("GET", url, headers=dict(headers)) as response:
        size = 0
        if response.status_code == 200:
            _check_announced_length(response.headers, max_bytes)
            for chunk in response.iter_bytes(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise BodyTooLargeError(max_bytes)
                sink.write(chunk)
        return Reply(str(response.url), response.status_code, dict(response.headers), size)


def _check_announced_length(headers: httpx.Headers, max_bytes: int) -> None:
    announced = headers.get("content-length", "")
    if announced.isdigit() and int(announced) > max_bytes:
        raise BodyTooLargeError(max_bytes, int(announced))


# -- politeness ----------------------------------------------------------------------


class HostLimiter:
    """Spaces requests to one host at least 1/rate seconds apart, across threads."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next)
            self._next = slot + self.interval
        if slot > now:
            time.sleep(slot - now)


_limiters: dict[str, HostLimiter] = {}
_limiters_lock = threading.Lock()


def limiter_for(url: str, rate: float) -> HostLimiter:
    """The process-wide limiter of the URL's host (its rate follows the latest setting)."""
    host = _host_key(url)
    with _limiters_lock:
        limiter = _limiters.setdefault(host, HostLimiter(rate))
        limiter.interval = 1.0 / rate
        return limiter


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


# -- retries -------------------------------------------------------------------------


def retry_after_seconds(value: str | None, *, now: datetime, cap: float) -> float | None:
    """Read a Retry-After header (seconds or an HTTP-date) as a delay capped at `cap`.

    >>> new_year = datetime(2024, 1, 1, tzinfo=UTC)
    >>> retry_after_seconds("7", now=new_year, cap=60)
    7.0
    >>> retry_after_seconds("Mon, 01 Jan 2024 00:00:30 GMT", now=new_year, cap=60)
    30.0
    >>> retry_after_seconds("Mon, 01 Jan 2024 00:00:30 GMT", now=new_year, cap=10)
    10.0
    >>> retry_after_seconds("Sun, 31 Dec 2023 23:00:00 GMT", now=new_year, cap=10)
    0.0
    >>> retry_after_seconds("soon", now=new_year, cap=10) is None
    True
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), float(cap))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return min(max((when - now).total_seconds(), 0.0), float(cap))


def backoff_delay(settings: Settings, attempt: int) -> float:
    """The delay before retry number `attempt + 1`: backoff doubling, capped."""
    return float(min(settings.backoff * (2**attempt), settings.max_backoff))


def _retry_delay(settings: Settings, attempt: int, reply: Reply | None) -> float:
    if reply is not None:
        hinted = retry_after_seconds(
            reply.headers.get("retry-after"), now=datetime.now(UTC), cap=settings.max_backoff
        )
        if hinted is not None:
            return hinted
    return backoff_delay(settings, attempt)


def _is_retryable(status: int) -> bool:
    return status == 429 or status >= 500


def _check_final(url: str, reply: Reply) -> None:
    """Raise at once for the statuses that no retry can fix."""
    if reply.status == 404:
        raise DocumentNotFoundError(url, "the server answered 404 Not Found")
    if 400 <= reply.status < 500 and reply.status != 429:
        raise FetchError(url, f"the server refused the request with HTTP {reply.status}")
    if reply.status not in (200, 304) and not _is_retryable(reply.status):
        raise FetchError(url, f"unexpected HTTP status {reply.status}")


# -- the session ---------------------------------------------------------------------


class HttpSession:
    """One httpx client (made on first use), the settings, and the retry loop."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._client: httpx.Client | None = None
        self._lock = threading.Lock()

    def __enter__(self) -> HttpSession:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    def client(self) -> httpx.Client:
        with self._lock:
            if self._client is None:
                self._client = httpx.Client(
                    timeout=self.settings.timeout,
                    follow_redirects=True,
                    headers={"User-Agent": USER_AGENT},
                )
            return self._client

    def get(
        self,
        url: str,
        sink: BinaryIO,
        *,
        headers: Mapping[str, str] | None = None,
        max_bytes: int | None = None,
        ok: Collection[int] = (200, 304),
    ) -> Reply:
        """GET with rate limit and retries; return a reply whose status is in `ok`, or raise.

        404 raises DocumentNotFoundError and other 4xx FetchError at once (unless in `ok`);
        connection errors, 429 and 5xx are retried, and FetchError names the last one.
        """
        limit = max_bytes if max_bytes is not None else self.settings.max_download_bytes
        attempts = self.settings.retries + 1
        last = "no attempt made"
        for attempt in range(attempts):
            reply: Reply | None = None
            try:
                reply = self._attempt(url, sink, headers or {}, limit)
            except httpx.TransportError as exc:
                last = f"{type(exc).__name__}: {exc}"
            else:
                if reply.status in ok:
                    return reply
                _check_final(url, reply)
                last = f"HTTP {reply.status}"
            if attempt + 1 < attempts:
                delay = _retry_delay(self.settings, attempt, reply)
                logger.info("%s: %s; retry %d in %.2f s", url, last, attempt + 1, delay)
                time.sleep(delay)
        raise FetchError(url, f"gave up after {attempts} attempts; last: {last}")

    def _attempt(self, url: str, sink: BinaryIO, headers: Mapping[str, str], limit: int) -> Reply:
        limiter_for(url, self.settings.rate_limit).wait()
        try:
            return _http_get(self.client(), url, headers, sink, limit)
        except BodyTooLargeError as exc:
            raise FetchError(url, f"the download is {exc}") from exc
        except httpx.TransportError:
            raise
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchError(url, f"{type(exc).__name__}: {exc}") from exc

    def check_robots(self, url: str) -> None:
        """Raise RobotsDisallowedError if the host's robots.txt forbids `url` to vpdocs."""
        host = _host_key(url)
        if self.settings.ignore_robots:
            _warn_ignored_once(host)
            return
        rules = _robots_rules(host, self)
        if rules is not None and not rules.can_fetch(ROBOTS_AGENT, url):
            raise RobotsDisallowedError(
                url, f"{host}/robots.txt disallows it (set ignore_robots=True to override)"
            )


# -- robots.txt ----------------------------------------------------------------------

_robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
_robots_locks: dict[str, threading.Lock] = {}
_robots_warned: set[str] = set()
_robots_guard = threading.Lock()
_ROBOTS_OK = frozenset({200} | {status for status in range(400, 500) if status != 429})


def _robots_rules(host: str, session: HttpSession) -> urllib.robotparser.RobotFileParser | None:
    """The parsed robots.txt of `host` (None: allow all), read once per process."""
    with _robots_guard:
        host_lock = _robots_locks.setdefault(host, threading.Lock())
    with host_lock:
        if host not in _robots:
            _robots[host] = _read_robots(host, session)
        return _robots[host]


def _read_robots(host: str, session: HttpSession) -> urllib.robotparser.RobotFileParser | None:
    url = f"{host}/robots.txt"
    body = BytesIO()
    reply = session.get(url, body, max_bytes=ROBOTS_MAX_BYTES, ok=_ROBOTS_OK)
    if reply.status != 200:
        return None  # 4xx: no rules, so everything is allowed (RFC 9309, 2.3.1.3)
    rules = urllib.robotparser.RobotFileParser(url)
    rules.parse(body.getvalue().decode("utf-8", errors="replace").splitlines())
    return rules


def _warn_ignored_once(host: str) -> None:
    with _robots_guard:
        if host in _robots_warned:
            return
        _robots_warned.add(host)
    logger.warning("ignore_robots=True: not checking %s/robots.txt before fetching", host)


def reset_state() -> None:
    """Forget robots.txt rules, warnings and rate limiters (tests use this)."""
    with _robots_guard:
        _robots.clear()
        _robots_locks.clear()
        _robots_warned.clear()
    with _limiters_lock:
        _limiters.clear()


# -- what arrives: the content check and atomic files -------------------------------


def check_pdf(url: str, reply: Reply, body: Path) -> None:
    """Raise NotAPDFError unless the downloaded body starts with `%PDF-`."""
    with body.open("rb") as handle:
        head = handle.read(_SNIFF)
    if head.startswith(b"%PDF-"):
        return
    what = describe_content(head, content_type=reply.content_type) or "something that is not a PDF"
    content_type = reply.content_type or "none given"
    detail = f"content type {content_type}"
    if head:
        detail += f", first bytes '{printable(head[:40])}'"
    raise NotAPDFError(url, f"expected a PDF but received {what} ({detail})")


def printable(data: bytes) -> str:
    r"""Bytes as text, non-printable ones as `\xNN`.

    >>> printable(b"<html>\n\xd0")
    '<html>\\x0a\\xd0'
    """
    return "".join(chr(b) if 32 <= b < 127 else f"\\x{b:02x}" for b in data)


class AtomicFile:
    """A temporary file beside `target`; `commit()` fsyncs it and renames it over `target`.

    Leaving the `with` block without `commit()` deletes it, so no partial file remains.
    """

    def __init__(self, target: Path) -> None:
        self.target = target
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".part"
        )
        self.path = Path(name)
        self.file = os.fdopen(handle, "w+b")

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if not self.file.closed:
            self.file.close()
        self.path.unlink(missing_ok=True)

    def commit(self) -> None:
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.replace(self.path, self.target)
        _fsync_folder(self.target.parent)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def write_json(path: Path, data: Mapping[str, Any]) -> None:
    with AtomicFile(path) as out:
        out.file.write(json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
        out.commit()


def read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
