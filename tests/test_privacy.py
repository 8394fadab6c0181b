"""Privacy: no full ID number in any message, and masking that cannot be undone."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import kongchuo
from kongchuo import cases, notices, policy
from kongchuo._core.errors import quote
from kongchuo.regions import Jurisdiction

FULL = "11010519491231002X"
SPACED = "110105 19491231 002X"
OLD = "110105491231002"
BIRTH_DIGITS = re.compile(r"19491231|491231")


def _messages(exc: BaseException) -> str:
    """Every message of ``exc`` and its cause/context chain, and every problem."""
    out = []
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        out.append(str(cur))
        out.append(repr(cur))
        out.extend(str(p) for p in getattr(cur, "errors", ()))
        cur = cur.__cause__ or cur.__context__
    return "\n".join(out)


def _raise_site(site: str, secret: str) -> None:  # noqa: C901, PLR0912 - one branch per site
    nested = {"$schema_version": secret}
    if site == "schema_version":
        kongchuo.from_dict(nested, kongchuo.School)
    elif site == "notice_kind":
        notices.notice_from_dict({"kind": secret})
    elif site == "event_type":
        cases.transition_for(secret, cases.CaseState.NEW)
    elif site == "from_dict_cls":
        kongchuo.from_dict({}, secret)  # type: ignore[call-overload]
    elif site == "policy_top_key":
        policy.policy_from_mapping({secret: 1})
    elif site == "policy_parameter_key":
        policy.policy_from_mapping({"base": "national", "parameters": {secret: 1}})
    elif site == "policy_entry_key":
        policy.policy_from_mapping({"base": "national", "parameters": {"age_band": [{secret: 1}]}})
    elif site == "calendar_top_key":
        kongchuo.YearArrangement.from_mapping({secret: 1})
    elif site == "calendar_range_key":
        kongchuo.YearArrangement.from_mapping(
            {"year": 2027, "holidays": [{"start": "2027-01-01", secret: 1}]}
        )
    elif site == "school_calendar_key":
        kongchuo.SchoolCalendar.from_mapping({secret: 1})
    elif site == "term_key":
        kongchuo.SchoolCalendar.from_mapping({"school_year": 2027, "terms": [{secret: 1}]})
    elif site == "templates_path":
        notices.templates_from_mapping({secret: {}})
    elif site == "derive_state":
        cases.derive_state(["identified", secret])
    elif site == "jurisdiction_kind":
        Jurisdiction(code="370983", name="肥城市", kind=secret)  # type: ignore[arg-type]
    elif site == "jurisdiction_name":
        Jurisdiction(code="370983", name=[secret], kind="county")  # type: ignore[arg-type]
    elif site == "unknown_argument":
        kongchuo.School(**{secret: 1})
    elif site == "model_key":
        kongchuo.from_dict({secret: 1}, kongchuo.School)
    else:  # pragma: no cover
        raise AssertionError(site)


SITES = [
    "schema_version",
    "notice_kind",
    "event_type",
    "from_dict_cls",
    "policy_top_key",
    "policy_parameter_key",
    "policy_entry_key",
    "calendar_top_key",
    "calendar_range_key",
    "school_calendar_key",
    "term_key",
    "templates_path",
    "derive_state",
    "jurisdiction_kind",
    "jurisdiction_name",
    "unknown_argument",
    "model_key",
]


@pytest.mark.parametrize("secret", [FULL, SPACED, OLD, "G" + FULL, "x" * 10 + FULL])
@pytest.mark.parametrize("site", SITES)
def test_echo_sites_never_show_the_id(site, secret):
    """Every error that echoes input masks an ID-shaped value (with or without spaces)."""
    with pytest.raises(kongchuo.KongchuoError) as info:
        _raise_site(site, secret)
    text = _messages(info.value)
    assert secret not in text
    assert not BIRTH_DIGITS.search(text.replace(" ", "")), text


def test_long_input_is_truncated():
    """A huge key is quoted with a count of the characters left out, not whole."""
    key = "k" * 1_000_000
    with pytest.raises(kongchuo.ValidationError) as info:
        kongchuo.from_dict({key: 1}, kongchuo.School)
    assert len(str(info.value)) < 2_000
    assert "chars)" in str(info.value)


class TestQuote:
    def test_masks_eighteen_and_fifteen_characters(self):
        """Both ID lengths lose their birth date; shorter runs of digits stay."""
        assert quote(FULL) == "'110105********002X'"
        assert quote(OLD, bare=True) == "110105******002"
        assert quote("12345678901234", bare=True) == "12345678901234"

    def test_masks_spaced_and_lower_case(self):
        """Spaces and hyphens inside a number do not hide it from the mask."""
        assert quote("1101 0519 4912 3100 2x", bare=True) == "1101 05** **** **00 2x"
        assert "19491231" not in quote("110105-19491231-002X")

    def test_huge_integers_are_described(self):
        """An integer too large to print is described by its size."""
        assert quote(10**5000) == "<an integer of about 5001 digits>"
        assert quote(-(10**40)).startswith("<an integer")
        assert quote(42) == "42"

    def test_containers_and_failing_reprs(self):
        """Containers are bounded and masked; a failing __repr__ is named, not raised."""

        class Bad:
            def __repr__(self) -> str:
                raise RuntimeError

        assert "19491231" not in quote([FULL, {"k": FULL}])
        assert quote(Bad()).startswith("<Bad")
        deep: list[object] = []
        for _ in range(100_000):
            deep = [deep]
        assert len(quote(deep)) < 100

    def test_redact_refuses_non_text(self):
        """redact(None) is a ValidationError naming the type."""
        with pytest.raises(kongchuo.ValidationError, match=r"\[type\]"):
            kongchuo.redact(None)  # type: ignore[arg-type]


def test_huge_school_year_message():
    """A message about an absurd integer argument does not crash while formatting."""
    rid = kongchuo.ResidentId.parse(FULL)
    with pytest.raises(kongchuo.ValidationError) as info:
        kongchuo.is_school_age(rid.birth_date, school_year=10**5000, policy=policy.NATIONAL)
    assert "integer of about 5001 digits" in str(info.value)


# -- masking that cannot be undone --------------------------------------------------

RID = "370983201509010012"
KEY = b"county-bureau-key-2024"


def _child() -> kongchuo.Child:
    doc = {
        "resident_id": RID,
        "name": "张小明",
        "sex": "male",
        "birth_date": "2015-09-01",
        "household_region": "370983",
        "residence_region": "370983",
        "jurisdiction": "370983003",
        "special_groups": ["left_behind"],
        "guardians": [{"relationship": "father", "name": "张强", "phone": "13800138000"}],
        "retain_until": "2034-08-31",
    }
    return kongchuo.from_dict(doc, kongchuo.Child)


def _beside(text: str) -> bool:
    """Whether ``text`` shows a masked ID and the birth date it hides."""
    return "370983********0012" in text and any(
        d in text for d in ("2015-09-01", "20150901", "2015年9月1日", "datetime.date(2015, 9, 1)")
    )


class TestMaskedExports:
    def test_published_masks_every_sensitive_field(self):
        """mask=True (published): ID masked, birth year only, names masked, contacts out."""
        doc = kongchuo.to_dict(_child(), mask=True)
        assert doc["$export"] == "published"
        assert doc["resident_id"] == "370983********0012"
        assert doc["birth_date"] == "2015-**-**"
        assert doc["name"] == "张**"
        assert doc["guardians"] == [
            {"relationship": "father", "name": "张*", "working_away": False, "carer": None}
        ]
        assert "special_groups" not in doc

    def test_internal_keeps_names_but_not_the_birth_day(self):
        """mask='internal' keeps names and contacts; the birth date still shows its year only."""
        doc = kongchuo.to_dict(_child(), mask="internal")
        assert doc["$export"] == "internal"
        assert doc["name"] == "张小明"
        assert doc["guardians"][0]["phone"] == "13800138000"
        assert doc["birth_date"] == "2015-**-**"
        assert doc["special_groups"] == ["left_behind"]

    def test_pseudonymised_masks_names(self):
        """A pseudonymised export keeps the birth date (no masked ID) but masks names."""
        doc = kongchuo.to_dict(_child(), pseudonymise_key=KEY)
        assert doc["$export"] == "pseudonym"
        assert doc["birth_date"] == "2015-09-01"
        assert doc["name"] == "张**"
        assert "phone" not in doc["guardians"][0]

    def test_bad_level_is_refused(self):
        """An unknown mask level is a ValidationError naming the option."""
        with pytest.raises(kongchuo.ValidationError, match=r"serialization\.mask"):
            kongchuo.to_dict(_child(), mask="public")  # type: ignore[arg-type]

    @pytest.mark.parametrize("mask", [True, "internal", "published"])
    def test_masked_document_says_it_cannot_load(self, mask):
        """Loading a masked export names it as such, not as a format error on the ID."""
        doc = kongchuo.to_dict(_child(), mask=mask)
        with pytest.raises(kongchuo.ValidationError) as info:
            kongchuo.from_dict(doc, kongchuo.Child)
        assert [p.code for p in info.value.errors] == ["serialization.masked_export"]
        with pytest.raises(kongchuo.ValidationError) as many:
            kongchuo.from_dicts([doc], kongchuo.Child)
        assert many.value.code == "serialization.masked_export"
        assert many.value.path == "$[0].$export"

    def test_masked_notice_says_it_cannot_load(self):
        """A masked notice document is refused as a masked export."""
        doc = notices.notice_to_dict(notices.examples()[notices.NoticeKind.RETURN], mask=True)
        with pytest.raises(kongchuo.ValidationError, match=r"serialization\.masked_export"):
            notices.notice_from_dict(doc)

    def test_masked_exports_have_their_own_schema(self):
        """json_schema(export=...) describes the masked document, not the full one."""
        full = kongchuo.json_schema(kongchuo.Child)
        pub = kongchuo.json_schema(kongchuo.Child, export="published")
        assert pub["$id"].endswith(":published")
        assert pub["properties"]["$export"] == {"const": "published"}
        assert "$export" in pub["required"]
        assert "memberships" not in pub["properties"]
        assert "phone" not in pub["$defs"]["Guardian"]["properties"]
        assert re.fullmatch(
            pub["properties"]["resident_id"]["anyOf"][0]["pattern"], "370983********0012"
        )
        assert re.fullmatch(pub["properties"]["birth_date"]["pattern"], "2015-**-**")
        pseudo = kongchuo.json_schema(kongchuo.Child, export="pseudonym")
        value = kongchuo.to_dict(_child(), pseudonymise_key=KEY)["resident_id"]
        assert re.fullmatch(pseudo["properties"]["resident_id"]["anyOf"][0]["pattern"], value)
        assert full["properties"]["birth_date"]["format"] == "date"
        with pytest.raises(kongchuo.ValidationError, match=r"serialization\.export"):
            kongchuo.json_schema(kongchuo.Child, export="secret")  # type: ignore[arg-type]

    @pytest.mark.parametrize("mask", [True, "internal", "published"])
    def test_masked_documents_match_their_schema(self, mask):
        """Every property of a masked document is in its schema, every required one present."""
        level = "published" if mask is True else mask
        doc = kongchuo.to_dict(_child(), mask=mask)
        schema = kongchuo.json_schema(kongchuo.Child, export=level)
        assert set(doc) <= set(schema["properties"])
        assert set(schema["required"]) <= set(doc)


class TestNothingBesideAMaskedId:
    def test_child_repr(self):
        """repr(Child) shows the masked ID with the birth year only."""
        text = repr(_child())
        assert "370983********0012" in text
        assert "2015-**-**" in text
        assert not _beside(text)

    def test_labour_referral_repr_and_placeholders(self):
        """LabourReferral's repr and placeholders hide the birth month and day."""
        notice = notices.examples()[notices.NoticeKind.LABOUR_REFERRAL]
        day = notice.child_birth_date
        text = repr(notice) + str(notices.placeholders(notice)) + notices.render_text(notice)
        assert f"{day.year}年{day.month}月{day.day}日" not in text
        assert day.isoformat() not in text
        assert f"{day.year}年**月**日" in notices.placeholders(notice)["child_birth_date"]
        full = notices.placeholders(notice, full_id=True)["child_birth_date"]
        assert full == f"{day.year}年{day.month}月{day.day}日"

    def test_birth_date_mismatch_message(self):
        """The birth-date mismatch error names the masked ID but neither date."""
        with pytest.raises(kongchuo.ValidationError) as info:
            kongchuo.Child(
                resident_id=kongchuo.ResidentId.parse(RID),
                name="张小明",
                sex=kongchuo.Sex.MALE,
                birth_date=dt.date(2015, 9, 2),
                household_region="370983",
                residence_region="370983",
                jurisdiction="370983003",
                retain_until=dt.date(2034, 8, 31),
            )
        assert info.value.code == "child.birth_date.mismatch"
        text = _messages(info.value)
        assert "2015-09-01" not in text
        assert "2015-09-02" not in text


class TestTheNetUnderEveryMessage:
    """Text that reaches a message without the quoter is masked all the same."""

    @pytest.mark.parametrize(
        "secret",
        [
            FULL,
            FULL.lower(),
            SPACED,
            OLD,
            "１１０１０５１９４９１２３１００２Ｘ",
            "ab_" + FULL + "_cd",
        ],
    )
    def test_problem_fields_are_masked(self, secret):
        """A Problem's path and both messages never hold an ID-shaped run in full."""
        p = kongchuo.Problem(code="c", path=f"$.{secret}", message=secret, message_zh=secret)
        assert not BIRTH_DIGITS.search(str(p)), str(p)

    def test_finding_fields_are_masked(self):
        """A Finding's path and messages are masked like a Problem's."""
        f = kongchuo.Finding(code="c", message=f"x {FULL}", message_zh=FULL, path=f"$.{FULL}")
        assert FULL not in str(f)
        assert "110105********002X" in f.message

    def test_any_kongchuo_error_masks_its_text(self):
        """An error built from plain text masks the ID in it."""
        err = kongchuo.CalendarHorizonError(f"no data for {FULL}")
        assert FULL not in str(err)
        assert FULL not in repr(err.args)

    def test_suppressed_context_is_not_shown(self):
        """An error raised ``from None`` does not expose the exception it replaced."""

        def replace() -> None:
            try:
                {}[FULL]  # the KeyError holds the key whole
            except KeyError:
                raise kongchuo.ValidationError("c", "m", "z") from None

        with pytest.raises(kongchuo.ValidationError) as info:
            replace()
        assert info.value.__context__ is None
        assert FULL not in _messages(info.value)

    def test_a_non_text_field_is_a_validation_error(self):
        """A Problem with a non-text message is refused with ``type``."""
        with pytest.raises(kongchuo.ValidationError) as info:
            kongchuo.Problem(code="c", path="$", message=1, message_zh="z")  # type: ignore[arg-type]
        assert info.value.code == "type"


class TestBatchSites:
    """The batch intake's messages quote through the one quoter."""

    def test_mapping_keys_and_columns(self):
        """Unknown keys, column headers and alias fields named by an ID are masked."""
        batch = pytest.importorskip("kongchuo.batch")
        for doc in (
            {FULL: FULL},
            {"feed": "household", "columns": {FULL: FULL}},
            {"feed": "household", "aliases": {FULL: {"a": "b"}}},
            {"feed": "household", "defaults": {FULL: FULL}},
        ):
            with pytest.raises(kongchuo.ValidationError) as info:
                batch.mapping_from_dict(doc)
            assert info.value.code in {"unknown_key", "batch.mapping.field"}, doc
            assert not BIRTH_DIGITS.search(_messages(info.value)), doc

    def test_a_wrongly_shaped_table_is_refused(self):
        """A column table holding tables (or an alias table holding text) is a type problem."""
        batch = pytest.importorskip("kongchuo.batch")
        for doc in (
            {"feed": "household", "columns": {"a": {"b": "c"}}},
            {"feed": "household", "aliases": {"sex": "男"}},
        ):
            with pytest.raises(kongchuo.ValidationError) as info:
                batch.mapping_from_dict(doc)
            assert info.value.code == "type"

    def test_file_names(self, tmp_path):
        """A file named by an ID is masked, in the message and in the exception it replaced."""
        batch = pytest.importorskip("kongchuo.batch")
        for call in (
            lambda: batch.load_mapping(tmp_path / f"{FULL}.toml"),
            lambda: list(batch.read_csv(tmp_path / f"{FULL}.csv")),
        ):
            with pytest.raises(kongchuo.ValidationError) as info:
                call()
            assert info.value.code == "document.read"
            assert not BIRTH_DIGITS.search(_messages(info.value))

    def test_a_path_given_by_the_caller(self):
        """The ``path`` a caller gives a parser is masked like any other text."""
        for parse in (kongchuo.ResidentId.parse, kongchuo.StudentNumber.parse):
            with pytest.raises(kongchuo.ValidationError) as info:
                parse("x", path=f"$.{FULL}")
            assert info.value.code.endswith(".length")
            assert not BIRTH_DIGITS.search(_messages(info.value))
