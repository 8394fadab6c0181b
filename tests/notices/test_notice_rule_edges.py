"""check_notice at its edges: argument errors, days that are equal, lookalike inputs."""

import datetime as dt

import attrs
import pytest

from kongchuo import ChinaCalendar, ValidationError
from kongchuo.notices import (
    DEFAULT_TEMPLATES,
    NoticeKind,
    Service,
    ServiceMethod,
    check_notice,
    correction_deadline,
    document_number,
    examples,
    is_notice_in_order,
    served_on,
)
from kongchuo.policy import FEICHENG, NATIONAL

CAL = ChinaCalendar()
EX = examples()
DAY = dt.timedelta(days=1)


def _problem(call):
    with pytest.raises(ValidationError) as info:
        call()
    (problem,) = info.value.errors
    return (problem.code, problem.path, problem.message, problem.message_zh)


def _codes(notice, **kwargs):
    kwargs.setdefault("policy", FEICHENG)
    return check_notice(notice, calendar=CAL, **kwargs).codes()


def test_served_on_refuses_what_is_not_a_service():
    """served_on names a non-Service at `service`, in both languages."""
    assert _problem(lambda: served_on("2025-09-01", policy=FEICHENG, calendar=CAL)) == (
        "type",
        "service",
        "expected a Service, got str",
        "应为 Service 送达回证，实为 str",
    )


def test_served_on_by_method():
    """Service in person counts on its day; a public announcement after its period."""
    day = dt.date(2025, 9, 1)
    person = Service(method=ServiceMethod.IN_PERSON, served_on=day, recipient="李强")
    assert served_on(person, policy=FEICHENG, calendar=CAL) == day
    posted = attrs.evolve(person, method=ServiceMethod.PUBLIC_ANNOUNCEMENT)
    assert served_on(posted, policy=FEICHENG, calendar=CAL) == dt.date(2025, 10, 9)


def test_correction_deadline_names_a_bad_issue_date():
    """A non-date issue day is type at `issued_on`."""
    problem = _problem(lambda: correction_deadline("2025-09-22", policy=FEICHENG, calendar=CAL))
    assert problem[:2] == ("type", "issued_on")


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"as_of": "2025-09-20"}, ("type", "as_of")),
        ({"confirmed_on": "2025-09-09"}, ("type", "confirmed_on")),
        ({"reported_on": "2025-09-09"}, ("type", "reported_on")),
    ],
)
def test_check_notice_names_bad_dates(kwargs, expected):
    """Each date argument is named when it is not a date."""
    given = {"as_of": dt.date(2025, 9, 20), "policy": FEICHENG, "calendar": CAL, **kwargs}
    assert _problem(lambda: check_notice(EX[NoticeKind.RETURN], **given))[:2] == expected


def test_check_notice_names_bad_reminders():
    """Reminders that are not an iterable, or hold a non-reminder, are named with their type."""
    notice = EX[NoticeKind.ENROLMENT]
    day = dt.date(2025, 9, 20)
    assert _problem(
        lambda: check_notice(notice, as_of=day, policy=FEICHENG, calendar=CAL, reminders=5)
    ) == (
        "type",
        "reminders",
        "expected an iterable of Reminder, got int",
        "应为 Reminder 催告书的序列，实为 int",
    )
    reminder = EX[NoticeKind.REMINDER]
    assert _problem(
        lambda: check_notice(
            notice, as_of=day, policy=FEICHENG, calendar=CAL, reminders=[reminder, "催告书"]
        )
    ) == (
        "type",
        "reminders[1]",
        "expected a Reminder, got str",
        "应为 Reminder 催告书，实为 str",
    )


def test_decision_is_the_notice_rule():
    """The decision names its rule `notice`."""
    notice = EX[NoticeKind.RETURN]
    decision = check_notice(notice, as_of=notice.issued_on, policy=FEICHENG, calendar=CAL)
    assert decision.rule == "notice"


def test_templates_given_decide_the_document_code():
    """A template with another code makes the shipped number off-scheme; the default does not."""
    notice = EX[NoticeKind.RETURN]
    day = notice.issued_on + 5 * DAY
    other = attrs.evolve(DEFAULT_TEMPLATES[NoticeKind.RETURN], code="督")
    assert "notice.number.scheme" not in _codes(notice, as_of=day)
    assert "notice.number.scheme" in _codes(notice, as_of=day, templates={NoticeKind.RETURN: other})
    assert "notice.number.scheme" not in _codes(notice, as_of=day, templates=DEFAULT_TEMPLATES)
    with pytest.raises(ValidationError) as info:
        check_notice(
            notice, as_of=day, policy=FEICHENG, calendar=CAL, templates={NoticeKind.RETURN: "x"}
        )
    assert (info.value.code, info.value.path) == ("type", "templates[return]")


def test_service_on_the_day_of_the_check_is_not_in_the_future():
    """A notice served on the day of the check is fine; served the day after is flagged."""
    notice = EX[NoticeKind.RETURN]
    served = notice.service.served_on
    assert "notice.service.future" not in _codes(notice, as_of=served)
    assert "notice.service.future" in _codes(notice, as_of=served - DAY)


def test_enrolment_edges():
    """Served on the registration day is late; checked on that day no reminder is due yet."""
    notice = EX[NoticeKind.ENROLMENT]
    report_on = notice.report_on
    on_the_day = attrs.evolve(notice, service=attrs.evolve(notice.service, served_on=report_on))
    assert "notice.enrolment.served_late" in _codes(on_the_day, as_of=report_on)
    day_before = attrs.evolve(
        notice, service=attrs.evolve(notice.service, served_on=report_on - DAY)
    )
    assert "notice.enrolment.served_late" not in _codes(day_before, as_of=report_on)
    assert "notice.reminder.missing" not in _codes(notice, as_of=report_on)
    assert "notice.reminder.missing" in _codes(notice, as_of=report_on + DAY)


def test_a_reminder_counts_only_for_the_same_child_and_day():
    """A reminder for another child, or for another registration day, does not count."""
    notice = EX[NoticeKind.ENROLMENT]
    late = notice.report_on + 10 * DAY
    reminder = EX[NoticeKind.REMINDER]
    assert reminder.due_on == notice.report_on
    assert "notice.reminder.sent" in _codes(notice, as_of=late, reminders=[reminder])
    other_child = attrs.evolve(reminder, child_name="王小红")
    assert "notice.reminder.missing" in _codes(notice, as_of=late, reminders=[other_child])
    other_day = attrs.evolve(reminder, due_on=notice.report_on - DAY)
    assert "notice.reminder.missing" in _codes(notice, as_of=late, reminders=[other_day])


def test_the_order_must_cite_article_58_of_the_compulsory_education_law():
    """Another article of that law, or article 58 of another law, is not the basis."""
    notice = EX[NoticeKind.CORRECTION_ORDER]
    day = notice.issued_on + 3 * DAY
    for basis in (
        "《中华人民共和国义务教育法》第五条",
        "《中华人民共和国未成年人保护法》第五十八条",
    ):
        assert "notice.correction.basis_missing" in _codes(
            attrs.evolve(notice, legal_basis=(basis,)), as_of=day
        )
    assert "notice.correction.basis_missing" not in _codes(notice, as_of=day)


def test_a_short_deadline_counted_from_the_order():
    """Without service the deadline is counted from the order (决定之日), and says so."""
    notice = EX[NoticeKind.CORRECTION_ORDER]
    unserved = attrs.evolve(notice, service=None, deadline=dt.date(2025, 9, 25))
    decision = check_notice(unserved, as_of=dt.date(2025, 9, 25), policy=FEICHENG, calendar=CAL)
    short = next(f for f in decision.findings if f.code == "notice.correction.deadline_short")
    assert short.message == (
        "the deadline 2025-09-25 is shorter than the policy's 15 day (15日) counted from "
        "the order, which ends on 2025-10-09"
    )
    assert short.message_zh == (
        "改正期限2025年9月25日短于政策规定的期限（自决定之日次日起15日，届满日为2025年10月9日）"
    )


def test_a_referral_to_no_stated_authority():
    """A judicial referral without an authority says it is not stated (未写明)."""
    notice = attrs.evolve(EX[NoticeKind.JUDICIAL_REFERRAL], to_party=None)
    decision = check_notice(notice, as_of=dt.date(2025, 12, 1), policy=FEICHENG, calendar=CAL)
    found = next(f for f in decision.findings if f.code == "notice.judicial.authority")
    assert "(not stated)" in found.message
    assert "（未写明）" in found.message_zh


def test_a_school_report_numbered_by_the_bureau():
    """Only a pattern with the bureau's 代字 marks a school report's number as the bureau's."""
    notice = EX[NoticeKind.SCHOOL_REPORT]
    for policy, flagged in ((FEICHENG, True), (NATIONAL, False)):
        number = document_number(
            NoticeKind.SCHOOL_REPORT, year=2025, seq=1, policy=policy, on=notice.issued_on
        )
        codes = _codes(attrs.evolve(notice, number=number), as_of=notice.issued_on, policy=policy)
        assert ("notice.school_report.bureau_number" in codes) is flagged


def test_is_notice_in_order_passes_on_what_it_is_given():
    """is_notice_in_order reads the confirmation and report days it is given."""
    ret = EX[NoticeKind.RETURN]
    day = ret.issued_on + 5 * DAY
    common = {"as_of": day, "policy": FEICHENG, "calendar": CAL}
    assert is_notice_in_order(ret, **common)
    assert not is_notice_in_order(ret, confirmed_on=ret.issued_on - 60 * DAY, **common)
    enrolment = EX[NoticeKind.ENROLMENT]
    late = {**common, "as_of": enrolment.report_on + 5 * DAY}
    assert not is_notice_in_order(enrolment, **late)
    assert is_notice_in_order(enrolment, reported_on=enrolment.report_on, **late)
    assert is_notice_in_order(enrolment, reminders=[EX[NoticeKind.REMINDER]], **late)


#: 禁止使用童工规定 (国务院令第364号) 第二条, as published.
CHILD_LABOUR_ARTICLE_2 = (
    "第二条 国家机关、社会团体、企业事业单位、民办非企业单位或者个体工商户(以下统称用人单位)"
    "均不得招用不满16周岁的未成年人(招用不满16周岁的未成年人，以下统称使用童工)。"
)


def _labour(**changes):
    return attrs.evolve(EX[NoticeKind.LABOUR_REFERRAL], **changes)


@pytest.mark.parametrize("policy", [FEICHENG, NATIONAL], ids=lambda p: p.name)
def test_an_employment_on_the_birth_day_is_child_labour(policy):
    """Employed on the birth day itself: a child of 0 is under 16, child labour, no date error."""
    # 第二条 forbids 招用不满16周岁的未成年人: a child employed on the day of birth is
    # under 16 (age 0), so the referral stands; only an employment dated before the
    # birth is wrong (notice.labour.dates).
    assert "不得招用不满16周岁的未成年人" in CHILD_LABOUR_ARTICLE_2
    born = EX[NoticeKind.LABOUR_REFERRAL].child_birth_date
    on_birth = check_notice(
        _labour(employed_since=born), as_of=dt.date(2025, 12, 1), policy=policy, calendar=CAL
    )
    assert on_birth.ok
    assert not {"notice.labour.dates", "notice.labour.not_a_child"} & set(on_birth.codes())
    before = _codes(_labour(employed_since=born - DAY), as_of=dt.date(2025, 12, 1), policy=policy)
    assert "notice.labour.dates" in before


@pytest.mark.parametrize("policy", [FEICHENG, NATIONAL], ids=lambda p: p.name)
def test_an_employment_before_the_profile_is_judged_by_the_2002_regulation(policy):
    """An employment of 2018, before FEICHENG starts, is judged by 第二条 (from 2002-12-01)."""
    assert policy.child_labour_age.at(dt.date(2002, 12, 1)).basis == ("禁止使用童工规定 第二条",)
    child = _labour(employed_since=dt.date(2018, 5, 1))  # born 2010: 8 years old
    codes = _codes(child, as_of=dt.date(2025, 12, 1), policy=policy)
    assert "notice.labour.not_a_child" not in codes
    adult = _labour(child_birth_date=dt.date(2000, 1, 1), employed_since=dt.date(2018, 5, 1))
    decision = check_notice(adult, as_of=dt.date(2025, 12, 1), policy=policy, calendar=CAL)
    (found,) = [f for f in decision.findings if f.code == "notice.labour.not_a_child"]
    assert found.message_zh.startswith("受雇时已满18周岁，不属于童工")
    assert "禁止使用童工规定 第二条" in found.basis


def test_an_employment_before_any_child_labour_age_is_a_finding():
    """Employed the day before 第二条 was in force: a warning that age is not judged, no error."""
    notice = _labour(child_birth_date=dt.date(1995, 1, 1), employed_since=dt.date(2002, 11, 30))
    decision = check_notice(notice, as_of=dt.date(2025, 12, 1), policy=FEICHENG, calendar=CAL)
    assert decision.ok
    (found,) = [f for f in decision.findings if f.code == "notice.labour.age_not_in_force"]
    assert (found.path, found.severity.value, found.basis) == (
        "$.employed_since",
        "warning",
        ("禁止使用童工规定 第二条",),
    )
    assert found.message == (
        "the policy has no child-labour age in force on 2002-11-30, when the employment "
        "began (its first value applies from 2002-12-01): whether the child was a child "
        "labourer then is not judged"
    )
    assert found.message_zh == (
        "受雇之日（2002年11月30日）本配置尚无生效的童工年龄（最早自2002年12月1日起适用），"
        "未判断受雇时是否属于童工"
    )
    on_the_day = _labour(child_birth_date=dt.date(1995, 1, 1), employed_since=dt.date(2002, 12, 1))
    assert "notice.labour.age_not_in_force" not in _codes(on_the_day, as_of=dt.date(2025, 12, 1))
