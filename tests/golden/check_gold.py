"""Validate the hand-written golden cases in this directory.

Usage: python tests/golden/check_gold.py [DIR]

Checks, for every ``<stem>.gold.json`` next to a ``<stem>.txt``:
- JSON shape and types (see /work/shared/GOLD_FORMAT.md);
- header fields (number, asker, minister, date, title) appear in the document;
- every question/answer text occurs in the whitespace-normalised document, where a
  line-end hyphen may be either kept (compound: ``CLB-`` + ``medewerkers``) or
  dropped (hyphenation: ``onder-`` + ``steuning``); questions and answers appear in
  document order and all answers come after all questions;
- texts do not start with their own number/letter marker;
- labels are consistent between questions, answers and pairs;
- money and date mention texts occur in the body (question and answer text,
  without the header, signature and ANTWOORD lines), in the listed order;
- money amounts are plain decimal strings, currencies are known codes;
- dates are ISO dates with start <= end.

It deliberately does not import vpdocs. Exit status 0 when every case passes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

SOFT = "\u00ad"  # marks a line-end hyphen in the normalised document
LABEL_RE = re.compile(r"^[1-9]\d*[a-z]?$")
AMOUNT_RE = re.compile(r"^-?\d+(\.\d+)?$")
CURRENCIES = {"EUR", "BEF"}
MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip
TOP_KEYS = {
    "number",
    "asked_by",
    "addressed_to",
    "date_asked",
    "title",
    "questions",
    "answers",
    "pairs",
    "money",
    "dates",
    "notes",
}


def normalise_lines(lines: list[str]) -> str:
    """Join PDF lines: a space between lines, except after a line-end hyphen
    following a letter, which is kept as a SOFT marker (matches '-' or '')."""
    out = ""
    for raw in lines:
        line = re.sub(r"\s+", " ", raw).strip()
        if not line:
            continue
        if re.search(r"\w-$", out) and line[:1].isalpha():
            out = out[:-1] + SOFT + line
        elif out:
            out += " " + line
        else:
            out = line
    return out


def flex_pattern(text: str) -> re.Pattern[str]:
    """Regex for a gold text against the SOFT-marked document."""
    parts = []
    for ch in text:
        if ch == "-":
            parts.append(f"[-{SOFT}]")
        elif ch == " ":
            parts.append(" ")
        else:
            parts.append(re.escape(ch))
    return re.compile(f"{SOFT}?".join(parts))


def find(doc: str, text: str, start: int = 0) -> tuple[int, int] | None:
    m = flex_pattern(text).search(doc, start)
    return (m.start(), m.end()) if m else None


def iso(s: object) -> dt.date | None:
    if not isinstance(s, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return None
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        return None


def split_document(txt: str, gold: dict) -> tuple[list[str], list[str], list[str]]:
    """Return (header lines, all document lines after the export header, body lines).

    Body = question and answer text: everything after the title line, minus the
    signature block and the ANTWOORD / 'op vraag nr.' / 'van NAME' lines (modern
    format) or the 'Antwoord' line (bulletin format)."""
    lines = txt.split("\n")
    header = lines[:4]
    doc = [line.rstrip() for line in lines[4:]]
    norm_title = re.sub(r"\s+", " ", gold["title"]).strip()
    title_idx = next(
        (i for i, line in enumerate(doc) if re.sub(r"\s+", " ", line).strip() == norm_title),
        None,
    )
    if title_idx is None:
        raise ValueError("title line not found in document")
    body = []
    skipping = False
    for i, line in enumerate(doc):
        s = line.strip()
        if i <= title_idx:
            continue
        if s == gold["addressed_to"] and not skipping:
            skipping = True  # signature block up to the 'van NAME' after ANTWOORD
            continue
        if skipping:
            if s.startswith("van ") and doc[i - 1].strip().startswith("op vraag nr."):
                skipping = False
            continue
        if s == "Antwoord":
            continue
        body.append(line)
    return header, doc, body


def check_case(gold_path: Path) -> list[str]:
    errs: list[str] = []
    stem = gold_path.name[: -len(".gold.json")]
    txt_path = gold_path.with_name(stem + ".txt")
    if not txt_path.exists():
        return [f"missing {txt_path.name}"]
    txt = txt_path.read_text(encoding="utf-8")
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return [f"invalid JSON: {exc}"]

    # --- shape -------------------------------------------------------------
    if set(gold) != TOP_KEYS:
        errs.append(f"keys differ: missing {TOP_KEYS - set(gold)}, extra {set(gold) - TOP_KEYS}")
        return errs
    if not isinstance(gold["number"], int) or isinstance(gold["number"], bool):
        errs.append("number must be an int")
    for k in ("asked_by", "addressed_to", "title", "notes"):
        if not isinstance(gold[k], str) or not gold[k].strip():
            errs.append(f"{k} must be a non-empty string")
    if iso(gold["date_asked"]) is None:
        errs.append("date_asked is not an ISO date")
    for q in gold["questions"]:
        if set(q) != {"label", "text"} or not all(isinstance(q[k], str) for k in q):
            errs.append(f"bad question entry {q}")
    for a in gold["answers"]:
        if (
            set(a) != {"labels", "text"}
            or not isinstance(a["text"], str)
            or not isinstance(a["labels"], list)
            or not a["labels"]
            or not all(isinstance(x, str) for x in a["labels"])
        ):
            errs.append(f"bad answer entry {a}")
    if not isinstance(gold["pairs"], dict):
        errs.append("pairs must be an object")
    for m in gold["money"]:
        if set(m) != {"text", "amount", "currency"} or not all(isinstance(m[k], str) for k in m):
            errs.append(f"bad money entry {m}")
    for d in gold["dates"]:
        if set(d) != {"text", "start", "end"} or not all(isinstance(d[k], str) for k in d):
            errs.append(f"bad date entry {d}")
    if errs:
        return errs

    # --- header fields -----------------------------------------------------
    try:
        header, doc_lines, body_lines = split_document(txt, gold)
    except ValueError as exc:
        return [str(exc)]
    if not (
        header[0].startswith("title: ")
        and header[1].startswith("thema: ")
        and header[2].startswith("pdf link: ")
        and header[3].startswith("thema link: ")
    ):
        errs.append("export header lines title:/thema:/pdf link:/thema link: missing")
    if header[0][len("title: ") :].strip() != gold["title"]:
        errs.append("title differs from the export header's title: line")
    raw = "\n".join(doc_lines)
    n = gold["number"]
    if not re.search(rf"(^nr\. {n}$|^Vraag nr\. {n} van )", raw, re.M):
        errs.append(f"question number {n} not printed as 'nr. {n}' or 'Vraag nr. {n} van'")
    if not re.search(
        rf"(^van {re.escape(gold['asked_by'])}\s*$|van {re.escape(gold['asked_by'])}\s*$)",
        raw,
        re.M,
    ):
        errs.append("asked_by not printed as 'van NAME'")
    if not re.search(rf"^{re.escape(gold['addressed_to'])}\s*$", raw, re.M):
        errs.append("addressed_to not printed on its own line")
    d = iso(gold["date_asked"])
    if d:
        printed = f"{d.day} {MONTHS[d.month - 1]} {d.year}"
        if not re.search(rf"(^datum: {printed}$|^Vraag nr\. {n} van {printed} van )", raw, re.M):
            errs.append(f"date_asked {printed!r} not printed in the header")

    # --- texts -------------------------------------------------------------
    doc = normalise_lines(doc_lines)
    pos = 0
    for q in gold["questions"]:
        if q["text"] != re.sub(r"\s+", " ", q["text"]).strip():
            errs.append(f"question {q['label']}: text not whitespace-normalised")
        if re.match(r"^(\d+[.)]|[a-z]\)|Vraag \d+)", q["text"]):
            errs.append(f"question {q['label']}: text starts with a marker")
        hit = find(doc, q["text"], pos)
        if hit is None:
            errs.append(f"question {q['label']}: text not found (in order) in document")
        else:
            pos = hit[1]
    for a in gold["answers"]:
        lab = ",".join(a["labels"])
        if a["text"] != re.sub(r"\s+", " ", a["text"]).strip():
            errs.append(f"answer {lab}: text not whitespace-normalised")
        if re.match(r"^(\d+[.)]|[a-z]\)|Vraag \d+|Antwoord op)", a["text"]):
            errs.append(f"answer {lab}: text starts with a marker")
        hit = find(doc, a["text"], pos)
        if hit is None:
            errs.append(f"answer {lab}: text not found (in order, after the questions) in document")
        else:
            pos = hit[1]

    # --- labels and pairs --------------------------------------------------
    qlabels = [q["label"] for q in gold["questions"]]
    if len(set(qlabels)) != len(qlabels):
        errs.append(f"duplicate question labels {qlabels}")
    for lab in qlabels:
        if not LABEL_RE.match(lab):
            errs.append(f"bad label {lab!r}")
    answered = set()
    for a in gold["answers"]:
        if len(set(a["labels"])) != len(a["labels"]):
            errs.append(f"duplicate labels in answer {a['labels']}")
        for lab in a["labels"]:
            if lab not in qlabels:
                errs.append(f"answer label {lab!r} is not a question leaf")
            answered.add(lab)
        if set(a["labels"]) <= set(qlabels) and a["labels"] != sorted(
            a["labels"], key=qlabels.index
        ):
            errs.append(f"answer labels {a['labels']} not in question order")
    if set(gold["pairs"]) != set(qlabels):
        errs.append(f"pairs keys {sorted(gold['pairs'])} != question labels {qlabels}")
    for leaf, labs in gold["pairs"].items():
        if not isinstance(labs, list):
            errs.append(f"pairs[{leaf}] must be a list")
            continue
        for lab in labs:
            if lab not in answered:
                errs.append(f"pairs[{leaf}] names {lab!r}, which labels no answer block")
        if (leaf in answered) != bool(labs):
            errs.append(f"pairs[{leaf}]={labs} inconsistent with answer blocks")
        if leaf in answered and leaf not in labs:
            errs.append(f"pairs[{leaf}] does not name the block labelled {leaf}")

    # --- mentions ----------------------------------------------------------
    body = normalise_lines(body_lines)
    for kind in ("money", "dates"):
        pos = 0
        for m in gold[kind]:
            if m["text"] != m["text"].strip() or "  " in m["text"]:
                errs.append(f"{kind} {m['text']!r}: not whitespace-normalised")
            hit = find(body, m["text"], pos)
            if hit is None:
                where = "at all" if find(body, m["text"]) is None else "in the listed order"
                errs.append(
                    f"{kind} {m['text']!r}: not found in the body {where} (after offset {pos})"
                )
            else:
                pos = hit[1]
    for m in gold["money"]:
        if not AMOUNT_RE.match(m["amount"]):
            errs.append(f"money {m['text']!r}: amount {m['amount']!r} is not a plain decimal")
        else:
            try:
                if Decimal(m["amount"]) <= 0:
                    errs.append(f"money {m['text']!r}: amount not positive")
            except InvalidOperation:
                errs.append(f"money {m['text']!r}: amount does not parse")
        if m["currency"] not in CURRENCIES:
            errs.append(f"money {m['text']!r}: unknown currency {m['currency']!r}")
    for dd in gold["dates"]:
        s, e = iso(dd["start"]), iso(dd["end"])
        if s is None or e is None:
            errs.append(f"date {dd['text']!r}: start/end not ISO dates")
        elif s > e:
            errs.append(f"date {dd['text']!r}: start after end")
    return errs


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    cases = sorted(root.glob("*.gold.json"))
    if not cases:
        print(f"no *.gold.json in {root}")
        return 1
    failed = 0
    for path in cases:
        errs = check_case(path)
        status = "ok" if not errs else f"{len(errs)} problem(s)"
        print(f"{path.name}: {status}")
        for e in errs:
            print(f"    - {e}")
        failed += bool(errs)
    print(f"{len(cases) - failed}/{len(cases)} cases pass")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
