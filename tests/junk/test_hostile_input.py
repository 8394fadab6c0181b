"""Hostile input: only KongchuoError for bad input, and bounded work for input built to hurt.

Deep and huge documents, searches that could run away, lone surrogates, calls Python
cannot bind. Junk values of the wrong type are in ``test_junk_values.py``.
"""

from __future__ import annotations

import datetime as dt

import pytest

import kongchuo
from kongchuo import batch, cases, notices, policy, reports
from kongchuo._core.documents import MAX_DEPTH, parse_document
from kongchuo._core.errors import MAX_PROBLEMS, Problem, ValidationError


class TestDocumentReader:
    @pytest.mark.parametrize(
        ("text", "fmt"),
        [
            ("[" * 100_000, "json"),
            ("[" * 5_000 + "]" * 5_000, "json"),
            ("a = " + "[" * 5000, "toml"),
        ],
    )
    def test_deep_nesting_is_a_syntax_error(self, text, fmt):
        """Nesting that would exhaust the stack is a ValidationError, not RecursionError."""
        with pytest.raises(ValidationError, match=r"document\.(syntax|depth)"):
            parse_document(text, fmt)

    def test_nesting_past_the_cap_is_refused_with_its_path(self):
        """A parsed document nested past MAX_DEPTH is refused at the path where it goes too deep."""
        text = '{"a": ' + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "}"
        with pytest.raises(ValidationError) as info:
            parse_document(text, "json")
        assert info.value.code == "document.depth"
        assert info.value.path.startswith("$.a[0]")

    @pytest.mark.parametrize("digits", [20, 5000])
    def test_huge_integers_are_refused(self, digits):
        """An integer of more than 19 digits is refused before Python's own limit is hit."""
        with pytest.raises(ValidationError, match=r"more than 19 digits") as info:
            parse_document('{"a": ' + "9" * digits + "}", "json")
        assert info.value.code == "document.syntax"
        with pytest.raises(ValidationError) as toml:
            parse_document("a = " + "9" * digits, "toml")
        assert toml.value.code in {"document.syntax", "document.number"}

    def test_every_loader_reports_depth_as_validation_error(self):
        """policy, notice, calendar and template loaders turn deep nesting into their codes."""
        deep = "[" * 100_000
        for load in (
            policy.policy_from_json,
            notices.notice_from_json,
            kongchuo.YearArrangement.from_json,
            kongchuo.SchoolCalendar.from_json,
        ):
            with pytest.raises(kongchuo.KongchuoError) as info:
                load(deep)
            assert info.value.code.endswith(("syntax", "depth", "json")), load


class TestProblemCap:
    def test_problems_beyond_the_cap_are_counted(self):
        """An error lists MAX_PROBLEMS problems and counts the rest in one last problem."""
        many = [Problem(code="x", path=f"$[{i}]", message="m", message_zh="z") for i in range(5000)]
        err = ValidationError.of(many)
        assert len(err) == MAX_PROBLEMS + 1
        assert err.errors[-1].code == "problems.more"
        assert "4800 more problems" in err.errors[-1].message
        assert len(str(err)) < 50_000

    def test_a_capped_error_stays_capped_when_re_rooted(self):
        """Re-rooting a capped error keeps the count rather than adding a second one."""
        many = [Problem(code="x", path=f"$[{i}]", message="m", message_zh="z") for i in range(500)]
        err = ValidationError.of(many).under("$.a")
        assert len(err) == MAX_PROBLEMS + 1
        assert [p.code for p in err.errors].count("problems.more") == 1


class TestUncheckedArguments:
    @pytest.mark.parametrize(
        ("call", "code"),
        [
            (lambda: kongchuo.add_months(None, 1), "type"),
            (lambda: kongchuo.add_months(dt.date(2025, 1, 1), "1"), "type"),
            (
                lambda: cases.ledgers(
                    [], [], school_year=2025, as_of=dt.date(2025, 9, 1), policy=None
                ),
                "type",
            ),
            (lambda: cases.entry_hash(0, {}, cases.GENESIS), "case.entry_hash"),
            (lambda: cases.transition_for("x", "new"), "case.transition"),
            (lambda: cases.derive_state([[]]), "case.transition"),
            (lambda: kongchuo.to_dicts(None), "type"),
            (lambda: kongchuo.redact(None), "type"),
            (
                lambda: policy.ParameterHistory.single(
                    "x", 1, unit="", description="", basis=None, effective_from=dt.date(2025, 1, 1)
                ),
                "parameter.basis",
            ),
            (lambda: policy.MonthDay(month=1, day=1).in_year("x"), "type"),
            (
                lambda: policy.Threshold(
                    count=3, unit=policy.TimeUnit.DAY, comparison=policy.Comparison.AT_LEAST
                ).is_met("x"),
                "type",
            ),
            (lambda: notices.NoticeTemplate(x=1), "unknown_key"),
        ],
    )
    def test_bad_arguments_raise_validation_errors(self, call, code):
        """Each unchecked argument of the issue now raises a ValidationError with its code."""
        with pytest.raises(ValidationError) as info:
            call()
        assert code in {p.code for p in info.value.errors}


class _NoWorkingDay:
    """A calendar in which every day is a rest day."""

    def is_workday(self, day: dt.date) -> bool:  # noqa: ARG002 - the protocol's signature
        return False


class TestBoundedSearches:
    """Searches for a working day stop after a year and at 9999-12-31."""

    @pytest.mark.parametrize(
        "call",
        [
            lambda cal: kongchuo.roll_forward(dt.date(2025, 1, 1), calendar=cal),
            lambda cal: kongchuo.period_end(dt.date(2025, 1, 1), workdays=2, calendar=cal),
            lambda cal: kongchuo.period_end(dt.date(2025, 1, 1), days=2, calendar=cal),
            lambda cal: notices.correction_deadline(
                dt.date(2025, 9, 1), policy=policy.FEICHENG, calendar=cal
            ),
        ],
    )
    def test_a_calendar_without_working_days(self, call):
        """A calendar with no working day is ``calendar.no_workday``, not a walk to year 9999."""
        with pytest.raises(ValidationError) as info:
            call(_NoWorkingDay())
        assert info.value.code == "calendar.no_workday"

    def test_the_last_day_a_date_holds(self):
        """Rolling or counting past 9999-12-31 is ``date.range``, not OverflowError."""
        with pytest.raises(ValidationError) as info:
            kongchuo.roll_forward(dt.date(9999, 12, 31), calendar=_NoWorkingDay())
        assert info.value.code == "date.range"
        last = kongchuo.YearArrangement(year=9999, holidays=[], workdays=[], source="x")
        calendar = kongchuo.ChinaCalendar((last,))
        with pytest.raises(ValidationError) as info:
            kongchuo.period_end(dt.date(9999, 12, 30), workdays=3, calendar=calendar)
        assert info.value.code == "date.range"
        span = policy.Span(count=3, unit=policy.TimeUnit.WORKDAY)
        with pytest.raises(ValidationError) as info:
            kongchuo.span_end(
                dt.date(9999, 12, 30),
                span,
                school_days=kongchuo.SchoolDays.WORKDAYS,
                calendar=_NoWorkingDay(),
            )
        assert info.value.code == "date.range"

    def test_a_holiday_on_the_last_day(self):
        """An arrangement may hold 9999-12-31; it is one day, not an overflow."""
        arrangement = kongchuo.YearArrangement.from_mapping(
            {
                "year": 9999,
                "source": "x",
                "holidays": [{"name": "a", "start": "9999-12-31", "end": "9999-12-31"}],
            }
        )
        assert arrangement.holidays == {dt.date(9999, 12, 31)}

    def test_ics_on_the_last_day(self):
        """Due on 9999-12-31 is a one-day event; a stamp outside UTC's years is refused."""
        last = dt.date.max
        item = kongchuo.Obligation(
            code="x",
            title="t",
            title_zh="z",
            owners=(),
            opens=None,
            due=last,
            unrolled_due=last,
            basis=(),
        )
        text = kongchuo.to_ics([item], stamp=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        assert "DURATION:P1D" in text
        early = dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=8)))
        with pytest.raises(ValidationError) as info:
            kongchuo.to_ics([item], stamp=early)
        assert info.value.code == "ics.stamp"


class TestCalendarRanges:
    """Absurd calendar ranges are refused before a day is made."""

    def test_a_range_of_centuries(self):
        """A range of 0001-01-01..2027-12-31 is one problem, found at once."""
        with pytest.raises(ValidationError) as info:
            kongchuo.YearArrangement.from_mapping(
                {
                    "year": 2027,
                    "source": "x",
                    "holidays": [{"start": "0001-01-01", "end": "2027-12-31"}],
                }
            )
        assert [p.code for p in info.value.errors] == ["calendar.range"]

    def test_an_unknown_key_hides_nothing(self):
        """An unknown key is reported with the problems of the days, in one pass."""
        with pytest.raises(ValidationError) as info:
            kongchuo.YearArrangement.from_mapping(
                {
                    "year": 2027,
                    "source": "x",
                    "holidays": ["2026-01-01", "2027-01-04"],
                    "workdays": ["2027-01-04"],
                    "bogus": 1,
                }
            )
        assert [p.code for p in info.value.errors] == [
            "unknown_key",
            "calendar.year",
            "calendar.weekday_workday",
            "calendar.conflict",
        ]

    def test_a_number_both_off_and_on(self):
        """A non-date listed both as a holiday and a working day is a date problem, no more."""
        with pytest.raises(ValidationError) as info:
            kongchuo.YearArrangement(year=2025, holidays=[1], workdays=[1], source="x")
        assert {p.code for p in info.value.errors} == {"calendar.date"}

    def test_the_constructor_reports_everything(self):
        """A bad year does not hide a missing source or a day of the wrong kind."""
        with pytest.raises(ValidationError) as info:
            kongchuo.YearArrangement(year=1, holidays=["x"], workdays=[], source="")
        assert [p.code for p in info.value.errors] == [
            "calendar.year",
            "calendar.source",
            "calendar.date",
        ]


class TestArgumentChecks:
    """Unchecked arguments across batch, reports, policy and cases are ValidationError."""

    @pytest.mark.parametrize(
        ("call", "code"),
        [
            (lambda: batch.child_key("x"), "type"),
            (lambda: batch.school_year_of(1.5), "type"),
            (lambda: batch.partition_of("x", 0), "int.range"),
            (lambda: batch.partition_of({1}, 2), "type"),
            (lambda: batch.Reconciliation.combine(None), "type"),
            (
                lambda: batch.open_cases(
                    None,
                    recorded_at=dt.datetime(2025, 9, 1, tzinfo=dt.UTC),
                    recorded_by="x",
                ),
                "type",
            ),
            (
                lambda: batch.open_cases([], recorded_at=dt.date(2025, 9, 1), recorded_by="x"),
                "type",
            ),
            (lambda: reports.log_on("x", dt.date(2025, 9, 1)), "type"),
            (lambda: reports.classify_case(None, year=2025, month=13, unit=None), "report.month"),
            (lambda: reports.cohorts(None, {}), "type"),
            (lambda: reports.to_csv(3), "type"),
            (lambda: reports.to_csv([{"a": [1]}]), "report.records"),
            (lambda: reports.cases_by_cause([], as_of=[]), "type"),
            (lambda: cases.derive_state(None), "type"),
            (
                lambda: cases.transition_for("x", cases.CaseState.NEW, condition={}),
                "type",
            ),
            (lambda: policy.own_basis("x", dt.date(2025, 9, 1), ()), "type"),
            (lambda: policy.marker([]), "type"),
            (lambda: policy.policy_to_json(policy.NATIONAL, indent=10**6), "int.range"),
            (lambda: kongchuo.from_dict({}, {"a": 1}), "serialization.class"),
            (lambda: kongchuo.json_schema([]), "serialization.class"),
        ],
    )
    def test_bad_arguments(self, call, code):
        """Each bad argument is a ValidationError with its stable code."""
        with pytest.raises(ValidationError) as info:
            call()
        assert code in {p.code for p in info.value.errors}

    @pytest.mark.parametrize(
        "name", ["census", "registrations", "attendance", "leaves", "exemptions", "schools"]
    )
    def test_reconcile_names_a_wrong_record(self, name):
        """A wrong record among reconcile's inputs is named by its index, not an AttributeError."""
        inputs: dict[str, object] = {"census": [], "registrations": [], "attendance": [], name: [1]}
        with pytest.raises(ValidationError) as info:
            batch.reconcile(
                **inputs,
                as_of=dt.date(2025, 10, 31),
                policy=policy.FEICHENG,
                calendar=kongchuo.ChinaCalendar(),
            )
        assert (info.value.code, info.value.path) == ("type", f"{name}[0]")

    def test_a_huge_range_is_not_read_to_its_end(self):
        """A range of 10**12 wrong items is refused after the first few, not materialised."""
        with pytest.raises(ValidationError) as info:
            reports.cases_by_cause(range(10**12), as_of=dt.date(2025, 9, 1))
        assert info.value.code == "type"
        assert len(info.value.errors) == 20

    def test_a_huge_iterable_given_as_a_document(self):
        """A range of 10**12 given as a document list or a batch is refused, not read."""
        with pytest.raises(ValidationError) as info:
            kongchuo.from_dict(range(10**12), list[kongchuo.Child])
        assert info.value.code == "type"
        with pytest.raises(ValidationError) as info:
            kongchuo.from_dicts(range(10**12), kongchuo.Child)
        assert info.value.errors[-1].code == "problems.more"

    def test_a_synthetic_window_without_working_days(self):
        """A synthetic county over a holiday weekend is ``batch.window``, not a ValueError."""
        with pytest.raises(ValidationError) as info:
            batch.synthetic_feeds(50, since=dt.date(2025, 10, 4), as_of=dt.date(2025, 10, 4))
        assert info.value.code == "batch.window"

    def test_a_huge_set_of_holidays(self):
        """A range of 10**12 given as holidays is refused after 20 wrong items."""
        with pytest.raises(ValidationError) as info:
            kongchuo.YearArrangement(year=2025, holidays=range(10**12), workdays=[], source="x")
        assert {p.code for p in info.value.errors} == {"calendar.date"}

    def test_deeply_nested_enum_values(self):
        """A deeply nested value where an enum value belongs is refused without a repr."""
        deep: object = []
        for _ in range(100_000):
            deep = [deep]
        with pytest.raises(ValidationError) as info:
            kongchuo.SchoolCalendar.from_mapping(
                {"school_year": 2025, "terms": [{"kind": deep, "start": "2025-09-01"}]}
            )
        assert "calendar.kind" in {p.code for p in info.value.errors}
        with pytest.raises(ValidationError) as info:
            batch.mapping_from_dict({"feed": deep})
        assert info.value.code == "batch.mapping.feed"

    def test_named_tuples_are_friendly(self):
        """A batch row given an argument twice is ``arguments.duplicate``, not a TypeError."""
        with pytest.raises(ValidationError) as info:
            batch.Row(1, {}, number=2)
        assert info.value.code == "arguments.duplicate"


class TestOnePass:
    """Constructors and policy values report every problem of their input at once."""

    def test_span_constructor(self):
        """A Span with a bad count and a bad unit names both."""
        with pytest.raises(ValidationError) as info:
            policy.Span(count=-1, unit="fortnight")
        assert [p.path for p in info.value.errors] == ["$.count", "$.unit"]

    def test_threshold_constructor(self):
        """A Threshold with three bad fields names all three."""
        with pytest.raises(ValidationError) as info:
            policy.Threshold(count="5", unit=None, comparison=None)
        assert [p.path for p in info.value.errors] == ["$.count", "$.unit", "$.comparison"]

    def test_term_constructor(self):
        """A Term with a bad kind and a bad date names both."""
        with pytest.raises(ValidationError) as info:
            kongchuo.Term(kind="autumn", start="2025-09-01", end=dt.date(2026, 1, 20))
        assert [p.path for p in info.value.errors] == ["$.kind", "$.start"]

    def test_a_missing_argument_hides_no_bad_value(self):
        """A missing argument is reported with the bad values of the others."""
        with pytest.raises(ValidationError) as info:
            policy.Span(count=-1)
        assert [p.code for p in info.value.errors] == ["missing", "value.range"]

    def test_school_calendar_constructor(self):
        """A bad school year does not hide terms of the wrong type."""
        with pytest.raises(ValidationError) as info:
            kongchuo.SchoolCalendar(school_year="x", terms=[1, 2])
        assert [p.path for p in info.value.errors] == ["$.school_year", "$.terms[0]", "$.terms[1]"]

    def test_template_entries(self):
        """A template entry reports its unknown key, missing field and bad values at once."""
        with pytest.raises(ValidationError) as info:
            notices.templates_from_mapping({"return": {"body": "${x", "title": 1, "bogus": 2}})
        assert [p.path for p in info.value.errors] == [
            "$.return.bogus",
            "$.return.code",
            "$.return.title",
            "$.return.body",
        ]

    def test_parameter_history_duplicates(self):
        """Every repeated start date of a parameter history is named."""
        one = policy.ParameterHistory.single(
            "x", 1, unit="天", description="d", basis=("b",), effective_from=dt.date(2025, 1, 1)
        ).values[0]
        with pytest.raises(ValidationError) as info:
            policy.ParameterHistory(name="x", values=(one, one, one))
        assert [p.code for p in info.value.errors] == ["parameter.duplicate_date"] * 2

    def test_policy_span_value(self):
        """A policy's span with a bad count and a bad unit names both."""
        doc = {
            "name": "demo",
            "name_zh": "示例",
            "base": "national",
            "parameters": {
                "correction_deadline": [
                    {
                        "value": {"count": -3, "unit": "fortnight"},
                        "effective_from": "2025-01-01",
                        "description": "d",
                        "basis": ["b"],
                    }
                ]
            },
        }
        with pytest.raises(ValidationError) as info:
            policy.policy_from_mapping(doc)
        paths = [p.path for p in info.value.errors]
        assert any(p.endswith(".unit") for p in paths)
        assert any(p.endswith(".count") for p in paths)


class TestDocumentNumberPattern:
    """A policy's 文号 pattern is checked when the policy is loaded."""

    @pytest.mark.parametrize(
        "pattern",
        [
            "{code}〔{year}〕{seq:>100000000}号",
            "{code}〔{year}〕{seq:{year}}号",
            "{year}{seq}{seq}",
            "{year}{seq!r}",
        ],
    )
    def test_specs_and_repeats_are_refused(self, pattern):
        """Format specs, conversions and repeated fields are refused at load."""
        doc = {
            "name": "demo",
            "name_zh": "示例",
            "base": "national",
            "parameters": {
                "document_number_pattern": [
                    {
                        "value": pattern,
                        "effective_from": "2025-01-01",
                        "description": "d",
                        "basis": ["b"],
                    }
                ]
            },
        }
        with pytest.raises(ValidationError) as info:
            policy.policy_from_mapping(doc)
        assert info.value.code == "policy.value"


class TestLoneSurrogates:
    """Text that UTF-8 cannot hold is refused where it enters, not where it is hashed."""

    def test_event_text(self):
        """Event text with a lone surrogate is ``text.surrogate``, not UnicodeEncodeError."""
        with pytest.raises(ValidationError) as info:
            cases.Verified(
                occurred_on=dt.date(2025, 9, 9),
                recorded_at=dt.datetime(2025, 9, 9, 18, tzinfo=dt.UTC),
                recorded_by="李老师",
                confirmed=True,
                finding="核实\ud800情况",
            )
        assert info.value.code == "text.surrogate"
        assert info.value.path == "$.finding"

    def test_document_text(self):
        """A document whose text holds a lone surrogate is refused by the loader."""
        doc = {
            "code": "3709830031",
            "name": "王\udc00",
            "kind": "primary",
            "jurisdiction": "370983003",
        }
        with pytest.raises(ValidationError) as info:
            kongchuo.from_dict(doc, kongchuo.School)
        assert info.value.code == "text.surrogate"


_FACADES = (
    "kongchuo",
    "kongchuo.batch",
    "kongchuo.cases",
    "kongchuo.notices",
    "kongchuo.policy",
    "kongchuo.reports",
    "kongchuo.testing",
)


def _public_functions():
    import importlib
    import inspect

    for facade in _FACADES:
        module = importlib.import_module(facade)
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isfunction(obj):
                yield f"{facade}.{name}", obj


def test_every_public_function_refuses_extra_positional_arguments_as_a_validation_error():
    """One behaviour everywhere: too many positional arguments is `arguments.positional`."""
    import inspect

    checked = 0
    for name, func in _public_functions():
        params = inspect.signature(func).parameters.values()
        if any(p.kind is p.VAR_POSITIONAL for p in params):
            continue
        positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        with pytest.raises(ValidationError) as err:
            func(*([None] * (len(positional) + 1)))
        assert "arguments.positional" in [p.code for p in err.value.errors], name
        checked += 1
    assert checked > 100


def test_a_friendly_function_pickles_and_lets_its_own_type_errors_through():
    """The wrapper pickles by reference, keeps its signature, and only turns binding errors."""
    import inspect
    import pickle

    from kongchuo._core.guard import friendly_call

    assert pickle.loads(pickle.dumps(kongchuo.is_school_age)) is kongchuo.is_school_age
    assert "school_year" in inspect.signature(kongchuo.is_school_age).parameters

    def broken(*, x):
        return x + "1"

    with pytest.raises(TypeError, match="unsupported operand"):
        friendly_call(broken)(x=1)
    with pytest.raises(ValidationError) as err:
        friendly_call(broken)(1, y=2)
    assert [p.code for p in err.value.errors] == ["arguments.positional", "missing", "unknown_key"]
