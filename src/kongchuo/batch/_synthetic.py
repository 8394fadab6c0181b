"""Generated feeds of a made-up county, for benchmarks, examples and tests (合成数据).

:func:`synthetic_feeds` builds the rows that 公安, 乡村振兴, 残联, 民政, the 学籍
system and the schools would send for a county of any size, deterministically
from a seed, with the situations reconciliation looks for planted at known rates:
children never registered, registered twice, attending another school, deceased
but on a roll, absent for a week or for months. Every name and number is invented;
the ID numbers have valid check characters but belong to no one.

Part of the batch layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any, Final

import attrs

from kongchuo import ChinaCalendar, School, SchoolKind, ValidationError
from kongchuo._core.args import require_date, require_int
from kongchuo._identity.numbers import check_character
from kongchuo.batch._feeds import Feed

__all__ = ["SyntheticCounty", "synthetic_feeds"]

_SURNAMES: Final = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN: Final = "明华强伟芳娜敏静丽军洋勇艳杰涛超秀霞平刚桂英"
_TOWNS: Final = (
    "370983001", "370983002", "370983003", "370983004", "370983101", "370983103",
    "370983104", "370983105", "370983106", "370983107", "370983108", "370983109",
    "370983111", "370983113",
)  # fmt: skip


@attrs.frozen(kw_only=True)
class SyntheticCounty:
    """Generated feeds: rows with Chinese headers, per feed, and the school registry.

    Attributes:
        rows: Feed → its rows (dicts keyed by the shipped mapping's headers).
        schools: The school registry.
        as_of: The day the data describes.
        since: The first day of the attendance records.
    """

    rows: dict[Feed, list[dict[str, Any]]] = attrs.field(repr=False)
    schools: tuple[School, ...] = attrs.field(repr=False)
    as_of: dt.date
    since: dt.date


def _resident_id(region: str, birth: dt.date, seq: int) -> str:
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + check_character(body)


_MIN_DAYS: Final = 5
"""The fewest working days a synthetic window holds: a week's absence is planted."""


def synthetic_feeds(  # noqa: C901, PLR0912, PLR0915 - one pass plants every situation
    children: int,
    *,
    seed: int = 0,
    as_of: dt.date = dt.date(2025, 10, 31),
    since: dt.date = dt.date(2025, 9, 1),
    bad_rows: int = 0,
    school_count: int | None = None,
    ages: tuple[int, int] | None = None,
) -> SyntheticCounty:
    """The feeds of a made-up county of ``children`` school-age children.

    Rates: 95% registered (1% twice, 1% attending another school); 2% never
    registered; 0.5% deceased or moved out (some still on a roll); absence records
    for about 10% of students on a few days, 1% absent a week running, 0.5% absent
    from a date on; memberships for 3% (poverty), 1% (disability), 2% (civil
    affairs). ``bad_rows`` rows of each feed are spoilt the ways people spoil them
    (an ID number turned into ``3.70983E+17``, a date that does not exist, an
    unknown town, full-width digits). ``school_count`` sets the number of schools
    (at least 2; by default one per 500 children).

    By default every child is in grades 1–9 (born 2010-09-01 to 2019-08-31 for the
    school year 2025). ``ages=(3, 17)`` draws the children over those ages on the
    school year's reference day (31 August), as 公安's register lists them: the
    under-sixes and the over-fifteens have no registration, and the fifteen-year-olds
    past grade 9 mostly hold a graduated (毕业) grade-9 registration — 97% of them;
    the rest are still in grade 9.

    Example:
        >>> county = synthetic_feeds(200, seed=1)
        >>> len(county.rows[Feed.HOUSEHOLD])
        200
        >>> sorted(county.rows[Feed.REGISTRATION][0])[:3]
        ['学校标识码', '学籍号', '学籍状态']
    """
    children = require_int(children, "children", min_value=0, max_value=10_000_000)
    seed = require_int(seed, "seed")
    as_of = require_date(as_of, "as_of")
    since = require_date(since, "since")
    if not dt.timedelta(0) <= as_of - since <= dt.timedelta(days=366):
        raise ValidationError(
            "batch.window",
            "since must be on or before as_of, at most a year before",
            "since 应不晚于 as_of，且至多早一年",
            path="since",
        )
    bad_rows = require_int(bad_rows, "bad_rows", min_value=0, max_value=children)
    if school_count is not None:
        school_count = require_int(
            school_count, "school_count", min_value=2, max_value=max(2, children)
        )
    if ages is not None and not (
        isinstance(ages, tuple)
        and len(ages) == 2
        and all(type(a) is int for a in ages)
        and 0 <= ages[0] <= ages[1] <= 30
    ):
        raise ValidationError(
            "batch.ages",
            "ages must be (youngest, oldest), whole years from 0 to 30",
            "ages 应为（最小年龄, 最大年龄），0 至 30 的整数周岁",
            path="ages",
        )
    rng = random.Random(seed)  # noqa: S311 - made-up data, reproducible from the seed
    n_schools = max(2, children // 500 if school_count is None else school_count)
    schools = tuple(
        School(
            code=f"21{370983:06d}{i:02d}" if i < 100 else f"2{370983:06d}{i:03d}",
            name=f"合成第{i + 1}学校",
            kind=SchoolKind.NINE_YEAR,
            jurisdiction=_TOWNS[i % len(_TOWNS)],
        )
        for i in range(n_schools)
    )
    calendar = ChinaCalendar()
    days = []
    day = since
    while day <= as_of:
        if calendar.is_workday(day):
            days.append(day)
        day += dt.timedelta(days=1)
    if len(days) < _MIN_DAYS:
        raise ValidationError(
            "batch.window",
            f"since..as_of holds {len(days)} working days; the feeds need at least {_MIN_DAYS}",
            f"since 至 as_of 之间只有 {len(days)} 个工作日；合成数据至少需要 {_MIN_DAYS} 个",
            path="since",
        )
    year = as_of.year if as_of.month >= 9 else as_of.year - 1  # the school year
    if ages is None:
        first, last = dt.date(year - 15, 9, 1), dt.date(year - 6, 8, 31)
    else:
        first, last = dt.date(year - ages[1] - 1, 9, 1), dt.date(year - ages[0], 8, 31)
    span = (last - first).days
    used: set[tuple[dt.date, int]] = set()
    feeds: dict[Feed, list[dict[str, Any]]] = {feed: [] for feed in Feed}
    household = feeds[Feed.HOUSEHOLD]
    registrations = feeds[Feed.REGISTRATION]
    attendance = feeds[Feed.ATTENDANCE]
    for _ in range(children):
        while True:
            birth = first + dt.timedelta(days=rng.randrange(span))
            seq = rng.randrange(1000)
            if (birth, seq) not in used:
                used.add((birth, seq))
                break
        rid = _resident_id("370983", birth, seq)
        town = rng.choice(_TOWNS)
        name = rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(("", *_GIVEN))
        fate = rng.random()
        status, confirmed = "正常", ""
        if fate < 0.005:
            status, confirmed = rng.choice(("死亡", "迁出注销")), f"{year}-08-20"
        household.append(
            {
                "身份证号": rid,
                "姓名": name,
                "性别": "男" if int(rid[16]) % 2 else "女",
                "出生日期": f"{birth:%Y-%m-%d}",
                "户籍地代码": "370983",
                "镇街": town,
                "农村户籍": rng.choice(("是", "否")),
                "户籍状态": status,
                "确认日期": confirmed,
            }
        )
        group = rng.random()
        if group < 0.03:
            feeds[Feed.POVERTY].append({"身份证号": rid, "姓名": name, "认定日期": "2023/3/1"})
        elif group < 0.04:
            feeds[Feed.DISABILITY].append(
                {
                    "身份证号": rid,
                    "姓名": name,
                    "残疾类别": rng.choice(("肢体", "听力", "智力残疾")),
                    "残疾等级": rng.choice(("一级", "二级", "3", "4")),
                    "发证日期": "2022年5月10日",
                }
            )
        elif group < 0.06:
            feeds[Feed.CIVIL_AFFAIRS].append(
                {
                    "身份证号": rid,
                    "姓名": name,
                    "类别": rng.choice(("留守儿童", "困境儿童", "孤儿")),
                    "认定日期": "20240301",
                }
            )
        if 0.005 <= fate < 0.025 and fate >= 0.005:
            continue
        grade = year - birth.year - 6 + (1 if birth.month < 9 else 0)
        if not 1 <= grade <= 10:  # too young for school, or past compulsory age
            continue
        school = rng.choice(schools)
        graduated = grade == 10 and rng.random() < 0.97
        registrations.append(
            {
                "学籍号": "G" + rid,
                "身份证号": "",
                "学校标识码": school.code,
                "年级": str(min(grade, 9)),
                "学籍状态": "毕业" if graduated else "在读",
                "生效日期": f"{year}-07-01" if graduated else f"{year}-09-01",
            }
        )
        if graduated:
            continue
        attending = school
        if 0.025 <= fate < 0.035:
            other = rng.choice(schools)
            registrations.append({**registrations[-1], "学校标识码": other.code})
        elif 0.035 <= fate < 0.045:
            attending = rng.choice([s for s in schools if s is not school])
        absent: list[dt.date] = []
        habit = rng.random()
        if habit < 0.005:
            start = rng.randrange(len(days) // 2)
            absent = days[start:]
        elif habit < 0.015:
            start = rng.randrange(len(days) - 8)
            absent = days[start : start + rng.randrange(6, 9)]
        elif habit < 0.115:
            absent = rng.sample(days, rng.randrange(1, 4))
        elif 0.035 <= fate < 0.045:
            absent = rng.sample(days, 1)
        for on in sorted(absent):
            attendance.append(
                {
                    "学籍号": "G" + rid,
                    "学校标识码": attending.code,
                    "日期": f"{on:%Y-%m-%d}",
                    "考勤状态": rng.choice(("缺勤", "缺勤", "缺勤", "请假"))
                    if habit >= 0.015
                    else "缺勤",
                }
            )
    for rows in feeds.values():
        for i in range(min(bad_rows, len(rows))):
            row = rows[(i * 7919 + 13) % len(rows)] = dict(rows[(i * 7919 + 13) % len(rows)])
            spoil = i % 4
            if spoil == 0 and "身份证号" in row and row["身份证号"]:
                row["身份证号"] = f"{int(row['身份证号'][:17]) / 10**16:.5f}E+17"
            elif spoil == 0 and "学籍号" in row:
                row["学籍号"] = "3.70983E+17"
            elif spoil == 1:
                for key in ("出生日期", "认定日期", "发证日期", "生效日期", "日期"):
                    if key in row:
                        row[key] = "2015-02-30"
            elif spoil == 2 and "镇街" in row:
                row["镇街"] = "不存在镇"
            elif "姓名" in row:
                row["姓名"] = " " + row["姓名"] + "\u3000"
    return SyntheticCounty(rows=feeds, schools=schools, as_of=as_of, since=since)
