"""The pipeline, in stage order. Nothing else in vpdocs knows the order.

1. fetch     a document id or URL -> a cached PDF            (vpdocs.fetch)
2. extract   PDF or text bytes -> clean lines with positions (vpdocs.extract)
3. segment   lines -> header, preamble, questions, answers   (vpdocs.segment)
4. entities  blocks -> money and date mentions               (vpdocs.entities)
5. align     questions x answers -> pairs                    (vpdocs.align)
6. records   all of it -> a validated WrittenQuestion        (vpdocs.records)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vpdocs import align, entities, extract, records, segment
from vpdocs._version import __version__
from vpdocs.records import Provenance, Source, WrittenQuestion
from vpdocs.settings import Settings

SourceLike = str | Path | bytes


@dataclass(frozen=True, slots=True)
class Loaded:
    """An input after stages 1-2, with what the record says about where it came from."""

    document: extract.ExtractedDocument
    source: Source
    theme: str | None = None  # from the open-data service, for a PDF that does not print one


def parse(
    source: SourceLike, *, settings: Settings | dict[str, Any] | None = None
) -> WrittenQuestion:
    """Parse a written question: a path (.pdf or .txt), bytes of a PDF, or a document id/URL."""
    config = Settings.resolve(settings)
    return parse_loaded(load(source, config))


def parse_text(text: str, *, name: str | None = None) -> WrittenQuestion:
    """Parse text that was already extracted (the seed's .txt format or plain text)."""
    document = extract.from_text(text, path=name)
    return parse_loaded(Loaded(document, _source(document, path=name)))


def load(source: SourceLike, settings: Settings) -> Loaded:
    """Stages 1-2: fetch when `source` is a remote reference, then extract."""
    if isinstance(source, bytes):
        document = extract.extract(source, name="<bytes>", settings=settings)
        return Loaded(document, _source(document))
    path = Path(source)
    if isinstance(source, str) and not path.exists():
        # the network stack loads only when a reference is given (and `vpdocs.fetch` is
        # the public function; the stage's functions are imported from the module)
        from vpdocs.fetch import fetch_document, is_remote_ref

        if is_remote_ref(source):
            fetched = fetch_document(source, settings)
            data = extract.read_source(fetched.path)
            document = extract.extract(data, name=fetched.url, settings=settings)
            opendata = fetched.opendata
            theme = "; ".join(opendata.themes) or None if opendata is not None else None
            return Loaded(document, _source(document, url=fetched.url, opendata=opendata), theme)
    document = extract.extract(extract.read_source(path), name=str(source), settings=settings)
    return Loaded(document, _source(document, path=str(source)))


def parse_loaded(loaded: Loaded) -> WrittenQuestion:
    """Stages 3-6 on an extracted document."""
    document = loaded.document
    segments = segment.segment(document)
    mentions = entities.annotate(
        records.entity_blocks(segments), reference_date=segments.header.date_asked
    )
    alignment = align.align(segments.questions, segments.answers)
    provenance = Provenance(
        vpdocs_version=__version__,
        rules_digest=entities.rules_digest(),
        input_sha256=document.sha256,
        backend=document.backend,
    )
    record = records.build(
        document, segments, mentions, alignment, source=loaded.source, provenance=provenance
    )
    if record.theme is None and loaded.theme is not None:
        record = record.model_copy(update={"theme": loaded.theme})
    return record


def _source(
    document: extract.ExtractedDocument,
    *,
    path: str | None = None,
    url: str | None = None,
    opendata: Any = None,
) -> Source:
    export = document.export
    fields: dict[str, Any] = {
        "path": path,
        "url": url,
        "sha256": document.sha256,
        "pages": document.pages,
        "pdf_url": export.pdf_url,
        "page_url": export.page_url,
    }
    if opendata is not None:
        fields.update(
            opendata_id=opendata.id,
            answered_on=opendata.answered_on,
            page_url=opendata.page_url,
            pdf_url=opendata.pdf_url or url,
        )
    return Source(**fields)
