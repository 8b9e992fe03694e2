"""vpdocs: the Flemish Parliament's written questions as clean, validated records.

    >>> import vpdocs
    >>> record = vpdocs.parse("seeds/sv-352-schooluitval.txt")   # or a .pdf, bytes, an id, a URL
    >>> record.questions[0].label, record.pairs[0].answers
    ('1', ['1'])

The public API is this module's `__all__`; everything else is private.
"""

from vpdocs._version import __version__
from vpdocs.batch import BatchResult, ErrorInfo, parse_many
from vpdocs.errors import (
    CorruptPDFError,
    DocumentNotFoundError,
    EmptyDocumentError,
    EncryptedPDFError,
    ExtractionTimeoutError,
    FetchError,
    InputError,
    NotAPDFError,
    NotAWrittenQuestionError,
    NoTextLayerError,
    RobotsDisallowedError,
    VpdocsError,
    WorkerCrashedError,
)
from vpdocs.fetch import fetch
from vpdocs.pipeline import parse, parse_text
from vpdocs.records import (
    Answer,
    DateMention,
    Money,
    Pair,
    Question,
    Reference,
    WrittenQuestion,
)
from vpdocs.report import report
from vpdocs.settings import Settings
from vpdocs.spacy_export import to_spacy

__all__ = [
    "Answer",
    "BatchResult",
    "CorruptPDFError",
    "DateMention",
    "DocumentNotFoundError",
    "EmptyDocumentError",
    "EncryptedPDFError",
    "ErrorInfo",
    "ExtractionTimeoutError",
    "FetchError",
    "InputError",
    "Money",
    "NoTextLayerError",
    "NotAPDFError",
    "NotAWrittenQuestionError",
    "Pair",
    "Question",
    "Reference",
    "RobotsDisallowedError",
    "Settings",
    "VpdocsError",
    "WorkerCrashedError",
    "WrittenQuestion",
    "__version__",
    "fetch",
    "parse",
    "parse_many",
    "parse_text",
    "report",
    "to_spacy",
]
