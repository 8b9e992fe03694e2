"""Dutch word lists shared by the stages: months, seasons, relative-date words.

Source: Dutch month names and abbreviations as used by the Flemish Parliament's
documents and listed in the Taalunie's spelling guidance ("Woordenlijst Nederlandse
Taal", month names in lower case; abbreviations jan., feb., mrt., apr., ...).
The number words used for amounts live in the spaCy pipeline's data (models/).
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1,
    "februari": 2, "feb": 2, "febr": 2,
    "maart": 3, "mrt": 3, "maa": 3,
    "april": 4, "apr": 4,
    "mei": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "october": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

MONTH_NAMES_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))

# "15 maart 2024", "1 sept. 2016", "1ste januari 2024"
DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:ste|de|e)?\s+(?P<month>{MONTH_NAMES_PATTERN})\.?\s+(?P<year>\d{{4}})\b",
    re.IGNORECASE,
)
NUMERIC_DATE = re.compile(r"\b(?P<day>\d{1,2})[./-](?P<month>\d{1,2})[./-](?P<year>\d{4})\b")
