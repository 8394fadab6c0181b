import attrs
import pytest

from kongchuo import Decision, Finding, ValidationError
from kongchuo._core.guard import friendly_init
from kongchuo.regions import Jurisdiction


def test_missing_arguments_are_validation_errors():
    """A constructor called without required arguments names each one."""
    with pytest.raises(ValidationError) as exc_info:
        Decision()
    assert [p.path for p in exc_info.value.errors] == ["$.rule", "$.ok", "$.outcome"]
    assert {p.code for p in exc_info.value.errors} == {"missing"}


def test_unknown_and_positional_arguments():
    """Unknown keywords and positional arguments are problems too."""
    with pytest.raises(ValidationError) as exc_info:
        Finding("x", code="c", message="m", message_zh="z", colour="red")
    codes = [p.code for p in exc_info.value.errors]
    assert codes == ["arguments.positional", "unknown_key"]
    with pytest.raises(ValidationError) as exc_info:
        Jurisdiction(code="1")
    assert {(p.code, p.path) for p in exc_info.value.errors} == {
        ("missing", "$.name"),
        ("missing", "$.kind"),
    }


def test_other_type_errors_pass_through():
    """A TypeError raised inside a valid call is not disguised."""

    def boom(_instance, _attribute, _value):
        raise TypeError("inner")

    @friendly_init
    @attrs.frozen(kw_only=True)
    class Thing:
        x: int = attrs.field(validator=boom)

    with pytest.raises(TypeError, match="inner"):
        Thing(x=1)


def test_wrapping_twice_is_harmless():
    """Applying the wrapper again changes nothing."""
    assert friendly_init(Decision) is Decision
    assert Decision(rule="r", ok=True, outcome="ok").ok


def test_every_model_reports_missing_arguments():
    """Every public model raises ValidationError, not TypeError, when built without arguments."""
    import kongchuo
    from kongchuo import cases
    from kongchuo._models.base import Model

    models = [
        obj
        for module in (kongchuo, cases)
        for obj in vars(module).values()
        if isinstance(obj, type) and issubclass(obj, Model) and obj is not Model
    ]
    assert len(models) > 20
    for cls in models:
        if cls is cases.Event:
            continue
        with pytest.raises(ValidationError) as exc_info:
            cls()
        assert {p.code for p in exc_info.value.errors} == {"missing"}, cls


def test_one_behaviour_for_positional_arguments():
    """Extra positional arguments are one ``arguments.positional`` problem, in any class."""
    from kongchuo import Problem, ResidentId, notices

    for call in (
        lambda: Problem("c", "$", "m", "z", "extra"),
        lambda: ResidentId("11010519491231002X", "extra"),
        lambda: notices.UsccKind(1),
        lambda: Decision("r", ok=True, outcome="o"),
    ):
        with pytest.raises(ValidationError) as exc_info:
            call()
        assert exc_info.value.code == "arguments.positional"


def test_an_argument_given_twice():
    """An argument given by position and by keyword is ``arguments.duplicate``."""
    from kongchuo import Problem

    with pytest.raises(ValidationError) as exc_info:
        Problem("c", "$", "m", code="d", message_zh="z")
    assert exc_info.value.code == "arguments.duplicate"
    assert exc_info.value.path == "$.code"


def test_every_public_class_is_friendly():
    """Every public class of every facade reports wrong arguments as ValidationError."""
    import enum
    import importlib

    checked = 0
    for name in (
        "kongchuo",
        "kongchuo.cases",
        "kongchuo.notices",
        "kongchuo.policy",
        "kongchuo.regions",
        "kongchuo.reports",
        "kongchuo.batch",
    ):
        module = importlib.import_module(name)
        for attr in module.__all__:
            cls = getattr(module, attr)
            if not isinstance(cls, type) or issubclass(cls, enum.Enum | BaseException):
                continue
            if getattr(cls, "_is_protocol", False) or cls.__new__ is not object.__new__:
                continue
            with pytest.raises(ValidationError) as exc_info:
                cls(**{"11010519491231002X": 1})
            assert "unknown_key" in {p.code for p in exc_info.value.errors}, cls
            assert "19491231" not in str(exc_info.value)
            checked += 1
    assert checked > 80
