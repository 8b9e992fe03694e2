"""The HTML reports, read back with a real HTML parser (the stdlib's `html.parser`)."""

from __future__ import annotations

import base64
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

import vpdocs
from tests.conftest import DEVSET, ROOT, SEED
from tests.httpserver import Reply, running_server
from tests.pdfgen import render_reportlab
from vpdocs import evaluate
from vpdocs.blocks import normalise_space
from vpdocs.cli import main
from vpdocs.report import evaluation_html, page_images, report
from vpdocs.spacy_export import mentions

DEV_06 = DEVSET / "dev-06-erfgoedpremies"  # question 4 unanswered, answer '3.' covers 3a and 3b
DEVSET_STEMS = sorted(p.name.removesuffix(".gold.json") for p in DEVSET.glob("*.gold.json"))

# --- a small DOM over html.parser ---------------------------------------------------------------

INLINE = {"a", "b", "em", "i", "mark", "span", "strong"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        return [
            node
            for node in self.iter()
            if (tag is None or node.tag == tag)
            and (cls is None or cls in node.classes)
            and all(node.attrs.get(key.replace("_", "-")) == v for key, v in attrs.items())
        ]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'} class={cls} {attrs}>"
        return found[0]

    def text(self, skip: str = "ent-label") -> str:
        """The text inside, without displaCy's label badges; whitespace-normalised."""
        parts: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif skip not in child.classes:
                pad = "" if child.tag in INLINE else " "
                parts.append(pad + child.text(skip) + pad)
        return normalise_space("".join(parts))

    def mark_text(self) -> str:
        """A displaCy mark's own text (the label badge left out), as printed."""
        return "".join(c for c in self.children if isinstance(c, str))


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {key: value or "" for key, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {key: value or "" for key, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Node:
    """The document tree; fails on a tag closed out of order (the page must be well nested)."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    assert builder.stack == [builder.root], "unclosed tags"
    return builder.root


def assert_self_contained(html: str) -> None:
    """No network: every src/href is a fragment or a data: URI; no scripts, no stylesheets."""
    tree = parse_html(html)
    for node in tree.iter():
        for name in ("src", "href", "xlink:href", "action", "poster"):
            value = node.attrs.get(name)
            if value is not None:
                assert value.startswith(("#", "data:")), f"<{node.tag} {name}={value[:60]!r}>"
    assert not tree.find_all("script")
    assert not tree.find_all("link")
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", html)


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dev06_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = DEV_06.with_suffix(".txt").read_text(encoding="utf-8")
    return render_reportlab(text, tmp_path_factory.mktemp("report") / "dev-06.pdf")


@pytest.fixture(scope="module")
def dev06_pdf_page(dev06_pdf: Path) -> tuple[vpdocs.WrittenQuestion, Node, str]:
    record = vpdocs.parse(dev06_pdf)
    html = report(record)
    return record, parse_html(html), html


def gold(stem: str) -> evaluate.GoldDocument:
    return evaluate.load_gold(DEVSET / f"{stem}.gold.json")


def page_of(stem: str) -> Node:
    return parse_html(report(vpdocs.parse(DEVSET / f"{stem}.txt")))


# --- one record -----------------------------------------------------------------------------


@pytest.mark.parametrize("stem", DEVSET_STEMS)
def test_every_question_appears_beside_its_paired_answer(stem: str) -> None:
    expected = gold(stem)
    tree = page_of(stem)
    answers = {block.attrs["id"]: block for block in tree.find_all(cls="answer-block")}
    for question in expected.questions:
        row = tree.find("tr", cls="pair", data_question=question.label)
        assert normalise_space(question.text) in row.find("td", cls="question").text()
        shown = [answers[ref] for ref in row.attrs["data-answered-by"].split()]
        want = [a for a in expected.answers if question.label in a.labels]
        assert [b.attrs["data-labels"].split() for b in shown] == [a.labels for a in want]
        for block, answer in zip(shown, want, strict=True):
            assert normalise_space(answer.text) in block.text()
    assert len(answers) == len(expected.answers)  # each answer block shown once


@pytest.mark.parametrize("stem", DEVSET_STEMS)
def test_every_gold_mention_is_highlighted_with_its_value(stem: str) -> None:
    expected = gold(stem)
    marks = page_of(stem).find_all("mark", cls="entity")
    money = [
        (m.mark_text(), Decimal(m.attrs["data-amount"]), m.attrs["data-currency"], m.attrs["title"])
        for m in marks
        if "data-amount" in m.attrs
    ]
    dates = [
        (m.mark_text(), m.attrs["data-start"], m.attrs["data-end"], m.attrs["title"])
        for m in marks
        if "data-start" in m.attrs
    ]
    # the page interleaves questions and answers, so compare as multisets
    assert sorted((text, amount, currency) for text, amount, currency, _ in money) == sorted(
        (m.text, m.amount, m.currency) for m in expected.money
    )
    assert sorted((text, start, end) for text, start, end, _ in dates) == sorted(
        (d.text, d.start.isoformat(), d.end.isoformat()) for d in expected.dates
    )
    for _, amount, currency, title in money:
        assert title.startswith(f"{amount} {currency}")  # the value on hover
    for _, start, end, title in dates:
        assert title.startswith(start if start == end else f"{start} – {end}")


def test_highlights_are_displacy_entities_with_the_configured_colours() -> None:
    marks = page_of("sv-352-schooluitval").find_all("mark", cls="entity")
    labels = {m.find(cls="ent-label").text() for m in marks}
    assert labels == {"MONEY", "DATE"}
    assert all("background: #" in m.attrs["style"] for m in marks)


def test_the_unanswered_question_is_marked() -> None:
    tree = page_of("dev-06-erfgoedpremies")
    row = tree.find("tr", data_question="4")
    assert "unanswered" in row.classes
    assert row.attrs["data-answered-by"] == ""
    assert row.find(cls="flag").text() == "no answer"
    assert row.find("td", cls="answer").text() == "No answer"
    assert [r.attrs["data-question"] for r in tree.find_all("tr", cls="unanswered")] == ["4"]


def test_a_grouped_answer_is_shown_once_spanning_its_questions() -> None:
    tree = page_of("dev-06-erfgoedpremies")
    (block,) = [b for b in tree.find_all(cls="answer-block") if b.attrs["data-labels"] == "3a 3b"]
    first, second = tree.find("tr", data_question="3a"), tree.find("tr", data_question="3b")
    assert first.attrs["data-answered-by"] == second.attrs["data-answered-by"] == block.attrs["id"]
    assert first.find("td", cls="answer").attrs["rowspan"] == "2"
    assert not second.find_all("td", cls="answer")  # the cell above spans this row


def test_a_lead_in_is_shown_once_above_its_first_leaf() -> None:
    tree = page_of("sv-352-schooluitval")
    context = tree.find("tr", data_question="3a").find(cls="context")
    assert context.text().startswith("Er zijn sinds 1 januari 2024 ook zes")
    assert not tree.find("tr", data_question="3b").find_all(cls="context")


def test_warnings_come_first() -> None:
    tree = page_of("dev-06-erfgoedpremies")
    sections = [n.attrs.get("id") for n in tree.find("body").children if isinstance(n, Node)]
    assert sections.index("warnings") < sections.index("pairs")
    assert tree.find(id="warnings").find("li").text() == "question 4 has no answer"


def test_the_header_facts_and_the_mention_tables() -> None:
    record = vpdocs.parse(SEED)
    tree = parse_html(report(record))
    facts = tree.find("dl", cls="facts").text()
    for value in ("EMINE GÜL ISCI", "BEN WEYTS", "2024-03-15", str(record.source.path)):
        assert value in facts
    assert tree.find("h1").text() == record.title
    money_rows = tree.find("table", cls="money").find("tbody").find_all("tr")
    assert [r.find_all("td")[2].text() for r in money_rows] == [str(m.amount) for m in record.money]
    date_rows = tree.find("table", cls="dates").find("tbody").find_all("tr")
    assert [(r.find_all("td")[2].text(), r.find_all("td")[3].text()) for r in date_rows] == [
        (d.start.isoformat(), d.end.isoformat()) for d in record.dates
    ]
    for row in money_rows + date_rows:  # each row links to its highlight in the text
        target = row.find("a").attrs["href"].removeprefix("#")
        assert tree.find("mark", id=target)
    assert not tree.find_all(id="pages")  # a text input has no page images


def test_pdf_input_shows_every_page_with_the_mention_boxes(
    dev06_pdf_page: tuple[vpdocs.WrittenQuestion, Node, str],
) -> None:
    record, tree, html = dev06_pdf_page
    figures = tree.find_all("figure", cls="page")
    assert record.source.pages and len(figures) == record.source.pages == 2
    for figure in figures:
        src = figure.find("img").attrs["src"]
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
    boxes = [n for n in tree.iter() if n.tag == "a" and n.attrs.get("id", "").startswith("box-")]
    assert len(boxes) == len(record.money) + len(record.dates) == 15
    for index, mention in enumerate(mentions(record), start=1):  # the report's numbering
        assert mention.bbox is not None
        figure = tree.find("figure", data_page=str(mention.bbox.page))
        box = figure.find("a", id=f"box-m-{index}")
        assert box.attrs["href"] == f"#m-{index}"  # the box links to its highlight
        assert tree.find("mark", id=f"m-{index}").mark_text() == mention.text
        rect = box.find("rect")
        drawn = [float(rect.attrs[k]) for k in ("x", "y", "width", "height")]
        bbox = mention.bbox
        printed = [bbox.x0, bbox.top, bbox.x1 - bbox.x0, bbox.bottom - bbox.top]
        assert drawn == pytest.approx(
            [printed[0] - 1, printed[1] - 1, printed[2] + 2, printed[3] + 2]
        )
        assert rect.find("title").text().startswith(f"{mention.text} = ")
    viewbox = figures[0].find("svg").attrs["viewbox"].split()  # html.parser lower-cases names
    assert [float(v) for v in viewbox] == pytest.approx([0, 0, 595.28, 841.89], abs=0.01)
    assert_self_contained(html)


def test_pdf_page_images_are_modest(dev06_pdf: Path) -> None:
    images = page_images(dev06_pdf)
    assert [image.number for image in images] == [1, 2]
    assert round(images[0].width) == 595 and round(images[0].height) == 842  # A4 in points
    assert all(len(image.uri) < 400_000 for image in images)


def test_a_moved_pdf_gives_a_note_not_an_error(dev06_pdf: Path, tmp_path: Path) -> None:
    moved = tmp_path / "dev-06.pdf"
    shutil.copy(dev06_pdf, moved)
    record = vpdocs.parse(moved)
    moved.unlink()
    tree = parse_html(report(record))
    assert not tree.find_all(id="pages")
    assert any("is no longer there" in li.text() for li in tree.find(id="warnings").find_all("li"))
    pages = parse_html(report(record, pdf=dev06_pdf.read_bytes())).find_all("figure", cls="page")
    assert len(pages) == 2  # the PDF given explicitly


def test_text_is_escaped() -> None:
    text = SEED.read_text(encoding="utf-8").replace(
        "Voor welk percentage", "Voor <script>alert(1)</script> & welk percentage"
    )
    record = vpdocs.parse_text(text, name="escaped.txt")
    tree = parse_html(report(record))
    assert not tree.find_all("script")
    assert "<script>alert(1)</script> & welk" in tree.find("tr", data_question="2").text()


@pytest.mark.parametrize("name", ["seed text", "seed pdf"])
def test_the_page_needs_no_network(name: str) -> None:
    source = SEED if name == "seed text" else ROOT / "seeds" / "sv-352-schooluitval.rendered.pdf"
    html = report(vpdocs.parse(source))
    assert_self_contained(html)
    assert "Content-Security-Policy" in html


# --- the command ------------------------------------------------------------------------------


def test_cli_report_writes_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / "report.html"
    assert main(["report", str(DEV_06.with_suffix(".txt")), "-o", str(out)]) == 0
    tree = parse_html(out.read_text(encoding="utf-8"))
    assert tree.find("tr", data_question="4")
    assert f"wrote {out}" in capsys.readouterr().err


def test_cli_report_of_a_document_id_shows_the_fetched_pages(
    dev06_pdf: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "report.html"
    with running_server() as server:
        server.route("/pfile?id=1047", Reply(200, {"Content-Type": "application/pdf"},
                                             dev06_pdf.read_bytes()))  # fmt: skip
        for name, value in {"DOCS_URL": server.url, "CACHE_DIR": str(tmp_path / "cache"),
                            "RATE_LIMIT": "1000", "RETRIES": "0"}.items():  # fmt: skip
            monkeypatch.setenv(f"VPDOCS_{name}", value)
        assert main(["report", "1047", "-o", str(out)]) == 0
        downloads = [r.path for r in server.requests() if r.path.startswith("/pfile")]
    assert downloads == ["/pfile?id=1047"]  # parsed from the cache, not fetched twice
    tree = parse_html(out.read_text(encoding="utf-8"))
    assert len(tree.find_all("figure", cls="page")) == 2
    assert f"{server.url}/pfile?id=1047" in tree.find("dl", cls="facts").text()


def test_a_record_of_pdf_bytes_needs_the_pdf_given(dev06_pdf: Path) -> None:
    record = vpdocs.parse(dev06_pdf.read_bytes())
    tree = parse_html(report(record))
    assert "pass pdf=" in tree.find(id="warnings").text()
    tree = parse_html(report(record, pdf=dev06_pdf))
    assert len(tree.find_all("figure", cls="page")) == 2


def test_cli_report_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(SEED)]) == 0
    assert parse_html(capsys.readouterr().out).find("h1").text().startswith("Provinciale")


def test_cli_report_of_a_missing_file_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.html"
    assert main(["report", str(tmp_path / "nothing.pdf"), "-o", str(out)]) == 2
    assert "no such file" in capsys.readouterr().err
    assert not out.exists()


# --- an evaluation ----------------------------------------------------------------------------


@pytest.fixture
def wrong_gold(tmp_path: Path) -> Path:
    """dev-06 with a wrong amount, a date the parser never finds, a forgotten one, a crash."""
    folder = tmp_path / "gold"
    folder.mkdir()
    shutil.copy(DEV_06.with_suffix(".txt"), folder)
    data = json.loads(DEV_06.with_suffix(".gold.json").read_text(encoding="utf-8"))
    data["money"][0]["amount"] = "41872306"  # wrong value
    data["dates"].append({"text": "Sint-Juttemis", "start": "2030-01-01", "end": "2030-01-01"})
    del data["dates"][0]  # the parser's '12 juli 2013' becomes spurious
    data["pairs"]["4"] = ["4"]  # gold says answered: an alignment miss
    (folder / DEV_06.with_suffix(".gold.json").name).write_text(json.dumps(data), "utf-8")
    shutil.copy(DEVSET / "dev-01-kinderopvang.txt", folder)
    shutil.copy(DEVSET / "dev-01-kinderopvang.gold.json", folder)
    (folder / "missing-input.gold.json").write_text("{}", "utf-8")
    return folder


def test_eval_html_lists_every_miss(wrong_gold: Path, tmp_path: Path) -> None:
    out = tmp_path / "eval.html"
    assert main(["eval", str(wrong_gold), "--html", str(out)]) == 1  # one input crashed
    html = out.read_text(encoding="utf-8")
    assert_self_contained(html)
    tree = parse_html(html)
    evaluation = evaluate.evaluate(wrong_gold, vpdocs.parse)
    (scored,) = [d for d in evaluation.documents if d.misses]
    section = tree.find("section", data_document=scored.name)
    rows = section.find_all("tr", cls="miss")
    assert [
        (r.attrs["data-metric"], r.attrs["data-kind"], r.find(cls="gold").text(),
         r.find(cls="found").text())
        for r in rows
    ] == [
        (m.metric, m.kind, normalise_space(m.gold or ""), normalise_space(m.found or ""))
        for m in scored.misses
    ]  # fmt: skip
    kinds = {(m.metric, m.kind) for m in scored.misses}
    assert {("money", "wrong"), ("dates", "missed"), ("dates", "spurious")} <= kinds
    wrong = section.find("tr", cls="miss", data_metric="money", data_kind="wrong")
    assert "41872306" in wrong.find(cls="gold").text()
    assert "41872305" in wrong.find(cls="found").text()


def test_eval_html_has_a_row_per_document_and_shows_crashes(wrong_gold: Path) -> None:
    evaluation = evaluate.evaluate(wrong_gold, vpdocs.parse)
    tree = parse_html(evaluation_html(evaluation))
    table = tree.find("table", cls="documents")
    rows = table.find("tbody").find_all("tr")
    assert [r.attrs["data-document"] for r in rows] == [d.name for d in evaluation.documents]
    perfect = table.find("tr", data_document="dev-01-kinderopvang")
    assert [td.text().split()[0] for td in perfect.find_all("td", cls="score")] == ["1.000"] * 6
    crashed = tree.find("section", data_document="missing-input")
    assert "no such file" in crashed.find(cls="error").text()
    totals = tree.find("table", cls="totals").find("tbody").find_all("tr")
    assert [r.find("td").text() for r in totals] == list(evaluate.METRICS)
