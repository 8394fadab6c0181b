"""School age and entry decisions at every boundary, pinned whole under both profiles.

For the school years 2014, 2020 and 2025, children born on the days either side of each
boundary (the cut-off day and the day after it, for ages 5 to 19, and 29 February)
are checked by :func:`~kongchuo.check_school_entry` with and without a disability or
an approved deferral, and with each state of completion, beside
:func:`~kongchuo.is_school_age`, :func:`~kongchuo.entry_year` and
:func:`~kongchuo.school_year_day`. The results (outcome; per finding its code, path,
severity, both messages and basis; or the error raised) are compared with
``tests/golden/findings/age.txt`` (``KONGCHUO_UPDATE_GOLDEN=1`` rewrites it after a
deliberate change).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from kongchuo import (
    KongchuoError,
    age_on,
    check_school_entry,
    entry_year,
    is_school_age,
    school_year_day,
)
from kongchuo._time import age as _age
from kongchuo.policy import FEICHENG, NATIONAL

GOLDEN = Path(__file__).parents[1] / "golden" / "findings" / "age.txt"
DAY = dt.timedelta(days=1)
FLAGS = (
    (False, False, None),
    (True, False, None),
    (False, True, None),
    (True, True, None),
    (False, False, False),
    (False, False, True),
    (True, False, False),
)


def _births(school_year: int) -> Iterator[dt.date]:
    day = dt.date(school_year, 9, 1)
    yield from (day - DAY, day, day + DAY)
    for age in range(5, 20):
        cutoff = dt.date(school_year - age, 8, 31)
        yield cutoff
        yield cutoff + DAY
    yield dt.date(school_year - 9, 2, 28)
    if (school_year - 9) % 4 == 0:
        yield dt.date(school_year - 9, 2, 29)


def _try(call) -> str:
    try:
        return str(call())
    except KongchuoError as error:
        return f"refused: {type(error).__name__} {getattr(error, 'code', '')}"


def _report() -> str:
    _age._band_births.cache_clear()  # compute the bands afresh, not from earlier tests
    out: list[str] = []
    for policy in (FEICHENG, NATIONAL):
        for year in (2014, 2020, 2025):
            day = _try(lambda y=year, p=policy: school_year_day(y, policy=p))
            out.append(f"## {policy.name} {year} day={day}")
            for birth in _births(year):
                school_age = _try(
                    lambda b=birth, y=year, p=policy: is_school_age(b, school_year=y, policy=p)
                )
                entry = _try(lambda b=birth, p=policy: entry_year(b, policy=p))
                out.append(f"# born {birth} school_age={school_age} entry_year={entry}")
                for disabled, deferral, completed in FLAGS:
                    try:
                        d = check_school_entry(
                            birth,
                            school_year=year,
                            policy=policy,
                            disabled=disabled,
                            deferral_approved=deferral,
                            completed=completed,
                        )
                    except KongchuoError as error:
                        out.append(f"  refused: {type(error).__name__}")
                        continue
                    out.append(
                        f"  disabled={disabled} deferral={deferral} completed={completed}"
                        f": {d.rule} {d.outcome} ok={d.ok} basis={','.join(d.basis)}"
                    )
                    out.extend(
                        f"  - {f.code} @{f.path} [{f.severity.value}] {f.message}"
                        f" | {f.message_zh} | {','.join(f.basis)}"
                        for f in d.findings
                    )
    return "\n".join(out) + "\n"


def test_entry_decisions_match_the_golden_file(golden):
    """Every child's age and entry decision reads exactly as in the golden file."""
    golden("findings/age.txt", _report())


def test_every_outcome_is_reached():
    """Each outcome of check_school_entry appears among the children."""
    text = GOLDEN.read_text(encoding="utf-8")
    for outcome in (
        "too_young",
        "deferred",
        "due",
        "late_entry_allowed",
        "overdue",
        "owed_compulsory_education",
        "completed",
        "above_age_band",
    ):
        assert f": school_entry {outcome} ok=" in text


@pytest.mark.parametrize(
    ("call", "path", "given"),
    [
        (lambda: age_on("2019-01-01", dt.date(2025, 1, 1)), "birth", "str"),
        (lambda: age_on(dt.date(2019, 1, 1), "2025-01-01"), "on", "str"),
        (lambda: is_school_age("2019-01-01", school_year=2025, policy=FEICHENG), "birth", "str"),
        (
            lambda: is_school_age(dt.date(2019, 1, 1), school_year="2025", policy=FEICHENG),
            "school_year",
            "str",
        ),
        (
            lambda: is_school_age(dt.date(2019, 1, 1), school_year=2025, policy=None),
            "policy",
            "NoneType",
        ),
        (
            lambda: check_school_entry(dt.date(2019, 1, 1), school_year="2025", policy=FEICHENG),
            "school_year",
            "str",
        ),
    ],
)
def test_wrong_types_are_named(call, path, given):
    """Each argument of the wrong type is a type error at its name, naming what was given."""
    with pytest.raises(KongchuoError) as info:
        call()
    (problem,) = info.value.errors
    assert (problem.code, problem.path) == ("type", path)
    assert given in problem.message
    assert given in problem.message_zh


def test_a_day_before_birth_is_refused():
    """An age reckoned before birth is age.before_birth at `on`, in both languages."""
    with pytest.raises(KongchuoError) as info:
        age_on(dt.date(2019, 1, 1), dt.date(2018, 12, 31))
    (problem,) = info.value.errors
    assert (problem.code, problem.path) == ("age.before_birth", "on")
    assert problem.message == "on (2018-12-31) is before the birth date"
    assert problem.message_zh == "计算日期 2018-12-31 早于出生日期"
