import datetime as dt

import pytest

import kongchuo
from kongchuo import ChinaCalendar
from kongchuo.cases import Recorder, Verified, draft_notice
from kongchuo.demo import sample_case
from kongchuo.notices import (
    CorrectionOrder,
    JudicialReferral,
    NoticeKind,
    ReturnNotice,
    SchoolReport,
    check_notice,
    render_text,
)
from kongchuo.policy import FEICHENG, Party

UNITS = {
    Party.EDUCATION_BUREAU: "肥城市教育和体育局",
    Party.TOWN_GOVERNMENT: "肥城市王瓜店街道办事处",
    Party.VILLAGE_COMMITTEE: "王瓜店街道东村村民委员会",
}


def _draft(kind, **fields):
    case, child, school = sample_case()
    return draft_notice(
        kind,
        case=case,
        child=child,
        school=school,
        policy=FEICHENG,
        seq=fields.pop("seq", 1),
        units=fields.pop("units", UNITS),
        calendar=ChinaCalendar(),
        **fields,
    )


def test_recorder_makes_aware_times_in_china_standard_time():
    """A naive time is read as 北京时间; an aware one is converted to it."""
    rec = Recorder(by="李老师")
    utc = dt.datetime(2025, 9, 16, 10, tzinfo=dt.UTC)
    fields = rec.at(utc)
    assert fields["recorded_at"].utcoffset() == dt.timedelta(hours=8)
    assert fields["recorded_at"].hour == 18
    assert fields["occurred_on"] == dt.date(2025, 9, 16)
    event = Verified(**rec.on(dt.date(2025, 9, 15)), confirmed=True, finding="确认")
    assert event.recorded_at.date() == event.occurred_on


def test_recorder_rejects_a_date_for_a_time():
    """`Recorder.at` names the argument when given a date instead of a datetime."""
    with pytest.raises(kongchuo.ValidationError, match=r"\[type\]"):
        Recorder(by="李老师").at(dt.date(2025, 9, 1))  # type: ignore[arg-type]


def test_correction_order_drafted_from_the_case_is_in_order():
    """A drafted correction order has the policy's 文号, deadline and basis, and is in order."""
    order = _draft(
        NoticeKind.CORRECTION_ORDER,
        issued_on=dt.date(2025, 9, 22),
        seq=2,
        facts="自2025年9月1日起无正当理由未到校上课。",
    )
    assert isinstance(order, CorrectionOrder)
    assert order.number == "肥教责〔2025〕2号"
    assert order.deadline == dt.date(2025, 10, 9)
    assert order.guardians == ("李强", "王芳")
    assert order.issuers[0].party is Party.EDUCATION_BUREAU
    decision = check_notice(
        order, as_of=dt.date(2025, 9, 22), policy=FEICHENG, calendar=ChinaCalendar()
    )
    assert "notice.basis.missing" not in decision.codes()
    assert "李明" in render_text(order)


def test_return_notice_issuers_follow_the_policy():
    """A return notice is issued jointly by the parties the policy names, out since opening."""
    notice = _draft(
        NoticeKind.RETURN, issued_on=dt.date(2025, 9, 4), return_by=dt.date(2025, 9, 12)
    )
    assert isinstance(notice, ReturnNotice)
    parties = FEICHENG.return_notice_issuers.value_at(dt.date(2025, 9, 4))
    assert tuple(i.party for i in notice.issuers) == parties
    assert notice.out_since == dt.date(2025, 9, 1)


def test_school_report_counts_attempts_from_the_log():
    """The school's report is from the school, to the bureau, counting the attempts logged."""
    report = _draft(
        NoticeKind.SCHOOL_REPORT, issued_on=dt.date(2025, 9, 19), summary="三次家访未果"
    )
    assert isinstance(report, SchoolReport)
    assert report.attempts == 3
    assert report.addressee == "肥城市教育和体育局"
    assert report.issuers[0].name == "肥城市王瓜店中学"


def test_drafted_school_report_carries_the_schools_own_number():
    """A drafted school report carries the school's own number and passes check_notice."""
    # 党政机关公文处理工作条例 第九条（三）: "发文字号。由发文机关代字、年份、发文顺序号
    # 组成。" The 代字 is the issuing organ's, and the school, not the bureau, issues
    # its report (未成年人保护法 第二十八条第二款).
    report = _draft(
        NoticeKind.SCHOOL_REPORT,
        issued_on=dt.date(2025, 9, 19),
        seq=4,
        summary="三次家访未果",
    )
    assert report.number == "3709830031〔2025〕4号"
    decision = check_notice(
        report, as_of=dt.date(2025, 9, 19), policy=FEICHENG, calendar=ChinaCalendar()
    )
    codes = decision.codes()
    assert "notice.school_report.bureau_number" not in codes
    assert "notice.number.scheme" not in codes
    assert "notice.number.year" not in codes


def test_judicial_referral_names_the_order_from_the_log():
    """A judicial referral takes the last correction order's number and deadline from the log."""
    referral = _draft(
        NoticeKind.JUDICIAL_REFERRAL,
        issued_on=dt.date(2025, 10, 13),
        addressee="肥城市司法局",
        facts="期满仍未返校",
        requested="发出督促监护令",
    )
    assert isinstance(referral, JudicialReferral)
    assert (referral.order_number, referral.order_deadline) == (
        "肥教责〔2025〕2号",
        dt.date(2025, 10, 9),
    )


def test_any_field_can_be_overridden():
    """Every drafted field yields to an override of the same name."""
    order = _draft(
        NoticeKind.CORRECTION_ORDER,
        issued_on=dt.date(2025, 9, 22),
        facts="事实",
        number="肥教责〔2025〕99号",
        guardians=("李强",),
        deadline=dt.date(2025, 10, 20),
    )
    assert (order.number, order.guardians, order.deadline) == (
        "肥教责〔2025〕99号",
        ("李强",),
        dt.date(2025, 10, 20),
    )


def test_an_unnamed_issuer_is_reported():
    """Without the bureau's name in `units`, the draft names the missing party."""
    with pytest.raises(kongchuo.ValidationError, match=r"notice\.issuer\.unnamed"):
        _draft(NoticeKind.CORRECTION_ORDER, issued_on=dt.date(2025, 9, 22), facts="x", units={})


def test_what_only_a_person_writes_is_reported_missing():
    """A field only a person can write (the facts) is reported by the notice's own check."""
    with pytest.raises(kongchuo.ValidationError, match=r"\$\.facts.*\[missing\]"):
        _draft(NoticeKind.CORRECTION_ORDER, issued_on=dt.date(2025, 9, 22))


def test_letters_are_not_drafted_from_a_case():
    """Notices that name no case child are refused with a code."""
    with pytest.raises(kongchuo.ValidationError, match=r"notice\.draft\.kind"):
        _draft(NoticeKind.LETTER_TO_PARENTS, issued_on=dt.date(2025, 9, 22))


def test_wrong_argument_types_are_named():
    """A child that is not a Child is named by its argument."""
    case, _child, school = sample_case()
    with pytest.raises(kongchuo.ValidationError, match=r"\[type\]"):
        draft_notice(
            NoticeKind.RETURN,
            case=case,
            child="李明",  # type: ignore[arg-type]
            school=school,
            policy=FEICHENG,
            issued_on=dt.date(2025, 9, 4),
            seq=1,
        )
