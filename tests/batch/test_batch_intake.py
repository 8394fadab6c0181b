import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kongchuo
from kongchuo import regions
from kongchuo.batch import (
    MAPPINGS,
    ColumnMapping,
    Feed,
    HouseholdStatus,
    RowOutcome,
    intake,
    load_mapping,
    mapping_from_dict,
    read_csv,
    read_xlsx,
    rows_from_mappings,
    synthetic_feeds,
)
from kongchuo.policy import FEICHENG

AS_OF = dt.date(2025, 7, 15)
RID = "370983201509010012"
KID = {
    "身份证号": RID,
    "姓名": "张小明",
    "性别": "男",
    "出生日期": "2015-09-01",
    "户籍地代码": "370983",
    "镇街": "王瓜店街道",
}


def take(rows, feed=Feed.HOUSEHOLD, **kw):
    kw.setdefault("jurisdictions", regions.FEICHENG_UNITS)
    return intake(
        rows_from_mappings(rows), feed, source="t.csv", as_of=AS_OF, policy=FEICHENG, **kw
    )


def test_accepts_chinese_headers_and_labels():
    """A row with Chinese headers and labels loads to a Child with codes and defaults."""
    result = take([KID])
    child = result.records[0].value
    assert result.rows[0].outcome is RowOutcome.ACCEPTED
    assert child.sex is kongchuo.Sex.MALE
    assert child.jurisdiction == "370983003"
    assert child.residence_region == "370983"
    assert child.retain_until == dt.date(2034, 12, 31)


@pytest.mark.parametrize("text", ["2015-09-01", "2015/9/1", "2015年9月1日", "20150901", "2015.9.1"])
def test_date_spellings(text):
    """Every common date spelling reads as the same date."""
    result = take([{**KID, "出生日期": text}])
    assert result.records[0].value.birth_date == dt.date(2015, 9, 1)


def test_fullwidth_and_spaces_are_normalised_with_a_warning():
    """Full-width digits and stray spaces are read, never silently: each leaves a warning."""
    result = take([{**KID, "户籍地代码": "３７０９８３", "姓名": " 张小明 "}])
    row = result.rows[0]
    assert row.outcome is RowOutcome.ACCEPTED
    assert {f.code for f in row.findings} == {"batch.value.normalised", "batch.value.spaces"}
    assert result.records[0].value.household_region == "370983"


def test_invisible_characters_are_named():
    """A zero-width space or an RTL mark is removed and named in the warning."""
    result = take([{**KID, "身份证号": RID[:6] + "\u200b" + RID[6:] + "\u200f"}])
    (note,) = result.rows[0].findings
    assert note.code == "batch.value.invisible"
    assert "U+200B ZERO WIDTH SPACE" in note.message
    assert "U+200F RIGHT-TO-LEFT MARK" in note.message


@pytest.mark.parametrize(
    "value", ["3.70983E+17", 3.70983201509e17, 370983201509010012, "370983201509010000.0"]
)
def test_id_turned_into_a_number_is_rejected_with_a_hint(value):
    """An ID a spreadsheet turned into a number is rejected with the hint to format as text."""
    result = take([{**KID, "身份证号": value}])
    row = result.rows[0]
    assert row.outcome is RowOutcome.REJECTED
    assert row.findings[-1].code == "batch.id.number"
    assert "设置为文本" in row.findings[-1].message_zh


def test_rejected_rows_name_source_row_field_and_hide_the_id():
    """A rejected row names the source, row and field; its messages never show the full ID."""
    bad = {**KID, "身份证号": RID[:-1] + "9"}
    result = take([KID, bad, {**KID, "镇街": "不存在镇"}])
    assert [r.outcome for r in result.rows] == [
        RowOutcome.ACCEPTED,
        RowOutcome.REJECTED,
        RowOutcome.REJECTED,
    ]
    second = result.rows[1]
    assert (second.source, second.row, second.findings[0].path) == ("t.csv", 2, "$.resident_id")
    assert result.rows[2].findings[0].code == "batch.jurisdiction.unknown"
    for row in result.rows:
        for finding in row.findings:
            assert RID[:17] not in str(finding)


def test_every_problem_of_a_row_at_once():
    """A row with several bad cells reports them all."""
    result = take([{**KID, "出生日期": "2015-02-30", "性别": "男孩", "镇街": ""}])
    codes = {f.code for f in result.rows[0].findings}
    assert codes == {"batch.date.invalid", "batch.enum.unknown", "batch.field.missing"}


def test_sex_and_birth_date_come_from_the_id_when_blank():
    """Blank sex and birth date are read from the ID number."""
    row = {k: v for k, v in KID.items() if k not in ("性别", "出生日期")}
    child = take([row]).records[0].value
    assert (child.sex, child.birth_date) == (kongchuo.Sex.MALE, dt.date(2015, 9, 1))


def test_disagreeing_birth_date_is_rejected_by_the_model():
    """A birth date that disagrees with the ID number is rejected, with the column named."""
    result = take([{**KID, "出生日期": "2015-09-02"}])
    finding = result.rows[0].findings[0]
    assert finding.code == "child.birth_date.mismatch"
    assert "出生日期" in finding.message_zh


def test_region_unknown_for_birth_year_is_a_warning():
    """A household region that was no GB/T 2260 code in the birth year is only a warning."""
    result = take([{**KID, "户籍地代码": "370922"}])  # 肥城县 until 1992
    assert result.rows[0].outcome is RowOutcome.ACCEPTED
    assert result.rows[0].findings[0].code == "batch.region.unknown_for_year"


def test_clean_up_status_needs_its_confirmation_date():
    """A clean-up status is read by its label and needs 公安's confirmation date."""
    result = take(
        [
            {**KID, "户籍状态": "死亡", "确认日期": "2025/6/1"},
            {**KID, "户籍状态": "迁出注销"},
        ]
    )
    assert result.records[0].status is HouseholdStatus.DECEASED
    assert result.records[0].confirmed_on == dt.date(2025, 6, 1)
    assert result.rows[1].findings[0].code == "batch.status.unconfirmed"


def test_counts_equal_the_input():
    """Accepted plus rejected always equals the rows taken in, in row order."""
    county = synthetic_feeds(300, seed=2, bad_rows=12)
    for feed, rows in county.rows.items():
        result = take(rows, feed, schools=county.schools)
        assert len(result.rows) == len(rows)
        assert [r.row for r in result.rows] == list(range(1, len(rows) + 1))
        assert sum(result.counts().values()) == len(rows)
        assert len(result.records) == result.counts()[RowOutcome.ACCEPTED]


def test_registration_defaults_and_grades():
    """A registration reads 初一 as grade 7 and takes its effective date from the policy."""
    school = kongchuo.School(
        code="2137098301",
        name="王瓜店中学",
        kind=kongchuo.SchoolKind.NINE_YEAR,
        jurisdiction="370983003",
    )
    row = {"学籍号": "G" + RID, "学校": "王瓜店中学", "年级": "初一", "学籍状态": "在读"}
    result = take([row, {**row, "学校": "别的学校"}], Feed.REGISTRATION, schools=[school])
    reg = result.records[0].value
    assert (reg.grade, reg.school, reg.effective_from) == (7, "2137098301", dt.date(2025, 9, 1))
    assert result.records[0].resident_id == kongchuo.ResidentId.parse(RID)
    assert result.rows[1].findings[0].code == "batch.school.unknown"


def test_membership_feeds():
    """Poverty, disability and civil-affairs rows become memberships with their department."""
    poor = take([{"身份证号": RID, "认定日期": "2024/3/1"}], Feed.POVERTY).records[0].value
    assert poor.group is kongchuo.SpecialGroup.POVERTY_ALLEVIATED
    assert poor.department is kongchuo.Department.RURAL_REVITALIZATION
    disabled = (
        take(
            [{"身份证号": RID, "残疾类别": "肢体", "残疾等级": "二级", "发证日期": "20220510"}],
            Feed.DISABILITY,
        )
        .records[0]
        .value
    )
    assert (disabled.disability.kind.value, disabled.disability.grade) == ("physical", 2)
    civil = take([{"身份证号": RID, "类别": "孤儿", "认定日期": "2024-03-01"}], Feed.CIVIL_AFFAIRS)
    assert civil.records[0].value.group is kongchuo.SpecialGroup.ORPHAN


def test_csv_encodings(tmp_path):
    """CSV in UTF-8 with BOM, without BOM and in GB18030 read the same."""
    text = "身份证号,姓名,性别,户籍地代码,镇街\n" + f"{RID},张小明,男,370983,王瓜店街道\n"
    found = []
    for name, data in (
        ("bom.csv", b"\xef\xbb\xbf" + text.encode()),
        ("plain.csv", text.encode()),
        ("gb.csv", text.encode("gb18030")),
    ):
        (tmp_path / name).write_bytes(data)
        rows = list(read_csv(tmp_path / name))
        assert rows[0].number == 2
        found.append(rows[0].cells)
    assert found[0] == found[1] == found[2]


def test_csv_errors(tmp_path):
    """A missing file and undecodable bytes raise ValidationError with their codes."""
    with pytest.raises(kongchuo.ValidationError) as missing:
        read_csv(tmp_path / "none.csv")
    assert missing.value.code == "document.read"
    with pytest.raises(kongchuo.ValidationError) as bad:
        read_csv(b"\xff\xfe\xfa", encoding="utf-8")
    assert bad.value.code == "batch.read.encoding"


def test_xlsx(tmp_path):
    """An XLSX sheet reads, and an ID stored as a number is rejected with the hint."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["身份证号", "姓名", "性别", "出生日期", "户籍地代码", "镇街"])
    day = dt.datetime(2015, 9, 1)  # noqa: DTZ001 - a spreadsheet's date cell is naive
    sheet.append([RID, "张小明", "男", day, "370983", "王瓜店街道"])
    sheet.append([3.70983201509e17, "李小红", "女", "2015/9/1", 370983, "王瓜店街道"])
    book.save(tmp_path / "t.xlsx")
    result = intake(
        read_xlsx(tmp_path / "t.xlsx"),
        Feed.HOUSEHOLD,
        source="t.xlsx",
        as_of=AS_OF,
        policy=FEICHENG,
        jurisdictions=regions.FEICHENG_UNITS,
    )
    assert [r.outcome for r in result.rows] == [RowOutcome.ACCEPTED, RowOutcome.REJECTED]
    assert result.rows[1].findings[-1].code == "batch.id.number"


def test_county_mapping_from_toml_and_json(tmp_path):
    """A county's mapping loads from TOML and JSON and adds to the shipped one."""
    (tmp_path / "m.toml").write_text(
        'feed = "household"\n[columns]\n"证件号码" = "resident_id"\n[aliases.sex]\n"M" = "male"\n',
        encoding="utf-8",
    )
    (tmp_path / "m.json").write_text(
        json.dumps({"feed": "household", "columns": {"证件号码": "resident_id"}}), encoding="utf-8"
    )
    for name in ("m.toml", "m.json"):
        mapping = load_mapping(tmp_path / name)
        assert mapping.field_of("证件号码") == "resident_id"
        assert mapping.field_of("姓名") == "name"
    row = {**{k: v for k, v in KID.items() if k != "身份证号"}, "证件号码": RID, "性别": "M"}
    result = take([row], load_mapping(tmp_path / "m.toml"))
    assert result.rows[0].outcome is RowOutcome.ACCEPTED


def test_bad_mapping_reports_every_problem():
    """A mapping naming unknown fields and keys reports them all at once."""
    with pytest.raises(kongchuo.ValidationError) as err:
        mapping_from_dict({"feed": "household", "columns": {"x": "nope"}, "colour": 1})
    assert {p.code for p in err.value.errors} == {"unknown_key"}
    with pytest.raises(kongchuo.ValidationError) as err2:
        ColumnMapping(feed=Feed.HOUSEHOLD, name="x", columns={"a": "nope", "b": "nada"})
    assert [p.code for p in err2.value.errors] == ["batch.mapping.field", "batch.mapping.field"]


def test_bad_arguments_raise_validation_errors():
    """Wrong argument types raise ValidationError with their codes, never TypeError."""
    with pytest.raises(kongchuo.ValidationError) as err:
        intake([], "household", source="x", as_of=AS_OF, policy=FEICHENG)  # type: ignore[arg-type]
    assert err.value.code == "type"
    with pytest.raises(kongchuo.ValidationError) as err2:
        intake([], Feed.HOUSEHOLD, source="x", as_of="2025-07-15", policy=FEICHENG)  # type: ignore[arg-type]
    assert err2.value.code == "type"


def test_shipped_mappings_cover_every_feed():
    """Every feed has a shipped mapping with Chinese headers."""
    assert set(MAPPINGS) == set(Feed)


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["sex", "status", "rural"]), st.booleans())
def test_label_and_value_spellings_load_the_same_record(field, use_label):
    """An enum written as its Chinese label or as its value loads to the same record."""
    spelled = {
        "sex": ("性别", "男", "male"),
        "status": ("户籍状态", "失踪失联", "lost_contact"),
        "rural": ("农村户籍", "是", "true"),
    }[field]
    header, label, value = spelled
    extra = {"确认日期": "2025-06-01"} if field == "status" else {}
    a = take([{**KID, header: label, **extra}]).records[0]
    b = take([{**KID, header: value if not use_label else label, **extra}]).records[0]
    assert (a.value, a.status) == (b.value, b.status)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(range(6)), min_size=1, max_size=30))
def test_rows_are_conserved_and_no_message_shows_a_full_id(spoils):
    """Whatever rows come in, one result per row, and no rejected row shows a full ID."""
    variants = [
        KID,
        {**KID, "身份证号": RID[:-1] + "5"},
        {**KID, "身份证号": "3.70983E+17"},
        {**KID, "性别": "女"},
        {**KID, "出生日期": "nope " + RID},
        {**KID, "镇街": RID},
    ]
    rows = [variants[i] for i in spoils]
    result = take(rows)
    assert len(result.rows) == len(rows)
    assert sum(result.counts().values()) == len(rows)
    for row in result.rejected():
        text = " ".join(f"{f.message} {f.message_zh}" for f in row.findings) + str(row.key)
        assert RID not in text
        assert RID[:-1] + "5" not in text


def test_docs_list_every_shipped_header():
    """docs/batch.md lists every header the shipped mappings read."""
    from pathlib import Path

    page = (Path(__file__).parents[2] / "docs" / "batch.md").read_text(encoding="utf-8")
    missing = {h for m in MAPPINGS.values() for h in m.columns if h not in page}
    assert missing == set()
