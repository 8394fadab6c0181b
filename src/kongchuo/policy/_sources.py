"""The texts the profiles cite and the day each came into force (依据及其施行日期).

A parameter's history starts when its basis was in force: a value dated before a
text came into force cites the text it replaced (民法通则 for 民法典, the 1986
义务教育法 for the 2006 one), or none. :func:`dated_history` builds such a history
from one value and its present-day basis, splitting it where a cited text came into
force.

Part of the policy layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final, TypeVar

from kongchuo.policy._parameters import Parameter, ParameterHistory

__all__ = [
    "IN_FORCE",
    "KONGCHUO_DEFAULT",
    "KONGCHUO_READING",
    "cited_on",
    "dated_history",
    "dated_rows",
]

T = TypeVar("T")

#: The marker of a number no text sets; the description says which way it errs.
KONGCHUO_DEFAULT: Final = "kongchuo default (no national or local text sets this number)"
#: The marker of a reading of a text that is silent or ambiguous on the point.
KONGCHUO_READING: Final = "kongchuo reading (the text is silent on this point)"

#: (citation prefix, in force from, what was cited before it or ``None``), the more
#: specific prefixes first.
IN_FORCE: Final[tuple[tuple[str, dt.date, str | None], ...]] = (
    ("民法典 第二百零一条", dt.date(2021, 1, 1), "民法通则 第一百五十四条"),
    ("民法典 第二百零二条", dt.date(2021, 1, 1), "民法通则 第一百五十四条"),
    ("民法典 第二百零三条", dt.date(2021, 1, 1), "民法通则 第一百五十四条"),
    ("民法典 第一千二百五十九条", dt.date(2021, 1, 1), "民法通则 第一百五十五条"),
    ("民法典", dt.date(2021, 1, 1), None),
    ("义务教育法 第十一条", dt.date(2006, 9, 1), "义务教育法(1986) 第五条"),
    ("义务教育法 第二条", dt.date(2006, 9, 1), "义务教育法(1986) 第二条"),
    ("义务教育法 ", dt.date(2006, 9, 1), None),
    ("未成年人保护法 ", dt.date(2021, 6, 1), None),
    ("家庭教育促进法", dt.date(2022, 1, 1), None),
    ("行政复议法 ", dt.date(2024, 1, 1), "行政复议法(1999) 第九条"),
    ("行政诉讼法 第四十六条", dt.date(2015, 5, 1), "行政诉讼法(1989) 第三十九条"),
    ("行政处罚法 第十二条", dt.date(2021, 7, 15), "行政处罚法(1996) 第十一条"),
    ("民事诉讼法 第九十五条", dt.date(2022, 1, 1), "民事诉讼法(2017) 第九十二条"),
    ("禁止使用童工规定", dt.date(2002, 12, 1), None),
    ("校外培训行政处罚暂行办法", dt.date(2023, 10, 15), None),
    ("残疾人教育条例", dt.date(2017, 5, 1), None),
    ("GB/T 9704-2012", dt.date(2012, 7, 1), "GB/T 9704-1999"),
    ("教育部办公厅 常态化报告工作机制通知（2024年4月）", dt.date(2024, 4, 30), None),
)


def _source(cited: str) -> tuple[dt.date, str | None] | None:
    for prefix, start, before in IN_FORCE:
        if cited.startswith(prefix):
            return start, before
    return None


def cited_on(basis: Iterable[str], on: dt.date) -> tuple[str, ...]:
    """``basis`` as it could be cited on ``on``: later texts replaced or dropped.

    Example:
        >>> import datetime as dt
        >>> cited_on(("民法典 第二百零一条", "FC-2.5"), dt.date(2019, 1, 1))
        ('民法通则 第一百五十四条', 'FC-2.5')
    """
    out: list[str] = []
    for cited in basis:
        found = _source(cited)
        if found is not None and on < found[0]:
            if found[1] is None:
                continue
            cited = found[1]  # noqa: PLW2901 - the earlier text in its place
        if cited not in out:
            out.append(cited)
    return tuple(out)


def dated_rows(
    name: str, unit: str, *rows: tuple[dt.date, object, str, tuple[str, ...]]
) -> ParameterHistory[object]:
    """A history from ``(effective_from, value, description, basis)`` rows, dated honestly.

    Each row is split where a text it cites came into force (see :func:`dated_history`).
    """
    ordered = sorted(rows, key=lambda r: r[0])
    values: list[Parameter[object]] = []
    for index, (start, value, description, basis) in enumerate(ordered):
        end = ordered[index + 1][0] if index + 1 < len(ordered) else dt.date.max
        starts = {start}
        for item in basis:
            found = _source(item)
            if found is not None and start < found[0] < end:
                starts.add(found[0])
        values.extend(
            Parameter(
                value=value,
                unit=unit,
                description=description,
                basis=cited_on(basis, day) or (KONGCHUO_READING,),
                effective_from=day,
            )
            for day in sorted(starts)
        )
    return ParameterHistory(name=name, values=tuple(values))


def dated_history(
    name: str,
    value: T,
    *,
    unit: str,
    description: str,
    basis: Iterable[str],
    effective_from: dt.date,
) -> ParameterHistory[T]:
    """A history of one value whose basis follows the texts in force (沿革按依据施行日期).

    The value applies from ``effective_from``; a new entry starts on each day a
    cited text came into force, citing what was in force from then. An entry with
    nothing left to cite carries :data:`KONGCHUO_READING`.

    Example:
        >>> import datetime as dt
        >>> h = dated_history(
        ...     "x",
        ...     15,
        ...     unit="days",
        ...     description="",
        ...     basis=("民法典 第二百零一条",),
        ...     effective_from=dt.date(2019, 1, 1),
        ... )
        >>> [(p.effective_from.isoformat(), p.basis) for p in h.values]
        [('2019-01-01', ('民法通则 第一百五十四条',)), ('2021-01-01', ('民法典 第二百零一条',))]
    """
    row = (effective_from, value, description, tuple(basis))
    return dated_rows(name, unit, row)  # type: ignore[return-value]
