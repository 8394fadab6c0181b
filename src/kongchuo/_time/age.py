"""Age in full years (周岁) and school age (适龄).

Ages are reckoned as Chinese courts reckon them: a person reaches N full years on
the day *after* the Nth birthday (民法典 第二百零一条: the start day is not counted;
the 2006 SPC interpretation on minors, art. 2). A child born on 29 February
completes each year on 28 February in a common year (民法典 第二百零二条: no
corresponding day, so the month's last day) and so reaches N on 1 March; in a leap
year the year ends on 29 February, so again on 1 March.

Under that reading the age is plain integer arithmetic on (year, month, day):
``on.year - birth.year``, less one if ``on`` falls on or before the birthday's
month-day. ``(2, 28) <= (2, 29)`` handles the 29 February case with no special
branch. No :mod:`dateutil` on the hot path.

Part of the time layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Final

from kongchuo._core.args import require_bool, require_date, require_int
from kongchuo._core.decision import Decision, Severity, finding
from kongchuo._core.errors import ValidationError
from kongchuo.policy import AgeBand, Policy
from kongchuo.policy._policy import own_basis, require_policy

__all__ = ["age_on", "check_school_entry", "entry_year", "is_school_age", "school_year_day"]

_DATE: Final = dt.date
_ONE_DAY: Final = dt.timedelta(days=1)
_BASIS: Final = ("FC-1.1", "义务教育法 第十一条")


def age_on(birth: dt.date, on: dt.date) -> int:
    """Age in full years (周岁) on the day ``on``.

    A person reaches N on the day after the Nth birthday; a child born on
    29 February reaches N on 1 March, in leap and common years alike.

    Args:
        birth: The date of birth.
        on: The day to reckon the age on; not before ``birth``.

    Returns:
        The number of full years completed before ``on``.

    Raises:
        ValidationError: ``type``/``date.datetime`` for a non-date, or
            ``age.before_birth`` if ``on`` is before ``birth``.

    References:
        民法典 第二百零一条、第二百零二条; 最高人民法院《关于审理未成年人刑事案件具体
        应用法律若干问题的解释》(2006) 第二条.

    Limitations:
        The age on a birthday itself is one less than a popular count gives: a child
        born on 1 September 2019 is 5 on 1 September 2025 and 6 on the 2nd. That is
        the courts' reading; it errs towards the younger age.

    Example:
        >>> from datetime import date
        >>> age_on(date(2019, 9, 1), date(2025, 9, 1))
        5
        >>> age_on(date(2019, 9, 1), date(2025, 9, 2))
        6
        >>> (
        ...     age_on(date(2016, 2, 29), date(2025, 2, 28)),
        ...     age_on(date(2016, 2, 29), date(2025, 3, 1)),
        ... )
        (8, 9)
    """
    if type(birth) is not _DATE:
        birth = require_date(birth, "birth")
    if type(on) is not _DATE:
        on = require_date(on, "on")
    years = on.year - birth.year
    if on.month < birth.month or (on.month == birth.month and on.day <= birth.day):
        years -= 1
    if years > 0:
        return years
    if on < birth:
        raise ValidationError(
            "age.before_birth",
            f"on ({on.isoformat()}) is before the birth date",
            f"计算日期 {on.isoformat()} 早于出生日期",
            path="on",
        )
    return 0


def school_year_day(school_year: int, *, policy: Policy) -> dt.date:
    """The day on which school age is reckoned for a school year: the day after the cut-off.

    A child "born on or before 08-31" has reached 6 on 1 September; reckoning on
    the day after the cut-off makes the two formulations agree. The cut-off is the
    one in force on :meth:`Policy.reading_date` (1 July) of ``school_year``.

    Raises:
        ValidationError: For a bad ``school_year`` or ``policy``.
        kongchuo.policy.ParameterNotInForceError: If the policy has no cut-off then.

    Example:
        >>> from kongchuo.policy import FEICHENG
        >>> school_year_day(2025, policy=FEICHENG)
        datetime.date(2025, 9, 1)
    """
    policy = require_policy(policy)
    reading = Policy.reading_date(school_year)
    return policy.entry_cutoff.value_at(reading).in_year(reading.year) + _ONE_DAY


def _latest_birth(age: int, on: dt.date) -> dt.date:
    """The latest birth date of someone who is at least ``age`` full years old on ``on``."""
    year = on.year - age
    guess = dt.date(year, on.month, min(on.day, 28))
    while age_on(guess, on) < age:
        guess -= _ONE_DAY
    while guess + _ONE_DAY <= on and age_on(guess + _ONE_DAY, on) >= age:
        guess += _ONE_DAY
    return guess


@lru_cache(maxsize=256)
def _band_births(policy: Policy, school_year: int) -> tuple[dt.date, dt.date]:
    """The earliest and latest birth dates of children of school age in ``school_year``."""
    day = school_year_day(school_year, policy=policy)
    band = policy.age_band.value_at(Policy.reading_date(school_year))
    latest = _latest_birth(band.min_age, day)
    earliest = _latest_birth(band.max_age + 1, day) + _ONE_DAY
    return earliest, latest


def is_school_age(birth: dt.date, *, school_year: int, policy: Policy) -> bool:
    """Whether a child is of compulsory-school age (适龄) in a school year.

    True if the child's age (周岁) on the day after the entry cut-off of
    ``school_year`` is in the policy's age band: the July census counts the children
    who will be 6–15 when the school year begins. A child not yet born by then is
    not of school age.

    Args:
        birth: The date of birth.
        school_year: The year in which the school year starts (2025 for 2025–26).
        policy: The policy whose age band and cut-off apply.

    Raises:
        ValidationError: For a bad argument.
        kongchuo.policy.ParameterNotInForceError: If the policy has no age band or
            cut-off for that year.

    References:
        FC-1.1, FC-2.2; 义务教育法 第十一条.

    Limitations:
        The age band is a screening band, not a legal bound: disabled children may
        be older (残疾人教育条例 第十四条), which :func:`check_school_entry` says.
        The check errs towards counting a child in: a borderline child is on the
        census rather than missed.

    Example:
        >>> from datetime import date
        >>> from kongchuo.policy import FEICHENG
        >>> is_school_age(date(2019, 8, 31), school_year=2025, policy=FEICHENG)
        True
        >>> is_school_age(date(2019, 9, 1), school_year=2025, policy=FEICHENG)
        False
        >>> is_school_age(date(2009, 9, 1), school_year=2025, policy=FEICHENG)
        True
        >>> is_school_age(date(2009, 8, 31), school_year=2025, policy=FEICHENG)
        False
    """
    if type(birth) is not _DATE:
        birth = require_date(birth, "birth")
    if type(school_year) is not int or not isinstance(policy, Policy):
        require_policy(policy)
        Policy.reading_date(school_year)
    earliest, latest = _band_births(policy, school_year)
    return earliest <= birth <= latest


def entry_year(birth: dt.date, *, policy: Policy) -> int:
    """The autumn in which a child must start grade 1 (入学年份).

    The first school year on whose reckoning day (the day after the cut-off) the
    child has reached the band's lower age (6 周岁).

    Raises:
        ValidationError: For a bad argument.
        kongchuo.policy.ParameterNotInForceError: If the policy has no values for
            the years in question.

    References:
        FC-2.3; 义务教育法 第十一条.

    Example:
        >>> from datetime import date
        >>> from kongchuo.policy import FEICHENG
        >>> entry_year(date(2019, 8, 31), policy=FEICHENG)
        2025
        >>> entry_year(date(2019, 9, 1), policy=FEICHENG)
        2026
    """
    birth = require_date(birth, "birth")
    policy = require_policy(policy)
    # No one reaches the band's lower age before birth year + that age; starting there
    # (with the lowest lower age the history has ever had) reads no year in vain.
    year = birth.year + min(p.value.min_age for p in policy.age_band.values)
    while True:
        if year >= dt.MAXYEAR - 1:  # pragma: no cover - a bound for a malformed band
            raise ValidationError(
                "age.no_entry_year",
                "no entry year found",
                "找不到入学年份",
                path="birth",
            )
        day = school_year_day(year, policy=policy)
        band = policy.age_band.value_at(Policy.reading_date(year))
        if day > birth and age_on(birth, day) >= band.min_age:
            return year
        year += 1


def check_school_entry(
    birth: dt.date,
    *,
    school_year: int,
    policy: Policy,
    disabled: bool = False,
    deferral_approved: bool = False,
    completed: bool | None = None,
) -> Decision:
    """Whether a child is to be enrolled in a school year (入学资格).

    The decision's :attr:`~kongchuo.Decision.ok` answers "must this child be in
    school this school year?". Outcomes:

    - ``too_young``: not yet 6 周岁 on the reckoning day (the day after the cut-off).
    - ``deferred``: entry deferred (延缓入学) for the child's physical condition,
      approved by the township government or the county education department.
    - ``due``: reaches the entry age this year: starts grade 1.
    - ``late_entry_allowed``: a disabled child entering later than others, within
      the policy's ``disabled_entry_extension`` years past the entry age (残疾人
      教育条例 第十四条: 必要时 … 入学年龄 … 可以适当提高).
    - ``overdue``: older than the entry age (a disabled child: older than the
      extension allows), within the band, and still to be enrolled (a warning).
    - ``owed_compulsory_education``: above the band, under 18 and known not to
      have completed compulsory education (``completed=False``): still owed it
      (未成年人保护法 第二十八条第二款, 第八十三条第二款 speak of 尚未完成义务教育的
      辍学未成年学生 with no age limit; a warning).
    - ``completed``: above the band and known to have completed it.
    - ``above_age_band``: above the band with completion not given, or 18 or
      older: outside the compulsory-school screening band. For a minor the finding
      says to establish whether the child completed compulsory education.

    Args:
        birth: The date of birth.
        school_year: The year in which the school year starts.
        policy: The policy whose cut-off and age band apply.
        disabled: Whether the child is disabled (残疾儿童).
        deferral_approved: Whether a deferral for physical reasons has been approved.
        completed: Whether the child has completed compulsory education; ``None``
            when not known.

    References:
        FC-1.1, FC-2.3; 义务教育法 第五条第二款, 第十一条 (entry at 6; 延缓入学 for
        physical reasons with approval); 残疾人教育条例 第十四条 (entry and in-school
        age may be raised for disabled children); 未成年人保护法 第二十八条第二款,
        第八十三条第二款.

    Limitations:
        The law also lets entry wait until 7 where conditions are lacking (条件不具备的
        地区); that is a regional decision, not a child's, and is not modelled. The
        rule errs towards enrolment: without an approved deferral a child of age is
        ``due``.

    Example:
        >>> from datetime import date
        >>> from kongchuo.policy import FEICHENG
        >>> d = check_school_entry(date(2019, 8, 31), school_year=2025, policy=FEICHENG)
        >>> d.ok, d.outcome
        (True, 'due')
        >>> d = check_school_entry(
        ...     date(2019, 8, 31), school_year=2025, policy=FEICHENG, deferral_approved=True
        ... )
        >>> d.ok, d.outcome, d.basis[-1]
        (False, 'deferred', '义务教育法 第十一条 第二款')
        >>> check_school_entry(
        ...     date(2017, 1, 1), school_year=2025, policy=FEICHENG, disabled=True
        ... ).outcome
        'late_entry_allowed'
        >>> check_school_entry(
        ...     date(2009, 3, 1), school_year=2025, policy=FEICHENG, completed=False
        ... ).outcome
        'owed_compulsory_education'
    """
    birth = require_date(birth, "birth")
    policy = require_policy(policy)
    disabled = require_bool(disabled, "disabled")
    deferral_approved = require_bool(deferral_approved, "deferral_approved")
    if completed is not None:
        completed = require_bool(completed, "completed")
    require_int(school_year, "school_year")
    day = school_year_day(school_year, policy=policy)
    band = policy.age_band.value_at(Policy.reading_date(school_year))
    base = own_basis(policy, Policy.reading_date(school_year), _BASIS)
    age = age_on(birth, day) if day > birth else -1
    facts = f"age {max(age, 0)} on {day.isoformat()}"
    facts_zh = f"{day.isoformat()} 时 {max(age, 0)} 周岁"
    if age < band.min_age:
        return _entry(
            ok=False,
            outcome="too_young",
            message=f"{facts}: under {band.min_age}",
            message_zh=f"{facts_zh}，未满 {band.min_age} 周岁",
            path="birth",
            basis=base,
        )
    if deferral_approved:
        return _entry(
            ok=False,
            outcome="deferred",
            message=f"{facts}: entry deferred for physical reasons, with approval",
            message_zh=f"{facts_zh}，因身体状况经批准延缓入学",
            path="deferral_approved",
            basis=(*base, "义务教育法 第十一条 第二款"),
        )
    if age == band.min_age:
        return Decision(rule="school_entry", ok=True, outcome="due", basis=base)
    extension = policy.disabled_entry_extension.value_at(Policy.reading_date(school_year))
    if disabled and age <= band.min_age + extension:
        return _entry(
            ok=True,
            outcome="late_entry_allowed",
            message=f"{facts}: a disabled child may enter up to {extension} years late",
            message_zh=f"{facts_zh}，残疾儿童入学年龄可以适当提高（至多 {extension} 年）",
            path="disabled",
            basis=(*base, "残疾人教育条例 第十四条"),
        )
    if age <= band.max_age:
        late = f"older than the entry age {band.min_age}"
        late_zh = f"已超过入学年龄 {band.min_age} 周岁"
        if disabled:
            late += f" by more than the {extension} years allowed a disabled child"
            late_zh += f"，且超过残疾儿童可提高的 {extension} 年"
        return _entry(
            ok=True,
            outcome="overdue",
            message=f"{facts}: {late}; enrol now",
            message_zh=f"{facts_zh}，{late_zh}，应立即入学",
            path="birth",
            severity=Severity.WARNING,
            basis=(*base, "残疾人教育条例 第十四条") if disabled else base,
        )
    return _above_band(age, band, facts=facts, facts_zh=facts_zh, completed=completed, base=base)


_ADULT: Final = 18
_OWED_BASIS: Final = (
    "义务教育法 第五条第二款",
    "未成年人保护法 第二十八条第二款",
    "未成年人保护法 第八十三条第二款",
)


def _above_band(
    age: int,
    band: AgeBand,
    *,
    facts: str,
    facts_zh: str,
    completed: bool | None,
    base: tuple[str, ...],
) -> Decision:
    """A child older than the band: completed, still owed, or outside the band."""
    if completed:
        return _entry(
            ok=False,
            outcome="completed",
            message=f"{facts}: has completed compulsory education",
            message_zh=f"{facts_zh}，已完成义务教育",
            path="completed",
            basis=base,
        )
    if age < _ADULT and completed is False:
        return _entry(
            ok=True,
            outcome="owed_compulsory_education",
            message=f"{facts}: above the age band {band} but has not completed "
            "compulsory education: still owed it; persuade back and order the guardians",
            message_zh=f"{facts_zh}，超出适龄范围 {band} 周岁但尚未完成义务教育："
            "仍应劝返复学，并责令父母或者其他监护人送其入学",
            path="completed",
            severity=Severity.WARNING,
            basis=(*base, *_OWED_BASIS),
        )
    if age < _ADULT:
        return _entry(
            ok=False,
            outcome="above_age_band",
            message=f"{facts}: above the age band {band}; whether the child completed "
            "compulsory education is not given: a minor who has not is still owed it",
            message_zh=f"{facts_zh}，超出适龄范围 {band} 周岁；未说明是否已完成义务教育："
            "尚未完成的未成年人仍应接受义务教育",
            path="completed",
            severity=Severity.WARNING,
            basis=(*base, *_OWED_BASIS),
        )
    return _entry(
        ok=False,
        outcome="above_age_band",
        message=f"{facts}: above the age band {band}",
        message_zh=f"{facts_zh}，超出适龄范围 {band} 周岁",
        path="birth",
        basis=base,
    )


def _entry(
    *,
    ok: bool,
    outcome: str,
    message: str,
    message_zh: str,
    path: str,
    severity: Severity = Severity.INFO,
    basis: tuple[str, ...] = _BASIS,
) -> Decision:
    """A school-entry decision with its one finding, coded ``school_entry.<outcome>``."""
    found = finding(
        f"school_entry.{outcome}", message, message_zh, path, severity=severity, basis=basis
    )
    return Decision(rule="school_entry", ok=ok, outcome=outcome, findings=(found,), basis=basis)
