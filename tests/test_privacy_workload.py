"""Privacy over a generated workload: no full ID, and no masked ID beside its birth date.

The targeted tests in ``test_privacy.py`` pin the sites known to echo input. This
file drives a broad workload instead — generated children, schools and cases
walked through their lifecycle (``kongchuo.testing``), their rule decisions, the
notices drafted for them and rendered, batch intake and reconciliation of synthetic
feeds with spoilt rows (``kongchuo.batch.synthetic_feeds``), the cases opened from
it, the reports over a county, masked exports, and errors from bad documents,
policies, calendars and templates — and collects everything a person could read
from it: every ``repr`` and ``str``, every error message with its
``__cause__``/``__context__`` chain and problems, every log record and every
rendered notice or report. It fails on any full ID number among them (18 or 15
characters, spaced, full-width or inside a student number) and on any masked ID
shown in the same text as the birth date its hidden digits 7–14 hold.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kongchuo
from kongchuo import batch, cases, demo, notices, policy, reports, testing
from kongchuo.batch import (
    Feed,
    build_census,
    intake,
    open_cases,
    reconcile,
    rows_from_mappings,
    synthetic_feeds,
)
from kongchuo.policy import FEICHENG, Party

CST = dt.timezone(dt.timedelta(hours=8))
UNITS = {
    Party.EDUCATION_BUREAU: "肥城市教育和体育局",
    Party.TOWN_GOVERNMENT: "肥城市王瓜店街道办事处",
    Party.VILLAGE_COMMITTEE: "王瓜店街道东村村民委员会",
}


def _drafted(day: dt.date) -> dict[notices.NoticeKind, dict[str, Any]]:
    """The fields a person adds to each drafted notice issued on ``day``."""
    later = day + dt.timedelta(days=7)
    return {
        notices.NoticeKind.ENROLMENT: {"report_on": later, "report_place": "王瓜店中学"},
        notices.NoticeKind.RETURN: {"return_by": later},
        notices.NoticeKind.REMINDER: {"due_on": day, "report_by": later, "reason": "家长外出务工"},
        notices.NoticeKind.SCHOOL_REPORT: {
            "addressee": UNITS[Party.EDUCATION_BUREAU],
            "summary": "该生连续缺课",
        },
        notices.NoticeKind.CORRECTION_ORDER: {"facts": "经多次劝返，监护人仍未送适龄子女入学。"},
        notices.NoticeKind.JUDICIAL_REFERRAL: {
            "addressee": "肥城市人民法院",
            "facts": "监护人逾期未改正。",
            "requested": "督促监护令",
        },
    }


_RUN = re.compile(r"\d{14,}[\dX]?")
_MASKED = re.compile(r"(\d{6})(\*{8}|\*{6})(\d{3}[\dX]?)")


class Texts:
    """What the workload shows a reader, with a label saying where each text came from."""

    def __init__(self) -> None:
        """Start with nothing shown."""
        self.items: list[tuple[str, str]] = []

    def show(self, label: str, *objects: object) -> None:
        """Keep the repr and str of each object."""
        for obj in objects:
            self.items.append((label, repr(obj)))
            self.items.append((label, str(obj)))

    def text(self, label: str, text: str) -> None:
        """Keep a rendered text as it is."""
        self.items.append((label, text))

    def error(self, label: str, exc: BaseException) -> None:
        """Keep an error's message, repr and problems, along its cause and context chain."""
        seen: set[int] = set()
        cur: BaseException | None = exc
        while cur is not None and id(cur) not in seen:
            seen.add(id(cur))
            self.show(label, cur)
            for problem in getattr(cur, "errors", ()):
                self.show(label, problem)
            cur = cur.__cause__ or cur.__context__

    def run(self, label: str, call: Callable[[], Any]) -> Any:
        """Call ``call``; keep its result's repr and str, or its error; return the result."""
        try:
            result = call()
        except kongchuo.KongchuoError as exc:
            self.error(label, exc)
            return None
        self.show(label, result)
        return result

    def logs(self, records: Iterable[logging.LogRecord]) -> None:
        """Keep every log record, formatted as a handler would show it."""
        for record in records:
            self.items.append((f"log {record.name}", logging.Formatter().format(record)))


def _flat(text: str) -> str:
    # Full-width digits become ASCII, and the separators a person might put inside a
    # number (spaces, hyphens) are dropped, so that a spaced number is seen whole.
    return re.sub(r"[\s\-_]", "", unicodedata.normalize("NFKC", text)).upper()


def _date_forms(day: dt.date) -> tuple[str, ...]:
    return (
        day.isoformat(),
        f"{day:%Y%m%d}",
        f"{day:%Y/%m/%d}",
        f"{day.year}年{day.month}月{day.day}日",
        f"{day:%Y}年{day:%m}月{day:%d}日",
        f"datetime.date({day.year}, {day.month}, {day.day})",
    )


class Secrets:
    """The workload's ID numbers, and which birth dates each masked form hides."""

    def __init__(self) -> None:
        """Start with no numbers."""
        self.ids: set[str] = set()
        self.births: dict[tuple[str, str], set[dt.date]] = {}

    def add(self, value: str) -> None:
        """Remember one full ID number (18 or 15 characters) and its birth date."""
        value = _flat(value)
        if len(value) == 18 and value[:17].isdigit():
            body, birth = value, value[6:14]
            key = (value[:6], value[14:])
        elif len(value) == 15 and value.isdigit():
            body, birth = value, "19" + value[6:12]
            key = (value[:6], value[12:])
        else:
            return
        self.ids.add(body)
        try:
            day = dt.date(int(birth[:4]), int(birth[4:6]), int(birth[6:]))
        except ValueError:
            return
        self.births.setdefault(key, set()).add(day)

    def add_from(self, values: Iterable[object]) -> None:
        """Remember every ID-shaped text among ``values`` (cells of a feed, for example)."""
        for value in values:
            if isinstance(value, str):
                for run in _RUN.findall(_flat(value)):
                    self.add(run[-18:] if len(run) >= 18 else run)

    def leaks(self, texts: Texts) -> list[str]:
        """Each text that shows a full ID, or a masked ID with the birth date it hides."""
        found = []
        for label, text in texts.items:
            flat = _flat(text)
            for run in _RUN.findall(flat):
                windows = {run[i : i + n] for n in (15, 18) for i in range(len(run) - n + 1)}
                if windows & self.ids:
                    found.append(f"full ID in {label}: {text[:300]}")
                    break
            for region, stars, tail in _MASKED.findall(flat):
                key = (region, tail if len(stars) == 8 else tail[:3])
                days = self.births.get(key, ())
                if any(form in text for day in days for form in _date_forms(day)):
                    found.append(f"masked ID beside its birth date in {label}: {text[:300]}")
                    break
        return found


def _assert_private(texts: Texts, secrets: Secrets) -> None:
    assert secrets.ids, "the workload holds no ID numbers: it checks nothing"
    assert texts.items, "the workload showed nothing"
    leaks = secrets.leaks(texts)
    assert not leaks, f"{len(leaks)} leaks:\n" + "\n".join(leaks[:20])


# -- the workload -------------------------------------------------------------------


def _dates(value: object) -> Iterator[dt.date]:
    """Every date held in ``value``'s fields, at any depth."""
    if isinstance(value, dt.date):
        yield value
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _dates(getattr(value, field.name))
    elif isinstance(value, tuple | list | frozenset | set):
        for item in value:
            yield from _dates(item)


def _birth_stands_alone(child: kongchuo.Child) -> bool:
    """No other date of the child is its birth date (a date shown for itself, not a leak)."""
    return list(_dates(child)).count(child.birth_date) == 1


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    children=st.lists(
        testing.children(with_resident_id=True).filter(_birth_stands_alone), min_size=1, max_size=4
    )
    | st.lists(testing.children().filter(_birth_stands_alone), max_size=3).map(
        lambda cs: [demo.sample_child(), *cs]
    ),
    schools=st.lists(testing.schools(), min_size=1, max_size=2),
)
def test_children_and_schools_show_no_id(children, schools):
    """Generated children and schools: reprs, masked exports and rule decisions hide the ID."""
    texts, secrets = Texts(), Secrets()
    as_of = dt.date(2025, 10, 31)
    for child in children:
        if child.resident_id is not None:
            secrets.add(child.resident_id.value)
        if child.student_number is not None:
            secrets.add(child.student_number.value[1:])
        texts.show("child", child, *child.guardians)
        for mask in (True, "internal", "published"):
            texts.text(f"to_json(mask={mask})", kongchuo.to_json(child, mask=mask))
        texts.run("age_on", lambda c=child: kongchuo.age_on(c.birth_date, as_of))
        for rule in (kongchuo.check_rural_left_behind, kongchuo.check_de_facto_unsupported):
            decision = texts.run(
                rule.__name__, lambda r=rule, c=child: r(c, as_of=as_of, policy=FEICHENG)
            )
            if decision is not None:
                texts.text(rule.__name__, decision.explain())
        texts.run(
            "check_school_entry",
            lambda c=child: kongchuo.check_school_entry(
                c.birth_date, school_year=2025, policy=FEICHENG
            ),
        )
    for school in schools:
        texts.show("school", school)
        texts.text("school json", kongchuo.to_json(school, mask=True))
    _assert_private(texts, secrets)


def _child_for(case: cases.Case) -> kongchuo.Child:
    """The demo child, given the case's ID number and the birth date it holds."""
    child = demo.sample_child()
    rid = case.child_id
    if rid is None:
        return child
    return attrs.evolve(child, resident_id=rid, birth_date=rid.birth_date, sex=rid.sex)


def _birth_before_events(case: cases.Case) -> bool:
    """The child was born over a year before the case began: no case date is its birth date.

    A case of a newborn opened on the birth day shows that day for itself, not as a leak.
    """
    rid = case.child_id
    return rid is None or rid.birth_date < case.events[0].occurred_on - dt.timedelta(days=366)


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    found=st.lists(
        testing.cases(max_events=10).filter(_birth_before_events), min_size=1, max_size=3
    ).filter(lambda found: any(case.child_id is not None for case in found))
)
def test_cases_through_their_lifecycle_show_no_id(found):
    """Generated cases, their rule decisions, drafted and rendered notices hide the ID."""
    texts, secrets = Texts(), Secrets()
    calendar = kongchuo.ChinaCalendar()
    school = demo.sample_school()
    for case in found:
        if case.child_id is not None:
            secrets.add(case.child_id.value)
        child = _child_for(case)
        as_of = case.events[-1].occurred_on + dt.timedelta(days=3)
        texts.show("case", case, *case.entries, *case.events, case.state)
        texts.text("case json", kongchuo.to_json(case, mask=True))
        texts.run("verify", case.verify)
        for label, call in {
            "check_ledger": lambda c=case, d=as_of: cases.check_ledger(c, as_of=d, policy=FEICHENG),
            "check_closure": lambda c=case, d=as_of, k=child: cases.check_closure(
                c, as_of=d, policy=FEICHENG, child=k
            ),
            "next_escalation": lambda c=case, d=as_of: cases.next_escalation(
                c, as_of=d, policy=FEICHENG, calendar=calendar
            ),
            "responsible_parties": lambda c=case, d=as_of: cases.responsible_parties(
                c, policy=FEICHENG, as_of=d
            ),
        }.items():
            decision = texts.run(label, call)
            if hasattr(decision, "explain"):
                texts.text(label, decision.explain())
        for kind, fields in _drafted(as_of).items():
            notice = texts.run(
                f"draft {kind.value}",
                lambda k=kind, c=case, d=as_of, ch=child, f=fields: cases.draft_notice(
                    k,
                    case=c,
                    child=ch,
                    school=school,
                    policy=FEICHENG,
                    issued_on=d,
                    seq=1,
                    units=UNITS,
                    calendar=calendar,
                    **f,
                ),
            )
            if notice is None:
                continue
            texts.text(f"render {kind.value}", notices.render_text(notice))
            texts.text(f"html {kind.value}", notices.render_html(notice))
            texts.show(f"placeholders {kind.value}", notices.placeholders(notice))
            texts.text(f"notice json {kind.value}", notices.notice_to_json(notice, mask=True))
            texts.run(
                f"check_notice {kind.value}",
                lambda n=notice, d=as_of: notices.check_notice(
                    n, as_of=d, policy=FEICHENG, calendar=calendar
                ),
            )
    _assert_private(texts, secrets)


def test_notice_examples_show_no_id():
    """The worked notices, rendered, as placeholders and as masked JSON, hide the ID."""
    texts, secrets = Texts(), Secrets()
    calendar = kongchuo.ChinaCalendar()
    for kind, notice in notices.examples().items():
        if getattr(notice, "child_id", None) is not None:
            secrets.add(notice.child_id.value)
        texts.show(kind.value, notice)
        texts.text(kind.value, notices.render_text(notice))
        texts.text(kind.value, notices.render_html(notice))
        texts.show(kind.value, notices.placeholders(notice))
        texts.text(kind.value, notices.notice_to_json(notice, mask=True))
        decision = texts.run(
            kind.value,
            lambda n=notice: notices.check_notice(
                n, as_of=n.issued_on, policy=FEICHENG, calendar=calendar
            ),
        )
        if decision is not None:
            texts.text(kind.value, decision.explain())
    _assert_private(texts, secrets)


def test_batch_intake_reconciliation_and_openings_show_no_id(caplog):
    """Synthetic feeds with spoilt rows, through intake, census, reconciliation and openings."""
    caplog.set_level(logging.DEBUG)
    texts, secrets = Texts(), Secrets()
    county = synthetic_feeds(400, seed=11, bad_rows=12)
    for rows in county.rows.values():
        for row in rows:
            secrets.add_from(row.values())
    taken = {}
    for feed, rows in county.rows.items():
        result = intake(
            rows_from_mappings(rows),
            feed,
            source=feed.value,
            as_of=county.as_of,
            policy=FEICHENG,
            jurisdictions=kongchuo.regions.FEICHENG_UNITS,
            schools=county.schools,
        )
        taken[feed] = result
        texts.show(f"intake {feed.value}", result, *result.notes)
        for row in result.rows:
            texts.show(f"row {feed.value}", row, *row.findings)
        for record in result.records[:50]:
            texts.show(f"record {feed.value}", record)
    census = build_census(*taken.values())
    texts.show("census", census, *census.conflicts[:100], *census.unmatched[:100])
    for entry in list(census.entries.values())[:100]:
        texts.show("census entry", entry)
    regs = [r.value for r in taken[Feed.REGISTRATION].records]
    marks = [r.value for r in taken[Feed.ATTENDANCE].records]
    found = reconcile(
        census,
        regs,
        marks,
        as_of=county.as_of,
        policy=FEICHENG,
        calendar=kongchuo.ChinaCalendar(),
        since=county.since,
    )
    texts.show("reconciliation", found, *found.discrepancies, *found.bands[:100])
    opened = open_cases(
        found.discrepancies,
        recorded_at=dt.datetime(2025, 11, 3, 9, tzinfo=CST),
        recorded_by="数据比对",
    )
    texts.show("openings", opened)
    assert opened.opened
    for case in opened.opened:
        texts.show("opened case", case, *case.events)
    texts.logs(caplog.records)
    assert any(r.outcome.name == "REJECTED" for t in taken.values() for r in t.rows)
    _assert_private(texts, secrets)


def test_reports_over_a_county_show_no_id():
    """Monthly reports, reviews, census, scorecards and their CSV, JSON and HTML hide the ID."""
    texts, secrets = Texts(), Secrets()
    county = reports.example_county()
    for child in county.children:
        if child.resident_id is not None:
            secrets.add(child.resident_id.value)
    for case in county.cases:
        if case.child_id is not None:
            secrets.add(case.child_id.value)
    inputs = {
        "policy": FEICHENG,
        "children": county.children,
        "registrations": county.registrations,
        "schools": county.schools,
        "jurisdictions": county.jurisdictions,
        "submissions": county.submissions,
    }
    months = [
        reports.monthly_report(
            county.cases, year=2025, month=m, as_of=dt.date(2026, 1, 15), **inputs
        )
        for m in (10, 11, 12)
    ]
    for month in months:
        texts.show("monthly", month)
        texts.text("monthly markdown", month.to_markdown())
        texts.text("monthly json", month.to_json())
        texts.text("monthly csv", reports.to_csv(month.to_records()))
    review = reports.county_review(months)
    texts.show("review", review)
    census = reports.special_group_census(
        county.children,
        county.registrations,
        term=county.calendar.terms[0],
        policy=FEICHENG,
        care_plans=county.care_plans,
        schools=county.schools,
    )
    texts.show("special-group census", census, *census.without_plan)
    cards = reports.scorecards(
        county.cases,
        as_of=dt.date(2025, 12, 31),
        policy=FEICHENG,
        reports=months,
        children=county.children,
        schools=county.schools,
        jurisdictions=county.jurisdictions,
    )
    texts.show("scorecards", cards, *cards.cards)
    texts.text(
        "html", reports.html_report(months, cases=county.cases, review=review, census=census)
    )
    _assert_private(texts, secrets)


# -- errors from bad documents, policies, calendars and templates --------------------

FULL = "370983201509010012"


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    bad_child=testing.invalid_child_documents(min_problems=1, max_problems=4),
    bad_id=testing.invalid_resident_ids(),
    bad_number=testing.invalid_student_numbers(),
)
def test_errors_from_bad_documents_show_no_id(bad_child, bad_id, bad_number):
    """Errors from near-miss IDs, student numbers and child documents hide the number."""
    texts, secrets = Texts(), Secrets()
    secrets.add(FULL)
    secrets.add_from([bad_id.value, bad_number.value])
    secrets.add_from(json.dumps(bad_child.value, ensure_ascii=False, default=str).split('"'))
    texts.show("invalid", bad_id, bad_number, bad_child)
    texts.run("parse id", lambda: kongchuo.ResidentId.parse(bad_id.value))
    texts.run("parse student number", lambda: kongchuo.StudentNumber.parse(bad_number.value))
    texts.run("child document", lambda: kongchuo.from_dict(bad_child.value, kongchuo.Child))
    texts.run("child documents", lambda: kongchuo.from_dicts([bad_child.value], kongchuo.Child))
    texts.run(
        "child json",
        lambda: kongchuo.from_json(json.dumps(bad_child.value, default=str), kongchuo.Child),
    )
    _assert_private(texts, secrets)


@pytest.mark.parametrize(
    "secret", [FULL, "370983 20150901 0012", "３７０９８３２０１５０９０１００１２"]
)
def test_errors_from_bad_policies_calendars_and_templates_show_no_id(secret):
    """An ID number typed into a policy, calendar, template or event document stays hidden."""
    texts, secrets = Texts(), Secrets()
    secrets.add(FULL)
    calls: dict[str, Callable[[], Any]] = {
        "policy key": lambda: policy.policy_from_mapping({secret: 1}),
        "policy value": lambda: policy.policy_from_mapping(
            {"base": "feicheng", "parameters": {"census_month": secret}}
        ),
        "policy json": lambda: policy.policy_from_json(json.dumps({"base": secret})),
        "policy toml": lambda: policy.policy_from_toml(f'base = "{secret}"'),
        "calendar": lambda: kongchuo.YearArrangement.from_mapping(
            {"year": 2027, "holidays": [{"start": secret, "end": "2027-01-01"}]}
        ),
        "school calendar": lambda: kongchuo.SchoolCalendar.from_mapping(
            {"school_year": secret, "terms": []}
        ),
        "templates": lambda: notices.templates_from_mapping({"return": {"title": 1, secret: 2}}),
        "notice": lambda: notices.notice_from_dict({"kind": "return", "child_id": secret}),
        "school": lambda: kongchuo.from_dict({"code": secret, "name": secret}, kongchuo.School),
        "child": lambda: kongchuo.from_dict(
            {**_child_document(), "student_number": "G" + secret}, kongchuo.Child
        ),
        "event": lambda: cases.derive_state(["identified", secret]),
        "transition": lambda: cases.transition_for(secret, cases.CaseState.NEW),
    }
    for label, call in calls.items():
        texts.run(label, call)
    _assert_private(texts, secrets)


def _child_document() -> dict[str, Any]:
    return kongchuo.to_dict(demo.sample_child())


def test_the_check_finds_what_it_looks_for():
    """The check flags a full, spaced or full-width ID and a masked ID beside its birth date."""
    secrets = Secrets()
    secrets.add(FULL)
    for text in (
        f"id {FULL}",
        "G370983 2015 0901 0012",
        "３７０９８３２０１５０９０１００１２",
        "370983********0012, born 2015-09-01",
        "370983********0012 出生于2015年9月1日",
    ):
        texts = Texts()
        texts.text("probe", text)
        assert len(secrets.leaks(texts)) == 1, text
    texts = Texts()
    texts.text("probe", "370983********0012, born 2015-**-**; 370983********0012")
    assert secrets.leaks(texts) == []


@pytest.mark.parametrize(
    "site",
    [
        "mapping key",
        "mapping file",
        "rows",
        "csv",
    ],
)
def test_batch_loaders_hide_an_id_in_keys_and_names(site, tmp_path):
    """An ID number as a mapping key, a file name or a cell of a bad table stays hidden."""
    texts, secrets = Texts(), Secrets()
    secrets.add(FULL)
    bad_csv = tmp_path / "bad.csv"
    bad_csv.write_bytes(f"{FULL}\n".encode("utf-16"))
    calls: dict[str, Callable[[], Any]] = {
        "mapping key": lambda: batch.mapping_from_dict({FULL: 1}),
        "mapping file": lambda: batch.load_mapping(tmp_path / f"{FULL}.toml"),
        "rows": lambda: list(batch.rows_from_mappings([{FULL: 1}, FULL])),
        "csv": lambda: list(batch.read_csv(bad_csv, encoding="ascii")),
    }
    texts.run(site, calls[site])
    _assert_private(texts, secrets)


# -- the one document format: old notices, events and case logs, loaded and migrated --

OLD_DOCUMENTS = __import__("pathlib").Path(__file__).parent / "golden" / "documents"


def _old_lines(name: str) -> list[dict[str, Any]]:
    text = (OLD_DOCUMENTS / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def _as_v1(doc: dict[str, Any]) -> dict[str, Any]:
    """A notice document as ``notice_to_json`` wrote it before version 3 (tag ``kind``)."""
    body = {("kind" if k == "type" else k): v for k, v in doc.items() if k != "$schema_version"}
    return {"$schema_version": 1, **body}


def _as_v2(doc: dict[str, Any]) -> dict[str, Any]:
    """A notice or an event as ``to_json`` wrote it before version 3 (no tag)."""
    body = {k: v for k, v in doc.items() if k not in ("$schema_version", "type")}
    return {"$schema_version": 2, **body}


def _tampered(doc: dict[str, Any], secret: str) -> dict[str, dict[str, Any]]:
    """``doc`` with an ID number put where loading or migrating it fails, one way each."""
    tag = "kind" if "kind" in doc else "type"
    text = next((k for k, v in doc.items() if isinstance(v, str) and not k.startswith("$")), None)
    return {
        "version is the ID": {**doc, "$schema_version": secret},
        "version too new": {**doc, "$schema_version": kongchuo.SCHEMA_VERSION + 1, secret: 1},
        "version in a list": {**doc, "$schema_version": [secret]},
        "tag is the ID": {**doc, tag: secret},
        "tag is a list": {**doc, tag: [secret]},
        "no tag, the ID as a key": {
            **{k: v for k, v in doc.items() if k not in ("kind", "type")},
            secret: secret,
        },
        "both tags": {**doc, "kind": secret, "type": secret},
        "the ID as a key": {**doc, secret: secret},
        "the ID in a date": {**doc, "issued_on": secret, "occurred_on": secret},
        "the ID in a text field": {**doc, text: secret} if text else dict(doc),
    }


def _load_every_way(texts: Texts, label: str, doc: object, cls: type) -> None:
    """Load ``doc`` through each loader of its family, keeping what each shows."""
    from kongchuo.batch import read_jsonl

    line = json.dumps(doc, ensure_ascii=False)
    texts.run(f"{label} from_dict", lambda: kongchuo.from_dict(doc, cls))
    texts.run(f"{label} from_json", lambda: kongchuo.from_json(line, cls))
    texts.run(f"{label} from_dicts", lambda: kongchuo.from_dicts([doc, doc], cls))
    texts.run(f"{label} read_jsonl", lambda: read_jsonl([line, line], cls))
    if cls is notices.Notice:
        texts.run(f"{label} notice_from_dict", lambda: notices.notice_from_dict(doc))
        texts.run(f"{label} notice_from_json", lambda: notices.notice_from_json(line))


@pytest.mark.parametrize(
    "secret", [FULL, "370983 20150901 0012", "３７０９８３２０１５０９０１００１２"]
)
def test_old_notice_and_event_documents_show_no_id_when_they_fail_to_load(secret):
    """Version 1 and 2 notices and events, tampered with an ID: errors and values hide it."""
    texts, secrets = Texts(), Secrets()
    secrets.add(FULL)
    olds = [
        *((notices.Notice, d) for d in _old_lines("notices-v1-notice_to_json.jsonl")),
        *((notices.Notice, d) for d in _old_lines("notices-v2-to_json.jsonl")),
        *((cases.Event, d) for d in _old_lines("events-v2-to_json.jsonl")),
    ]
    for cls, doc in olds:
        secrets.add_from(doc.values())
        for how, bad in _tampered(doc, secret).items():
            _load_every_way(texts, f"{cls.__name__} v{doc['$schema_version']}: {how}", bad, cls)
        # The old document as it is loads; what it shows hides its own ID.
        _load_every_way(texts, f"{cls.__name__} v{doc['$schema_version']}", doc, cls)
    masked = json.loads((OLD_DOCUMENTS / "notice-v1-masked.json").read_text(encoding="utf-8"))
    _load_every_way(texts, "masked v1 notice", masked, notices.Notice)
    _assert_private(texts, secrets)


def test_an_old_case_log_shows_no_id_when_an_event_in_it_fails_to_migrate():
    """A stored version-2 case log with an ID put into an event's tag, date or text hides it."""
    texts, secrets = Texts(), Secrets()
    secrets.add(FULL)
    log = json.loads((OLD_DOCUMENTS / "case-v2.json").read_text(encoding="utf-8"))
    secrets.add(log["child_id"])
    case = texts.run("old case log", lambda: kongchuo.from_dict(log, cases.Case))
    assert case is not None
    texts.run("verify", case.verify)
    for i, entry in enumerate(log["entries"]):
        for how, event in _tampered(entry["event"], FULL).items():
            entries = [*log["entries"][:i], {**entry, "event": event}, *log["entries"][i + 1 :]]
            bad = {**log, "entries": entries}
            loaded = texts.run(f"entry {i}: {how}", lambda b=bad: kongchuo.from_dict(b, cases.Case))
            if loaded is not None:
                texts.run(f"entry {i}: {how}: verify", loaded.verify)
    for how, bad in _tampered(log, FULL).items():
        _load_every_way(texts, f"case v2: {how}", bad, cases.Case)
    _assert_private(texts, secrets)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(bad=testing.invalid_notice_documents(min_problems=1, max_problems=4), old=st.booleans())
def test_generated_bad_notices_in_old_forms_show_no_id(bad, old):
    """Generated bad notice documents, written as version 1 or 2, fail to load hiding the ID."""
    texts, secrets = Texts(), Secrets()
    secrets.add(FULL)
    secrets.add_from(json.dumps(bad.value, ensure_ascii=False, default=str).split('"'))
    doc = _as_v1(bad.value) if old else _as_v2(bad.value)
    _load_every_way(texts, f"v{doc['$schema_version']} notice", doc, notices.Notice)
    _assert_private(texts, secrets)
