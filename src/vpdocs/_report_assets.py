"""The fixed parts of the HTML reports: page skeleton, style sheet, displaCy template.

Data, not logic: `vpdocs.report` fills these in with `string.Template` (`$name`) and
`str.format` (displaCy's own `{name}` fields). Nothing here loads anything from a network;
the Content-Security-Policy forbids it, so a report that tried would show it at once.
"""

from __future__ import annotations

from string import Template

# Entity colours for displaCy (options={"colors": ...}).
COLORS = {"MONEY": "#b7e4c0", "DATE": "#c4d7f5"}

# displaCy's `ent` template with the mention's attributes (`{attrs}`, already escaped) added;
# displaCy fills `{bg}`, `{text}` (escaped by displaCy) and `{label}`.
ENTITY_TEMPLATE = (
    '<mark class="entity" {attrs} style="background: {bg}">'
    '{text}<span class="ent-label">{label}</span></mark>'
)

PAGE = Template(
    """<!DOCTYPE html>
<html lang="$lang">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="vpdocs $version">
<title>$title</title>
<style>
$css
</style>
</head>
<body>
$body
<footer>Made by vpdocs $version. Self-contained: no scripts, no network.</footer>
</body>
</html>
"""
)

CSS = """
:root { --ink: #1d2430; --muted: #5d6778; --line: #d9dee7; --paper: #fbfbfd;
        --money: #b7e4c0; --date: #c4d7f5; --warn: #fff4d6; --warn-line: #e2b93b;
        --bad: #fde2e1; --bad-line: #d9534f; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1240px; padding: 24px 28px 40px; color: var(--ink);
       background: var(--paper); font: 15px/1.5 system-ui, -apple-system, "Segoe UI",
       Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.55em; line-height: 1.25; margin: 0.1em 0 0.4em; }
h2 { font-size: 1.15em; margin: 1.6em 0 0.5em; padding-bottom: 0.2em;
     border-bottom: 1px solid var(--line); }
h3 { font-size: 1em; margin: 1.2em 0 0.4em; }
a { color: #1f5fbf; }
.kicker { color: var(--muted); text-transform: uppercase; letter-spacing: 0.06em;
          font-size: 0.8em; margin: 0; }
.muted { color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr max-content 1fr;
           gap: 2px 16px; margin: 0.6em 0 0; font-size: 0.92em; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.warnings { background: var(--warn); border: 1px solid var(--warn-line); border-radius: 6px;
            padding: 8px 14px; margin: 16px 0; }
.warnings.none { background: #eef7f0; border-color: #bfe0c8; }
.warnings h2 { border: 0; margin: 0.2em 0; font-size: 1em; }
.warnings ul { margin: 0.2em 0 0.3em; padding-left: 1.3em; }
.summary { display: flex; flex-wrap: wrap; gap: 8px 18px; align-items: center;
           font-size: 0.9em; color: var(--muted); margin: 10px 0; }
.summary b { color: var(--ink); }
.swatch { display: inline-block; padding: 0 0.45em; border-radius: 0.3em; color: var(--ink); }
.entities { line-height: 1.75 !important; }
mark.entity { padding: 0.05em 0.25em; border-radius: 0.3em; color: inherit; cursor: help; }
mark.entity[data-implied] { outline: 1px dashed #3c8c52; }
mark.entity:target { outline: 2px solid #d9534f; }
.ent-label { font-size: 0.62em; font-weight: 700; margin-left: 0.3em; vertical-align: 0.12em;
             color: #3b4456; letter-spacing: 0.03em; }
.text-block { margin: 0.3em 0 0.8em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px;
         border-bottom: 1px solid var(--line); }
th { font-size: 0.82em; color: var(--muted); font-weight: 600; background: #f1f3f7; }
table.pairs > tbody > tr > td { width: 50%; }
table.pairs td.question { border-right: 1px solid var(--line); }
.label { display: inline-block; min-width: 2.1em; font-weight: 700; font-size: 0.82em;
         padding: 0 0.4em; border-radius: 0.3em; background: #e7eaf0; text-align: center;
         margin-right: 0.35em; }
.context { color: var(--muted); font-style: italic; }
.answer-block + .answer-block { border-top: 1px dashed var(--line); margin-top: 6px;
                                padding-top: 6px; }
.heading { color: var(--muted); font-size: 0.82em; }
tr.unanswered td.question { background: var(--bad); }
td.unanswered { background: var(--bad); color: #8a2b28; font-weight: 600; }
.flag { display: inline-block; font-size: 0.72em; font-weight: 700; padding: 0 0.45em;
        border-radius: 0.3em; background: var(--bad-line); color: #fff; margin-left: 0.4em; }
.refs { font-size: 0.85em; color: var(--muted); }
table.mentions td, table.mentions th { font-size: 0.88em; padding: 3px 8px; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.pages { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 18px; }
figure.page { margin: 0; }
figure.page figcaption { font-size: 0.85em; color: var(--muted); margin-bottom: 4px; }
.sheet { position: relative; border: 1px solid var(--line); background: #fff;
         box-shadow: 0 1px 4px rgba(0, 0, 0, 0.08); }
.sheet img { display: block; width: 100%; height: auto; }
.sheet svg { position: absolute; inset: 0; width: 100%; height: 100%; }
rect.box { fill-opacity: 0.28; stroke-width: 1.2; }
rect.box.money { fill: #2e9e4f; stroke: #1d6b34; }
rect.box.date { fill: #2f6fd6; stroke: #1d4a91; }
rect.block { fill: none; stroke: #8a94a6; stroke-width: 0.8; stroke-dasharray: 4 3; }
text.block-label { font: 7px sans-serif; fill: #5d6778; }
a:target rect.box { stroke: #d9534f; stroke-width: 2.5; }
.scores th:not(:first-child) { text-align: right; }
.scores td.score { text-align: right; font-variant-numeric: tabular-nums; }
.score.perfect { background: #e3f4e7; }
.score.good { background: #fff4d6; }
.score.poor { background: var(--bad); }
.counts { color: var(--muted); font-size: 0.78em; margin-left: 0.3em; }
tr.miss td { font-size: 0.9em; }
tr.miss.missed td.kind { color: #8a2b28; }
tr.miss.spurious td.kind { color: #8a5a00; }
tr.miss.wrong td.kind { color: #1d4a91; }
td.gold, td.found { width: 40%; overflow-wrap: anywhere; }
.error { background: var(--bad); border: 1px solid var(--bad-line); border-radius: 6px;
         padding: 6px 12px; }
footer { margin-top: 32px; color: var(--muted); font-size: 0.8em; }
"""
