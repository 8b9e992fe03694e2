"""Money rules, case by case: `vpdocs.entities.find_money` on short texts.

Expected values follow /work/shared/GOLD_FORMAT.md and PHENOMENA.md (M1-M4), never what the
code happens to return: a mention's `text` is the amount with its currency only ('250 euro'
in '250 euro per leerling'), its amount a decimal in units of the currency, and numbers that
are not money (counts, percentages, article and phone numbers, years) are absent.

Cases are grouped by where they come from (after price-parser's `tests/test_price_parsing.py`):
  CASES_FROM_DEVSET  sentences of tests/devset/*.txt with their gold values
  CASES_PHENOMENA    each money form that PHENOMENA.md lists (M1, M2, M4)
  CASES_RULES        positive and boundary forms written for one pattern or component rule
  CASES_NOT_MONEY    negatives: numbers that are not money (M3) and near misses of each rule
  CASES_BUGS_CAUGHT  forms found wrong while writing these tables
Each case names the rule it pins (a pattern id of models/rules/*.jsonl, or a rule of the
`vpdocs_entities` component) and whether it is a positive, negative or boundary case; a test
parses the pattern files and fails when a money pattern lacks any of the three.
Known gaps are `xfail(strict=True)`: a fix makes them pass, and the strict mark then forces
the case to move out of the xfail list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from tests.rule_tables import (
    KINDS,
    case_id,
    missing_kinds,
    pattern_labels,
    squash,
    unknown_rules,
    xfailed,
)
from vpdocs.entities import find_money, load_pipeline

# Rules of the `vpdocs_entities` component that no pattern id names.
COMPONENT_RULES = (
    # what may follow an implied amount ("in afwachting" may, "leerlingen" may not)
    "money-implied-follower",
    "money-table-cell",  # amount cells under a '(bedrag in euro)' / '(in duizend euro)' caption
)
MONEY_LABELS = {"MONEY", "MONEY_IMPLIED", "MONEY_LIST"}


@dataclass(frozen=True)
class MoneyCase:
    rule: str
    kind: str  # "pos", "neg" or "edge"
    text: str
    expected: tuple[tuple[str, str, str], ...]  # (text, amount, currency) in order
    source: str | None = None  # devset document stem


def case(
    rule: str,
    text: str,
    *expected: tuple[str, str, str],
    kind: str = "pos",
    source: str | None = None,
    xfail: str | None = None,
) -> Any:
    """One table row as a pytest param whose id reads 'rule[, not|, edge]: text'."""
    assert kind in KINDS, kind
    shown = text.replace("\n", " / ")
    shown = shown if len(shown) <= 70 else shown[:67] + "..."
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(
        MoneyCase(rule, kind, text, tuple(expected), source),
        id=case_id(rule, kind, shown),
        marks=marks,
    )


def eur(text: str, amount: str) -> tuple[str, str, str]:
    return (text, amount, "EUR")


# --- sentences of the annotated devset, with their gold values --------------------------------

CASES_FROM_DEVSET = [
    case(
        "money-amount-currency",
        "Tussen de schooljaren 2016-2017 en 2019-2020 werd telkens een financiële ondersteuning "
        "van 64.000 euro verleend voor de werking van elk regionaal Netwerk Samen tegen "
        "Schooluitval.",
        eur("64.000 euro", "64000"),
        source="sv-352-schooluitval",
    ),
    case(
        "money-implied-trigger",
        "Voor de periode september tot en met december 2023 werd nog eens een financiële "
        "ondersteuning verleend van 20.055 in afwachting van de transitie naar het Netwerk "
        "Samen tegen Schooluitval vanaf 1 januari 2024.",
        eur("20.055", "20055"),
        source="sv-352-schooluitval",
    ),
    case(
        "money-amount-currency",
        "Vanaf het schooljaar 2023-2024 wordt er recurrent 7.562.000 euro extra toegekend aan "
        "de CLB’s, onder meer om in te zetten op het voorkomen van vroegtijdig schoolverlaten "
        "en ongekwalificeerde uitstroom.",
        eur("7.562.000 euro", "7562000"),
        source="sv-352-schooluitval",
    ),
    case(
        "money-implied-trigger",
        "De financiële ondersteuning is gebaseerd op de kostenraming van één VTE met 15 jaar "
        "anciënniteit (bachelordiploma).",
        kind="neg",
        source="sv-352-schooluitval",
    ),
    case(
        "money-amount-currency",
        "Volgens de mededeling aan de Vlaamse Regering was daarvoor een budget van 7,5 miljoen "
        "euro beschikbaar, goed voor ongeveer 1.200 bijkomende plaatsen in gemeenten met een "
        "lage dekkingsgraad.",
        eur("7,5 miljoen euro", "7500000"),
        source="dev-01-kinderopvang",
    ),
    case(
        "money-amount-currency",
        "Vanaf 1 januari 2024 bedraagt het basisbedrag 4.375,85 euro per plaats per jaar.",
        eur("4.375,85 euro", "4375.85"),
        source="dev-01-kinderopvang",
    ),
    case(
        "money-currency-amount",
        "Zij ontvangen bovenop het basisbedrag € 1.250 per plaats per jaar, voor maximaal 10 % "
        "van hun plaatsen.",
        eur("€ 1.250", "1250"),
        source="dev-01-kinderopvang",
    ),
    case(
        "money-amount-symbol",
        "In het begrotingsjaar 2024 is voor de toeslag inclusieve opvang 3.000.000 EUR "
        "ingeschreven.",
        eur("3.000.000 EUR", "3000000"),
        source="dev-01-kinderopvang",
    ),
    case(
        "money-implied-follower",
        "Dat is 12,5 % meer dan in 2023.",
        kind="neg",
        source="dev-01-kinderopvang",
    ),
    case(
        "block-reference-number",
        "Die termijn is vastgelegd in artikel 81, 1°, van het besluit van de Vlaamse Regering "
        "van 22 november 2013 betreffende de voorwaarden voor subsidiëring van kinderopvang.",
        kind="neg",
        source="dev-01-kinderopvang",
    ),
    case(
        "money-amount-currency",
        "Zij ontvingen in 2023 samen een werkingssubsidie van 2.184.600 euro.",
        eur("2.184.600 euro", "2184600"),
        source="dev-02-jeugdwerk",
    ),
    case(
        "money-implied-trigger",
        "Daarnaast ontvingen de drie organisaties die in Brussel kadervorming aanbieden een "
        "aanvullende ondersteuning van 45.300, omdat zij ook cursussen organiseren voor "
        "anderstalige jongeren.",
        eur("45.300", "45300"),
        source="dev-02-jeugdwerk",
    ),
    case(
        "money-words",
        "Voor een proefproject rond digitale leermodules werd vorig jaar bovendien "
        "vijftigduizend euro vrijgemaakt.",
        eur("vijftigduizend euro", "50000"),
        source="dev-02-jeugdwerk",
    ),
    case(
        "money-amount-currency",
        "Vanaf 1 september 2024 wordt de subsidie verhoogd van 42 euro tot 48 euro per "
        "deelnemer per cursusdag.",
        eur("42 euro", "42"),
        eur("48 euro", "48"),
        kind="edge",
        source="dev-02-jeugdwerk",
    ),
    case(
        "money-amount-scaled-currency",
        "De bijkomende kost wordt geraamd op 320 k€ op jaarbasis en wordt opgevangen binnen de "
        "bestaande kredieten van het begrotingsprogramma Jeugd.",
        eur("320 k€", "320000"),
        source="dev-02-jeugdwerk",
    ),
    case(
        "money-amount-scaled-currency",
        "Voor de periode september tot en met december 2024 gaat het om ongeveer 107 k€.",
        eur("107 k€", "107000"),
        kind="edge",
        source="dev-02-jeugdwerk",
    ),
    case(
        "money-currency-amount",
        "De gemiddelde deelnameprijs voor een volledige cursus animator bedroeg in 2023 € 265, "
        "inclusief verblijf en maaltijden.",
        eur("€ 265", "265"),
        source="dev-02-jeugdwerk",
    ),
    case(
        "block-reference-number",
        "Jongeren met vragen over de kortingsregeling kunnen terecht bij de Vlaamse infolijn "
        "op het gratis nummer 1700.",
        kind="neg",
        source="dev-02-jeugdwerk",
    ),
    case(
        "money-amount-currency",
        "De werkingsdotatie van De Lijn bedroeg vorig jaar ruim 1,2 miljard euro.",
        eur("1,2 miljard euro", "1200000000"),
        source="dev-03-de-lijn-flexvervoer",
    ),
    case(
        "money-amount-currency",
        "De bedragen per vervoerregio variëren van 38.500 euro in de vervoerregio Westhoek tot "
        "214.000 euro in de vervoerregio Antwerpen.",
        eur("38.500 euro", "38500"),
        eur("214.000 euro", "214000"),
        kind="edge",
        source="dev-03-de-lijn-flexvervoer",
    ),
    case(
        "money-currency-amount",
        "De evaluatie van basisbereikbaarheid wordt uitgevoerd door een extern studiebureau, "
        "dat op 12 december 2023 werd aangesteld voor een bedrag van EUR 186.342,50.",
        eur("EUR 186.342,50", "186342.5"),
        source="dev-03-de-lijn-flexvervoer",
    ),
    case(
        "money-implied-follower",
        "Lokale besturen kunnen voor de inrichting van een Hoppinpunt een subsidie ontvangen "
        "van maximaal 80 % van de kosten, met een plafond van 150.000 euro per Hoppinpunt.",
        eur("150.000 euro", "150000"),
        kind="neg",
        source="dev-03-de-lijn-flexvervoer",
    ),
    case(
        "money-spaced-thousands",
        "Reizigers kunnen de klantendienst bereiken via het nummer 070 220 200 of via het "
        "contactformulier op de website van De Lijn.",
        kind="neg",
        source="dev-03-de-lijn-flexvervoer",
    ),
    case(
        "money-amount-currency",
        "Om de bereikbaarheid van de klantendienst te verbeteren, werden in januari 2024 "
        "twaalf extra medewerkers aangeworven, samen goed voor 10,5 vte.",
        kind="neg",
        source="dev-03-de-lijn-flexvervoer",
    ),
    case(
        "money-table-cell",
        "Entiteit ritten unieke reizigers niet-ingeplande reservaties (%)\n"
        "Antwerpen 41.208 12.633 8,4\n"
        "Limburg 29.517 8.904 6,1\n"
        "Oost-Vlaanderen 35.842 10.276 9,7",
        kind="neg",
        source="dev-03-de-lijn-flexvervoer",
    ),
    case(
        "money-amount-symbol",
        "De projectoproep voor lokale waterbuffering die eind 2023 werd afgesloten, had een "
        "budget van 2 miljoen EUR.",
        eur("2 miljoen EUR", "2000000"),
        source="dev-04-waterbuffering",
    ),
    case(
        "money-currency-amount",
        "De kleinste subsidie bedroeg EUR 8.417,36, voor de aanleg van een wadi bij een "
        "gemeentelijke sporthal.",
        eur("EUR 8.417,36", "8417.36"),
        source="dev-04-waterbuffering",
    ),
    case(
        "money-amount-currency",
        "Sinds de start van de Blue Deal in 2020 werden in totaal 1.126 projecten goedgekeurd, "
        "waarvoor samen 94,6 miljoen euro aan subsidies werd toegekend.",
        eur("94,6 miljoen euro", "94600000"),
        source="dev-04-waterbuffering",
    ),
    case(
        "money-table-cell",
        "Leningen aan woonmaatschappijen per provincie (bedrag in euro)\n"
        "Provincie 2022 2023 2024\n"
        "Antwerpen 312.450.000 298.120.500 334.908.750\n"
        "Limburg 118.300.250 124.775.000 131.402.500",
        eur("312.450.000", "312450000"),
        eur("298.120.500", "298120500"),
        eur("334.908.750", "334908750"),
        eur("118.300.250", "118300250"),
        eur("124.775.000", "124775000"),
        eur("131.402.500", "131402500"),
        source="dev-05-sociale-huurwoningen",
    ),
    case(
        "money-table-cell",
        "Jaar aantal opgeleverde woningen\n2019 4.912\n2020 3.876\n2021 4.405",
        kind="neg",
        source="dev-05-sociale-huurwoningen",
    ),
    case(
        "money-currency-amount",
        "Daarnaast ontvangt een woonmaatschappij een forfaitaire ondersteuning van € 250 per "
        "woning die binnen 3 maanden na de opzegging van de vorige huurovereenkomst opnieuw "
        "verhuurd wordt.",
        eur("€ 250", "250"),
        source="dev-05-sociale-huurwoningen",
    ),
    case(
        "money-amount-currency",
        "De gemiddelde verkoopprijs van een sociale koopwoning bedroeg in 2024 218.750\n"
        "euro, tegenover 184.300 euro in 2019.",
        eur("218.750 euro", "218750"),
        eur("184.300 euro", "184300"),
        kind="edge",
        source="dev-05-sociale-huurwoningen",
    ),
    case(
        "money-amount-currency",
        "Daarnaast werden via de standaardprocedure 1.412 premies toegekend, goed voor "
        "9.804.216,73 euro.",
        eur("9.804.216,73 euro", "9804216.73"),
        source="dev-06-erfgoedpremies",
    ),
    case(
        "money-currency-amount",
        "Het totale gevraagde premiebedrag van die aanvragen bedraagt € 41.872.305.",
        eur("€ 41.872.305", "41872305"),
        kind="edge",
        source="dev-06-erfgoedpremies",
    ),
    case(
        "money-amount-currency",
        "Projecten met een apart instructiebad voor schoolzwemmen ontvangen bovendien een bonus "
        "van 250 euro per m² wateroppervlakte van dat instructiebad.",
        eur("250 euro", "250"),
        source="dev-07-zwembaden",
    ),
    case(
        "money-amount-symbol",
        "Voor de 19 goedgekeurde projecten werd in totaal 61.347.500 EUR vastgelegd.",
        eur("61.347.500 EUR", "61347500"),
        source="dev-07-zwembaden",
    ),
    case(
        "money-amount-currency",
        "Uit een bevraging van de onderwijskoepels in het schooljaar 2023-2024 blijkt dat "
        "4.241 leerlingen uit het lager onderwijs geen schoolzwemmen kregen.",
        kind="neg",
        source="dev-07-zwembaden",
    ),
    case(
        "money-currency-amount",
        "Op 31 januari 2006 wachtten 1.318 goedgekeurde dossiers op uitbetaling, voor een "
        "totaal steunbedrag van EUR 23.407.158,42.",
        eur("EUR 23.407.158,42", "23407158.42"),
        source="dev-08-vlif-investeringssteun",
    ),
    case(
        "money-amount-currency",
        "Daarnaast werd het betalingskrediet voor het begrotingsjaar 2006 verhoogd met 6,25 "
        "miljoen euro, tot 48.750.000 euro.",
        eur("6,25 miljoen euro", "6250000"),
        eur("48.750.000 euro", "48750000"),
        source="dev-08-vlif-investeringssteun",
    ),
    case(
        "money-implied-belope",
        "Zo neemt de Vlaamse overheid een deel van de schuld van de fusiegemeenten over, ten "
        "belope van 500 euro per inwoner met een maximum van 20 miljoen euro per fusie.",
        eur("500 euro", "500"),
        eur("20 miljoen euro", "20000000"),
        kind="edge",
        source="dev-09-fusiegemeenten",
    ),
    case(
        "money-amount-scaled-currency",
        "Naast de schuldovername ontvangt elke fusiegemeente een forfaitaire tegemoetkoming van "
        "45 kEUR voor de harmonisering van de reglementen en van de rechtspositieregeling van "
        "het personeel.",
        eur("45 kEUR", "45000"),
        source="dev-09-fusiegemeenten",
    ),
    case(
        "money-currency-amount",
        "In het begrotingsjaar 2025 wordt € 49.430.000 ingeschreven.",
        eur("€ 49.430.000", "49430000"),
        source="dev-09-fusiegemeenten",
    ),
    case(
        "block-reference-number",
        "De regeling is vastgelegd in artikel 369, §1, van het decreet van 22 december 2017 "
        "over het lokaal bestuur.",
        kind="neg",
        source="dev-09-fusiegemeenten",
    ),
    case(
        "money-amount-currency",
        "De deelnemers betalen een bijdrage van 2\neuro per sessie.",
        eur("2 euro", "2"),
        kind="edge",
        source="dev-10-vlaamse-rand-taal",
    ),
    case(
        "money-currency-amount",
        "Daarvoor wordt in het schooljaar 2023-2024 € 3.412.600 ingezet.",
        eur("€ 3.412.600", "3412600"),
        source="dev-10-vlaamse-rand-taal",
    ),
    case(
        "money-amount-currency",
        "Binnen de vzw ‘de Rand’ zijn 3,5 vte ingezet voor taalpromotie.",
        kind="neg",
        source="dev-10-vlaamse-rand-taal",
    ),
    case(
        "block-postal-code",
        "Ouders die Nederlands willen oefenen, kunnen ook terecht bij het Taalpunt in de\n"
        "Kerkstraat 12 in 1970 Wezembeek-Oppem, dat elke woensdagnamiddag open is.",
        kind="neg",
        source="dev-10-vlaamse-rand-taal",
    ),
    case(
        "money-currency-amount",
        "De beheersovereenkomst 2026-2030 bevat het engagement om jaarlijks minstens € 2,4 "
        "miljoen te besteden aan de samenwerking met de regionale omroepen.",
        eur("€ 2,4 miljoen", "2400000"),
        source="dev-11-vrt-regionale-omroepen",
    ),
    case(
        "money-amount-currency",
        "De gemiddelde toegekende studietoelage bedroeg 2.386,42 euro, tegenover € 2.519 voor "
        "aanvragen die vóór die datum werden ingediend.",
        eur("2.386,42 euro", "2386.42"),
        eur("€ 2.519", "2519"),
        source="dev-12-studietoelagen",
    ),
]

# --- each money form of PHENOMENA.md ------------------------------------------------------------

CASES_PHENOMENA = [
    # M1
    case("money-amount-currency", "64.000 euro", eur("64.000 euro", "64000")),
    case("money-currency-amount", "€ 7.562.000", eur("€ 7.562.000", "7562000")),
    case("money-currency-amount", "EUR 12.345,67", eur("EUR 12.345,67", "12345.67")),
    case("money-amount-currency", "12.345,67 euro", eur("12.345,67 euro", "12345.67")),
    case("money-amount-currency", "7,5 miljoen euro", eur("7,5 miljoen euro", "7500000")),
    case("money-amount-currency", "1,2 miljard euro", eur("1,2 miljard euro", "1200000000")),
    case("money-amount-symbol", "2 miljoen EUR", eur("2 miljoen EUR", "2000000")),
    case("money-words", "vijftigduizend euro", eur("vijftigduizend euro", "50000")),
    case("money-currency-amount", "€ 250", eur("€ 250", "250")),
    case("money-amount-symbol", "3.000.000 EUR", eur("3.000.000 EUR", "3000000")),
    case("money-amount-scaled-currency", "45 k€", eur("45 k€", "45000")),
    case("money-amount-scaled-currency", "45 kEUR", eur("45 kEUR", "45000")),
    case("money-currency-amount", "€ 1,5 miljoen", eur("€ 1,5 miljoen", "1500000")),
    # old documents: Belgian francs, cents (GOLD_FORMAT)
    case("money-amount-symbol", "een premie van 50.000 BEF", ("50.000 BEF", "50000", "BEF")),
    case("money-amount-currency", "0,4 cent per kWh", eur("0,4 cent", "0.004"), kind="edge"),
    # M2: no currency word, the context says it is money
    case(
        "money-implied-trigger",
        "een ondersteuning van 20.055 in afwachting van de transitie",
        eur("20.055", "20055"),
    ),
    case(
        "money-table-cell",
        "Subsidies per provincie (bedrag in euro)\n"
        "Provincie 2022 2023\n"
        "Antwerpen 312.450 298.120\n"
        "Limburg 118.300 124.775",
        eur("312.450", "312450"),
        eur("298.120", "298120"),
        eur("118.300", "118300"),
        eur("124.775", "124775"),
    ),
    # M4: per-unit amounts are money; the text is the amount with its currency only
    case("money-amount-currency", "250 euro per leerling", eur("250 euro", "250"), kind="edge"),
    case("money-amount-currency", "12 euro per uur", eur("12 euro", "12"), kind="edge"),
    # shared units (GOLD_FORMAT): the bare first number takes the unit of the second
    case(
        "money-range-shared-unit",
        "van 3 naar 4,1 miljard euro",
        eur("3", "3000000000"),
        eur("4,1 miljard euro", "4100000000"),
    ),
    case(
        "money-range-shared-unit-between",
        "tussen 100 en 150 miljoen euro",
        eur("100", "100000000"),
        eur("150 miljoen euro", "150000000"),
    ),
]

# --- positive and boundary forms, one pattern or component rule at a time ----------------------

CASES_RULES = [
    # money-amount-currency
    case(
        "money-amount-currency",
        "1.000 Belgische frank en 3 miljard frank",
        ("1.000 Belgische frank", "1000", "BEF"),
        ("3 miljard frank", "3000000000", "BEF"),
    ),
    case("money-amount-currency", "5 eurocent per blad", eur("5 eurocent", "0.05")),
    case("money-amount-currency", "25 miljoen euro's", eur("25 miljoen euro's", "25000000")),
    case("money-amount-currency", "1,5 mln euro", eur("1,5 mln euro", "1500000"), kind="edge"),
    case(
        "money-amount-currency",
        "een premie van 1.250,- euro",
        eur("1.250,- euro", "1250"),
        kind="edge",
    ),
    case(
        "money-amount-currency",
        "1.500 miljoen euro",
        eur("1.500 miljoen euro", "1500000000"),
        kind="edge",
    ),
    # money-amount-symbol
    case("money-amount-symbol", "250 FB per dag", ("250 FB", "250", "BEF")),
    case("money-amount-symbol", "Het kost 45 EUR.", eur("45 EUR", "45"), kind="edge"),
    case("money-amount-symbol", "in 2025 € 5.000 extra", eur("€ 5.000", "5000"), kind="edge"),
    # money-currency-amount
    case("money-currency-amount", "€ 3 miljard", eur("€ 3 miljard", "3000000000")),
    case("money-currency-amount", "EUR 1.000.000,00", eur("EUR 1.000.000,00", "1000000")),
    case("money-currency-amount", "€ 250,- per leerling", eur("€ 250,-", "250"), kind="edge"),
    case("money-currency-amount", "EUR\n12.345,67", eur("EUR 12.345,67", "12345.67"), kind="edge"),
    case(
        "money-currency-amount",
        "€1.250 per plaats",
        eur("€1.250", "1250"),
        kind="edge",
    ),
    # money-amount-scaled-currency
    case(
        "money-amount-scaled-currency",
        "3 M€ en 2 MEUR",
        eur("3 M€", "3000000"),
        eur("2 MEUR", "2000000"),
    ),
    case(
        "money-amount-scaled-currency",
        "De kost bedraagt 320 k€.",
        eur("320 k€", "320000"),
        kind="edge",
    ),
    case(
        "money-amount-scaled-currency",
        "een premie van 150k€",
        eur("150k€", "150000"),
        kind="edge",
    ),
    case(
        "money-amount-scaled-currency",
        "een premie van 150kEUR",
        eur("150kEUR", "150000"),
        kind="edge",
    ),
    # money-decimal-point-scale
    case("money-decimal-point-scale", "1.5 miljoen euro", eur("1.5 miljoen euro", "1500000")),
    case("money-decimal-point-scale", "2.50 miljard EUR", eur("2.50 miljard EUR", "2500000000")),
    case(
        "money-decimal-point-scale",
        "12.500 miljoen euro",
        eur("12.500 miljoen euro", "12500000000"),
        kind="edge",
    ),
    # money-spaced-thousands
    case("money-spaced-thousands", "1 250 000 euro", eur("1 250 000 euro", "1250000")),
    case("money-spaced-thousands", "12 345,67 euro", eur("12 345,67 euro", "12345.67")),
    case("money-spaced-thousands", "1 250 000 €", eur("1 250 000 €", "1250000"), kind="edge"),
    case(
        "money-spaced-thousands", "in 2023 250 000 euro", eur("250 000 euro", "250000"), kind="edge"
    ),
    # money-words
    case("money-words", "twee miljoen euro", eur("twee miljoen euro", "2000000")),
    case("money-words", "anderhalf miljoen euro", eur("anderhalf miljoen euro", "1500000")),
    case("money-words", "tweeënhalf miljoen euro", eur("tweeënhalf miljoen euro", "2500000")),
    case("money-words", "vijfhonderdduizend euro", eur("vijfhonderdduizend euro", "500000")),
    case(
        "money-words", "een half miljoen euro", eur("een half miljoen euro", "500000"), kind="edge"
    ),
    case("money-words", "honderd euro", eur("honderd euro", "100"), kind="edge"),
    # money-implied-trigger
    case("money-implied-trigger", "Het budget bedraagt 45.300.", eur("45.300", "45300")),
    case("money-implied-trigger", "een subsidie van 2 miljoen", eur("2 miljoen", "2000000")),
    case(
        "money-implied-trigger",
        "de kostprijs bedroeg gemiddeld 1.250 per plaats",
        eur("1.250", "1250"),
        kind="edge",
    ),
    # money-implied-follower (component)
    case(
        "money-implied-follower",
        "een subsidie van 20.000 per jaar",
        eur("20.000", "20000"),
    ),
    case(
        "money-implied-follower",
        "een ondersteuning van 20.055 in afwachting",
        eur("20.055", "20055"),
    ),
    case(
        "money-implied-follower",
        "een ondersteuning van 20.055.",
        eur("20.055", "20055"),
        kind="edge",
    ),
    # money-implied-belope
    case("money-implied-belope", "ten belope van 250.000", eur("250.000", "250000")),
    case("money-implied-belope", "ten belope van 1,5 miljoen", eur("1,5 miljoen", "1500000")),
    case(
        "money-implied-belope",
        "een huur ter waarde van 1.500 per maand",
        eur("1.500", "1500"),
        kind="edge",
    ),
    # money-range-shared-unit-between (pos) and money-range-shared-unit (edges)
    case(
        "money-range-shared-unit-between",
        "tussen 1,5 en 2 miljoen euro",
        eur("1,5", "1500000"),
        eur("2 miljoen euro", "2000000"),
    ),
    case(
        "money-range-shared-unit",
        "van 250 tot 300 euro per leerling",
        eur("250", "250"),
        eur("300 euro", "300"),
        kind="edge",
    ),
    case(
        "money-range-shared-unit",
        "het budget steeg van 12 tot 15 miljoen euro",
        eur("12", "12000000"),
        eur("15 miljoen euro", "15000000"),
        kind="edge",
    ),
    case(
        "money-range-shared-unit",
        "van 2 naar 3 k€",
        eur("2", "2000"),
        eur("3 k€", "3000"),
        kind="edge",
    ),
    # money-range-shared-unit-between: 'tussen X en Y'
    case(
        "money-range-shared-unit-between",
        "tussen 5 en 10 k€ per project",
        eur("5", "5000"),
        eur("10 k€", "10000"),
        kind="edge",
    ),
    # money-range-shared-unit-bare: no 'van' / 'tussen' before the first number
    case(
        "money-range-shared-unit-bare",
        "3 à 4 miljoen euro",
        eur("3", "3000000"),
        eur("4 miljoen euro", "4000000"),
    ),
    case(
        "money-range-shared-unit-bare",
        "250 - 300 euro per leerling",
        eur("250", "250"),
        eur("300 euro", "300"),
        kind="edge",
    ),
    case(
        "money-range-shared-unit-bare",
        "2 tot 3 k€",
        eur("2", "2000"),
        eur("3 k€", "3000"),
        kind="edge",
    ),
    # money-table-cell (component)
    case(
        "money-table-cell",
        "Bedragen in k€\nProvincie 2022 2023\nAntwerpen 312 298",
        eur("312", "312000"),
        eur("298", "298000"),
    ),
    case(
        "money-table-cell",
        "Kosten per provincie (in duizend euro)\n"
        "Provincie 2022 2023\n"
        "Antwerpen 312 298\n"
        "Limburg 118 124",
        eur("312", "312000"),
        eur("298", "298000"),
        eur("118", "118000"),
        eur("124", "124000"),
    ),
    case(
        "money-table-cell",
        "Subsidies (bedrag in euro)\n"
        "Provincie 2022 2023\n"
        "Antwerpen 312.450 298.120\n"
        "In 2023 waren er 1.250 aanvragen.",
        eur("312.450", "312450"),
        eur("298.120", "298120"),
        kind="edge",
    ),
]

# --- numbers that are not money (M3), and near misses of each rule ------------------------------

CASES_NOT_MONEY = [
    case("money-amount-currency", "157.953 struiken", kind="neg"),
    case("money-amount-currency", "4.241 leerlingen", kind="neg"),
    case("money-amount-currency", "2.500 leerlingen", kind="neg"),
    case("money-amount-currency", "3,5 vte", kind="neg"),
    case("money-amount-currency", "2,3 reizigers per rit", kind="neg"),
    case("money-amount-currency", "7,5 maanden", kind="neg"),
    case("money-amount-currency", "15 jaar anciënniteit", kind="neg"),
    case("money-amount-currency", "4 uur per week", kind="neg"),
    case(
        "money-amount-currency", "2.000 m² en 250 euro per m²", eur("250 euro", "250"), kind="neg"
    ),
    case("money-amount-symbol", "in 2019 en in de EUR-landen", kind="neg"),
    case("money-currency-amount", "in EUR uitgedrukt", kind="neg"),
    case("money-amount-scaled-currency", "45 km", kind="neg"),
    case("money-decimal-point-scale", "1.5 miljoen bezoekers", kind="neg"),
    case("money-spaced-thousands", "het nummer 070 220 200", kind="neg"),
    case("money-words", "vijftig leerlingen", kind="neg"),
    case("money-words", "de euro is sterk", kind="neg"),
    case("money-implied-trigger", "een subsidie van 20 leerlingen", kind="neg"),
    case("money-implied-trigger", "het aantal steeg van 20 naar 25 leerlingen", kind="neg"),
    case("money-implied-trigger", "de subsidie voor 3 vte", kind="neg"),
    case("money-implied-follower", "een financiering van 1.200 plaatsen", kind="neg"),
    case("money-implied-follower", "een bijdrage van 12,5 % van de kosten", kind="neg"),
    case("money-implied-belope", "ter waarde van 3 punten", kind="neg"),
    case("money-range-shared-unit", "van 20 naar 25 %", kind="neg"),
    case(
        "money-range-shared-unit",
        "van 3 leerlingen naar 4,1 miljard euro",
        eur("4,1 miljard euro", "4100000000"),
        kind="neg",
    ),
    case(
        "money-range-shared-unit-between",
        "tussen 2019 en 2023 werd 5 miljoen euro besteed",
        eur("5 miljoen euro", "5000000"),
        kind="neg",
    ),
    case(
        "money-range-shared-unit-bare",
        "in 2023 tot 5 miljoen euro",
        eur("5 miljoen euro", "5000000"),
        kind="neg",
    ),
    case(
        "money-range-shared-unit-bare",
        "12 tot 15 leerlingen kregen 5 euro",
        eur("5 euro", "5"),
        kind="neg",
    ),
    case(
        "money-table-cell",
        "Aantal leerlingen per provincie\nProvincie 2022 2023\nAntwerpen 4.912 3.876\n"
        "Limburg 1.118 1.124",
        kind="neg",
    ),
    case("money-implied-follower", "12,5 %", kind="neg"),
    case("block-reference-number", "artikel 81, 1°", kind="neg"),
    case("block-reference-number", "nr. 352", kind="neg"),
    case("block-reference-number", "het gratis nummer 1700", kind="neg"),
    case("block-postal-code", "Kerkstraat 12 in 1970 Wezembeek-Oppem", kind="neg"),
    case("block-year-percent", "De kosten stegen met 1850 %.", kind="neg"),
    case("money-amount-symbol", "het decreet van 22 december 2017", kind="neg"),
    case("money-amount-symbol", "de begroting 2019", kind="neg"),
]

# --- found wrong while writing these tables -------------------------------------------------------

CASES_BUGS_CAUGHT = [
    case(
        "money-amount-currency",
        "een huur van 250 euro/maand",
        eur("250 euro", "250"),
        kind="edge",
    ),
    case(
        "money-currency-amount",
        "kost €250/maand",
        eur("€250", "250"),
        kind="edge",
    ),
    case(
        "money-range-shared-unit-between",
        "tussen de 5.000 en 10.000 euro",
        eur("5.000", "5000"),
        eur("10.000 euro", "10000"),
        kind="edge",
    ),
    case(
        "money-words",
        "een toeslag van één euro per maaltijd",
        eur("één euro", "1"),
        kind="edge",
    ),
    case(
        "money-amount-currency",
        "2 mld. euro",
        eur("2 mld. euro", "2000000000"),
        kind="edge",
    ),
    case(
        "money-implied-trigger",
        "De werkingssubsidie bedroeg in 2023 45.300.",
        eur("45.300", "45300"),
        kind="edge",
    ),
    case(
        "money-table-cell",
        "Projecten (in euro)\nJaar aantal bedrag\n2019 12 312.450\n2020 7 118.300",
        eur("312.450", "312450"),
        eur("118.300", "118300"),
        kind="edge",
    ),
]

ALL_TABLES = {
    "CASES_FROM_DEVSET": CASES_FROM_DEVSET,
    "CASES_PHENOMENA": CASES_PHENOMENA,
    "CASES_RULES": CASES_RULES,
    "CASES_NOT_MONEY": CASES_NOT_MONEY,
    "CASES_BUGS_CAUGHT": CASES_BUGS_CAUGHT,
}
ALL_CASES = [param for table in ALL_TABLES.values() for param in table]


@pytest.fixture(scope="session", autouse=True)
def pipeline() -> Any:
    """Build the spaCy pipeline once per session (`load_pipeline` caches it)."""
    return load_pipeline()


def found(text: str) -> list[tuple[str, Decimal, str]]:
    return [(m.text, m.amount, m.currency) for m in find_money(text)]


def wanted(money_case: MoneyCase) -> list[tuple[str, Decimal, str]]:
    return [(text, Decimal(amount), currency) for text, amount, currency in money_case.expected]


@pytest.mark.parametrize("money_case", ALL_CASES)
def test_money(money_case: MoneyCase) -> None:
    assert found(money_case.text) == wanted(money_case)


# --- the tables themselves ------------------------------------------------------------------------


def test_every_money_pattern_has_a_positive_negative_and_boundary_case() -> None:
    """A new money pattern (or component rule) without its three cases fails here."""
    rules = [rule for rule, label in pattern_labels().items() if label in MONEY_LABELS]
    assert missing_kinds([*rules, *COMPONENT_RULES], ALL_CASES) == {}


def test_every_case_id_names_a_known_rule() -> None:
    assert unknown_rules(ALL_CASES, set(pattern_labels()) | set(COMPONENT_RULES)) == []


def test_positive_cases_exercise_their_pattern() -> None:
    """A positive case of a pattern id must be found by that pattern, not by a neighbour."""
    labels = pattern_labels()
    wrong = []
    for param in ALL_CASES:
        (money_case,) = param.values
        if money_case.kind != "pos" or xfailed(param) or money_case.rule not in labels:
            continue
        rules = {m.rule or "" for m in find_money(money_case.text)}
        # a variant of a range pattern ('...-bare') reports the family's id
        if not any(money_case.rule == r or money_case.rule.startswith(f"{r}-") for r in rules):
            wrong.append((param.id, sorted(rules)))
    assert wrong == []


# --- the devset cases are what the devset says --------------------------------------------------

from tests.conftest import DEVSET  # noqa: E402

DEVSET_CASES = [pytest.param(*param.values, id=param.id) for param in CASES_FROM_DEVSET]


@pytest.mark.parametrize("money_case", DEVSET_CASES)
def test_devset_case_matches_its_gold_file(money_case: MoneyCase) -> None:
    """The sentence occurs in the document and every expected mention is in its gold file."""
    if not DEVSET.is_dir():
        pytest.skip(f"no devset at {DEVSET} (set VPDOCS_DEVSET)")
    assert money_case.source is not None
    document = (DEVSET / f"{money_case.source}.txt").read_text(encoding="utf-8")
    gold = json.loads((DEVSET / f"{money_case.source}.gold.json").read_text(encoding="utf-8"))
    assert squash(money_case.text) in squash(document)
    gold_money = {(m["text"], Decimal(m["amount"]), m["currency"]) for m in gold["money"]}
    assert set(wanted(money_case)) <= gold_money
