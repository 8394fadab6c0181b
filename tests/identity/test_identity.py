import datetime as dt
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongchuo import ResidentId, Sex, StudentNumber, StudentNumberKind, ValidationError
from kongchuo.testing import resident_ids, student_numbers

VALID = "11010519491231002X"
FEICHENG_2015 = "370983201509010012"


def codes_of(exc_info: pytest.ExceptionInfo[ValidationError]) -> str:
    return exc_info.value.code


class TestResidentIdParse:
    def test_parses_documented_example(self):
        """The GB 11643 example number parses with its fields."""
        rid = ResidentId.parse(VALID)
        assert rid.value == VALID
        assert rid.birth_date == dt.date(1949, 12, 31)
        assert rid.sex is Sex.FEMALE
        assert rid.region_code == "110105"
        assert rid.region is not None
        assert rid.region.name == "朝阳区"

    def test_strips_whitespace_and_accepts_lowercase_x(self):
        """Surrounding whitespace goes and a lower-case x becomes X."""
        assert ResidentId.parse(f"\t {VALID.lower()}\n").value == VALID

    def test_male_from_odd_seventeenth_digit(self):
        """An odd 17th digit means male."""
        assert ResidentId.parse(FEICHENG_2015).sex is Sex.MALE

    def test_pre_1900_birth_parses(self):
        """Births before the fast table (1880) still parse."""
        assert ResidentId.parse("440524188001010014").birth_date == dt.date(1880, 1, 1)

    def test_leap_day_birth(self):
        """29 February of a leap year is a real birth date."""
        assert ResidentId.parse("370983201602290020").birth_date == dt.date(2016, 2, 29)

    @pytest.mark.parametrize(
        ("text", "code"),
        [
            ("", "resident_id.length"),
            ("37098320150901001", "resident_id.length"),
            ("3709832015090100122", "resident_id.length"),
            ("370983150901001", "resident_id.legacy_15"),
            ("370983 20150901001", "resident_id.format"),
            ("37098320150901001A", "resident_id.format"),
            ("３70983201509010012", "resident_id.format"),
            ("370983201502300012", "resident_id.birth_date"),
            ("370983201513010012", "resident_id.birth_date"),
            ("370983201700290019", "resident_id.birth_date"),
            ("370983170001010012", "resident_id.birth_date"),
            ("370983201509010013", "resident_id.checksum"),
            ("110105194912310021", "resident_id.checksum"),
        ],
    )
    def test_rejects_bad_numbers_with_stable_codes(self, text, code):
        """Each kind of bad number gets its own stable code."""
        with pytest.raises(ValidationError) as exc_info:
            ResidentId.parse(text)
        assert exc_info.value.code == code

    def test_error_carries_path_and_chinese(self):
        """The error names where the number sat and says so in Chinese too."""
        with pytest.raises(ValidationError) as exc_info:
            ResidentId.parse("370983201509010013", path="$.children[3].id")
        err = exc_info.value
        assert err.path == "$.children[3].id"
        assert "校验码" in err.message_zh
        assert "370983201509010013" not in str(err)

    def test_lenient_region_by_default(self):
        """An unknown region code parses; strict mode rejects it."""
        unknown = "990000201509010018"
        assert ResidentId.parse(unknown).region is None
        with pytest.raises(ValidationError) as exc_info:
            ResidentId.parse(unknown, strict_region=True)
        assert exc_info.value.code == "resident_id.region"

    def test_strict_region_checks_birth_year(self):
        """A retired code (崇文区, until 2010) is valid for 1990 births only."""
        old = "110103199001010018"
        assert ResidentId.parse(old, strict_region=True).region.name == "崇文区"
        with pytest.raises(ValidationError) as exc_info:
            ResidentId.parse("110103201501010014", strict_region=True)
        assert exc_info.value.code == "resident_id.region"
        assert "region code 110103 is not known for 2015" in str(exc_info.value)
        assert ResidentId.parse("110103201501010014").region.name == "崇文区"

    def test_strict_region_agrees_with_region_table_for_every_code(self):
        """strict_region accepts a code exactly when one of its spans holds the birth year."""
        from kongchuo import regions

        check = "10X98765432"
        years = (1900, 1949, 1982, 1983, 1984, 1999, 2000, 2001, 2010, 2011, 2024, 2099)
        for code, spans in regions._table().items():
            for year in years:
                body = f"{code}{year}0101001"
                weights = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(body))
                number = body + check[weights % 11]
                expected = any(r.valid_in(year) for r in spans)
                assert ResidentId.is_valid(number, strict_region=True) is expected, number

    def test_direct_construction_validates(self):
        """ResidentId(value=...) checks the number and insists on the normal form."""
        assert ResidentId(value=VALID) == ResidentId.parse(VALID)
        with pytest.raises(ValidationError) as exc_info:
            ResidentId(value="370983201509010013")
        assert exc_info.value.code == "resident_id.checksum"
        with pytest.raises(ValidationError) as exc_info:
            ResidentId(value=VALID.lower())
        assert exc_info.value.code == "resident_id.not_normalised"

    def test_frozen(self):
        """A parsed number cannot be changed in place."""
        rid = ResidentId.parse(VALID)
        with pytest.raises(AttributeError, match="can't set attribute"):
            rid.value = FEICHENG_2015  # type: ignore[misc]


class TestResidentIdProperties:
    @given(resident_ids())
    def test_every_generated_id_parses_strictly(self, rid):
        """Every generated number parses, also with the strict region check."""
        assert ResidentId.parse(rid.value, strict_region=True) == rid

    @given(resident_ids(), st.data())
    def test_every_single_character_change_is_rejected(self, rid, data):
        """Changing any one character of a valid number makes it invalid."""
        index = data.draw(st.integers(min_value=0, max_value=17), label="index")
        alphabet = "0123456789X" if index == 17 else "0123456789"
        new = data.draw(st.sampled_from(alphabet).filter(lambda c: c != rid.value[index]))
        changed = rid.value[:index] + new + rid.value[index + 1 :]
        with pytest.raises(ValidationError) as exc_info:
            ResidentId.parse(changed)
        # A changed check character or serial digit breaks the checksum; a changed
        # date or region digit may instead make the date or region invalid.
        assert exc_info.value.code in {
            "resident_id.checksum",
            "resident_id.birth_date",
            "resident_id.region",
        }
        if index >= 14:
            assert exc_info.value.code == "resident_id.checksum"

    @given(resident_ids())
    def test_masking_never_leaks(self, rid):
        """str, repr and masked() show 10 characters at most and never the middle 8."""
        middle = rid.value[6:14]
        for shown in (str(rid), repr(rid), rid.masked(), f"{rid}", f"{rid!r}"):
            assert rid.value not in shown
            assert middle not in shown.replace("*", "")
        assert rid.masked() == rid.value[:6] + "********" + rid.value[-4:]

    @given(resident_ids())
    def test_pickle_round_trips(self, rid):
        """Pickling keeps value, equality and hash."""
        again = pickle.loads(pickle.dumps(rid))
        assert again == rid
        assert hash(again) == hash(rid)

    @given(resident_ids(min_value=dt.date(2010, 9, 1), max_value=dt.date(2011, 8, 31)))
    def test_bounds_are_respected(self, rid):
        """The strategy keeps births within its bounds."""
        assert dt.date(2010, 9, 1) <= rid.birth_date <= dt.date(2011, 8, 31)

    @given(st.from_type(ResidentId))
    def test_registered_for_from_type(self, rid):
        """The Hypothesis plugin registers ResidentId for st.from_type."""
        assert isinstance(rid, ResidentId)


class TestStudentNumber:
    def test_g_number_holds_resident_id(self):
        """A G number exposes the resident ID it holds."""
        sn = StudentNumber.parse("g" + VALID.lower())
        assert sn.kind is StudentNumberKind.G
        assert sn.value == "G" + VALID
        assert sn.resident_id == ResidentId.parse(VALID)

    def test_g_number_with_bad_id_is_rejected(self):
        """A G number whose ID part fails its check character is rejected."""
        with pytest.raises(ValidationError) as exc_info:
            StudentNumber.parse("G370983201509010013")
        assert exc_info.value.code == "resident_id.checksum"

    @pytest.mark.parametrize("kind", ["L", "J"])
    def test_l_and_j_numbers_are_checked_for_form_only(self, kind):
        """L and J numbers need only ID-number form, not a valid check character."""
        sn = StudentNumber.parse(kind + "370983201509010013")
        assert sn.kind is StudentNumberKind(kind)
        assert sn.resident_id is None

    @pytest.mark.parametrize(
        ("text", "code"),
        [
            ("G37098320150901001", "student_number.length"),
            ("X370983201509010012", "student_number.kind"),
            ("L37098320150901001Y", "student_number.format"),
            ("J３70983201509010012", "student_number.format"),
            (None, "type"),
            (b"G370983201509010012", "type"),
        ],
    )
    def test_rejects_bad_student_numbers(self, text, code):
        """Bad student numbers raise ValidationError with a stable code."""
        with pytest.raises(ValidationError) as exc_info:
            StudentNumber.parse(text)
        assert exc_info.value.code == code

    @given(student_numbers())
    def test_masking_and_pickle(self, sn):
        """Student numbers mask like ID numbers and survive pickling."""
        assert sn.value[1:] not in repr(sn)
        assert sn.value[1:] not in str(sn)
        assert pickle.loads(pickle.dumps(sn)) == sn
        assert StudentNumber.parse(sn.value) == sn

    @given(student_numbers(kinds=["G"]))
    def test_generated_g_numbers_hold_ids(self, sn):
        """Generated G numbers hold a valid resident ID."""
        assert sn.resident_id is not None


class TestFastPath:
    @given(resident_ids())
    def test_inlined_check_character_agrees_with_stdnum(self, rid):
        """The fast path's inlined MOD 11-2 formula gives stdnum's check character."""
        from stdnum.cn import ric

        from kongchuo._identity.numbers import _CHECK_CHARS

        body = rid.value[:17]
        assert _CHECK_CHARS[(1 - 2 * (int(body, 13) % 11)) % 11] == ric.calc_check_digit(rid.value)

    @given(st.text(alphabet="0123456789Xx ３", min_size=15, max_size=19))
    def test_fast_path_accepts_exactly_what_the_full_check_accepts(self, text):
        """resident_id_fast and ResidentId.parse agree with the full check on any input."""
        from kongchuo._identity.numbers import _check_resident_id, resident_id_fast

        try:
            expected = _check_resident_id(text, "$")
        except ValidationError as exc:
            expected_code = exc.code
        else:
            assert resident_id_fast(text).value == expected
            assert ResidentId.parse(text).value == expected
            return
        with pytest.raises(ValidationError) as exc_info:
            resident_id_fast(text)
        assert exc_info.value.code == expected_code

    @given(
        st.text(alphabet="0123456789Xx ３", min_size=15, max_size=19)
        | resident_ids().map(lambda rid: rid.value)
        | resident_ids().map(lambda rid: rid.value[:-1] + "0123456789X"[int(rid.value[0]) % 11])
    )
    def test_the_quick_source_passes_only_what_parse_returns_as_it_is(self, text):
        """RESIDENT_ID_QUICK (inlined by the loaders) is true only for parse's own fast path."""
        from kongchuo._identity.numbers import RESIDENT_ID_QUICK, resident_id_quick_names

        names = resident_id_quick_names()
        quick = eval(RESIDENT_ID_QUICK.format(v="text", body="body"), names, {"text": text})  # noqa: S307 - the library's own source
        if quick:
            assert ResidentId.parse(text).value == text
