import pytest

from kongchuo import ValidationError, regions
from kongchuo.regions import FEICHENG, FEICHENG_UNITS, Jurisdiction, JurisdictionKind


def test_lookup_latest_and_by_year():
    """A code reused over time names the region valid in the year asked."""
    assert regions.lookup("120110").name == "东丽区"
    assert regions.lookup("120110", year=1990).name == "东郊区"
    assert regions.lookup("370983", year=1991) is None
    assert regions.lookup("370983", year=1992).prefecture == "泰安市"


def test_unknown_code_is_none():
    """A code the data lacks gives None, not an error."""
    assert regions.lookup("990000") is None
    assert regions.history("990000") == ()


@pytest.mark.parametrize(
    ("code", "error"),
    [
        (None, "type"),
        (370983, "type"),
        ("37098", "region.format"),
        ("３70983", "region.format"),
        ("37098a", "region.format"),
    ],
)
def test_bad_codes_raise_validation_error(code, error):
    """Malformed codes raise ValidationError naming the problem."""
    with pytest.raises(ValidationError) as exc_info:
        regions.lookup(code)
    assert exc_info.value.code == error


def test_bad_year_raises_validation_error():
    """A year that is not an int is refused."""
    with pytest.raises(ValidationError) as exc_info:
        regions.lookup("370983", year="2010")  # type: ignore[arg-type]
    assert exc_info.value.code == "region.year"
    assert "年份必须是整数" in str(exc_info.value)


def test_feicheng_units():
    """Feicheng has 14 NBS towns and street offices and one non-statistical mining area."""
    statistical = [u for u in FEICHENG_UNITS if u.statistical]
    assert len(statistical) == 14
    assert all(u.code.startswith("370983") and len(u.code) == 9 for u in statistical)
    assert all(u.parent == FEICHENG.code for u in FEICHENG_UNITS)
    mining = [u for u in FEICHENG_UNITS if u.kind is JurisdictionKind.MINING_AREA]
    assert len(mining) == 1
    assert not mining[0].statistical
    assert len({u.code for u in FEICHENG_UNITS}) == 15


def test_jurisdiction_validates():
    """A jurisdiction needs a code, a name and a known kind."""
    with pytest.raises(ValidationError) as exc_info:
        Jurisdiction(code="", name="x", kind=JurisdictionKind.TOWN)
    assert (exc_info.value.code, exc_info.value.path) == ("jurisdiction.code", "$.code")
    with pytest.raises(ValidationError, match="volcano") as exc_info:
        Jurisdiction(code="1", name="x", kind="volcano")
    assert exc_info.value.path == "$.kind"
