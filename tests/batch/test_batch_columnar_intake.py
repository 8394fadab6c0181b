import csv
import datetime as dt
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from same_result import assert_same_result

import kongchuo
from kongchuo import ChinaCalendar, regions
from kongchuo.batch import (
    Columns,
    Feed,
    build_census,
    intake,
    read_columns,
    read_csv,
    reconcile,
    rows_from_mappings,
    synthetic_feeds,
)
from kongchuo.policy import FEICHENG

pytest.importorskip("polars")

FEEDS = (
    Feed.HOUSEHOLD,
    Feed.POVERTY,
    Feed.DISABILITY,
    Feed.CIVIL_AFFAIRS,
    Feed.REGISTRATION,
    Feed.ATTENDANCE,
)
CALENDAR = ChinaCalendar()
WIDE = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def _spoilers(value: str) -> list[object]:
    """The ways people spoil a cell, and the spellings that should read the same."""
    out: list[object] = [
        "",
        " ",
        f" {value}",
        f"{value}\u3000",
        value.translate(WIDE),
        f"{value[:2]}\u200b{value[2:]}",
        f"\u202e{value}",
        value.lower(),
        "3.70983E+17",
        "NOT-A-TOWN",
        "999999",
        "G" + value,
        value[:-1],
        "x" * 60,
    ]
    if len(value) == 10 and value[4] == "-":  # an ISO date
        y, m, d = value.split("-")
        out += [
            f"{y}/{int(m)}/{int(d)}",
            f"{y}年{int(m)}月{int(d)}日",
            f"{y}{m}{d}",
            f"{y}.{m}.{d}",
            f"{y}-02-30",
        ]
    out += ["男", "女", "male", "1", "2", "正常", "死亡", "迁出", "在读", "毕业", "缺勤", "请假"]
    out += ["旷课", "初一", "3.0", "10", "0", "一级", "肢体", "留守儿童", "残疾儿童", "是", "城镇"]
    out += ["王瓜店街道", "370983003", "2137098300", "2025-08-20", "2030-01-01", "1899-01-01"]
    return out


@st.composite
def spoilt_feeds(draw, *, text_only: bool):  # noqa: C901 - one strategy spoils every feed
    """A small generated county whose feeds are spoilt cell by cell."""
    children = draw(st.integers(0, 40))
    county = synthetic_feeds(
        children,
        seed=draw(st.integers(0, 10_000)),
        bad_rows=draw(st.integers(0, min(3, children))),
        school_count=2,
    )
    feeds = {feed: [dict(r) for r in county.rows[feed]] for feed in FEEDS}
    house = feeds[Feed.HOUSEHOLD]
    for row in house:
        row["学籍号"] = ""
    for row in list(house):
        pick = draw(st.integers(0, 9))
        if pick == 0:  # the same child twice, maybe with a clean-up status
            house.append(
                {**row, "户籍状态": draw(st.sampled_from(["正常", "死亡", "迁出注销", "失踪失联"]))}
                | {"确认日期": draw(st.sampled_from(["", "2025-08-01", "2025-08-20"]))}
            )
        elif pick == 1 and row["身份证号"]:  # a child without an ID number: a J number
            number = "J" + row["身份证号"][:17] + str(draw(st.integers(0, 9)))
            if draw(st.booleans()):
                feeds[Feed.REGISTRATION].append(
                    {
                        "学籍号": number,
                        "身份证号": draw(st.sampled_from(["", row["身份证号"]])),
                        "学校标识码": county.schools[0].code,
                        "年级": "3",
                        "学籍状态": "在读",
                        "生效日期": "2025-09-01",
                    }
                )
            row["学籍号"] = number
            if draw(st.booleans()):
                row["身份证号"] = ""
    for feed in FEEDS:
        rows = feeds[feed]
        for row in rows:
            if draw(st.integers(0, 3)) != 0:
                continue
            header = draw(st.sampled_from(sorted(row)))
            pick = draw(st.sampled_from(_spoilers(str(row[header]) or "2015-09-24")))
            row[header] = pick
            if not text_only and draw(st.integers(0, 5)) == 0:
                row[header] = draw(st.sampled_from([370983201509010012, 3.70983e17, 4, 4.0, True]))
        feeds[feed] = rows
    return county, feeds


def _kw(county, feed):
    return {
        "source": feed.value,
        "as_of": county.as_of,
        "policy": FEICHENG,
        "jurisdictions": regions.FEICHENG_UNITS,
        "schools": county.schools,
    }


def _same(python, columnar):
    assert columnar.rows == python.rows
    assert columnar.records == python.records
    assert columnar.notes == python.notes
    assert columnar.counts() == python.counts()
    assert columnar.rejected() == python.rejected()
    assert columnar == python


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spoilt_feeds(text_only=False))
def test_columnar_intake_gives_exactly_the_python_result(drawn):
    """On spoilt feeds the polars intake gives the Python records, results, codes and messages."""
    county, feeds = drawn
    taken = {}
    for feed, rows in feeds.items():
        python = intake(rows_from_mappings(rows), feed, engine="python", **_kw(county, feed))
        columnar = intake(rows_from_mappings(rows), feed, engine="polars", **_kw(county, feed))
        assert columnar.columns is not None or not rows
        fresh = intake(rows_from_mappings(rows), feed, engine="polars", **_kw(county, feed))
        assert fresh.counts() == python.counts()  # counted from the columns, before any object
        _same(python, columnar)
        taken[feed] = (python, fresh)
    python_census = build_census(*(p for p, _ in taken.values()))
    columnar_census = build_census(*(c for _, c in taken.values()))
    assert columnar_census.columns is not None
    assert len(columnar_census) == len(python_census)
    assert columnar_census.counts() == python_census.counts()  # from the columns
    assert sum(columnar_census.counts().values()) == sum(len(rows) for rows in feeds.values())
    kw = {
        "as_of": county.as_of,
        "since": county.since,
        "policy": FEICHENG,
        "calendar": CALENDAR,
        "schools": county.schools,
    }
    python = reconcile(
        python_census,
        [r.value for r in taken[Feed.REGISTRATION][0].records],
        [r.value for r in taken[Feed.ATTENDANCE][0].records],
        engine="python",
        **kw,
    )
    columnar = reconcile(
        columnar_census, taken[Feed.REGISTRATION][1], taken[Feed.ATTENDANCE][1], **kw
    )
    assert_same_result(columnar, python)
    assert columnar_census == python_census


def _csv(rows, encoding="utf-8-sig"):
    if not rows:
        return b""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
    writer.writeheader()
    for i, row in enumerate(rows):
        writer.writerow(row)
        if i % 7 == 3:
            buf.write("\n")  # a blank line: skipped, but counted
    return buf.getvalue().encode(encoding)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spoilt_feeds(text_only=True), st.sampled_from(["utf-8-sig", "utf-8", "gb18030"]))
def test_csv_read_into_columns_gives_the_csv_reader_result(drawn, encoding):
    """A CSV read into columns and taken in by polars equals read_csv taken in by Python."""
    county, feeds = drawn
    for feed, rows in feeds.items():
        try:
            data = _csv(rows, encoding)
        except UnicodeEncodeError:  # GB18030 holds every character; this is for safety
            continue
        python = intake(read_csv(data), feed, engine="python", **_kw(county, feed))
        table = read_columns(data)
        assert [r.number for r in table.rows()] == [r.number for r in read_csv(data)]
        _same(python, intake(table, feed, **_kw(county, feed)))


@pytest.mark.parametrize(
    "data",
    [
        b'\xef\xbb\xbfa,b\r\n1,2\r\n\r\n"x\r\ny",3\r\n,\r\n4\r\n5,6,7\r\n',
        'a,b\n"1,""q""",2\n  ,3\n'.encode("gb18030"),
        b"a,a\n1,2\n",
        b"a,b",
        b"\n\na,b\n1,2\n",
        b"",
    ],
)
def test_read_columns_numbers_and_cells_rows_as_read_csv_does(data):
    """CRLF, quoted line breaks, blank and short and long lines, repeated headers: as read_csv."""
    assert [(r.number, dict(r.cells)) for r in read_columns(data).rows()] == [
        (r.number, dict(r.cells)) for r in read_csv(data)
    ]


def test_read_columns_reads_a_file_and_names_a_bad_encoding(tmp_path):
    """read_columns reads a file by path and refuses bytes in no known encoding."""
    path = tmp_path / "公安.csv"
    path.write_bytes("身份证号,姓名\n370983201509010012,张小明\n".encode("gb18030"))
    table = read_columns(path)
    assert isinstance(table, Columns)
    assert [dict(r.cells) for r in table.rows()] == [
        {"身份证号": "370983201509010012", "姓名": "张小明"}
    ]
    assert len(read_columns(b"")) == 0
    with pytest.raises(kongchuo.ValidationError) as info:
        read_columns(b"\xff\xfe\x00bad", encoding="ascii")
    assert info.value.errors[0].code == "batch.read.encoding"


def test_intake_engine_is_checked():
    """An unknown intake engine is refused with batch.engine."""
    with pytest.raises(kongchuo.ValidationError) as info:
        intake(
            [],
            Feed.HOUSEHOLD,
            source="x",
            as_of=dt.date(2025, 7, 15),
            policy=FEICHENG,
            engine="rust",
        )
    assert info.value.errors[0].code == "batch.engine"


def test_rows_of_differing_headers_fall_back_to_the_python_path():
    """Rows that do not share their headers are taken in the Python way, with the same result."""
    rows = [{"身份证号": "370983201509010012", "姓名": "张小明"}, {"姓名": "李小红"}]
    kw = {"source": "x", "as_of": dt.date(2025, 7, 15), "policy": FEICHENG}
    python = intake(rows_from_mappings(rows), Feed.HOUSEHOLD, engine="python", **kw)
    columnar = intake(rows_from_mappings(rows), Feed.HOUSEHOLD, engine="polars", **kw)
    assert columnar.columns is None
    assert columnar == python


def test_reconcile_refuses_an_intake_of_another_feed():
    """An intake given as registrations must be of the registration feed (batch.intake.feed)."""
    county = synthetic_feeds(5, seed=1)
    household = intake(
        rows_from_mappings(county.rows[Feed.HOUSEHOLD]),
        Feed.HOUSEHOLD,
        engine="polars",
        **_kw(county, Feed.HOUSEHOLD),
    )
    with pytest.raises(kongchuo.ValidationError) as info:
        reconcile(
            build_census(household),
            household,
            [],
            as_of=county.as_of,
            policy=FEICHENG,
            calendar=CALENDAR,
        )
    assert info.value.errors[0].code == "batch.intake.feed"


def test_polars_intake_without_polars_is_refused_and_python_rows_stay_in_python(monkeypatch):
    """Without polars, intake(engine="polars") names the extra; "auto" takes rows the Python way."""
    rows = [{"身份证号": "370983201509010012", "姓名": "张小明"}]
    kw = {"source": "x", "as_of": dt.date(2025, 7, 15), "policy": FEICHENG}
    monkeypatch.setitem(__import__("sys").modules, "polars", None)
    with pytest.raises(kongchuo.ValidationError, match=r"kongchuo\[columnar\]") as info:
        intake(rows_from_mappings(rows), Feed.HOUSEHOLD, engine="polars", **kw)
    assert info.value.errors[0].code == "batch.engine.missing"
    taken = intake(rows_from_mappings(rows), Feed.HOUSEHOLD, **kw)
    assert taken.columns is None
    assert hash(taken) == hash(intake(rows_from_mappings(rows), Feed.HOUSEHOLD, **kw))
