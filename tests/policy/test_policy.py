import datetime as dt
import json
import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongchuo import KongchuoError, ValidationError, quote
from kongchuo.policy import (
    FEICHENG,
    NATIONAL,
    AgeBand,
    Comparison,
    Ledger,
    MonthDay,
    Parameter,
    ParameterHistory,
    ParameterNotInForceError,
    Party,
    Policy,
    Span,
    Threshold,
    TimeUnit,
    load_policy,
    policy_from_json,
    policy_from_mapping,
    policy_from_toml,
    policy_to_json,
    policy_to_mapping,
)
from kongchuo.policy._parameters import checked_parameter
from kongchuo.policy._policy import SPECS

D = dt.date
DAY = D(2025, 9, 1)


def entry(value, start="2027-01-01"):
    return {"value": value, "effective_from": start, "description": "d", "basis": ["b"]}


class TestProfiles:
    def test_feicheng_values(self):
        """FEICHENG holds the seed's numbers and readings."""
        assert FEICHENG.age_band.value_at(DAY) == AgeBand(min_age=6, max_age=15)
        assert FEICHENG.entry_cutoff.value_at(DAY) == MonthDay(month=8, day=31)
        assert FEICHENG.census_month.value_at(DAY) == 7
        assert FEICHENG.data_sharing_deadline.value_at(DAY) == MonthDay(month=7, day=20)
        assert FEICHENG.special_group_census_window.value_at(DAY) == Span(
            count=2, unit=TimeUnit.WEEK
        )
        assert FEICHENG.monthly_report_day.value_at(DAY) == 5
        assert FEICHENG.roll_fixed_day_deadlines.value_at(DAY) is False
        assert FEICHENG.monthly_report_owners.value_at(DAY) == (
            Party.TOWN_EDUCATION_OFFICE,
            Party.CITY_DIRECT_SCHOOL,
        )

    def test_data_sharing_reading_is_stated(self):
        """The 7月中旬前 reading is in the parameter's description."""
        description = FEICHENG.data_sharing_deadline.at(DAY).description
        assert "7月中旬前" in description
        assert "20 July" in description

    def test_thresholds_state_their_comparison(self):
        """Both thresholds count school days and say 'more than'."""
        for history in (FEICHENG.suspected_dropout_threshold, FEICHENG.dropout_threshold):
            value = history.value_at(DAY)
            assert value.unit is TimeUnit.SCHOOL_DAY
            assert value.comparison is Comparison.MORE_THAN

    def test_national_values(self):
        """NATIONAL: monthly report with no fixed day, quarterly review, three ledgers."""
        assert NATIONAL.monthly_report_day.value_at(DAY) is None
        assert NATIONAL.county_review_months.value_at(DAY) == 3
        assert NATIONAL.ledgers.value_at(DAY) == frozenset(Ledger)
        assert NATIONAL.monthly_report_owners.value_at(DAY) == (Party.SCHOOL,)
        assert NATIONAL.roll_fixed_day_deadlines.value_at(DAY) is True

    def test_feicheng_history_takes_on_the_2024_notice(self):
        """FEICHENG's ledgers and review change when the 2024 national notice applies."""
        assert FEICHENG.county_review_months.value_at(D(2024, 4, 29)) is None
        assert FEICHENG.county_review_months.value_at(D(2024, 4, 30)) == 3
        assert len(FEICHENG.ledgers.value_at(D(2023, 1, 1))) == 2
        assert len(FEICHENG.ledgers.value_at(D(2025, 1, 1))) == 3

    def test_every_field_has_a_spec(self):
        """Every parameter field of Policy has a spec, and every spec a field."""
        names = {f.name for f in attrs.fields(Policy)} - {"name", "name_zh"}
        assert names == set(SPECS)

    def test_every_value_cites_a_basis(self):
        """Every value of both profiles has a basis, a unit and a description."""
        for policy in (FEICHENG, NATIONAL):
            for name in SPECS:
                for value in getattr(policy, name).values:
                    assert value.basis
                    assert value.unit
                    assert value.description

    def test_policies_are_hashable_and_frozen(self):
        """Policies are frozen and hashable."""
        assert hash(FEICHENG) == hash(FEICHENG)
        with pytest.raises(attrs.exceptions.FrozenInstanceError, match="can't set attribute"):
            FEICHENG.name = "x"  # type: ignore[misc]


class TestHistory:
    def test_not_in_force_names_parameter_and_date(self):
        """A date before the first value raises, naming the parameter and the date."""
        with pytest.raises(ParameterNotInForceError) as info:
            FEICHENG.monthly_report_day.at(D(2018, 12, 31))
        err = info.value
        assert isinstance(err, KongchuoError)
        assert isinstance(err, LookupError)
        assert (err.parameter, err.on, err.first) == (
            "monthly_report_day",
            D(2018, 12, 31),
            D(2019, 1, 1),
        )
        assert "monthly_report_day" in str(err)
        assert "2018-12-31" in str(err)
        assert "没有生效的值" in str(err)

    def test_not_in_force_pickles(self):
        """The error survives pickling."""
        err = ParameterNotInForceError("x", D(2020, 1, 1), D(2021, 1, 1))
        assert str(pickle.loads(pickle.dumps(err))) == str(err)

    def test_with_value_and_replace(self):
        """with_value adds a dated value; the same day replaces the old value."""
        h = FEICHENG.monthly_report_day.with_value(
            10, effective_from=D(2027, 1, 1), description="d", basis=("b",)
        )
        assert h.value_at(D(2026, 12, 31)) == 5
        assert h.value_at(D(2027, 1, 1)) == 10
        h2 = h.with_value(8, effective_from=D(2027, 1, 1), description="d", basis=("b",))
        assert h2.value_at(D(2027, 1, 1)) == 8
        assert len(h2.values) == 2
        assert h.latest.unit == h2.latest.unit

    def test_values_are_sorted(self):
        """Values given out of order are sorted by start date."""
        a = Parameter(value=1, unit="u", description="d", basis="b", effective_from=D(2020, 1, 1))
        b = Parameter(value=2, unit="u", description="d", basis="b", effective_from=D(2010, 1, 1))
        h = ParameterHistory(name="x", values=(a, b))
        assert [p.value for p in h.values] == [2, 1]
        assert h.at(D(2015, 1, 1)).basis == ("b",)

    def test_empty_and_duplicate_histories_raise(self):
        """An empty history or two values from one day raise ValidationError."""
        with pytest.raises(ValidationError) as info:
            ParameterHistory(name="x", values=())
        assert info.value.code == "parameter.empty"
        a = Parameter(value=1, unit="u", description="d", basis="b", effective_from=D(2020, 1, 1))
        with pytest.raises(ValidationError) as info:
            ParameterHistory(name="x", values=(a, a))
        assert info.value.code == "parameter.duplicate_date"

    @pytest.mark.parametrize(
        ("bad", "code"),
        [
            (None, "type"),
            ("2025-01-01", "type"),
            (dt.datetime(2025, 1, 1, tzinfo=dt.UTC), "date.datetime"),
        ],
    )
    def test_at_bad_date(self, bad, code):
        """A non-date raises ValidationError at `on`, not TypeError."""
        with pytest.raises(ValidationError) as info:
            FEICHENG.census_month.at(bad)
        assert (info.value.code, info.value.path) == (code, "on")

    def test_parameter_bad_fields(self):
        """A Parameter with a non-date start or non-text unit raises ValidationError."""
        with pytest.raises(ValidationError) as info:
            Parameter(value=1, unit="u", description="d", basis="b", effective_from="2020")
        assert (info.value.code, info.value.path) == ("type", "$.effective_from")
        with pytest.raises(ValidationError) as info:
            Parameter(value=1, unit=None, description="d", basis="b", effective_from=D(2020, 1, 1))
        assert (info.value.code, info.value.path) == ("type", "$.unit")


class TestEvolve:
    def test_evolve_with_a_new_value(self):
        """A county evolves a profile with attrs.evolve."""
        mine = attrs.evolve(
            FEICHENG,
            name="mine",
            roll_fixed_day_deadlines=FEICHENG.roll_fixed_day_deadlines.with_value(
                True, effective_from=D(2026, 1, 1), description="顺延", basis=("本县",)
            ),
        )
        assert mine.roll_fixed_day_deadlines.value_at(D(2026, 1, 1)) is True
        assert FEICHENG.roll_fixed_day_deadlines.value_at(D(2026, 1, 1)) is False

    def test_evolve_checks_all_fields_at_once(self):
        """Wrong values in two fields give two problems with paths, in one error."""
        bad_day = FEICHENG.monthly_report_day.with_value(
            "5", effective_from=D(2026, 1, 1), description="d", basis=("b",)
        )
        bad_band = FEICHENG.age_band.with_value(
            None, effective_from=D(2026, 1, 1), description="d", basis=("b",)
        )
        with pytest.raises(ValidationError) as info:
            attrs.evolve(FEICHENG, monthly_report_day=bad_day, age_band=bad_band)
        paths = {p.path for p in info.value}
        band = f"$.age_band.values[{len(FEICHENG.age_band.values)}].value"
        assert paths == {"$.monthly_report_day.values[1].value", band}

    def test_evolve_with_wrong_types(self):
        """A non-history field and a misnamed history are reported."""
        misnamed = attrs.evolve(FEICHENG.census_month, name="other")
        with pytest.raises(ValidationError) as info:
            attrs.evolve(FEICHENG, census_month=misnamed, ledgers=None, name=3)
        assert {p.code for p in info.value} == {"policy.name", "type"}
        assert len(info.value) == 3

    def test_range_checked(self):
        """A report day of 40 is out of range."""
        bad = FEICHENG.monthly_report_day.with_value(
            40, effective_from=D(2026, 1, 1), description="d", basis=("b",)
        )
        with pytest.raises(ValidationError) as info:
            attrs.evolve(FEICHENG, monthly_report_day=bad)
        assert info.value.code == "policy.range"


class TestLoading:
    def test_toml_with_base(self):
        """A TOML file with a base adds dated values to the base's history."""
        policy = policy_from_toml(
            """
name = "ningyang"
name_zh = "宁阳县"
base = "feicheng"

[[parameters.monthly_report_day]]
value = 10
effective_from = 2027-01-01
description = "每月10日前"
basis = ["宁阳县通知"]

[[parameters.suspected_dropout_threshold]]
value = { count = 3, unit = "school_day", comparison = "at_least" }
effective_from = 2027-01-01
description = "3 days inclusive"
basis = ["宁阳县通知"]

[[parameters.data_sharing_deadline]]
value = "07-10"
effective_from = 2027-01-01
description = "before the 11th"
basis = ["宁阳县通知"]
"""
        )
        assert policy.name_zh == "宁阳县"
        assert policy.monthly_report_day.value_at(D(2026, 12, 1)) == 5
        assert policy.monthly_report_day.value_at(D(2027, 1, 1)) == 10
        threshold = policy.suspected_dropout_threshold.value_at(D(2027, 1, 1))
        assert threshold == Threshold(
            count=3, unit=TimeUnit.SCHOOL_DAY, comparison=Comparison.AT_LEAST
        )
        assert str(policy.data_sharing_deadline.value_at(D(2027, 1, 1))) == "07-10"

    def test_json_without_base_round_trips_a_profile(self):
        """A full JSON document without a base builds a policy equal to NATIONAL."""
        doc = policy_to_mapping(NATIONAL)
        assert "base" not in doc
        assert set(doc["parameters"]) == set(SPECS)
        assert policy_from_json(json.dumps(doc, ensure_ascii=False)) == NATIONAL

    @pytest.mark.parametrize("policy", [FEICHENG, NATIONAL], ids=["feicheng", "national"])
    def test_export_round_trips_every_value(self, policy):
        """policy_to_json writes every dated value so that loading gives the same policy."""
        assert policy_from_json(policy_to_json(policy)) == policy
        assert policy_from_mapping(policy_to_mapping(policy)) == policy

    def test_export_checks_its_argument(self):
        """Exporting something that is not a Policy names the argument."""
        with pytest.raises(ValidationError) as info:
            policy_to_mapping({"name": "x"})  # type: ignore[arg-type]
        assert info.value.code == "type"

    def test_all_problems_in_one_pass(self):
        """Every problem of a document is reported at once, each with its path."""
        with pytest.raises(ValidationError) as info:
            policy_from_mapping(
                {
                    "name": "",
                    "name_zh": "某县",
                    "base": "feicheng",
                    "colour": "red",
                    "parameters": {
                        "monthly_report_day": [entry("five")],
                        "entry_cutoff": [entry("13-01")],
                        "age_band": [entry({"min_age": 6, "max_age": 3})],
                        "census_month": [{"value": 7}],
                        "nonsense": [entry(1)],
                        "ledgers": [entry(["ledgers_of_gold"], start="2027-02-30")],
                    },
                }
            )
        paths = {p.path for p in info.value}
        assert {
            "$.name",
            "$.colour",
            "$.parameters.monthly_report_day[0].value",
            "$.parameters.entry_cutoff[0].value.month",
            "$.parameters.age_band[0].value.max_age",
            "$.parameters.census_month[0].effective_from",
            "$.parameters.census_month[0].description",
            "$.parameters.census_month[0].basis",
            "$.parameters.nonsense",
            "$.parameters.ledgers[0].value[0]",
            "$.parameters.ledgers[0].effective_from",
        } <= paths

    def test_none_values(self):
        """'none' and null set an optional parameter to None; a required one refuses it."""
        doc = {"name": "x", "name_zh": "x", "base": "feicheng"}
        p = policy_from_mapping({**doc, "parameters": {"monthly_report_day": [entry("none")]}})
        assert p.monthly_report_day.value_at(D(2027, 1, 1)) is None
        p = policy_from_mapping({**doc, "parameters": {"census_month": [entry(None)]}})
        assert p.census_month.value_at(D(2027, 1, 1)) is None
        with pytest.raises(ValidationError) as info:
            policy_from_mapping({**doc, "parameters": {"age_band": [entry("none")]}})
        assert info.value.path == "$.parameters.age_band[0].value"

    def test_missing_parameters_without_base(self):
        """Without a base every parameter must be listed."""
        with pytest.raises(ValidationError) as info:
            policy_from_mapping({"name": "x", "name_zh": "x", "parameters": {}})
        assert len(info.value) == len(SPECS)

    def test_duplicate_dates_in_document(self):
        """Two values from the same day in one document are refused."""
        with pytest.raises(ValidationError) as info:
            policy_from_mapping(
                {
                    "name": "x",
                    "name_zh": "x",
                    "base": "national",
                    "parameters": {"census_month": [entry(6), entry(7)]},
                }
            )
        assert info.value.code == "policy.duplicate_date"

    def test_every_repeated_date_is_reported(self):
        """Each value repeating an earlier value's day is reported, naming the first."""
        with pytest.raises(ValidationError) as info:
            policy_from_mapping(
                {
                    "name": "x",
                    "name_zh": "x",
                    "base": "national",
                    "parameters": {
                        "census_month": [entry(6), entry(7), entry(8, "2028-01-01"), entry(9)]
                    },
                }
            )
        assert [p.path for p in info.value] == [
            "$.parameters.census_month[1].effective_from",
            "$.parameters.census_month[3].effective_from",
        ]
        assert all("census_month[0]" in p.message for p in info.value)

    @given(
        days=st.lists(
            st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31)), unique=True, max_size=30
        )
    )
    def test_values_on_a_base_merge_as_with_value_does(self, days):
        """Listed values on a base give the history that with_value one by one gives."""
        days.append(FEICHENG.monthly_report_day.values[0].effective_from)  # replaces the base's
        days = list(dict.fromkeys(days))
        loaded = policy_from_mapping(
            {
                "name": "x",
                "name_zh": "x",
                "base": "feicheng",
                "parameters": {
                    "monthly_report_day": [
                        entry(1 + i % 28, day.isoformat()) for i, day in enumerate(days)
                    ]
                },
            }
        )
        expected = FEICHENG.monthly_report_day
        for i, day in enumerate(days):
            expected = expected.with_value(
                1 + i % 28, effective_from=day, description="d", basis=("b",)
            )
        assert loaded.monthly_report_day == expected

    @pytest.mark.parametrize(
        ("call", "code"),
        [
            (lambda: policy_from_toml("name = "), "document.syntax"),
            (lambda: policy_from_toml(b"name = 'x'"), "type"),
            (lambda: policy_from_json("{"), "document.syntax"),
            (lambda: policy_from_json(None), "type"),
            (lambda: policy_from_mapping([1, 2]), "type"),
            (lambda: policy_from_mapping({"name": "x", "name_zh": "x", "base": 1}), "policy.base"),
            (
                lambda: policy_from_mapping(
                    {"name": "x", "name_zh": "x", "base": "national", "parameters": []}
                ),
                "type",
            ),
        ],
    )
    def test_bad_documents(self, call, code):
        """Bad text, types and bases raise ValidationError with a code."""
        with pytest.raises(ValidationError) as info:
            call()
        assert info.value.code == code

    def test_load_policy_files(self, tmp_path):
        """load_policy reads .toml and .json files and refuses other suffixes."""
        toml = tmp_path / "county.toml"
        toml.write_text('name = "c"\nname_zh = "县"\nbase = "national"\n', encoding="utf-8")
        assert load_policy(toml).name == "c"
        js = tmp_path / "county.json"
        js.write_text('{"name": "c", "name_zh": "县", "base": "feicheng"}', encoding="utf-8")
        assert load_policy(str(js)).census_month == FEICHENG.census_month
        with pytest.raises(ValidationError) as info:
            load_policy(tmp_path / "county.yaml")
        assert info.value.code == "document.suffix"
        with pytest.raises(ValidationError) as info:
            load_policy(tmp_path / "missing.toml")
        assert info.value.code == "document.read"
        with pytest.raises(ValidationError) as info:
            load_policy(None)  # type: ignore[arg-type]
        assert info.value.path == "path"


class TestValues:
    @pytest.mark.parametrize(
        ("kwargs", "code", "path", "message"),
        [
            ({"month": 13, "day": 1}, "value.range", "$.month", "MonthDay.month must be 1–12"),
            ({"month": 4, "day": 31}, "value.range", "$.day", "4 月没有 31 日"),
            ({"month": "8", "day": 31}, "type", "$.month", "must be an integer"),
        ],
    )
    def test_bad_month_days(self, kwargs, code, path, message):
        """Impossible month-days raise ValidationError naming the field."""
        with pytest.raises(ValidationError) as info:
            MonthDay(**kwargs)
        assert (info.value.code, info.value.path) == (code, path)
        assert message in str(info.value)

    def test_leap_month_day(self):
        """02-29 falls on 28 February in a common year."""
        assert MonthDay(month=2, day=29).in_year(2023) == D(2023, 2, 28)
        assert MonthDay(month=2, day=29).in_year(2024) == D(2024, 2, 29)

    def test_bad_band_and_enums(self):
        """An empty band and a non-enum unit raise ValidationError."""
        with pytest.raises(ValidationError) as info:
            AgeBand(min_age=10, max_age=6)
        assert (info.value.code, info.value.path) == ("value.range", "$.max_age")
        assert "最大年龄 6 小于最小年龄 10" in str(info.value)
        with pytest.raises(ValidationError) as info:
            Span(count=1, unit="week")
        assert (info.value.code, info.value.path) == ("type", "$.unit")
        with pytest.raises(ValidationError) as info:
            Threshold(count=1, unit=TimeUnit.DAY, comparison=">")
        assert (info.value.code, info.value.path) == ("type", "$.comparison")

    def test_labels(self):
        """Every enum member has a Chinese label."""
        for kind in (TimeUnit, Comparison, Party, Ledger):
            for member in kind:
                assert member.label_zh

    @given(st.integers(0, 50), st.integers(0, 50), st.sampled_from(list(Comparison)))
    def test_threshold_is_monotone(self, count, days, comparison):
        """More absence never un-meets a threshold; 'at least' meets where 'more than' does."""
        t = Threshold(count=count, unit=TimeUnit.SCHOOL_DAY, comparison=comparison)
        if t.is_met(days):
            assert t.is_met(days + 1)
        more = Threshold(count=count, unit=TimeUnit.SCHOOL_DAY, comparison=Comparison.MORE_THAN)
        least = Threshold(count=count, unit=TimeUnit.SCHOOL_DAY, comparison=Comparison.AT_LEAST)
        assert not more.is_met(days) or least.is_met(days)
        assert (days in AgeBand(min_age=0, max_age=30)) == (days <= 30)


class TestConstructorArguments:
    @pytest.mark.parametrize(
        ("build", "codes"),
        [
            (lambda: MonthDay(8, 31), {"arguments.positional", "missing"}),
            (lambda: Parameter(value=1), {"missing"}),
            (lambda: ParameterHistory(name="x", values=(), colour=1), {"unknown_key"}),
            (lambda: Threshold(count=1, unit=TimeUnit.DAY), {"missing"}),
            (lambda: attrs.evolve(FEICHENG, census_month=None), {"type"}),
        ],
    )
    def test_wrong_arguments_raise_validation_error(self, build, codes):
        """Missing, unknown and positional arguments raise ValidationError, not TypeError."""
        with pytest.raises(ValidationError) as info:
            build()
        assert {p.code for p in info.value} == codes


def test_checked_parameter_equals_the_constructor():
    """The loader's constructor of checked fields builds what Parameter(...) builds."""
    fields = {
        "value": 5,
        "unit": "day of month",
        "description": "每月5日前",
        "basis": ("FC-2.5",),
        "effective_from": dt.date(2019, 1, 1),
    }
    made = checked_parameter(**fields)
    assert made == Parameter(**fields)
    assert hash(made) == hash(Parameter(**fields))
    assert [f.name for f in attrs.fields(Parameter)] == list(fields)


def test_loaded_profile_equals_the_shipped_one():
    """A profile written out and read back is the shipped profile, field for field."""
    for profile in (FEICHENG, NATIONAL):
        assert policy_from_json(policy_to_json(profile)) == profile


def test_parameter_names_need_no_quoting_in_paths():
    """Every parameter name is a plain identifier, written into paths as it is."""
    assert all(quote(name, bare=True) == name for name in SPECS)
