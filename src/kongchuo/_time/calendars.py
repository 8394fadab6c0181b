"""Work calendars (工作日历) and school calendars (校历).

:class:`WorkCalendar` is the protocol every deadline computation takes: one
method, ``is_workday(day)``. :class:`ChinaCalendar` implements it from
chinesecalendar's data (statutory holidays and 调休 make-up working days, 2004–2026
in chinesecalendar 1.11) plus any :class:`YearArrangement` a deployment adds from
the State Council's notice, published each November. Outside its data it raises
:class:`~kongchuo.CalendarHorizonError`: a guessed holiday would move a legal
deadline.

:class:`SchoolCalendar` holds a school year's terms and breaks (寒假、暑假) as data.

Part of the time layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import os
from collections.abc import Iterable, Mapping
from typing import Any, Final, Protocol, Self, runtime_checkable

import attrs

from kongchuo._core.args import (
    MAX_ITEM_PROBLEMS,
    require_date,
    require_instance,
    require_int,
    require_items,
)
from kongchuo._core.documents import (
    parse_document,
    read_date,
    read_document,
    read_table,
    unknown_keys,
)
from kongchuo._core.enums import LabelledEnum
from kongchuo._core.errors import (
    CalendarHorizonError,
    Problem,
    ValidationError,
    problem,
    quote,
    type_name,
)
from kongchuo._core.guard import friendly_init

__all__ = [
    "Break",
    "BreakKind",
    "ChinaCalendar",
    "SchoolCalendar",
    "Term",
    "TermKind",
    "WorkCalendar",
    "YearArrangement",
    "roll_forward",
]

_ONE_DAY: Final = dt.timedelta(days=1)
_SATURDAY: Final = 5
MAX_REST_RUN: Final = 366
"""How many days in a row a calendar may have no working day before a search for
the next one stops: a year without one is a broken calendar, not a long holiday."""


@runtime_checkable
class WorkCalendar(Protocol):
    """Anything that says whether a day is a working day (工作日历协议).

    A working day is a day on which offices work: a weekday that is not a statutory
    holiday, or a weekend day made a working day by 调休. Implementations raise
    :class:`~kongchuo.CalendarHorizonError` for days outside their data rather than
    guess.

    Example:
        >>> from datetime import date
        >>> class WeekdaysOnly:
        ...     def is_workday(self, day: date) -> bool:
        ...         return day.weekday() < 5
        >>> isinstance(WeekdaysOnly(), WorkCalendar)
        True
    """

    def is_workday(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day."""
        ...  # pragma: no cover


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    first = start.toordinal()
    return [dt.date.fromordinal(n) for n in range(first, end.toordinal() + 1)]


def _read_days(raw: object, path: str, problems: list[Problem]) -> list[dt.date]:
    """A list of dates or ``{name, start, end}`` ranges."""
    if not isinstance(raw, list):
        problems.append(problem("type", "expected a list", "应为列表", path))
        return []
    found: list[dt.date] = []
    for index, item in enumerate(raw):
        where = f"{path}[{index}]"
        if isinstance(item, Mapping):
            problems.extend(unknown_keys(item, {"name", "start", "end"}.__contains__, where))
            start = read_date(item.get("start"), f"{where}.start", problems, prefix="calendar")
            end = read_date(
                item.get("end", item.get("start")), f"{where}.end", problems, prefix="calendar"
            )
            if start is not None and end is not None:
                if end < start:
                    problems.append(
                        problem(
                            "calendar.range",
                            "end is before start",
                            "结束日期早于开始日期",
                            f"{where}.end",
                        )
                    )
                elif (end - start).days >= MAX_REST_RUN:
                    # Refused before a day is made: a range of centuries would be
                    # hundreds of thousands of days, each one a problem.
                    problems.append(
                        problem(
                            "calendar.range",
                            f"a range of {(end - start).days + 1} days is longer than a year",
                            f"区间长达 {(end - start).days + 1} 天，超过一年",
                            f"{where}.end",
                        )
                    )
                else:
                    found.extend(_days(start, end))
        else:
            day = read_date(item, where, problems, prefix="calendar")
            if day is not None:
                found.append(day)
    return found


def _arrangement_problems(
    year: object, holidays: frozenset[object], workdays: frozenset[object], source: object
) -> list[Problem]:
    """Every problem of a year's arrangement, in one pass (constructor and loader)."""
    problems: list[Problem] = []
    if type(year) is not int or not 1900 <= year <= 9999:
        problems.append(
            problem(
                "calendar.year",
                "year must be an integer 1900–9999",
                "year 应为 1900–9999 的整数",
                "$.year",
            )
        )
        year = None
    if not isinstance(source, str) or not source.strip():
        problems.append(
            problem("calendar.source", "source must be cited", "必须注明来源", "$.source")
        )
    for name, days in (("holidays", holidays), ("workdays", workdays)):
        for day in sorted(days, key=str):
            if type(day) is not dt.date:
                problems.append(
                    problem(
                        "calendar.date",
                        f"{name} must hold dates, found {type_name(day)}",
                        f"{name} 应只含日期，发现 {type_name(day)}",
                        f"$.{name}",
                    )
                )
            elif year is not None and day.year != year:
                problems.append(
                    problem(
                        "calendar.year",
                        f"{day.isoformat()} is not in {year}",
                        f"{day.isoformat()} 不在 {year} 年",
                        f"$.{name}",
                    )
                )
    problems.extend(
        problem(
            "calendar.weekday_workday",
            f"{day.isoformat()} is a weekday; a make-up working day is a weekend day",
            f"{day.isoformat()} 本是工作日；调休上班日应为周末",
            "$.workdays",
        )
        for day in sorted(d for d in workdays if type(d) is dt.date)
        if day.weekday() < _SATURDAY
    )
    problems.extend(
        problem(
            "calendar.conflict",
            f"{day.isoformat()} is both a holiday and a working day",
            f"{day.isoformat()} 既是假日又是工作日",
            "$.workdays",
        )
        for day in sorted(d for d in holidays & workdays if type(d) is dt.date)
    )
    return problems


def _date_set(value: Iterable[dt.date], path: str) -> frozenset[dt.date]:
    """A frozenset of the days given; each is checked for being a date later."""
    raw: object = value  # typed as the signature, checked as anything
    if not isinstance(raw, Iterable) or isinstance(raw, str | bytes):
        raise ValidationError(
            "type",
            f"expected a collection of dates, got {type_name(value)}",
            f"应为日期的集合，实为 {type_name(value)}",
            path=path,
        )
    found: set[object] = set()
    wrong = 0
    for day in value:
        try:
            found.add(day)
        except TypeError:  # unhashable: certainly not a date
            raise ValidationError(
                "calendar.date", "expected dates", "应为日期", path=path
            ) from None
        wrong += type(day) is not dt.date
        if wrong == MAX_ITEM_PROBLEMS:
            break  # the check names what is wrong; a range of 10**12 is not read on
    return frozenset(found)  # type: ignore[arg-type]


def _holidays(value: Iterable[dt.date]) -> frozenset[dt.date]:
    return _date_set(value, "$.holidays")


def _workdays(value: Iterable[dt.date]) -> frozenset[dt.date]:
    return _date_set(value, "$.workdays")


class _CalendarDocument:
    """``from_toml``, ``from_json`` and ``load`` for a class with ``from_mapping``."""

    __slots__ = ()

    @classmethod
    def from_mapping(cls, data: object) -> Self:  # pragma: no cover - each class has its own
        """Build from a parsed document."""
        raise NotImplementedError

    @classmethod
    def from_toml(cls, text: str) -> Self:
        """Build from TOML text; see :meth:`from_mapping` for the keys."""
        return cls.from_mapping(parse_document(text, "toml"))

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """Build from JSON text (dates as ``"YYYY-MM-DD"`` strings)."""
        return cls.from_mapping(parse_document(text, "json"))

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Self:
        """Read a ``.toml`` or ``.json`` file (an edge function: it does I/O)."""
        return cls.from_mapping(read_document(path))


@friendly_init
@attrs.frozen(kw_only=True)
class YearArrangement(_CalendarDocument):
    """One year's holiday arrangement (节假日安排), from the State Council's notice.

    Attributes:
        year: The calendar year.
        holidays: The days off (放假), weekend days inside a holiday included.
        workdays: The make-up working days (调休上班), each a Saturday or Sunday.
        source: The notice it comes from, such as ``"国办发明电〔2026〕x号"``.

    Every other weekday is a working day and every other weekend day a rest day.

    The file format (TOML shown; JSON has the same keys, with dates as strings)::

        year = 2027
        source = "国务院办公厅关于2027年部分节假日安排的通知"
        holidays = [
          { name = "元旦", start = 2027-01-01, end = 2027-01-03 },
          2027-04-05,
        ]
        workdays = [2027-02-07]

    Example:
        >>> from datetime import date
        >>> arr = YearArrangement.from_toml('''
        ... year = 2030
        ... source = "illustrative, not a real notice"
        ... holidays = [{ name = "元旦", start = 2030-01-01, end = 2030-01-01 }]
        ... workdays = [2030-01-05]
        ... ''')
        >>> date(2030, 1, 1) in arr.holidays, date(2030, 1, 5) in arr.workdays
        (True, True)
    """

    year: int
    holidays: frozenset[dt.date] = attrs.field(converter=_holidays)
    workdays: frozenset[dt.date] = attrs.field(converter=_workdays)
    source: str

    def __attrs_post_init__(self) -> None:
        """Check the days: all in the year, no day both off and on, workdays at weekends."""
        problems = _arrangement_problems(self.year, self.holidays, self.workdays, self.source)
        if problems:
            raise ValidationError.of(problems)

    def is_workday(self, day: dt.date) -> bool:
        """Whether ``day`` (in :attr:`year`) is a working day under this arrangement."""
        if day in self.workdays:
            return True
        return day.weekday() < _SATURDAY and day not in self.holidays

    @classmethod
    def from_mapping(cls, data: object) -> YearArrangement:
        """Build from a parsed JSON or TOML document, reporting all problems at once.

        Raises:
            ValidationError: With every problem, each with its path.
        """
        data, problems = read_table(data, frozenset({"year", "source", "holidays", "workdays"}))
        year, source = data.get("year"), data.get("source")
        holidays = _read_days(data.get("holidays", []), "$.holidays", problems)
        workdays = _read_days(data.get("workdays", []), "$.workdays", problems)
        problems.extend(
            _arrangement_problems(year, frozenset(holidays), frozenset(workdays), source)
        )
        if problems:
            raise ValidationError.of(problems)
        return cls(year=year, holidays=holidays, workdays=workdays, source=source)  # type: ignore[arg-type]


def _arrangements(value: Iterable[YearArrangement]) -> tuple[YearArrangement, ...]:
    found = require_items(value, YearArrangement, "arrangements", name_zh="调休安排")
    years = [a.year for a in found]
    problems = [
        problem(
            "calendar.duplicate_year",
            f"two arrangements for {quote(year)}",
            f"{quote(year)} 年有两个安排",
            f"arrangements[{i}]",
        )
        for i, year in enumerate(years)
        if year in years[:i]
    ]
    if problems:
        raise ValidationError.of(problems)
    return tuple(sorted(found, key=lambda a: a.year))


@friendly_init
@attrs.frozen
class ChinaCalendar:
    """Mainland China's working days (全国工作日历): holidays and 调休.

    Backed by chinesecalendar's data, plus any :class:`YearArrangement` given,
    which takes precedence for its year (to add next year's notice before
    chinesecalendar ships it, or to correct a year).

    Args:
        arrangements: Extra years, at most one per year.

    Raises:
        ValidationError: For arrangements that are not :class:`YearArrangement`
            or two for one year.

    References:
        《全国年节及纪念日放假办法》 (2024); the State Council's yearly notice on
        holiday arrangements (国务院办公厅关于部分节假日安排的通知).

    Limitations:
        Only the national calendar: a region's own days off (民族自治地方) are not
        included. Outside its data, :meth:`is_workday` raises
        :class:`~kongchuo.CalendarHorizonError`; it never guesses.

    Example:
        >>> from datetime import date
        >>> cal = ChinaCalendar()
        >>> cal.is_workday(date(2025, 10, 8)), cal.is_workday(date(2025, 10, 11))
        (False, True)
        >>> cal.is_workday(date(2027, 1, 4))
        Traceback (most recent call last):
        ...
        kongchuo.CalendarHorizonError: no working-day data for 2027 ...
    """

    arrangements: tuple[YearArrangement, ...] = attrs.field(default=(), converter=_arrangements)
    _by_year: dict[int, YearArrangement] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _years: frozenset[int] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _holidays: frozenset[dt.date] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _workdays: frozenset[dt.date] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        """Merge chinesecalendar's days with the arrangements into two sets, once.

        An arrangement replaces its year: the built-in days of that year are dropped
        and the arrangement's taken, so a working-day test is two set look-ups.
        """
        data = _builtin_data()
        by_year = {a.year: a for a in self.arrangements}
        holidays = {d for d in data.holidays if d.year not in by_year}
        workdays = {d for d in data.workdays if d.year not in by_year}
        for arrangement in self.arrangements:
            holidays |= arrangement.holidays
            workdays |= arrangement.workdays
        years = frozenset(range(data.first_year, data.last_year + 1)) | by_year.keys()
        object.__setattr__(self, "_by_year", by_year)
        object.__setattr__(self, "_years", years)
        object.__setattr__(self, "_holidays", frozenset(holidays))
        object.__setattr__(self, "_workdays", frozenset(workdays))

    def is_workday(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day.

        Raises:
            ValidationError: If ``day`` is not a date.
            CalendarHorizonError: If neither the added arrangements nor
                chinesecalendar hold data for ``day``'s year.
        """
        if type(day) is not dt.date:
            day = require_date(day, "day")
        if day.year not in self._years:
            raise self._horizon(day)
        if day in self._workdays:
            return True
        return day.weekday() < _SATURDAY and day not in self._holidays

    def _advance(self, start: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``start``, reading the sets directly.

        Bounded by the years the calendar holds (each new year is checked); the last
        day of year 9999 is a clear error, not an ``OverflowError``.
        """
        years, workdays, holidays = self._years, self._workdays, self._holidays
        day, year = start, 0
        try:
            while count:
                day += _ONE_DAY
                if day.year != year:
                    year = day.year
                    if year not in years:
                        raise self._horizon(day)
                if day in workdays or (day.weekday() < _SATURDAY and day not in holidays):
                    count -= 1
        except OverflowError:
            raise past_the_end("start") from None
        return day

    def _horizon(self, day: dt.date) -> CalendarHorizonError:
        added = ", ".join(str(y) for y in self._by_year) or "none"
        builtin = _builtin_years()
        return CalendarHorizonError(
            f"no working-day data for {day.year} ({day.isoformat()}); "
            f"chinesecalendar covers {builtin.start}–{builtin.stop - 1}, added years: "
            f"{added}. Add the year's YearArrangement "
            f"({day.year} 年没有工作日数据；请添加当年的节假日安排)"
        )

    @property
    def years(self) -> tuple[int, ...]:
        """Every year this calendar holds data for."""
        return tuple(sorted({*_builtin_years(), *self._by_year}))

    def with_arrangement(self, arrangement: YearArrangement) -> ChinaCalendar:
        """Return a calendar that also holds ``arrangement`` (replacing its year)."""
        arrangement = require_instance(arrangement, YearArrangement, "arrangement")
        kept = [a for a in self.arrangements if a.year != arrangement.year]
        return ChinaCalendar((*kept, arrangement))


@attrs.frozen
class _BuiltinData:
    """chinesecalendar's days as sets, with the years they cover."""

    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]
    first_year: int
    last_year: int


@functools.cache
def _builtin_data() -> _BuiltinData:
    """The holidays and 调休 working days of chinesecalendar, read once on first use.

    The package's own ``is_workday`` recomputes the range of its holiday keys on
    every call (about 40 µs); reading its tables once makes a working-day test two
    set look-ups, with the same answers and the same loud horizon. The package is
    imported here, so ``import kongchuo`` does not load it.
    """
    import chinese_calendar  # noqa: PLC0415 - loaded on first calendar use

    holidays = frozenset(chinese_calendar.holidays)
    workdays = frozenset(chinese_calendar.workdays)
    first = min(holidays).year if holidays else 1
    last = max(holidays).year if holidays else 0
    return _BuiltinData(holidays, workdays, first, last)


def _builtin_years() -> range:
    """The years chinesecalendar holds."""
    data = _builtin_data()
    return range(data.first_year, data.last_year + 1)


def require_calendar(calendar: object, path: str = "calendar") -> WorkCalendar:
    """Return ``calendar`` if it is a :class:`WorkCalendar`; ``type`` at ``path`` if not."""
    if not isinstance(calendar, WorkCalendar):
        raise ValidationError(
            "type",
            f"expected a WorkCalendar (with is_workday), got {type_name(calendar)}",
            f"应为 WorkCalendar（有 is_workday 方法），实为 {type_name(calendar)}",
            path=path,
        )
    return calendar


def checked_workday(calendar: WorkCalendar, day: dt.date) -> bool:
    """Whether ``day`` works by ``calendar``; ``calendar.answer`` if it does not say a bool."""
    answer = calendar.is_workday(day)
    if type(answer) is not bool:
        raise ValidationError(
            "calendar.answer",
            f"the calendar's is_workday returned {type_name(answer)}, not a bool",
            f"日历的 is_workday 返回了 {type_name(answer)}，应为布尔值",
            path="calendar",
        )
    return answer


def advance_workdays(calendar: WorkCalendar, start: dt.date, count: int) -> dt.date:
    """The ``count``-th working day after ``start`` (``start`` itself if ``count`` is 0).

    Arguments are checked by the caller. A :class:`ChinaCalendar` counts on its own
    sets (about 2x a bare loop over two sets); any other calendar is asked day by day.
    """
    if type(calendar) is ChinaCalendar:
        return calendar._advance(start, count)  # noqa: SLF001 - the class's own fast path
    day = start
    while count:
        day = next_workday(calendar, day)
        count -= 1
    return day


def past_the_end(path: str) -> ValidationError:
    """The error for a date search or sum that would pass 9999-12-31 (``date.range``)."""
    return ValidationError(
        "date.range",
        "the date would fall after 9999-12-31, the last day a date can hold",
        "日期将超出 9999-12-31（日期所能表示的最后一天）",
        path=path,
    )


def next_workday(calendar: WorkCalendar, day: dt.date) -> dt.date:
    """The first working day after ``day``, searching at most :data:`MAX_REST_RUN` days.

    Raises:
        ValidationError: ``calendar.no_workday`` for a calendar with no working day
            in :data:`MAX_REST_RUN` days in a row; ``date.range`` past 9999-12-31.
    """
    try:
        for _ in range(MAX_REST_RUN):
            day += _ONE_DAY
            if checked_workday(calendar, day):
                return day
    except OverflowError:
        raise past_the_end("day") from None
    raise ValidationError(
        "calendar.no_workday",
        f"the calendar has no working day in the {MAX_REST_RUN} days to "
        f"{day.isoformat()}: it cannot be right",
        f"该日历截至 {day.isoformat()} 连续 {MAX_REST_RUN} 天没有工作日，日历有误",
        path="calendar",
    )


def roll_forward(day: dt.date, *, calendar: WorkCalendar) -> dt.date:
    """``day`` if it is a working day, else the next working day (顺延至下一个工作日).

    Raises:
        ValidationError: ``calendar.no_workday`` for a calendar without a working
            day in :data:`MAX_REST_RUN` days; ``date.range`` past 9999-12-31.

    References:
        民法典 第二百零三条 (a last day on a statutory rest day moves to the day
        after the rest ends).

    Example:
        >>> from datetime import date
        >>> roll_forward(date(2025, 10, 1), calendar=ChinaCalendar())
        datetime.date(2025, 10, 9)
    """
    day = require_date(day, "day")
    calendar = require_calendar(calendar)
    if checked_workday(calendar, day):
        return day
    return next_workday(calendar, day)


class TermKind(LabelledEnum):
    """A term of the school year (学期).

    Example:
        >>> TermKind.AUTUMN.label_zh
        '秋季学期'
    """

    AUTUMN = "autumn", "秋季学期"
    SPRING = "spring", "春季学期"


class BreakKind(LabelledEnum):
    """A school holiday (假期).

    Example:
        >>> BreakKind.WINTER.label_zh
        '寒假'
    """

    WINTER = "winter", "寒假"
    SUMMER = "summer", "暑假"


def _check_span(instance: Term | Break, kind: type[LabelledEnum]) -> None:
    """Every problem of a term or a break at once: its kind, its dates, their order."""
    problems: list[Problem] = []
    if not isinstance(instance.kind, kind):
        problems.append(
            problem(
                "type", f"kind must be a {kind.__name__}", f"kind 应为 {kind.__name__}", "$.kind"
            )
        )
    names = ["start", "end"]
    if getattr(instance, "registration", None) is not None:
        names.append("registration")
    dated = True
    for name in names:
        try:
            require_date(getattr(instance, name), f"$.{name}")
        except ValidationError as exc:
            problems.extend(exc.errors)
            dated = False
    if dated and instance.end < instance.start:
        problems.append(
            problem("calendar.range", "end is before start", "结束日期早于开始日期", "$.end")
        )
    if problems:
        raise ValidationError.of(problems)


@friendly_init
@attrs.frozen(kw_only=True)
class Term:
    """One term of a school year: its first and last day (学期).

    Attributes:
        kind: Autumn or spring.
        start: The first day of classes (开学).
        end: The last day of the term.
        registration: The registration/report day (报到日), if it differs from
            ``start``.

    Example:
        >>> from datetime import date
        >>> t = Term(kind=TermKind.AUTUMN, start=date(2025, 9, 1), end=date(2026, 1, 23))
        >>> t.registration_day
        datetime.date(2025, 9, 1)
    """

    kind: TermKind
    start: dt.date
    end: dt.date
    registration: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        """Check the kind and the dates, every problem at once."""
        _check_span(self, TermKind)

    @property
    def registration_day(self) -> dt.date:
        """The registration day, or the first day if none is set."""
        return self.start if self.registration is None else self.registration

    def __contains__(self, day: object) -> bool:
        """Whether ``day`` falls within the term, both ends included."""
        return isinstance(day, dt.date) and self.start <= day <= self.end


@friendly_init
@attrs.frozen(kw_only=True)
class Break:
    """A school holiday: winter or summer (寒暑假).

    Attributes:
        kind: Winter or summer.
        start: The first day of the holiday.
        end: The last day of the holiday.
    """

    kind: BreakKind
    start: dt.date
    end: dt.date

    def __attrs_post_init__(self) -> None:
        """Check the kind and the dates, every problem at once."""
        _check_span(self, BreakKind)


def _sorted_by_start(value: Iterable[Any], path: str) -> tuple[Any, ...]:
    if not isinstance(value, Iterable) or isinstance(value, str | bytes):
        raise ValidationError(
            "type",
            f"expected a sequence, got {type_name(value)}",
            f"应为序列，实为 {type_name(value)}",
            path=path,
        )
    found: list[Any] = []
    wrong = 0
    for item in value:
        found.append(item)  # the model's check names each wrong item
        wrong += not hasattr(item, "start")
        if wrong == MAX_ITEM_PROBLEMS:
            break  # a range of 10**12 integers is not read to its end
    try:
        return tuple(sorted(found, key=lambda x: x.start))
    except (AttributeError, TypeError):
        return tuple(found)


def _terms(value: Iterable[Any]) -> tuple[Any, ...]:
    return _sorted_by_start(value, "$.terms")


def _breaks(value: Iterable[Any]) -> tuple[Any, ...]:
    return _sorted_by_start(value, "$.breaks")


@friendly_init
@attrs.frozen(kw_only=True)
class SchoolCalendar(_CalendarDocument):
    """A school year's terms and holidays, as data (校历).

    Attributes:
        school_year: The year in which the school year starts.
        terms: Its terms, in order; they must not overlap.
        breaks: Its winter and summer holidays; none may overlap a term.
        source: Where the calendar comes from (the provincial 校历 notice).

    Example:
        >>> from datetime import date
        >>> cal = SchoolCalendar.from_mapping(
        ...     {
        ...         "school_year": 2025,
        ...         "source": "illustrative",
        ...         "terms": [
        ...             {"kind": "autumn", "start": "2025-09-01", "end": "2026-01-23"},
        ...             {"kind": "spring", "start": "2026-03-02", "end": "2026-07-10"},
        ...         ],
        ...         "breaks": [{"kind": "winter", "start": "2026-01-24", "end": "2026-03-01"}],
        ...     }
        ... )
        >>> cal.term_on(date(2025, 10, 9)).kind.label_zh
        '秋季学期'
        >>> cal.term_on(date(2026, 2, 1)) is None
        True
    """

    school_year: int
    terms: tuple[Term, ...] = attrs.field(converter=_terms)
    breaks: tuple[Break, ...] = attrs.field(default=(), converter=_breaks)
    source: str = ""

    def __attrs_post_init__(self) -> None:
        """Check that terms and breaks are of the right types and do not overlap."""
        problems: list[Problem] = []
        try:
            require_int(self.school_year, "$.school_year", min_value=1900, max_value=9998)
        except ValidationError as exc:  # reported with the terms' problems, in one pass
            problems.extend(exc.errors)
        for name, kind in (("terms", Term), ("breaks", Break)):
            problems.extend(
                problem(
                    "type",
                    f"expected a {kind.__name__}, got {type_name(x)}",
                    f"应为 {kind.__name__}，实为 {type_name(x)}",
                    f"$.{name}[{i}]",
                )
                for i, x in enumerate(getattr(self, name))
                if not isinstance(x, kind)
            )
        if problems:
            raise ValidationError.of(problems)
        spans: list[Term | Break] = sorted([*self.terms, *self.breaks], key=lambda x: x.start)
        problems.extend(
            problem(
                "calendar.overlap",
                f"{b.kind} starting {b.start.isoformat()} overlaps {a.kind}",
                f"{b.start.isoformat()} 开始的{b.kind.label_zh}与{a.kind.label_zh}重叠",
                "$.terms",
            )
            for a, b in itertools.pairwise(spans)
            if b.start <= a.end
        )
        if problems:
            raise ValidationError.of(problems)

    def term_on(self, day: dt.date) -> Term | None:
        """The term that ``day`` falls in, or ``None`` in a holiday."""
        day = require_date(day, "day")
        for term in self.terms:
            if day in term:
                return term
        return None

    def is_school_day(self, day: dt.date, *, calendar: WorkCalendar) -> bool:
        """Whether ``day`` is a school day: within a term and a working day.

        Raises:
            CalendarHorizonError: If ``calendar`` has no data for ``day``.
        """
        if self.term_on(day) is None:
            return False
        return checked_workday(require_calendar(calendar), day)

    @classmethod
    def from_mapping(cls, data: object) -> SchoolCalendar:
        """Build from a parsed JSON or TOML document, reporting all problems at once.

        The keys are ``school_year``, ``source``, ``terms`` (tables with ``kind``,
        ``start``, ``end`` and optionally ``registration``) and ``breaks`` (tables
        with ``kind``, ``start``, ``end``).

        Raises:
            ValidationError: With every problem, each with its path.
        """
        data, problems = read_table(data, frozenset({"school_year", "source", "terms", "breaks"}))
        year = data.get("school_year")
        if type(year) is not int:
            problems.append(
                problem(
                    "calendar.year",
                    "school_year must be an integer",
                    "school_year 应为整数",
                    "$.school_year",
                )
            )
        source = data.get("source", "")
        if not isinstance(source, str):
            problems.append(
                problem("calendar.source", "source must be text", "source 应为文本", "$.source")
            )
        terms = _read_spans(data.get("terms"), "$.terms", Term, TermKind, problems)
        breaks = _read_spans(data.get("breaks", []), "$.breaks", Break, BreakKind, problems)
        if problems:
            raise ValidationError.of(problems)
        return cls(school_year=year, terms=terms, breaks=breaks, source=source)  # type: ignore[arg-type]


def _read_spans(
    raw: object,
    path: str,
    cls: type[Term | Break],
    kinds: type[TermKind | BreakKind],
    problems: list[Problem],
) -> list[Any]:
    if not isinstance(raw, list):
        problems.append(problem("type", "expected a list", "应为列表", path))
        return []
    found: list[Any] = []
    allowed = {"kind", "start", "end"} | ({"registration"} if cls is Term else set())
    for index, item in enumerate(raw):
        where = f"{path}[{index}]"
        if not isinstance(item, Mapping):
            problems.append(problem("type", "expected a table", "应为表（对象）", where))
            continue
        before = len(problems)
        problems.extend(unknown_keys(item, allowed.__contains__, where))
        try:
            # Looked up, not called: Enum's own error reprs the value whole, and a
            # deeply nested one overflows the stack.
            kind: Any = kinds._value2member_map_[item.get("kind")]
        except (KeyError, TypeError):
            names = ", ".join(repr(m.value) for m in kinds)
            problems.append(
                problem(
                    "calendar.kind",
                    f"expected one of {names}",
                    f"应为 {names} 之一",
                    f"{where}.kind",
                )
            )
        fields = {
            key: read_date(item.get(key), f"{where}.{key}", problems, prefix="calendar")
            for key in ("start", "end")
        }
        if "registration" in item:
            fields["registration"] = read_date(
                item["registration"], f"{where}.registration", problems, prefix="calendar"
            )
        if len(problems) > before:
            continue
        try:
            found.append(cls(kind=kind, **fields))  # type: ignore[arg-type]
        except ValidationError as exc:
            problems.extend(exc.under(where).errors)
    return found
