"""Privacy: no full ID number in any message, and masking that cannot be undone."""

from __future__ import annotations

import re

import pytest

import kongchuo
from kongchuo import cases, notices, policy
from kongchuo._errors import quote
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
        with pytest.raises(kongchuo.ValidationError, match=r"redact\.type"):
            kongchuo.redact(None)  # type: ignore[arg-type]


def test_huge_school_year_message():
    """A message about an absurd integer argument does not crash while formatting."""
    rid = kongchuo.ResidentId.parse(FULL)
    with pytest.raises(kongchuo.ValidationError) as info:
        kongchuo.is_school_age(rid.birth_date, school_year=10**5000, policy=policy.NATIONAL)
    assert "integer of about 5001 digits" in str(info.value)
