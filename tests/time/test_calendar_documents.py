"""Calendar documents broken one key at a time: every problem reported, pinned whole.

A valid holiday arrangement (节假日安排) and a valid school calendar (校历) are
broken one key at a time — the key left out, or given each of a set of wrong values
(wrong types, impossible dates, reversed or out-of-year ranges, unknown keys) — and
so is each field of each term and break. Every problem reported (code, path, English
and Chinese message) is written out and compared with
``tests/golden/findings/calendars.txt`` (``KONGCHUO_UPDATE_GOLDEN=1`` rewrites it
after a deliberate change), beside the working days of the valid arrangement.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kongchuo import (
    Break,
    BreakKind,
    ChinaCalendar,
    KongchuoError,
    SchoolCalendar,
    Term,
    TermKind,
    YearArrangement,
    roll_forward,
)
from kongchuo._time.calendars import advance_workdays

GOLDEN = Path(__file__).parents[1] / "golden" / "findings" / "calendars.txt"
YEAR = {
    "year": 2027,
    "source": "国务院办公厅关于2027年部分节假日安排的通知",
    "holidays": [
        {"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"},
        {"name": "春节", "start": "2027-02-05", "end": "2027-02-11"},
        "2027-05-01",
    ],
    "workdays": ["2027-01-30", "2027-02-20"],
}
SCHOOL = {
    "school_year": 2025,
    "source": "肥城市教育和体育局校历",
    "terms": [
        {"kind": "autumn", "start": "2025-09-01", "end": "2026-01-23"},
        {"kind": "spring", "start": "2026-03-02", "end": "2026-07-10"},
    ],
    "breaks": [
        {"kind": "winter", "start": "2026-01-24", "end": "2026-03-01"},
        {"kind": "summer", "start": "2026-07-11", "end": "2026-08-31"},
    ],
}
WRONG: tuple[Any, ...] = (
    None,
    5,
    True,
    2027.0,
    "x",
    "2027",
    "2027-02-30",
    [],
    {},
    [5],
    ["2026-12-31"],
    ["2027-01-02", "2027-01-02"],
    [{"start": "2027-01-05"}],
    [{"start": "2027-01-05", "end": "2027-01-01"}],
    [{"start": "2026-12-30", "end": "2027-01-02"}],
    [{"start": "x", "end": "2027-13-01", "note": 1}],
    [{"kind": "winter", "start": "2026-03-01", "end": "2026-01-24"}],
    1899,
    10000,
)


def _broken(doc: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """``doc`` with one key left out or wrong, one list element or one field of it wrong."""
    for key, original in doc.items():
        left_out = copy.deepcopy(doc)
        del left_out[key]
        yield f"without {key}", left_out
        for value in WRONG:
            wrong = copy.deepcopy(doc)
            wrong[key] = value
            yield f"{key}={value!r}", wrong
        if isinstance(original, list):
            for i, item in enumerate(original):
                for value in WRONG[:8]:
                    wrong = copy.deepcopy(doc)
                    wrong[key][i] = value
                    yield f"{key}[{i}]={value!r}", wrong
                if isinstance(item, dict):
                    for field in item:
                        for value in (None, 5, "x", "2027-02-30", "summer", "2030-01-01"):
                            wrong = copy.deepcopy(doc)
                            wrong[key][i][field] = value
                            yield f"{key}[{i}].{field}={value!r}", wrong
    extra = copy.deepcopy(doc)
    extra["note"] = "x"
    yield "an unknown key", extra


def _outcome(call: Callable[[], object]) -> list[str]:
    try:
        result = call()
    except KongchuoError as error:
        problems = getattr(error, "errors", ())
        if not problems:
            return [f"  {type(error).__name__}: {error}"]
        return [f"  - {p.code} @{p.path} {p.message} | {p.message_zh}" for p in problems]
    return [f"  ok: {type(result).__name__}"]


def _report() -> str:
    out: list[str] = []
    for label, doc in _broken(YEAR):
        out.append(f"## arrangement {label}")
        out.extend(_outcome(lambda d=doc: YearArrangement.from_mapping(d)))
    for label, doc in _broken(SCHOOL):
        out.append(f"## school calendar {label}")
        out.extend(_outcome(lambda d=doc: SchoolCalendar.from_mapping(d)))
    out.append("## not a mapping")
    out.extend(_outcome(lambda: YearArrangement.from_mapping([YEAR])))
    out.extend(_outcome(lambda: SchoolCalendar.from_mapping("校历")))
    d = dt.date
    built: dict[str, Callable[[], object]] = {
        "arrangement, year as text": lambda: YearArrangement(
            year="2027", holidays=[], workdays=[], source="x"
        ),
        "arrangement, year 1899": lambda: YearArrangement(
            year=1899, holidays=[], workdays=[], source="x"
        ),
        "arrangement, blank source": lambda: YearArrangement(
            year=2027, holidays=[], workdays=[], source=" "
        ),
        "arrangement, days of another year": lambda: YearArrangement(
            year=2027, holidays=[d(2026, 12, 31)], workdays=[d(2028, 1, 1)], source="x"
        ),
        "arrangement, a weekday to work": lambda: YearArrangement(
            year=2027, holidays=[], workdays=[d(2027, 2, 22)], source="x"
        ),
        "arrangement, a day off and on": lambda: YearArrangement(
            year=2027, holidays=[d(2027, 1, 30)], workdays=[d(2027, 1, 30)], source="x"
        ),
        "term, kind as text": lambda: Term(kind="autumn", start=d(2025, 9, 1), end=d(2026, 1, 23)),
        "term, reversed": lambda: Term(
            kind=TermKind.AUTUMN, start=d(2026, 1, 23), end=d(2025, 9, 1)
        ),
        "term, one day": lambda: Term(kind=TermKind.AUTUMN, start=d(2025, 9, 1), end=d(2025, 9, 1)),
        "term, registration after start": lambda: Term(
            kind=TermKind.AUTUMN,
            start=d(2025, 9, 1),
            end=d(2026, 1, 23),
            registration=d(2025, 9, 2),
        ),
        "term, registration not a date": lambda: Term(
            kind=TermKind.AUTUMN, start=d(2025, 9, 1), end=d(2026, 1, 23), registration="x"
        ),
        "break, kind as text": lambda: Break(
            kind="winter", start=d(2026, 1, 24), end=d(2026, 3, 1)
        ),
        "break, reversed": lambda: Break(
            kind=BreakKind.WINTER, start=d(2026, 3, 1), end=d(2026, 1, 24)
        ),
        "school calendar, overlapping terms": lambda: SchoolCalendar(
            school_year=2025,
            terms=[
                Term(kind=TermKind.AUTUMN, start=d(2025, 9, 1), end=d(2026, 1, 23)),
                Term(kind=TermKind.SPRING, start=d(2026, 1, 23), end=d(2026, 7, 10)),
            ],
        ),
        "school calendar, a break in a term": lambda: SchoolCalendar(
            school_year=2025,
            terms=[Term(kind=TermKind.AUTUMN, start=d(2025, 9, 1), end=d(2026, 1, 23))],
            breaks=[Break(kind=BreakKind.WINTER, start=d(2026, 1, 20), end=d(2026, 3, 1))],
        ),
        "school calendar, terms of another year": lambda: SchoolCalendar(
            school_year=2027,
            terms=[Term(kind=TermKind.AUTUMN, start=d(2025, 9, 1), end=d(2026, 1, 23))],
        ),
    }
    for label, call in built.items():
        out.append(f"## built: {label}")
        out.extend(_outcome(call))
    arrangement = YearArrangement.from_mapping(YEAR)
    calendar = ChinaCalendar([arrangement])
    day = dt.date(2026, 12, 25)
    out.append("## working days of 2027 by the arrangement")
    while day <= dt.date(2027, 2, 28):
        out.append(
            f"  {day} {arrangement.is_workday(day) if day.year == 2027 else '-'}"
            f" {calendar.is_workday(day)} roll={roll_forward(day, calendar=calendar)}"
            f" +1={advance_workdays(calendar, day, 1)} +5={advance_workdays(calendar, day, 5)}"
        )
        day += dt.timedelta(days=1)
    return "\n".join(out) + "\n"


def test_documents_match_the_golden_file(golden):
    """Every broken document's problems read exactly as in the golden file."""
    golden("findings/calendars.txt", _report())


def test_the_valid_documents_load():
    """The two documents the variations start from are valid."""
    assert YearArrangement.from_mapping(YEAR).year == 2027
    assert SchoolCalendar.from_mapping(SCHOOL).school_year == 2025
    text = GOLDEN.read_text(encoding="utf-8")
    assert text.count("  - ") > 200
