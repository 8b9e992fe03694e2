"""The exceptions vpdocs raises: one base class, one subclass per kind of bad input.

A problem with one question inside a good document (an answer that is missing, a grouped
answer covering a number that was never asked) is a warning on the record, never an
exception. Exceptions are for inputs that cannot give a record at all; each names the
input and the reason, and wraps the third-party exception that revealed it.
"""

from __future__ import annotations


class VpdocsError(Exception):
    """Base class of every error vpdocs raises on purpose."""

    def __init__(self, source: object, reason: str) -> None:
        self.source = str(source)
        self.reason = reason
        super().__init__(f"{self.source}: {reason}")


class InputError(VpdocsError):
    """The input cannot be read at all (missing file, unsupported kind of source)."""


class EmptyDocumentError(InputError):
    """The file is empty (zero bytes, or no text at all)."""


class NotAPDFError(InputError):
    """The bytes are not a PDF (an HTML error page, a Word file, ...)."""


class CorruptPDFError(InputError):
    """The file starts like a PDF but cannot be read (truncated or damaged)."""


class EncryptedPDFError(InputError):
    """The PDF is password-protected."""


class NoTextLayerError(InputError):
    """The PDF has pages but no text layer (a scan): it needs OCR first."""


class NotAWrittenQuestionError(VpdocsError):
    """The text is readable but is not a written question with its answer."""


class ExtractionTimeoutError(VpdocsError):
    """Parsing one document took longer than the allowed time (batch runs)."""


class WorkerCrashedError(VpdocsError):
    """The process parsing one document died (batch runs)."""


class FetchError(VpdocsError):
    """A download failed after all retries (network errors, 429, 5xx)."""


class DocumentNotFoundError(FetchError):
    """The server answered 404: there is no such document."""


class RobotsDisallowedError(FetchError):
    """The host's robots.txt forbids fetching this URL (override with ignore_robots)."""
