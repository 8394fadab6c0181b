import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kongchuo
from kongchuo import CalendarHorizonError, KongchuoError, Problem, ValidationError, redact


def test_validation_error_is_a_value_error_and_kongchuo_error():
    """ValidationError inherits both the root and ValueError."""
    err = ValidationError("x.y", "bad", "错误")
    assert isinstance(err, KongchuoError)
    assert isinstance(err, ValueError)


def test_calendar_horizon_error_is_a_lookup_error():
    """CalendarHorizonError inherits the root and LookupError."""
    assert issubclass(CalendarHorizonError, KongchuoError)
    assert issubclass(CalendarHorizonError, LookupError)


def test_many_problems_in_one_error():
    """One error carries every problem and renders each on its own line."""
    problems = [
        Problem(code="a", path="$.x", message="bad x", message_zh="x 错误"),
        Problem(code="b", path="$.guardians[1].phone", message="bad phone", message_zh="电话错误"),
    ]
    err = ValidationError.of(problems)
    assert err.errors == tuple(problems)
    assert len(err) == 2
    assert list(err) == problems
    assert err.code == "a"
    assert "2 problems" in str(err)
    assert "$.guardians[1].phone" in str(err)


def test_of_needs_a_problem():
    """An error with no problems is refused."""
    with pytest.raises(ValueError, match="at least one problem"):
        ValidationError.of([])


def test_under_reroots_paths():
    """under() puts every path beneath a prefix."""
    err = ValidationError("c", "m", "z", path="$.phone").under("$.guardians[1]")
    assert err.path == "$.guardians[1].phone"
    assert Problem(code="c", path="$", message="m", message_zh="z").under("$.a").path == "$.a"


def test_pickle_keeps_problems():
    """Errors cross process boundaries intact."""
    err = ValidationError.of([Problem(code="a", path="$.x", message="m", message_zh="z")])
    again = pickle.loads(pickle.dumps(err))
    assert again.errors == err.errors
    assert str(again) == str(err)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("", ""),
        ("1234567890", "**********"),
        ("12345678901", "123456*8901"),
        ("11010519491231002X", "110105********002X"),
    ],
)
def test_redact(text, shown):
    """Redaction keeps at most the first 6 and last 4 characters."""
    assert redact(text) == shown


def test_public_names_are_unique_and_reachable():
    """Every name in __all__ is listed once and exists (ruff's RUF022 keeps the order)."""
    assert len(set(kongchuo.__all__)) == len(kongchuo.__all__)
    for name in kongchuo.__all__:
        assert hasattr(kongchuo, name)


_NOISE = st.text(alphabet=st.sampled_from("Xx -\t\u3000a号：$.[]_/"), max_size=4)
_DIGITS = st.text(
    alphabet=st.sampled_from("0123456789０１２３４５６７８９"), min_size=1, max_size=19
)
_ID_TEXT = st.lists(st.one_of(_NOISE, _DIGITS), max_size=8).map("".join)


@given(_ID_TEXT)
def test_mask_ids_prefilter_never_skips_an_id_shaped_run(text):
    """The cheap pre-scan only skips text the full ID pattern would leave as it is."""
    from kongchuo._core.errors import _ID_SHAPED, _mask_run, mask_ids

    assert mask_ids(text) == _ID_SHAPED.sub(_mask_run, text)


@pytest.mark.parametrize(
    "typed",
    [
        "370983  2015  0901  0012",
        "370983.20150901.0012",
        "370983_20150901_0012",
        "370983/2015/09/01/0012",
        "3 7 0 9 8 3 2 0 1 5 0 9 0 1 0 0 1 2",
    ],
)
def test_an_id_typed_with_other_separators_is_masked(typed):
    """Double spaces, dots, underscores and slashes between the digits still hide the birth date."""
    shown = kongchuo.ValidationError("x", f"bad {typed}", f"错误 {typed}").message
    digits = "".join(c for c in shown if c.isdigit())
    assert "20150901" not in digits
    assert digits.startswith("370983")
    assert digits.endswith("0012")


def test_type_messages_read_well_in_both_languages():
    """The wrong-type message takes "an" before a vowel, and no stray space before "，"."""
    from kongchuo._core.args import require_instance, require_items

    with pytest.raises(ValidationError) as err:
        require_instance("x", int, "count")
    assert err.value.message.endswith("expected an int, got str")
    assert err.value.message_zh == "应为 int，实为 str"
    with pytest.raises(ValidationError) as err:
        require_items([object()], kongchuo.Child, "children", name_zh="儿童")
    assert "expected a Child, got object" in err.value.errors[0].message
