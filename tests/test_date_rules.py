"""Date rules, case by case: `vpdocs.entities.find_dates` on short texts.

Expected values follow /work/shared/GOLD_FORMAT.md and PHENOMENA.md (D1-D6), never what the
code happens to return. Every mention is an interval of days: a day gives start = end, a
month its first and last day, a year 01-01..12-31, a school or academic year 09-01..08-31,
a range the start of its first part to the end of its last. A mention's text leaves out a
leading 'op', 'sinds', 'vanaf', 'van', 'tussen', 'het' and keeps qualifiers that change the
value ('schooljaar', 'begrotingsjaar', 'begin', 'eind', 'eerste kwartaal van', 'laatsleden').
Relative mentions resolve against the question's date, passed as `reference_date`; without
one they are dropped, never guessed.

Cases are grouped by where they come from (after price-parser's `tests/test_price_parsing.py`):
  CASES_FROM_DEVSET  sentences of tests/devset/*.txt with their gold values
  CASES_PHENOMENA    each date form that PHENOMENA.md lists (D1-D5)
  CASES_RULES        positive and boundary forms written for one pattern or component rule
  CASES_NOT_DATE     negatives: numbers and words that are not dates (D6), near misses
  CASES_BUGS_CAUGHT  forms found wrong while writing these tables
Each case names the rule it pins (a pattern id of models/rules/*.jsonl, or a rule of the
`vpdocs_entities` component) and whether it is a positive, negative or boundary case; a test
parses the pattern files and fails when a date or BLOCK pattern lacks any of the three.
Known gaps are `xfail(strict=True)`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

import pytest

from tests.rule_tables import (
    KINDS,
    case_id,
    missing_kinds,
    pattern_labels,
    rule_of,
    squash,
    unknown_rules,
    xfailed,
)
from vpdocs.entities import find_dates, load_pipeline

REF = dt.date(2024, 3, 15)  # the seed question's date (sv-352)

# Rules of the `vpdocs_entities` component that no pattern id names.
COMPONENT_RULES = (
    "date-school-year",  # a bare '2022-2023' after a school-year mention or in a school context
    "date-year-inheritance",  # '1 april tot 30 juni 2024', '11 februari 2024 ... 25 maart'
    "date-mention-text",  # leading 'op', 'sinds', 'vanaf', 'van', 'tussen', 'het' left out
)
DATE_LABELS = {"DATE", "DATE_LIST", "BLOCK"}


@dataclass(frozen=True)
class DateCase:
    rule: str
    kind: str  # "pos", "neg" or "edge"
    text: str
    expected: tuple[tuple[str, str, str], ...]  # (text, start, end) in order
    reference: dt.date | None = None
    source: str | None = None  # devset document stem


def case(
    rule: str,
    text: str,
    *expected: tuple[str, str, str],
    kind: str = "pos",
    ref: dt.date | None = None,
    source: str | None = None,
    xfail: str | None = None,
) -> Any:
    """One table row as a pytest param whose id reads 'rule[, not|, edge]: text'."""
    assert kind in KINDS, kind
    shown = text.replace("\n", " / ")
    shown = shown if len(shown) <= 70 else shown[:67] + "..."
    if ref is not None:
        shown += f" @ {ref.isoformat()}"
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(
        DateCase(rule, kind, text, tuple(expected), ref, source),
        id=case_id(rule, kind, shown),
        marks=marks,
    )


def day(text: str, iso: str) -> tuple[str, str, str]:
    return (text, iso, iso)


def year(text: str, number: int | None = None) -> tuple[str, str, str]:
    value = number if number is not None else int(re.findall(r"\d{4}", text)[-1])
    return (text, f"{value}-01-01", f"{value}-12-31")


def school_year(text: str, first: int) -> tuple[str, str, str]:
    return (text, f"{first}-09-01", f"{first + 1}-08-31")


def span(text: str, start: str, end: str) -> tuple[str, str, str]:
    return (text, start, end)


# --- sentences of the annotated devset, with their gold values --------------------------------

SV352 = dt.date(2024, 3, 15)

CASES_FROM_DEVSET = [
    case(
        "date-range-until-now",
        "Graag een overzicht per provincie van de personeelsinzet in voltijdsequivalenten "
        "(vte’s) in de provinciale netwerken sinds 2016 tot op heden.",
        span("2016 tot op heden", "2016-01-01", "2024-03-15"),
        ref=SV352,
        source="sv-352-schooluitval",
    ),
    case(
        "date-day-month-past",
        "De minister gaf op mijn vraag om uitleg in de commissie op 18 januari laatsleden als "
        "voordeel dat de nieuwe structuur sinds 1 januari 2024 ervoor zorgt dat de signalen uit "
        "de regionale werking nu regio-overschrijdend kunnen worden besproken.",
        day("18 januari laatsleden", "2024-01-18"),
        day("1 januari 2024", "2024-01-01"),
        ref=SV352,
        source="sv-352-schooluitval",
    ),
    case(
        "date-range-plural-period",
        "Tussen de schooljaren 2016-2017 en 2019-2020 werd telkens een financiële "
        "ondersteuning van 64.000 euro verleend voor de werking van elk regionaal Netwerk "
        "Samen tegen Schooluitval.",
        span("schooljaren 2016-2017 en 2019-2020", "2016-09-01", "2020-08-31"),
        kind="edge",
        ref=SV352,
        source="sv-352-schooluitval",
    ),
    case(
        "date-range-from-month",
        "Voor de periode september tot en met december 2023 werd nog eens een financiële "
        "ondersteuning verleend van 20.055 in afwachting van de transitie naar het Netwerk "
        "Samen tegen Schooluitval vanaf 1 januari 2024.",
        span("september tot en met december 2023", "2023-09-01", "2023-12-31"),
        day("1 januari 2024", "2024-01-01"),
        ref=SV352,
        source="sv-352-schooluitval",
    ),
    case(
        "date-qualified-year-span",
        "Vanaf het schooljaar 2023-2024 wordt er recurrent 7.562.000 euro extra toegekend aan "
        "de CLB’s, onder meer om in te zetten op het voorkomen van vroegtijdig schoolverlaten "
        "en ongekwalificeerde uitstroom.",
        school_year("schooljaar 2023-2024", 2023),
        ref=SV352,
        source="sv-352-schooluitval",
    ),
    case(
        "date-range",
        "De uitwerking van de toolbox wordt opgevangen binnen de financiële ondersteuning van "
        "640.300 euro voor de periode 1 januari 2024 tot en met 31 augustus 2025.",
        span("1 januari 2024 tot en met 31 augustus 2025", "2024-01-01", "2025-08-31"),
        ref=SV352,
        source="sv-352-schooluitval",
    ),
    case(
        "date-year",
        "De netwerkcoördinatoren Samen tegen Schooluitval kennen sinds de oprichting van het "
        "project in 2016 al een nauwe samenwerking, maar hun mandaat was beperkt.",
        year("2016"),
        ref=SV352,
        source="sv-352-schooluitval",
    ),
    case(
        "date-day-month-year",
        "De financiële ondersteuning is gebaseerd op de kostenraming van één VTE met 15 jaar "
        "anciënniteit (bachelordiploma).",
        kind="neg",
        ref=SV352,
        source="sv-352-schooluitval",
    ),
    case(
        "date-relative",
        "Vorig jaar werden in twee uitbreidingsrondes samen 2.350 plaatsen toegekend.",
        year("Vorig jaar", 2022),
        ref=dt.date(2023, 10, 17),
        source="dev-01-kinderopvang",
    ),
    case(
        "date-range",
        "In totaal werden 214 aanvragen ingediend in de uitbreidingsronde, die liep van 1 april "
        "2023 tot en met 31 mei 2023.",
        span("1 april 2023 tot en met 31 mei 2023", "2023-04-01", "2023-05-31"),
        ref=dt.date(2023, 10, 17),
        source="dev-01-kinderopvang",
    ),
    case(
        "date-part-of-year",
        "De meeste andere plaatsen zullen naar verwachting in de loop van het eerste kwartaal "
        "van 2024 opstarten.",
        span("eerste kwartaal van 2024", "2024-01-01", "2024-03-31"),
        ref=dt.date(2023, 10, 17),
        source="dev-01-kinderopvang",
    ),
    case(
        "block-reference-number",
        "Die termijn is vastgelegd in artikel 81, 1°, van het besluit van de Vlaamse Regering "
        "van 22 november 2013 betreffende de voorwaarden voor subsidiëring van kinderopvang.",
        day("22 november 2013", "2013-11-22"),
        kind="neg",
        ref=dt.date(2023, 10, 17),
        source="dev-01-kinderopvang",
    ),
    case(
        "date-day-month-year",
        "De organisator moet de toegekende plaatsen binnen 12 maanden na de beslissing in "
        "gebruik nemen.",
        kind="neg",
        ref=dt.date(2023, 10, 17),
        source="dev-01-kinderopvang",
    ),
    case(
        "date-numeric",
        "Sinds 01.01.2024 kunnen organisaties de korting bovendien gedeeltelijk recupereren "
        "via de vrijetijdspas van de gemeente waar de deelnemer woont.",
        day("01.01.2024", "2024-01-01"),
        ref=dt.date(2024, 4, 4),
        source="dev-02-jeugdwerk",
    ),
    case(
        "date-range-from-month",
        "Voor de periode september tot en met december 2024 gaat het om ongeveer 107 k€.",
        span("september tot en met december 2024", "2024-09-01", "2024-12-31"),
        ref=dt.date(2024, 4, 4),
        source="dev-02-jeugdwerk",
    ),
    case(
        "date-relative",
        "Plant de minister dit jaar nog een verhoging van de subsidie per deelnemer?",
        year("dit jaar", 2024),
        ref=dt.date(2024, 4, 4),
        source="dev-02-jeugdwerk",
    ),
    case(
        "date-qualified-year",
        "In het werkingsjaar 2023 namen 14.912 jongeren deel aan een cursus animator.",
        year("werkingsjaar 2023"),
        ref=dt.date(2024, 4, 4),
        source="dev-02-jeugdwerk",
    ),
    case(
        "block-reference-number",
        "Jongeren met vragen over de kortingsregeling kunnen terecht bij de Vlaamse infolijn "
        "op het gratis nummer 1700.",
        ref=dt.date(2024, 4, 4),
        source="dev-02-jeugdwerk",
    ),
    case(
        "date-range",
        "Ter vergelijking: het aantal reizigers op de vroegere belbussen daalde van 2019 tot "
        "2023 met bijna 7 %, onder meer door de beperkte reservatiemogelijkheden en de lange "
        "reservatietermijn.",
        span("2019 tot 2023", "2019-01-01", "2023-12-31"),
        ref=dt.date(2024, 2, 14),
        source="dev-03-de-lijn-flexvervoer",
    ),
    case(
        "date-range",
        "In de periode van 1 juli 2023 tot en met 31/12/2023 werden in totaal 157.953 "
        "flexritten uitgevoerd voor 48.409 unieke reizigers.",
        span("1 juli 2023 tot en met 31/12/2023", "2023-07-01", "2023-12-31"),
        kind="edge",
        ref=dt.date(2024, 2, 14),
        source="dev-03-de-lijn-flexvervoer",
    ),
    case(
        "date-school-year",
        "Voor de periode 2023-2024 is daarvoor in totaal 12,4 miljoen euro voorzien.",
        span("2023-2024", "2023-01-01", "2024-12-31"),
        kind="neg",
        ref=dt.date(2024, 2, 14),
        source="dev-03-de-lijn-flexvervoer",
    ),
    case(
        "date-year-span",
        "De bijsturingen zullen ook worden meegenomen in de regionale mobiliteitsplannen voor "
        "de periode 2025-2029.",
        span("2025-2029", "2025-01-01", "2029-12-31"),
        ref=dt.date(2024, 2, 14),
        source="dev-03-de-lijn-flexvervoer",
    ),
    case(
        "date-edge-year",
        "De eindresultaten worden verwacht tegen eind 2024.",
        year("eind 2024"),
        ref=dt.date(2024, 2, 14),
        source="dev-03-de-lijn-flexvervoer",
    ),
    case(
        "date-year",
        "De gemiddelde afhandelingstermijn bedroeg 9 werkdagen.",
        kind="neg",
        ref=dt.date(2024, 2, 14),
        source="dev-03-de-lijn-flexvervoer",
    ),
    case(
        "date-year",
        "2023 was een recordjaar wat het aantal ingediende projecten betreft.",
        year("2023"),
        kind="edge",
        ref=dt.date(2024, 4, 9),
        source="dev-04-waterbuffering",
    ),
    case(
        "date-relative",
        "Vorige maand werd een nieuwe projectoproep gelanceerd, deze keer gericht op lokale "
        "besturen en landbouwers samen.",
        span("Vorige maand", "2024-03-01", "2024-03-31"),
        ref=dt.date(2024, 4, 9),
        source="dev-04-waterbuffering",
    ),
    case(
        "date-range",
        "Projecten kunnen worden ingediend tot en met 30 juni 2024.",
        day("30 juni 2024", "2024-06-30"),
        kind="neg",
        ref=dt.date(2024, 4, 9),
        source="dev-04-waterbuffering",
    ),
    case(
        "date-range-between",
        "Het hogere aantal opleveringen sinds 2023 is vooral het gevolg van projecten die tussen\n"
        "2016 en 2020 werden opgestart en door de coronacrisis en de gestegen bouwkosten "
        "vertraging\nopliepen.",
        year("2023"),
        span("2016 en 2020", "2016-01-01", "2020-12-31"),
        kind="edge",
        ref=dt.date(2025, 3, 20),
        source="dev-05-sociale-huurwoningen",
    ),
    case(
        "date-year",
        "De nodige wijzigingen aan het Besluit Vlaamse Codex\n"
        "Wonen van 2021 leg ik in de loop van dit jaar voor aan de Vlaamse Regering.",
        year("2021"),
        year("dit jaar", 2025),
        ref=dt.date(2025, 3, 20),
        source="dev-05-sociale-huurwoningen",
    ),
    case(
        "date-year-span",
        "De renovatiemiddelen worden verdeeld op basis van het renovatieprogramma 2025-2027.",
        span("2025-2027", "2025-01-01", "2027-12-31"),
        ref=dt.date(2025, 3, 20),
        source="dev-05-sociale-huurwoningen",
    ),
    case(
        "date-year",
        "Jaar aantal opgeleverde woningen\n2019 4.912\n2020 3.876\n2021 4.405",
        year("2019"),
        year("2020"),
        year("2021"),
        kind="edge",
        ref=dt.date(2025, 3, 20),
        source="dev-05-sociale-huurwoningen",
    ),
    case(
        "date-qualified-year",
        "Elf van de 83 woonmaatschappijen sloten het boekjaar 2024 af met een negatief resultaat.",
        year("boekjaar 2024"),
        ref=dt.date(2025, 3, 20),
        source="dev-05-sociale-huurwoningen",
    ),
    case(
        "date-day-month-year",
        "Het Onroerenderfgoeddecreet van 12 juli 2013 voorziet in erfgoedpremies,",
        day("12 juli 2013", "2013-07-12"),
        ref=dt.date(2022, 6, 2),
        source="dev-06-erfgoedpremies",
    ),
    case(
        "date-range-between",
        "Tussen 2016 en 2020 liep de wachtlijst volgens het agentschap Onroerend Erfgoed op",
        span("2016 en 2020", "2016-01-01", "2020-12-31"),
        ref=dt.date(2022, 6, 2),
        source="dev-06-erfgoedpremies",
    ),
    case(
        "date-numeric",
        "Sinds 01.09.2023 kunnen lokale besturen bij Sport Vlaanderen een subsidie aanvragen "
        "voor de renovatie of de bouw van een zwembad met een bovenlokale functie.",
        day("01.09.2023", "2023-09-01"),
        ref=dt.date(2025, 1, 21),
        source="dev-07-zwembaden",
    ),
    case(
        "date-qualified-year-span",
        "Uit een bevraging van de onderwijskoepels in het schooljaar 2023-2024 blijkt dat "
        "4.241 leerlingen uit het lager onderwijs geen schoolzwemmen kregen.",
        school_year("schooljaar 2023-2024", 2023),
        ref=dt.date(2025, 1, 21),
        source="dev-07-zwembaden",
    ),
    case(
        "date-edge-year",
        "Sommige landbouwers wachten al sinds begin 2005 op de uitbetaling van een goedgekeurd "
        "dossier.",
        year("begin 2005"),
        ref=dt.date(2006, 2, 14),
        source="dev-08-vlif-investeringssteun",
    ),
    case(
        "date-year-span",
        "Bovendien loopt het Programmadocument voor Plattelandsontwikkeling (PDPO) 2000-2006 "
        "op zijn einde,",
        span("2000-2006", "2000-01-01", "2006-12-31"),
        ref=dt.date(2006, 2, 14),
        source="dev-08-vlif-investeringssteun",
    ),
    case(
        "date-range",
        "In 2005 werden 3.842 steunaanvragen ingediend, tegenover gemiddeld 2.900 aanvragen per "
        "jaar in de periode van 2001 tot 2004.",
        year("2005"),
        span("2001 tot 2004", "2001-01-01", "2004-12-31"),
        ref=dt.date(2006, 2, 14),
        source="dev-08-vlif-investeringssteun",
    ),
    case(
        "date-numeric",
        "Het gaat om 9 fusies, die allemaal ingaan op 1-1-2025.",
        day("1-1-2025", "2025-01-01"),
        ref=dt.date(2024, 2, 27),
        source="dev-09-fusiegemeenten",
    ),
    case(
        "date-range-plural-period",
        "Hoe wordt die over de verschillende begrotingsjaren gespreid?",
        kind="neg",
        ref=dt.date(2024, 2, 27),
        source="dev-09-fusiegemeenten",
    ),
    case(
        "date-day-month-year",
        "De regeling is vastgelegd in artikel 369, §1, van het decreet van 22 december 2017 "
        "over het lokaal bestuur.",
        day("22 december 2017", "2017-12-22"),
        ref=dt.date(2024, 2, 27),
        source="dev-09-fusiegemeenten",
    ),
    case(
        "date-range-plural-period",
        "Hoeveel cursisten waren er in de schooljaren 2020-2021 en 2021-2022?",
        span("schooljaren 2020-2021 en 2021-2022", "2020-09-01", "2022-08-31"),
        ref=dt.date(2023, 12, 8),
        source="dev-10-vlaamse-rand-taal",
    ),
    case(
        "date-school-year",
        "In het actieplan Vlaamse Rand 2023-2025 werd bovendien een versterking van de "
        "taalstimulering in het basisonderwijs aangekondigd.",
        span("2023-2025", "2023-01-01", "2025-12-31"),
        kind="neg",
        ref=dt.date(2023, 12, 8),
        source="dev-10-vlaamse-rand-taal",
    ),
    case(
        "block-postal-code",
        "Ouders die Nederlands willen oefenen, kunnen ook terecht bij het Taalpunt in de\n"
        "Kerkstraat 12 in 1970 Wezembeek-Oppem, dat elke woensdagnamiddag open is.",
        ref=dt.date(2023, 12, 8),
        source="dev-10-vlaamse-rand-taal",
    ),
    case(
        "date-year",
        "Daarnaast zijn er\n14 taalcoaches die elk gemiddeld 4 uur per week actief zijn in "
        "scholen en verenigingen.",
        kind="neg",
        ref=dt.date(2023, 12, 8),
        source="dev-10-vlaamse-rand-taal",
    ),
    case(
        "date-qualified-year-span",
        "Een eerste evaluatie is gepland na afloop van het schooljaar\n2024-2025.",
        school_year("schooljaar 2024-2025", 2024),
        kind="edge",
        ref=dt.date(2023, 12, 8),
        source="dev-10-vlaamse-rand-taal",
    ),
    case(
        "date-day-month-past",
        "Op 18 november laatstleden werd een nieuw akkoord voorgesteld.",
        day("18 november laatstleden", "2025-11-18"),
        ref=dt.date(2025, 12, 3),
        source="dev-11-vrt-regionale-omroepen",
    ),
    case(
        "date-year-span",
        "De beheersovereenkomst 2026-2030 bevat het engagement om jaarlijks minstens € 2,4 "
        "miljoen te besteden aan de samenwerking met de regionale omroepen.",
        span("2026-2030", "2026-01-01", "2030-12-31"),
        ref=dt.date(2025, 12, 3),
        source="dev-11-vrt-regionale-omroepen",
    ),
    case(
        "date-range",
        "Voor het academiejaar 2023-2024 liep de aanvraagperiode voor een studietoelage, zoals "
        "gebruikelijk, van 1 augustus 2023 tot en met 3 juni 2024.",
        school_year("academiejaar 2023-2024", 2023),
        span("1 augustus 2023 tot en met 3 juni 2024", "2023-08-01", "2024-06-03"),
        ref=dt.date(2024, 11, 25),
        source="dev-12-studietoelagen",
    ),
    case(
        "date-mention-text",
        "De gemiddelde toegekende studietoelage bedroeg 2.386,42 euro, tegenover € 2.519 voor "
        "aanvragen die vóór die datum werden ingediend.",
        kind="neg",
        ref=dt.date(2024, 11, 25),
        source="dev-12-studietoelagen",
    ),
]

# --- each date form of PHENOMENA.md -------------------------------------------------------------

CASES_PHENOMENA = [
    # D1 full dates
    case("date-day-month-year", "op 15 maart 2024", day("15 maart 2024", "2024-03-15")),
    case("date-day-month-year", "sinds 1 september 2016", day("1 september 2016", "2016-09-01")),
    case("date-numeric", "31/12/2023", day("31/12/2023", "2023-12-31")),
    case("date-numeric", "01.09.2023", day("01.09.2023", "2023-09-01")),
    case("date-numeric", "1-1-2024", day("1-1-2024", "2024-01-01")),
    # D2 months, years, edges, quarters, seasons
    case("date-month-year", "in maart 2024", span("maart 2024", "2024-03-01", "2024-03-31")),
    case("date-year", "in 2019", year("2019")),
    case("date-edge-year", "begin 2006", year("begin 2006")),
    case("date-edge-year", "eind 2023", year("eind 2023")),
    case(
        "date-part-of-year",
        "het eerste kwartaal van 2023",
        span("eerste kwartaal van 2023", "2023-01-01", "2023-03-31"),
    ),
    case("date-season", "het najaar van 2022", year("najaar van 2022")),
    # D3 school, academic and working years
    case(
        "date-qualified-year-span",
        "schooljaar 2016-2017",
        school_year("schooljaar 2016-2017", 2016),
    ),
    case(
        "date-school-year",
        "In het schooljaar 2022-2023 en 2023-2024 steeg het aantal leerlingen.",
        school_year("schooljaar 2022-2023", 2022),
        school_year("2023-2024", 2023),
    ),
    case(
        "date-range-plural-period",
        "de schooljaren 2020-2021 en 2022-2023",
        span("schooljaren 2020-2021 en 2022-2023", "2020-09-01", "2023-08-31"),
    ),
    case(
        "date-qualified-year-span",
        "academiejaar 2022-2023",
        school_year("academiejaar 2022-2023", 2022),
    ),
    case("date-qualified-year", "werkingsjaar 2024", year("werkingsjaar 2024")),
    case("date-qualified-year", "begrotingsjaar 2024", year("begrotingsjaar 2024")),
    # D4 ranges
    case(
        "date-range-from-month",
        "september tot en met december 2023",
        span("september tot en met december 2023", "2023-09-01", "2023-12-31"),
    ),
    case(
        "date-range",
        "1 januari 2024 tot en met 31 augustus 2025",
        span("1 januari 2024 tot en met 31 augustus 2025", "2024-01-01", "2025-08-31"),
    ),
    case("date-range", "van 2019 tot 2023", span("2019 tot 2023", "2019-01-01", "2023-12-31")),
    case(
        "date-range-between",
        "tussen 2016 en 2020",
        span("2016 en 2020", "2016-01-01", "2020-12-31"),
    ),
    case("date-year-span", "2019-2023", span("2019-2023", "2019-01-01", "2023-12-31")),
    # D5 relative, against the question's date
    case(
        "date-day-month-past",
        "18 januari laatsleden",
        day("18 januari laatsleden", "2024-01-18"),
        ref=REF,
    ),
    case("date-relative", "vorig jaar", year("vorig jaar", 2023), ref=REF),
    case("date-relative", "dit jaar", year("dit jaar", 2024), ref=REF),
    case(
        "date-relative",
        "vorige maand",
        span("vorige maand", "2024-02-01", "2024-02-29"),
        ref=REF,
    ),
    # D6: a decree's date is a date
    case("date-day-month-year", "decreet van 8 mei 2009", day("8 mei 2009", "2009-05-08")),
]

# --- positive and boundary forms, one pattern or component rule at a time ----------------------

CASES_RULES = [
    # date-day-month-year
    case(
        "date-day-month-year",
        "1ste januari 2024",
        day("1ste januari 2024", "2024-01-01"),
        kind="edge",
    ),
    case("date-day-month-year", "15 Maart 2024", day("15 Maart 2024", "2024-03-15"), kind="edge"),
    case(
        "date-day-month-year",
        "sinds 1 sept. 2016",
        day("1 sept. 2016", "2016-09-01"),
        kind="edge",
    ),
    # date-numeric
    case(
        "date-numeric", "tot 31/12/2023, daarna niet", day("31/12/2023", "2023-12-31"), kind="edge"
    ),
    case("date-numeric", "29/02/2024", day("29/02/2024", "2024-02-29"), kind="edge"),
    # date-day-month-past
    case(
        "date-day-month-past",
        "18 maart laatsleden",
        day("18 maart laatsleden", "2023-03-18"),
        kind="edge",
        ref=REF,
    ),
    case(
        "date-day-month-past",
        "18 januari laatsleden",
        day("18 januari laatsleden", "2023-01-18"),
        kind="edge",
        ref=dt.date(2024, 1, 10),
    ),
    case("date-day-month-past", "18 januari ll.", day("18 januari ll.", "2024-01-18"), ref=REF),
    # date-day-month-future
    case(
        "date-day-month-future",
        "18 januari aanstaande",
        day("18 januari aanstaande", "2025-01-18"),
        ref=REF,
    ),
    case(
        "date-day-month-future",
        "15 april eerstkomend",
        day("15 april eerstkomend", "2024-04-15"),
        ref=REF,
    ),
    case(
        "date-day-month-future",
        "15 april e.k.",
        day("15 april e.k.", "2024-04-15"),
        kind="edge",
        ref=REF,
    ),
    # date-day-month: a day without a year takes the year of the date before it
    case(
        "date-day-month",
        "Op 3 mei 2023 startte de oproep, op 15 juni volgde de selectie.",
        day("3 mei 2023", "2023-05-03"),
        day("15 juni", "2023-06-15"),
    ),
    case(
        "date-day-month",
        "Van 1 januari 2023 tot 31 maart 2023 liep de oproep; op 15 april volgde de selectie.",
        span("1 januari 2023 tot 31 maart 2023", "2023-01-01", "2023-03-31"),
        day("15 april", "2023-04-15"),
        kind="edge",
    ),
    # date-month-year
    case("date-month-year", "jan 2024", span("jan 2024", "2024-01-01", "2024-01-31"), kind="edge"),
    case(
        "date-month-year",
        "mei 2023, juni 2023",
        span("mei 2023", "2023-05-01", "2023-05-31"),
        span("juni 2023", "2023-06-01", "2023-06-30"),
        kind="edge",
    ),
    # date-year
    case("date-year", "de begroting 2019", year("2019")),
    case("date-year", "het jaarprogramma 2015", year("2015")),
    case(
        "date-year",
        "in 2022, 2023 en 2024",
        year("2022"),
        year("2023"),
        year("2024"),
        kind="edge",
    ),
    # date-year-span
    case(
        "date-year-span",
        "het actieplan 2019–2023",
        span("2019–2023", "2019-01-01", "2023-12-31"),
        kind="edge",
    ),
    # date-year-span-spaced
    case("date-year-span-spaced", "2019 - 2023", span("2019 - 2023", "2019-01-01", "2023-12-31")),
    case(
        "date-year-span-spaced",
        "2019 – 2023",
        span("2019 – 2023", "2019-01-01", "2023-12-31"),
        kind="edge",
    ),
    case(
        "date-year-span-spaced",
        "in het schooljaar 2023 - 2024",
        school_year("schooljaar 2023 - 2024", 2023),
        kind="edge",
    ),
    # date-qualified-year
    case("date-qualified-year", "boekjaar 2024", year("boekjaar 2024")),
    case("date-qualified-year", "Begrotingsjaar 2024", year("Begrotingsjaar 2024"), kind="edge"),
    case("date-qualified-year", "kalenderjaar 2022", year("kalenderjaar 2022"), kind="edge"),
    # date-qualified-year-span
    case(
        "date-qualified-year-span",
        "schooljaar 2023-24",
        school_year("schooljaar 2023-24", 2023),
        kind="edge",
    ),
    case(
        "date-qualified-year-span",
        "begrotingsjaar 2019-2020",
        span("begrotingsjaar 2019-2020", "2019-01-01", "2020-12-31"),
        kind="edge",
    ),
    # date-edge-year
    case("date-edge-year", "midden 2019", year("midden 2019")),
    case("date-edge-year", "Eind 2024", year("Eind 2024"), kind="edge"),
    case("date-edge-year", "medio 2020", year("medio 2020"), kind="edge"),
    # date-edge-month
    case("date-edge-month", "eind juni 2024", span("eind juni 2024", "2024-06-01", "2024-06-30")),
    case(
        "date-edge-month",
        "eind juni",
        span("eind juni", "2024-06-01", "2024-06-30"),
        kind="edge",
        ref=REF,
    ),
    # date-season
    case("date-season", "voorjaar 2023", year("voorjaar 2023")),
    case("date-season", "de zomer van 2021", year("zomer van 2021"), kind="edge"),
    # date-part-of-year
    case(
        "date-part-of-year",
        "het laatste kwartaal van 2023",
        span("laatste kwartaal van 2023", "2023-10-01", "2023-12-31"),
        kind="edge",
    ),
    case(
        "date-part-of-year",
        "het tweede semester 2024",
        span("tweede semester 2024", "2024-07-01", "2024-12-31"),
        kind="edge",
    ),
    # date-quarter-code
    case("date-quarter-code", "Q1 2024", span("Q1 2024", "2024-01-01", "2024-03-31")),
    case(
        "date-quarter-code", "in Q3 2023,", span("Q3 2023", "2023-07-01", "2023-09-30"), kind="edge"
    ),
    # date-relative
    case(
        "date-relative",
        "vorige maand",
        span("vorige maand", "2023-12-01", "2023-12-31"),
        kind="edge",
        ref=dt.date(2024, 1, 10),
    ),
    case(
        "date-relative",
        "dit schooljaar",
        school_year("dit schooljaar", 2023),
        kind="edge",
        ref=REF,
    ),
    case(
        "date-relative",
        "vorig schooljaar",
        school_year("vorig schooljaar", 2022),
        kind="edge",
        ref=REF,
    ),
    case("date-relative", "volgend jaar", year("volgend jaar", 2025), ref=REF),
    # date-edge-relative
    case("date-edge-relative", "eind vorig jaar", year("eind vorig jaar", 2023), ref=REF),
    case(
        "date-edge-relative", "begin dit jaar", year("begin dit jaar", 2024), kind="edge", ref=REF
    ),
    case(
        "date-edge-relative",
        "eind vorige maand",
        span("eind vorige maand", "2024-02-01", "2024-02-29"),
        kind="edge",
        ref=REF,
    ),
    # date-range
    case(
        "date-range",
        "1 januari 2024 t.e.m. 31 augustus 2025",
        span("1 januari 2024 t.e.m. 31 augustus 2025", "2024-01-01", "2025-08-31"),
        kind="edge",
    ),
    case(
        "date-range",
        "1 januari 2024 - 31 december 2024",
        span("1 januari 2024 - 31 december 2024", "2024-01-01", "2024-12-31"),
        kind="edge",
    ),
    case(
        "date-range",
        "van november 2023 tot februari 2024",
        span("november 2023 tot februari 2024", "2023-11-01", "2024-02-29"),
    ),
    # date-range-from-month
    case(
        "date-range-from-month",
        "november tot en met februari 2024",
        span("november tot en met februari 2024", "2023-11-01", "2024-02-29"),
        kind="edge",
    ),
    # date-range-from-day
    case(
        "date-range-from-day",
        "1 tot en met 15 maart 2024",
        span("1 tot en met 15 maart 2024", "2024-03-01", "2024-03-15"),
    ),
    case(
        "date-range-from-day",
        "van 3 tot 5 maart 2024",
        span("3 tot 5 maart 2024", "2024-03-03", "2024-03-05"),
        kind="edge",
    ),
    # date-range-between
    case(
        "date-range-between",
        "Tussen 1 januari 2023 en 31 maart 2023",
        span("1 januari 2023 en 31 maart 2023", "2023-01-01", "2023-03-31"),
        kind="edge",
    ),
    # date-range-between-days
    case(
        "date-range-between-days",
        "tussen 1 en 15 maart 2024",
        span("1 en 15 maart 2024", "2024-03-01", "2024-03-15"),
    ),
    case(
        "date-range-between-days",
        "tussen 1 en 31 januari 2024",
        span("1 en 31 januari 2024", "2024-01-01", "2024-01-31"),
        kind="edge",
    ),
    case(
        "date-range-between-days",
        "tussen 1 en 15 leerlingen in 2024",
        year("2024"),
        kind="neg",
    ),
    # date-range-between-months
    case(
        "date-range-between-months",
        "tussen januari en maart 2024",
        span("januari en maart 2024", "2024-01-01", "2024-03-31"),
    ),
    case(
        "date-range-between-months",
        "tussen oktober en december 2023",
        span("oktober en december 2023", "2023-10-01", "2023-12-31"),
        kind="edge",
    ),
    # date-range-until-now
    case(
        "date-range-until-now",
        "sinds 2016 tot op heden",
        span("2016 tot op heden", "2016-01-01", "2024-03-15"),
        ref=REF,
    ),
    case(
        "date-range-until-now",
        "sinds 1 januari 2023 tot nu",
        span("1 januari 2023 tot nu", "2023-01-01", "2024-03-15"),
        kind="edge",
        ref=REF,
    ),
    case(
        "date-range-until-now",
        "2016 tot heden",
        span("2016 tot heden", "2016-01-01", "2024-03-15"),
        kind="edge",
        ref=REF,
    ),
    # date-range-plural-period
    case(
        "date-range-plural-period",
        "de begrotingsjaren 2023 en 2024",
        span("begrotingsjaren 2023 en 2024", "2023-01-01", "2024-12-31"),
    ),
    case(
        "date-range-plural-period",
        "de academiejaren 2021-2022 tot 2023-2024",
        span("academiejaren 2021-2022 tot 2023-2024", "2021-09-01", "2024-08-31"),
        kind="edge",
    ),
    # date-list-day
    case(
        "date-list-day",
        "op 11 en 25 februari 2024",
        day("11", "2024-02-11"),
        day("25 februari 2024", "2024-02-25"),
    ),
    case(
        "date-list-day",
        "op 11 en 25 februari",
        day("11", "2024-02-11"),
        day("25 februari", "2024-02-25"),
        kind="edge",
        ref=REF,
    ),
    case(
        "date-list-day",
        "op 3, 10 en 17 mei 2024",
        day("3", "2024-05-03"),
        day("10", "2024-05-10"),
        day("17 mei 2024", "2024-05-17"),
        kind="edge",
    ),
    # date-list-month
    case(
        "date-list-month",
        "januari en februari 2024",
        span("januari", "2024-01-01", "2024-01-31"),
        span("februari 2024", "2024-02-01", "2024-02-29"),
    ),
    case(
        "date-list-month",
        "in mei, juni en juli 2023",
        span("mei", "2023-05-01", "2023-05-31"),
        span("juni", "2023-06-01", "2023-06-30"),
        span("juli 2023", "2023-07-01", "2023-07-31"),
        kind="edge",
    ),
    # block-reference-number
    case("block-reference-number", "het gratis nummer 1700"),
    case("block-reference-number", "schriftelijke vraag nr. 2023"),
    case("block-reference-number", "art. 2020 van het decreet", kind="edge"),
    # block-postal-code
    case("block-postal-code", "Kerkstraat 12 in 1970 Wezembeek-Oppem"),
    case("block-postal-code", "Stationsstraat 5, 2000 Antwerpen", kind="edge"),
    case("block-postal-code", "Kerkstraat 12b te 1800 Vilvoorde", kind="edge"),
    # block-year-percent
    case("block-year-percent", "De kosten stegen met 1850 %."),
    case("block-year-percent", "een stijging van 2020 procent", kind="edge"),
    # date-school-year (component)
    case(
        "date-school-year",
        "de leerlingen in 2022-2023 kregen les",
        school_year("2022-2023", 2022),
    ),
    case(
        "date-school-year",
        "Het actieplan 2023-2024 werd goedgekeurd. De schooljaren 2020-2021 en 2021-2022 waren "
        "anders.",
        span("2023-2024", "2023-01-01", "2024-12-31"),
        span("schooljaren 2020-2021 en 2021-2022", "2020-09-01", "2022-08-31"),
        kind="edge",
    ),
    # date-year-inheritance (component)
    case(
        "date-year-inheritance",
        "Op 11 februari 2024 vergaderden we en op 25 maart opnieuw.",
        day("11 februari 2024", "2024-02-11"),
        day("25 maart", "2024-03-25"),
    ),
    case(
        "date-year-inheritance",
        "1 april tot 30 juni 2024",
        span("1 april tot 30 juni 2024", "2024-04-01", "2024-06-30"),
    ),
    case(
        "date-year-inheritance",
        "van 15 december tot 10 januari 2024",
        span("15 december tot 10 januari 2024", "2023-12-15", "2024-01-10"),
        kind="edge",
    ),
    # date-mention-text (component): leading words left out, qualifiers kept
    case("date-mention-text", "sinds 2016", year("2016")),
    case("date-mention-text", "vanaf 1 januari 2024", day("1 januari 2024", "2024-01-01")),
    case(
        "date-mention-text",
        "Vanaf het schooljaar 2023-2024",
        school_year("schooljaar 2023-2024", 2023),
    ),
    case(
        "date-mention-text",
        "Tussen de schooljaren 2020-2021 en 2022-2023",
        span("schooljaren 2020-2021 en 2022-2023", "2020-09-01", "2023-08-31"),
        kind="edge",
    ),
    case(
        "date-mention-text",
        "tegen het eerste kwartaal van 2023",
        span("eerste kwartaal van 2023", "2023-01-01", "2023-03-31"),
        kind="edge",
    ),
]

# --- numbers and words that are not dates (D6), and near misses of each rule --------------------

CASES_NOT_DATE = [
    case("date-year", "15 jaar anciënniteit", kind="neg"),
    case("date-year", "4 uur per week", kind="neg"),
    case("date-year", "2.500 leerlingen", kind="neg"),
    case("date-year", "2100 leerlingen", kind="neg"),
    case("date-year", "3,5 vte", kind="neg"),
    case("date-year", "157.953 struiken en 12,5 %", kind="neg"),
    case("date-day-month-year", "12 maanden en 6 maanden", kind="neg"),
    case("date-day-month-year", "30 minuten en 68 kalenderdagen", kind="neg"),
    case("date-day-month-year", "7,5 maanden", kind="neg"),
    case("date-numeric", "13/13/2023", kind="neg"),
    case("date-numeric", "29/02/2023", kind="neg"),
    case("date-numeric", "1.250.000 en 3/4", kind="neg"),
    case("date-day-month", "op 25 maart", kind="neg"),
    case("date-day-month-past", "18 januari laatsleden", kind="neg"),
    case("date-day-month-future", "18 januari aanstaande", kind="neg"),
    case("date-month-year", "september is altijd duur", kind="neg"),
    case("date-month-year", "in maart", kind="neg"),
    case("date-year-span", "de vragen 1-3", kind="neg"),
    case("date-year-span-spaced", "pagina 12 - 14", kind="neg"),
    case("date-qualified-year", "de begrotingsjaren werden herzien", kind="neg"),
    case("date-qualified-year-span", "het schooljaar", kind="neg"),
    case("date-edge-year", "het begin van het project", kind="neg"),
    case(
        "date-edge-month",
        "eind juni",
        kind="neg",
    ),
    case("date-season", "in het najaar", kind="neg"),
    case("date-part-of-year", "het eerste kwartaal", kind="neg"),
    case("date-quarter-code", "Q5 2024", year("2024"), kind="neg"),
    case("date-relative", "vorig jaar", kind="neg"),
    case("date-relative", "de voorbije jaren", kind="neg", ref=REF),
    case("date-edge-relative", "eind vorig jaar", kind="neg"),
    case("date-range", "tot en met 30 juni 2024", day("30 juni 2024", "2024-06-30"), kind="neg"),
    case("date-range-from-month", "september tot en met december", kind="neg"),
    case("date-range-from-day", "1 tot 3 leerlingen", kind="neg"),
    case("date-range-between", "tussen 20 en 30 leerlingen", kind="neg"),
    case("date-range-between-months", "tussen januari en maart", kind="neg"),
    case("date-range-until-now", "sinds 2016 tot op heden", kind="neg"),
    case("date-range-plural-period", "de begrotingsjaren", kind="neg", ref=REF),
    case("date-list-day", "11 en 25 leerlingen", kind="neg"),
    case("date-list-month", "januari en februari", kind="neg"),
    case(
        "block-reference-number",
        "vraag nr. 350 van 12 maart 2024",
        day("12 maart 2024", "2024-03-12"),
        kind="neg",
    ),
    case("block-reference-number", "artikel 81, 1°", kind="edge"),
    case("block-reference-number", "nr. 352", kind="neg"),
    case("block-postal-code", "Er kwamen 12 scholen bij in 2019.", year("2019"), kind="neg"),
    case("block-year-percent", "In 2020 steeg het aantal met 5 %.", year("2020"), kind="neg"),
    case(
        "date-school-year",
        "in 2022-2023 steeg de omzet",
        span("2022-2023", "2022-01-01", "2023-12-31"),
        kind="neg",
    ),
    case("date-year-inheritance", "op 25 maart", kind="neg", ref=None),
    case("date-year-inheritance", "1 april tot 30 september", kind="neg"),
    case("date-mention-text", "vóór die datum", kind="neg"),
    case(
        "date-mention-text",
        "het decreet van 8 mei 2009",
        day("8 mei 2009", "2009-05-08"),
        kind="neg",
    ),
]

# --- found wrong while writing these tables -------------------------------------------------------

CASES_BUGS_CAUGHT = [
    # date-qualified-year-span-spaced: the qualifier stays in the text of a spaced span
    case(
        "date-qualified-year-span-spaced",
        "in het schooljaar 2023 - 2024",
        school_year("schooljaar 2023 - 2024", 2023),
    ),
    case(
        "date-qualified-year-span-spaced",
        "het begrotingsjaar 2023 – 2024",
        span("begrotingsjaar 2023 – 2024", "2023-01-01", "2024-12-31"),
        kind="edge",
    ),
    case(
        "date-qualified-year-span-spaced",
        "het schooljaar werd verlengd, 2023 - een goed jaar",
        year("2023"),
        kind="neg",
    ),
    # block-year-count: a four-digit count before a count noun is not a year
    case("block-year-count", "Er werden 2019 aanvragen ingediend."),
    case("block-year-count", "In 2019 werden 2000 aanvragen ingediend.", year("2019"), kind="edge"),
    case("block-year-count", "In 2019 werden aanvragen ingediend.", year("2019"), kind="neg"),
    case(
        "date-year",
        "Er zijn 1950 leerlingen ingeschreven.",
        kind="neg",
    ),
    case(
        "date-list-day",
        "Het aantal steeg tot 12, 2023 was dus een goed jaar.",
        year("2023"),
        kind="neg",
    ),
    case(
        "date-day-month",
        "op 30 juni",
        kind="neg",
    ),
    case(
        "date-day-month-future",
        "15 juli aanstaande",
        day("15 juli aanstaande", "2024-07-15"),
        kind="edge",
        ref=REF,
    ),
    case(
        "date-range",
        "1 april tot 30 juni",
        kind="neg",
    ),
]

ALL_TABLES = {
    "CASES_FROM_DEVSET": CASES_FROM_DEVSET,
    "CASES_PHENOMENA": CASES_PHENOMENA,
    "CASES_RULES": CASES_RULES,
    "CASES_NOT_DATE": CASES_NOT_DATE,
    "CASES_BUGS_CAUGHT": CASES_BUGS_CAUGHT,
}
ALL_CASES = [param for table in ALL_TABLES.values() for param in table]


@pytest.fixture(scope="session", autouse=True)
def pipeline() -> Any:
    """Build the spaCy pipeline once per session (`load_pipeline` caches it)."""
    return load_pipeline()


def found(date_case: DateCase) -> list[tuple[str, str, str]]:
    mentions = find_dates(date_case.text, reference_date=date_case.reference)
    return [(d.text, d.start.isoformat(), d.end.isoformat()) for d in mentions]


@pytest.mark.parametrize("date_case", ALL_CASES)
def test_dates(date_case: DateCase) -> None:
    assert found(date_case) == list(date_case.expected)


# --- the tables themselves ------------------------------------------------------------------------


def test_every_date_pattern_has_a_positive_negative_and_boundary_case() -> None:
    """A new date or BLOCK pattern (or component rule) without its three cases fails here."""
    rules = [rule for rule, label in pattern_labels().items() if label in DATE_LABELS]
    assert missing_kinds([*rules, *COMPONENT_RULES], ALL_CASES) == {}


def test_every_pattern_id_appears_in_a_case_id() -> None:
    """Every id of atoms.jsonl and ranges.jsonl names a case here or in test_money_rules."""
    from tests import test_money_rules

    ids = [param.id for param in [*ALL_CASES, *test_money_rules.ALL_CASES]]
    named = {rule_of(i) for i in ids}
    assert sorted(set(pattern_labels()) - named) == []


def test_every_case_id_names_a_known_rule() -> None:
    assert unknown_rules(ALL_CASES, set(pattern_labels()) | set(COMPONENT_RULES)) == []


def test_positive_cases_exercise_their_pattern() -> None:
    """A positive case of a date pattern id must be found by that pattern, not a neighbour."""
    labels = pattern_labels()
    wrong = []
    for param in ALL_CASES:
        (date_case,) = param.values
        if date_case.kind != "pos" or xfailed(param) or labels.get(date_case.rule) == "BLOCK":
            continue
        if date_case.rule not in labels:
            continue
        mentions = find_dates(date_case.text, reference_date=date_case.reference)
        if date_case.rule not in {d.rule for d in mentions}:
            wrong.append((param.id, sorted(d.rule or "" for d in mentions)))
    assert wrong == []


def test_block_patterns_guard_numbers_that_read_as_years_elsewhere() -> None:
    """The BLOCK cases matter: the same numbers are years where no BLOCK word stands."""
    assert [d.text for d in find_dates("De vraag van 2023 bleef onbeantwoord.")] == ["2023"]
    assert [d.text for d in find_dates("In 1970 werd de gemeente opgericht.")] == ["1970"]
    assert [d.text for d in find_dates("De kosten stegen in 1850.")] == ["1850"]


# --- the devset cases are what the devset says --------------------------------------------------

from tests.conftest import DEVSET  # noqa: E402

DEVSET_CASES = [pytest.param(*param.values, id=param.id) for param in CASES_FROM_DEVSET]


@pytest.mark.parametrize("date_case", DEVSET_CASES)
def test_devset_case_matches_its_gold_file(date_case: DateCase) -> None:
    """The sentence occurs in the document, its reference is the question date, and every
    expected mention is in the gold file."""
    if not DEVSET.is_dir():
        pytest.skip(f"no devset at {DEVSET} (set VPDOCS_DEVSET)")
    assert date_case.source is not None
    document = (DEVSET / f"{date_case.source}.txt").read_text(encoding="utf-8")
    gold = json.loads((DEVSET / f"{date_case.source}.gold.json").read_text(encoding="utf-8"))
    assert squash(date_case.text) in squash(document)
    assert date_case.reference == dt.date.fromisoformat(gold["date_asked"])
    gold_dates = {(d["text"], d["start"], d["end"]) for d in gold["dates"]}
    assert set(date_case.expected) <= gold_dates
