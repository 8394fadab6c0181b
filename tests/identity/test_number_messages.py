"""What a refused ID or student number says: code, path, and both messages, exactly.

The messages are part of the product (a clerk reads them in Chinese); each is pinned
whole, with the number masked as it must be.
"""

import datetime as dt

import pytest

from kongchuo import ResidentId, Sex, StudentNumber, StudentNumberKind, ValidationError

FORMAT_EN = (
    "the first 17 characters must be ASCII digits and the last a digit or X "
    "(no spaces, full-width digits or other letters)"
)
FORMAT_ZH = "前 17 位必须是半角数字，末位是数字或 X（不能有空格、全角数字或其他字母）"
CHECKSUM_EN = "the check character is wrong (ISO 7064 MOD 11-2); a digit was probably mistyped"
CHECKSUM_ZH = "校验码错误（ISO 7064 MOD 11-2），可能有数字录入错误"


def _problem(call):
    with pytest.raises(ValidationError) as info:
        call()
    (problem,) = info.value.errors
    return problem


@pytest.mark.parametrize(
    ("text", "code", "en", "zh"),
    [
        (
            None,
            "type",
            "a resident ID number must be a str, not NoneType",
            "身份证号码必须是字符串，而不是 NoneType",
        ),
        (
            "370983",
            "resident_id.length",
            "a resident ID number has 18 characters, ****** has 6",
            "身份证号码应为 18 位，****** 为 6 位",
        ),
        (
            "3709832015090100123",
            "resident_id.length",
            "a resident ID number has 18 characters, 370983*********0123 has 19",
            "身份证号码应为 18 位，370983*********0123 为 19 位",
        ),
        (
            "370983201509010",
            "resident_id.legacy_15",
            "370983*****9010 is a 15-digit first-generation number; use the 18-digit number",
            "370983*****9010 是 15 位的第一代身份证号码，请使用 18 位号码",
        ),
        (
            "37098320150901001Y",
            "resident_id.format",
            f"370983********001Y: {FORMAT_EN}",
            f"370983********001Y：{FORMAT_ZH}",
        ),
        (
            "3709832015090100a2",
            "resident_id.format",
            f"370983********00a2: {FORMAT_EN}",
            f"370983********00a2：{FORMAT_ZH}",
        ),
        (
            "370983201502300012",
            "resident_id.birth_date",
            "370983********0012: characters 7-14 are not a real date",
            "370983********0012：第 7—14 位不是有效的出生日期",
        ),
        (
            "370983201509010013",
            "resident_id.checksum",
            f"370983********0013: {CHECKSUM_EN}",
            f"370983********0013：{CHECKSUM_ZH}",
        ),
    ],
)
def test_resident_id_refusals(text, code, en, zh):
    """Each way a resident ID is refused has its code, the caller's path and exact messages."""
    problem = _problem(lambda: ResidentId.parse(text, path="$.rid"))
    assert (problem.code, problem.path) == (code, "$.rid")
    assert problem.message == en
    assert problem.message_zh == zh


def test_resident_id_default_path_is_the_root():
    """Without a path the refusal sits at $, for every kind of problem."""
    for text in (None, "370983", "37098320150901001Y", "370983201509010013"):
        assert _problem(lambda t=text: ResidentId.parse(t)).path == "$"
    assert _problem(lambda: ResidentId.parse("370983201509010", strict_region=True)).path == "$"


def test_fifteen_characters_that_are_not_all_digits_are_a_length_problem():
    """A 15-character text with a letter or a full-width digit is a length problem, not legacy."""
    for text in ("37098320150901X", "３70983201509010"):
        assert _problem(lambda t=text: ResidentId.parse(t)).code == "resident_id.length"


def test_lower_case_x_is_accepted_and_upper_cased():
    """A final lower-case x parses to X; any other letter there is a format problem."""
    assert ResidentId.parse("11010519491231002x").value == "11010519491231002X"
    assert ResidentId.parse(" 11010519491231002X\n").value == "11010519491231002X"
    assert _problem(lambda: ResidentId.parse("11010519491231002Y")).code == "resident_id.format"


def test_the_check_character_can_be_x_or_any_digit():
    """Numbers whose check character is X or 0 parse; changing it to another refuses."""
    assert ResidentId.parse("11010519491231002X").value[-1] == "X"
    assert ResidentId.parse("370983201509010012").value[-1] == "2"
    assert ResidentId.parse("110101200001010010").value[-1] == "0"
    problem = _problem(lambda: ResidentId.parse("110101200001010011"))
    assert problem.code == "resident_id.checksum"


def test_strict_region_refusal():
    """A retired code under strict_region names the code and the birth year, at the path."""
    problem = _problem(
        lambda: ResidentId.parse("110103201501010014", strict_region=True, path="$.q")
    )
    assert (problem.code, problem.path) == ("resident_id.region", "$.q")
    assert problem.message == "110103********0014: region code 110103 is not known for 2015"
    assert problem.message_zh == "110103********0014：行政区划代码 110103 在 2015 年无效或未知"


def test_strict_region_edges():
    """A code valid in the birth year passes; an unknown code fails; lenient parsing keeps both."""
    assert ResidentId.parse("110103199001010018", strict_region=True).region_code == "110103"
    assert ResidentId.parse("370983201509010012", strict_region=True).region_code == "370983"
    assert ResidentId.parse("990000201509010018").region_code == "990000"
    problem = _problem(lambda: ResidentId.parse("990000201509010018", strict_region=True))
    assert problem.code == "resident_id.region"
    assert "990000" in problem.message


def test_direct_construction_of_an_unnormalised_number():
    """ResidentId(value=) refuses a lower-case x, naming parse() in both languages."""
    problem = _problem(lambda: ResidentId(value="11010519491231002x"))
    assert (problem.code, problem.path) == ("resident_id.not_normalised", "$")
    assert problem.message == (
        "build a ResidentId with ResidentId.parse(), which normalises the text"
    )
    assert problem.message_zh == "请用 ResidentId.parse() 构造，它会规范化输入"


def test_what_a_number_holds():
    """Birth date, sex (odd male, even female), region code and region come from the digits."""
    rid = ResidentId.parse("370983201509010012")
    assert rid.birth_date == dt.date(2015, 9, 1)
    assert rid.sex is Sex.MALE
    assert ResidentId.parse("370983201509010020").sex is Sex.FEMALE
    assert rid.region_code == "370983"
    assert rid.region.name == "肥城市"
    assert ResidentId.parse("990000201509010018").region is None


def test_masked_str_and_repr():
    """Str and masked() show the first 6 and last 4 characters; repr wraps the masked form."""
    rid = ResidentId.parse("370983201509010012")
    assert rid.masked() == str(rid) == "370983********0012"
    assert repr(rid) == "ResidentId('370983********0012')"


def test_is_valid():
    """is_valid is parse without the error, strict_region passed on; non-text is not valid."""
    assert ResidentId.is_valid("370983201509010012")
    assert not ResidentId.is_valid("370983201509010013")
    assert not ResidentId.is_valid(None)
    assert ResidentId.is_valid("110103201501010014")
    assert not ResidentId.is_valid("110103201501010014", strict_region=True)


def test_format_groups_the_number():
    """format() compacts, parses and groups 6-8-4 with the separator asked for."""
    assert ResidentId.format("３７０９８３-20150901-0012") == "370983 20150901 0012"
    assert ResidentId.format("370983201509010012", separator="-") == "370983-20150901-0012"
    assert ResidentId.format("370983201509010012", separator="") == "370983201509010012"
    assert _problem(lambda: ResidentId.format("370983201509010013")).code == (
        "resident_id.checksum"
    )


@pytest.mark.parametrize(
    ("text", "value", "changes"),
    [
        ("370983201509010012", "370983201509010012", ()),
        ("３７０９８３２０１５０９０１００１２", "370983201509010012", ("width",)),
        (" 370983 20150901 0012 ", "370983201509010012", ("space",)),
        ("370983-2015.0901/001_2·", "370983201509010012", ("separator",)),
        ("11010519491231002x", "11010519491231002X", ("case",)),
        (
            "１１０１０５ 19491231-002x",
            "11010519491231002X",
            ("width", "space", "separator", "case"),
        ),
    ],
)
def test_compact_says_what_it_changed(text, value, changes):
    """compact() cleans width, spaces, separators and case, and lists each change once."""
    compacted = ResidentId.compact(text)
    assert compacted.value == value
    assert compacted.changes == changes
    assert StudentNumber.compact(text) == compacted


def test_compact_changes_in_chinese_and_masked_repr():
    """The changes read in Chinese; the repr masks the cleaned number."""
    compacted = ResidentId.compact("１１０１０５ 19491231-002x")
    assert compacted.changes_zh == (
        "全角字符已转为半角",
        "已删除空格",
        "已删除分隔符",
        "字母已转为大写",
    )
    assert repr(compacted) == (
        "Compacted('110105********002X', changes=('width', 'space', 'separator', 'case'))"
    )


def test_compact_refuses_non_text():
    """compact(5) is type at $ with both messages."""
    problem = _problem(lambda: ResidentId.compact(5))
    assert (problem.code, problem.path) == ("type", "$")
    assert problem.message == "expected a str, got int"
    assert problem.message_zh == "应为字符串，实为 int"


@pytest.mark.parametrize(
    ("text", "code", "en", "zh"),
    [
        (
            5,
            "type",
            "a student number must be a str, not int",
            "学籍号必须是字符串，而不是 int",
        ),
        (
            "G1",
            "student_number.length",
            "a student number has 19 characters (a letter and 18), ** has 2",
            "学籍号应为 19 位（1 个字母加 18 位），** 为 2 位",
        ),
        (
            "X370983201509010012",
            "student_number.kind",
            "a student number starts with G, L or J, not 'X'",
            "学籍号必须以 G、L 或 J 开头，而不是 'X'",
        ),
        (
            "L37098320150901001Y",
            "student_number.format",
            "L37098*********001Y: after the letter come 17 ASCII digits and a digit or X",
            "L37098*********001Y：字母后应为 17 位半角数字和 1 位数字或 X",
        ),
        (
            "J37098320150901001２",
            "student_number.format",
            "J37098*********001２: after the letter come 17 ASCII digits and a digit or X",
            "J37098*********001２：字母后应为 17 位半角数字和 1 位数字或 X",
        ),
        (
            "G370983201509010013",
            "resident_id.checksum",
            f"370983********0013: {CHECKSUM_EN}",
            f"370983********0013：{CHECKSUM_ZH}",
        ),
    ],
)
def test_student_number_refusals(text, code, en, zh):
    """Each way a student number is refused has its code, the caller's path and exact messages."""
    problem = _problem(lambda: StudentNumber.parse(text, path="$.sn"))
    assert (problem.code, problem.path) == (code, "$.sn")
    assert problem.message == en
    assert problem.message_zh == zh


def test_student_number_default_path_and_lengths():
    """The default path is $; 18 and 20 characters are length problems."""
    assert _problem(lambda: StudentNumber.parse(5)).path == "$"
    for text in ("G37098320150901001", "G3709832015090100120"):
        problem = _problem(lambda t=text: StudentNumber.parse(t))
        assert (problem.code, problem.path) == ("student_number.length", "$")


def test_student_numbers_parse_and_normalise():
    """Letters and a final x are upper-cased; L and J keep their digits, G holds an ID."""
    g = StudentNumber.parse(" g370983201509010012 ")
    assert g.value == "G370983201509010012"
    assert g.kind is StudentNumberKind.G
    assert g.resident_id == ResidentId.parse("370983201509010012")
    lower = StudentNumber.parse("l37098320150901999x")
    assert lower.value == "L37098320150901999X"
    assert lower.kind is StudentNumberKind.L
    assert lower.resident_id is None
    j = StudentNumber.parse("J370983201509019999")
    assert (j.kind, j.resident_id) == (StudentNumberKind.J, None)
    assert StudentNumber.parse("G11010519491231002x").value == "G11010519491231002X"


def test_student_number_views():
    """masked, str, repr, is_valid and format of a student number."""
    sn = StudentNumber.parse("J370983201509019999")
    assert sn.masked() == str(sn) == "J370983********9999"
    assert repr(sn) == "StudentNumber('J370983********9999')"
    assert StudentNumber.is_valid("J370983201509019999")
    assert not StudentNumber.is_valid("Q370983201509019999")
    assert not StudentNumber.is_valid(None)
    assert StudentNumber.format("j-370983-20150901-9999") == "J 370983 20150901 9999"
    assert StudentNumber.format("J370983201509019999", separator="") == "J370983201509019999"


def test_student_number_direct_construction():
    """StudentNumber(value=) refuses an unnormalised number, naming parse() in both languages."""
    problem = _problem(lambda: StudentNumber(value="g370983201509010012"))
    assert (problem.code, problem.path) == ("student_number.not_normalised", "$")
    assert problem.message == (
        "build a StudentNumber with StudentNumber.parse(), which normalises the text"
    )
    assert problem.message_zh == "请用 StudentNumber.parse() 构造，它会规范化输入"
    assert StudentNumber(value="G370983201509010012").kind is StudentNumberKind.G


def test_birth_dates_outside_the_fast_table():
    """Years 1800–1899 and from 2100 are read digit by digit; before 1800 is refused."""
    assert ResidentId.parse("11010518501123001X").birth_date == dt.date(1850, 11, 23)
    assert ResidentId.parse("110105180001010010").birth_date == dt.date(1800, 1, 1)
    assert ResidentId.parse("110105210001010015").birth_date == dt.date(2100, 1, 1)
    problem = _problem(lambda: ResidentId.parse("110105179912310016"))
    assert problem.code == "resident_id.birth_date"


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("370983199112310017", False),  # 肥城市 from 1992
        ("370983199201010016", True),
        ("110103201012310016", True),  # 崇文区 until 2010
        ("110103201101010015", False),
        ("330502198301010011", True),  # 1983–1987, then again from 2003
        ("330502198712310019", True),
        ("330502198801010018", False),
        ("330502200212310012", False),
        ("330502200301010011", True),
        ("330502999901010015", True),
    ],
)
def test_strict_region_at_the_edges_of_each_span(number, valid):
    """A code is valid from the first to the last year of each of its spans, both included."""
    assert ResidentId.is_valid(number, strict_region=True) is valid
    assert ResidentId.is_valid(number)


def test_the_type_named_is_the_input_type():
    """A non-text number is named by its own type in both languages."""
    problem = _problem(lambda: ResidentId.parse(5))
    assert problem.message == "a resident ID number must be a str, not int"
    assert problem.message_zh == "身份证号码必须是字符串，而不是 int"


def test_format_and_compact_refuse_non_text_at_the_root():
    """format() and compact() of something not text are type at $."""
    for call in (
        lambda: ResidentId.format(5),
        lambda: StudentNumber.format(5),
        lambda: StudentNumber.compact(5),
    ):
        problem = _problem(call)
        assert (problem.code, problem.path) == ("type", "$")
