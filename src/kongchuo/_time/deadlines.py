"""Deadlines and the year's obligations (期限与年度工作事项).

:func:`monthly_report_due` gives the due date of a month's dropout report;
:func:`obligations` lists a school year's duties as dated :class:`Obligation`
items, each with who owes it, its window, its due date and its basis; :func:`to_ics`
writes them as an iCalendar file an office can import.

Three kinds of deadline, each handled its own way:

- a fixed calendar day (每月5日前, 7月中旬前, the end of the census month, a
  quarter's end) moves to the next working day only where the policy says so
  (``roll_fixed_day_deadlines``) and a calendar is given;
- a period (开学2周内) follows 民法典 第二百零一条 to 第二百零三条: with a calendar, a
  last day on a rest day moves to the next working day;
- a deadline "before" an event (before a term starts) never moves forward, which
  would put it after the event.

Part of the rules layer of the design (docs/design.md).
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Iterable
from typing import Any, Final

import attrs

from kongchuo._core.args import require_int, require_items
from kongchuo._core.errors import KongchuoError, ValidationError, quote, type_name
from kongchuo._core.guard import friendly_init
from kongchuo._time.age import school_year_day
from kongchuo._time.calendars import (
    SchoolCalendar,
    Term,
    TermKind,
    WorkCalendar,
    require_calendar,
    roll_forward,
)
from kongchuo._time.periods import SchoolDays, add_months, span_end
from kongchuo.policy import ParameterNotInForceError, Party, Policy, Span, TimeUnit
from kongchuo.policy._policy import require_policy

__all__ = ["Obligation", "monthly_report_due", "obligations", "to_ics"]

_ONE_DAY: Final = dt.timedelta(days=1)
_LAST_SCHOOL_YEAR: Final = 9998
"""The last school year a reading date can be made for (its summer is in 9999)."""
_DEPARTMENTS: Final = (
    Party.PUBLIC_SECURITY,
    Party.RURAL_REVITALIZATION,
    Party.DISABLED_PERSONS_FEDERATION,
    Party.CIVIL_AFFAIRS,
)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _calendar.monthrange(year, month)[1])


def _fixed(
    day: dt.date, *, policy: Policy, calendar: WorkCalendar | None, read: dt.date
) -> dt.date:
    """A fixed-day deadline, moved to a working day if the policy says so."""
    if calendar is None or not policy.roll_fixed_day_deadlines.value_at(read):
        return day
    return roll_forward(day, calendar=calendar)


def _check_year_month(year: object, month: object) -> tuple[int, int]:
    return (
        require_int(year, "year", min_value=1900, max_value=9998),
        require_int(month, "month", min_value=1, max_value=12),
    )


def monthly_report_due(
    year: int, month: int, *, policy: Policy, calendar: WorkCalendar | None = None
) -> dt.date:
    """The due date of the dropout report covering a month (辍学月报告截止日).

    The report on ``month`` is due on the policy's report day of the following
    month, inclusive (FEICHENG: 每月5日前, the 5th); a day the month lacks falls on
    its last day. With no fixed day (NATIONAL), it is due on the last day of the
    following month. The values in force on the first day of ``month`` apply. With
    a ``calendar``, a due date on a rest day moves to the next working day only if
    the policy's ``roll_fixed_day_deadlines`` says so (FEICHENG: it does not).

    Args:
        year: The year of the month reported on.
        month: The month reported on, 1–12.
        policy: The policy whose report day applies.
        calendar: The working-day calendar, for rolling.

    Raises:
        ValidationError: For a bad argument.
        kongchuo.policy.ParameterNotInForceError: If the policy has no report day
            for that month.
        kongchuo.CalendarHorizonError: If rolling needs a day outside the calendar.

    References:
        FC-2.5 (每月5日前); the 2024 national notice (one report a month, no fixed
        day); 民法典 第二百零三条 (rolling, where the policy applies it).

    Limitations:
        "每月5日前" is read as inclusive of the 5th; a county that reads it
        otherwise sets the day to 4. The national reading (the following month's
        last day) errs late: it never calls a compliant school late.

    Example:
        >>> from kongchuo.policy import FEICHENG, NATIONAL
        >>> monthly_report_due(2025, 9, policy=FEICHENG)
        datetime.date(2025, 10, 5)
        >>> monthly_report_due(2025, 9, policy=NATIONAL)
        datetime.date(2025, 10, 31)
        >>> from kongchuo import ChinaCalendar
        >>> monthly_report_due(2025, 9, policy=FEICHENG, calendar=ChinaCalendar())
        datetime.date(2025, 10, 5)
    """
    year, month = _check_year_month(year, month)
    policy = require_policy(policy)
    if calendar is not None:
        calendar = require_calendar(calendar)
    read = dt.date(year, month, 1)
    day = policy.monthly_report_day.value_at(read)
    following = add_months(read, 1)
    last = _calendar.monthrange(following.year, following.month)[1]
    due = following.replace(day=last if day is None else min(day, last))
    return _fixed(due, policy=policy, calendar=calendar, read=read)


@friendly_init
@attrs.frozen(kw_only=True)
class Obligation:
    """One dated duty of the school year (年度工作事项).

    Attributes:
        code: A stable code: ``census``, ``data_sharing``, ``registration_cleanup``,
            ``enrolment_notices``, ``special_group_census``, ``monthly_report`` or
            ``county_review``.
        title: The English title, naming the month or term it covers.
        title_zh: The Chinese title.
        owners: Who owes it.
        opens: The first day of its window, or ``None`` if the duty only has a
            deadline.
        due: The last day to do it, after any move to a working day.
        unrolled_due: The due date before any move (equal to :attr:`due` if none).
        basis: The clause ids, law articles and documents it rests on.

    Example:
        >>> from datetime import date
        >>> o = Obligation(
        ...     code="x",
        ...     title="t",
        ...     title_zh="事项",
        ...     owners=(),
        ...     opens=None,
        ...     due=date(2025, 10, 9),
        ...     unrolled_due=date(2025, 10, 5),
        ...     basis=("FC-2.5",),
        ... )
        >>> o.rolled
        True
    """

    code: str
    title: str
    title_zh: str
    owners: tuple[Party, ...]
    opens: dt.date | None
    due: dt.date
    unrolled_due: dt.date
    basis: tuple[str, ...]

    def __attrs_post_init__(self) -> None:
        """Check the field types, so that an export never meets a malformed item."""
        texts = (self.code, self.title, self.title_zh)
        dates = (self.due, self.unrolled_due) + (() if self.opens is None else (self.opens,))
        if (
            not all(isinstance(t, str) for t in texts)
            or not all(type(d) is dt.date for d in dates)
            or not isinstance(self.owners, tuple)
            or not all(isinstance(p, Party) for p in self.owners)
            or not isinstance(self.basis, tuple)
            or not all(isinstance(b, str) for b in self.basis)
        ):
            raise ValidationError(
                "type",
                "an Obligation needs text code and titles, dates, a tuple of Party "
                "and a tuple of citations",
                "Obligation 需要文本的代码和标题、日期、Party 元组和依据元组",
            )

    @property
    def rolled(self) -> bool:
        """Whether the due date was moved to a working day."""
        return self.due != self.unrolled_due


def _span_end(
    start: dt.date, span: Span, *, calendar: WorkCalendar | None
) -> tuple[dt.date, dt.date]:
    """The (unrolled, rolled) end of a window of ``span`` from ``start``.

    A window that opens with a term lies inside it, so its school days are the
    calendar's working days (:attr:`SchoolDays.WORKDAYS`).
    """
    plain = span_end(start, span, school_days=SchoolDays.WORKDAYS, calendar=calendar, roll=False)
    if calendar is None or span.unit in {TimeUnit.WORKDAY, TimeUnit.SCHOOL_DAY}:
        return plain, plain
    return plain, span_end(start, span, school_days=SchoolDays.WORKDAYS, calendar=calendar)


def _terms(value: object) -> tuple[Term, ...]:
    if isinstance(value, SchoolCalendar):
        return value.terms
    found = require_items(value, Term, "terms")
    return tuple(sorted(found, key=lambda t: t.start))


def obligations(
    school_year: int,
    *,
    policy: Policy,
    terms: SchoolCalendar | Iterable[Term],
    calendar: WorkCalendar | None = None,
) -> tuple[Obligation, ...]:
    """The school year's duties as dated items, sorted by due date (年度工作事项).

    For school year Y (``2025`` for 2025–26), with the values in force on 1 July of
    Y (monthly reports: on the first day of the month reported on):

    - ``census`` (FC-1.1): the census month (July), by the bureau, the town
      governments and the schools;
    - ``data_sharing`` (FC-2.2): departments' records, by the data-sharing deadline;
    - ``registration_cleanup`` (FC-1.4): before each term starts, by the schools;
    - ``enrolment_notices`` (FC-2.3): before the autumn term's registration day, by
      the education bureau;
    - ``special_group_census`` (FC-2.5): within the window after each term starts,
      by the schools;
    - ``monthly_report`` (FC-2.5): one per month of the school year, from the month
      of the entry reckoning day (September), by the policy's report owners;
    - ``county_review``: the county's review at the end of each calendar quarter
      (or of each period of ``county_review_months``) within the school year.

    Duties a policy does not set (``None``) are left out.

    Args:
        school_year: The year the school year starts.
        policy: The policy.
        terms: The school year's terms: a :class:`~kongchuo.SchoolCalendar` or
            :class:`~kongchuo.Term` objects.
        calendar: The working-day calendar, for moving deadlines off rest days and
            for windows counted in working days.

    Raises:
        ValidationError: For a bad argument.
        kongchuo.policy.ParameterNotInForceError: If the policy has no value for a
            date it needs; the message names the text the value's first entry rests
            on and the first school year the policy can list (FEICHENG: 2019,
            NATIONAL: 2024, the year of the notice its monthly report comes from).
        kongchuo.CalendarHorizonError: If the calendar lacks a day it must judge.

    References:
        FC-1.1, FC-1.4, FC-2.2, FC-2.3, FC-2.5; the 2024 national notice (四个一);
        民法典 第二百零一条 to 第二百零三条.

    Limitations:
        A deadline "before" an event falls on the day before it and never moves:
        moving it forward would put it after the event. It errs early.

    Example:
        >>> from datetime import date
        >>> from kongchuo import Term, TermKind
        >>> from kongchuo.policy import FEICHENG
        >>> terms = [
        ...     Term(kind=TermKind.AUTUMN, start=date(2025, 9, 1), end=date(2026, 1, 23)),
        ...     Term(kind=TermKind.SPRING, start=date(2026, 3, 2), end=date(2026, 7, 10)),
        ... ]
        >>> items = obligations(2025, policy=FEICHENG, terms=terms)
        >>> [(o.code, o.due.isoformat()) for o in items][:4]
        [('data_sharing', '2025-07-20'), ('census', '2025-07-31'),
         ('enrolment_notices', '2025-08-31'), ('registration_cleanup', '2025-08-31')]
        >>> len([o for o in items if o.code == "monthly_report"])
        12
    """
    read = Policy.reading_date(school_year)
    policy = require_policy(policy)
    found_terms = _terms(terms)
    if calendar is not None:
        calendar = require_calendar(calendar)
    context = _Context(school_year=school_year, policy=policy, calendar=calendar, read=read)
    try:
        items = _items(context, found_terms)
    except ParameterNotInForceError as missing:
        raise _not_covered(missing, context, found_terms) from None
    return tuple(sorted(items, key=lambda o: (o.due, o.code, o.title)))


@attrs.frozen(kw_only=True)
class _Context:
    """What every duty of one school year is computed from."""

    school_year: int
    policy: Policy
    calendar: WorkCalendar | None
    read: dt.date

    def fixed_day(self, **fields: Any) -> Obligation:  # noqa: ANN401 - Obligation's fields
        """An obligation due on a fixed day, moved only if the policy says so."""
        due: dt.date = fields.pop("due")
        moved = _fixed(due, policy=self.policy, calendar=self.calendar, read=self.read)
        return Obligation(due=moved, unrolled_due=due, **fields)


def _items(context: _Context, terms: tuple[Term, ...]) -> list[Obligation]:
    return [
        *_annual_items(context),
        *(item for term in terms for item in _term_items(context, term)),
        *_monthly_items(context),
        *_review_items(context),
    ]


class _AlwaysWorks:
    """The calendar of a probe: every day works (values are read on fixed days)."""

    def is_workday(self, day: dt.date) -> bool:  # noqa: ARG002 - the protocol's signature
        """Every day is a working day."""
        return True


def _not_covered(
    missing: ParameterNotInForceError, context: _Context, terms: tuple[Term, ...]
) -> ParameterNotInForceError:
    """The error for a school year the policy cannot list: why, and from which year it can.

    The first later school year whose every value is in force is found by asking for
    it, on a calendar where every day works: values are read on fixed days, so the
    calendar cannot change the answer, and a window counted in working days or a year
    the caller's calendar lacks does not stop the search early. No school year before
    a value's first year can have it (the earliest day a year reads is in that year),
    so each try skips to that year.
    """
    first_missing = missing
    cited = "; ".join(getattr(context.policy, missing.parameter).values[0].basis)
    year, first_year = context.school_year, None
    while year < _LAST_SCHOOL_YEAR:
        year = min(max(year + 1, missing.first.year), _LAST_SCHOOL_YEAR)
        probe = attrs.evolve(
            context, school_year=year, calendar=_AlwaysWorks(), read=Policy.reading_date(year)
        )
        try:
            _items(probe, terms)
        except ParameterNotInForceError as again:
            missing = again
            continue
        except KongchuoError:  # not a missing value: the year is covered
            pass
        first_year = year
        break
    name = quote(context.policy.name)
    name_zh = quote(context.policy.name, bare=True)
    if first_year is None:  # a value that starts only in 9999
        since_en, since_zh = "nor of any later one", "之后的学年也不能列出"
    else:
        since_en = f"it lists them from school year {first_year} on"
        since_zh = f"自 {first_year} 学年起才能列出"
    return ParameterNotInForceError(
        first_missing.parameter,
        first_missing.on,
        first_missing.first,
        (
            (
                f"That first value rests on {cited}. Policy {name} cannot list the duties "
                f"of school year {context.school_year}: {since_en}"
            ),
            (
                f"最早的值依据：{cited}。配置 {name_zh} 不能列出 {context.school_year} 学年的"
                f"年度工作事项，{since_zh}"
            ),
        ),
    )


def _annual_items(context: _Context) -> list[Obligation]:
    """The July census (FC-1.1) and the departments' data (FC-2.2)."""
    year = context.school_year
    items = []
    census = context.policy.census_month.at(context.read)
    if census.value is not None:
        items.append(
            context.fixed_day(
                code="census",
                title=f"Census of school-age children, {year}",
                title_zh=f"{year}年适龄儿童摸底排查",
                owners=(Party.EDUCATION_BUREAU, Party.TOWN_GOVERNMENT, Party.SCHOOL),
                opens=dt.date(year, census.value, 1),
                due=_month_end(year, census.value),
                basis=census.basis,
            )
        )
    sharing = context.policy.data_sharing_deadline.at(context.read)
    if sharing.value is not None:
        items.append(
            context.fixed_day(
                code="data_sharing",
                title=f"Departments send records of school-age children, {year}",
                title_zh=f"{year}年各部门报送适龄儿童信息",
                owners=_DEPARTMENTS,
                opens=None,
                due=sharing.value.in_year(year),
                basis=sharing.basis,
            )
        )
    return items


def _term_items(context: _Context, term: Term) -> list[Obligation]:
    """Before a term (FC-1.4, FC-2.3) and the census after it starts (FC-2.5)."""
    label, label_zh = f"{term.kind} term {term.start.year}", term.kind.label_zh
    before_start = term.start - _ONE_DAY
    items = [
        Obligation(
            code="registration_cleanup",
            title=f"Registration clean-up before the {label}",
            title_zh=f"{label_zh}开学前学籍清理",
            owners=(Party.SCHOOL,),
            opens=None,
            due=before_start,
            unrolled_due=before_start,
            basis=("FC-1.4",),
        )
    ]
    if term.kind is TermKind.AUTUMN:
        before_registration = term.registration_day - _ONE_DAY
        items.append(
            Obligation(
                code="enrolment_notices",
                title=f"Enrolment notices before registration, {label}",
                title_zh=f"{label_zh}报到前发放入学通知书",
                owners=(Party.EDUCATION_BUREAU,),
                opens=None,
                due=before_registration,
                unrolled_due=before_registration,
                basis=("FC-2.3", "FC-3.2"),
            )
        )
    window = context.policy.special_group_census_window.at(context.read)
    if window.value is not None:
        plain, due = _span_end(term.start, window.value, calendar=context.calendar)
        items.append(
            Obligation(
                code="special_group_census",
                title=f"Special-group census after the start of the {label}",
                title_zh=f"{label_zh}开学后特殊群体学生普查",
                owners=(Party.SCHOOL, Party.EDUCATION_BUREAU),
                opens=term.start,
                due=due,
                unrolled_due=plain,
                basis=(*window.basis, "民法典 第二百零一条"),
            )
        )
    return items


def _first_month(context: _Context) -> dt.date:
    """The first day of the month in which the school year begins."""
    return school_year_day(context.school_year, policy=context.policy).replace(day=1)


def _monthly_items(context: _Context) -> list[Obligation]:
    """One monthly report (FC-2.5) per month of the school year."""
    items = []
    first = _first_month(context)
    for offset in range(12):
        month = add_months(first, offset)
        owners = context.policy.monthly_report_owners.at(month)
        report_day = context.policy.monthly_report_day.at(month)
        plain = monthly_report_due(month.year, month.month, policy=context.policy)
        items.append(
            Obligation(
                code="monthly_report",
                title=f"Monthly dropout report for {month:%Y-%m}",
                title_zh=f"{month.year}年{month.month}月辍学月报告",
                owners=owners.value,
                opens=add_months(month, 1),
                due=monthly_report_due(
                    month.year, month.month, policy=context.policy, calendar=context.calendar
                ),
                unrolled_due=plain,
                basis=(*report_day.basis, *owners.basis),
            )
        )
    return items


def _review_items(context: _Context) -> list[Obligation]:
    """The county's reviews ending within the school year, periods from 1 January."""
    review = context.policy.county_review_months.at(context.read)
    if review.value is None:
        return []
    first = _first_month(context)
    last = add_months(first, 12) - _ONE_DAY
    items = []
    start = dt.date(first.year, 1, 1)
    while start <= last:
        end = add_months(start, review.value) - _ONE_DAY
        if first <= end <= last:
            items.append(
                context.fixed_day(
                    code="county_review",
                    title=f"County review of the ledgers, {start:%Y-%m} to {end:%Y-%m}",
                    title_zh=f"县级控辍保学研判（{start:%Y年%m月}至{end:%Y年%m月}）",
                    owners=(Party.EDUCATION_BUREAU,),
                    opens=start,
                    due=end,
                    basis=review.basis,
                )
            )
        start = end + _ONE_DAY
    return items


_PRODID: Final = "-//kongchuo//kongchuo obligations//ZH"
_FOLD: Final = 75


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> list[str]:
    """Split a content line into lines of at most 75 octets (RFC 5545 §3.1).

    Cuts the UTF-8 bytes at the limit and backs off to the start of a character, so
    no character is split; a continuation line's leading space counts in its 75.
    """
    data = line.encode("utf-8")
    if len(data) <= _FOLD:
        return [line]
    out: list[str] = []
    start, limit = 0, _FOLD
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: back off to its lead
            cut -= 1
        out.append(data[start:cut].decode("utf-8"))
        start, limit = cut, _FOLD - 1
    out.append(data[start:].decode("utf-8"))
    return [out[0], *(" " + part for part in out[1:])]


def to_ics(
    items: Iterable[Obligation], *, stamp: dt.datetime, name: str = "控辍保学工作日历"
) -> str:
    r"""The obligations as an iCalendar (RFC 5545) text, one all-day event each.

    Args:
        items: The obligations, from :func:`obligations`.
        stamp: When the file is made, an aware datetime; it goes into each event's
            DTSTAMP. It is an argument because kongchuo never reads the clock.
        name: The calendar's display name.

    Returns:
        The text, with CRLF line ends and lines folded at 75 octets; write it
        encoded as UTF-8. Event UIDs depend only on the obligation, so importing a
        new file updates events rather than doubling them.

    Raises:
        ValidationError: For a naive ``stamp`` or items that are not obligations.

    Example:
        >>> from datetime import date, datetime, timezone
        >>> o = Obligation(
        ...     code="monthly_report",
        ...     title="Monthly report 2025-09",
        ...     title_zh="2025年9月辍学月报告",
        ...     owners=(),
        ...     opens=None,
        ...     due=date(2025, 10, 5),
        ...     unrolled_due=date(2025, 10, 5),
        ...     basis=("FC-2.5",),
        ... )
        >>> text = to_ics([o], stamp=datetime(2026, 11, 29, tzinfo=timezone.utc))
        >>> print(text.replace("\r\n", "\n"))  # doctest: +ELLIPSIS
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//kongchuo//kongchuo obligations//ZH
        ...
        DTSTART;VALUE=DATE:20251005
        DTEND;VALUE=DATE:20251006
        SUMMARY:2025年9月辍学月报告 Monthly report 2025-09
        ...
        END:VCALENDAR
    """
    if not isinstance(stamp, dt.datetime) or stamp.utcoffset() is None:
        raise ValidationError(
            "ics.stamp",
            f"stamp must be an aware datetime, got {type_name(stamp)}",
            f"stamp 应为带时区的 datetime，实为 {type_name(stamp)}",
            path="stamp",
        )
    if not isinstance(name, str):
        raise ValidationError("type", "name must be text", "name 应为文本", path="name")
    found = require_items(items, Obligation, "items")
    try:
        dtstamp = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    except OverflowError:
        raise ValidationError(
            "ics.stamp",
            "stamp falls outside the years 1–9999 in UTC",
            "stamp 换算为 UTC 后超出公元 1–9999 年",
            path="stamp",
        ) from None
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{_PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    import hashlib  # noqa: PLC0415 - loaded when a calendar file is written

    for item in found:
        key = f"{item.code}|{item.title}|{item.unrolled_due.isoformat()}"
        uid = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:24]
        who = "、".join(p.label_zh for p in item.owners) or "—"
        details = [f"责任主体 Owners: {who}"]
        if item.opens is not None:
            details.append(f"开始 Opens: {item.opens.isoformat()}")
        details.append(f"截止 Due: {item.due.isoformat()}")
        if item.rolled:
            details.append(f"顺延自 Moved from: {item.unrolled_due.isoformat()}")
        details.append(f"依据 Basis: {'; '.join(item.basis)}")
        lines.extend(
            [
                "BEGIN:VEVENT",
                f"UID:{uid}@kongchuo",
                f"DTSTAMP:{dtstamp}",
                f"DTSTART;VALUE=DATE:{item.due:%Y%m%d}",
                # RFC 5545 3.6.1: an all-day event ends the next day (exclusive);
                # on 9999-12-31 there is none, and a one-day duration says the same.
                f"DTEND;VALUE=DATE:{item.due + _ONE_DAY:%Y%m%d}"
                if item.due < dt.date.max
                else "DURATION:P1D",
                f"SUMMARY:{_escape(f'{item.title_zh} {item.title}')}",
                f"DESCRIPTION:{_escape(chr(10).join(details))}",
                f"CATEGORIES:{_escape(item.code)}",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
        )
    lines.append("END:VCALENDAR")
    try:
        return "".join(part + "\r\n" for line in lines for part in _fold(line))
    except UnicodeEncodeError:  # a lone surrogate cannot be written as UTF-8
        raise ValidationError(
            "ics.text",
            "the name or an obligation holds a lone surrogate, which UTF-8 cannot hold",
            "名称或事项中含有无法以 UTF-8 编码的孤立代理字符",
            path="items",
        ) from None
