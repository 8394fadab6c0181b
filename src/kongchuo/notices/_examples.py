"""One worked example of every kind of notice, in the FEICHENG profile (文书示例).

The examples follow one fictional autumn in 肥城市: a child due to start school who
does not report, and a lower-secondary student who drops out and whose case goes up
the ladder. The docs and the golden-file tests render them; all names and numbers
are invented, and the ID numbers are valid in form only.

This module is part of the edges layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from kongchuo._identity.numbers import ResidentId
from kongchuo.notices import _models as m
from kongchuo.policy import Party

__all__ = ["examples"]

_BUREAU: Final = m.Issuer(name="肥城市教育和体育局", party=Party.EDUCATION_BUREAU)
_STREET: Final = m.Issuer(name="肥城市王瓜店街道办事处", party=Party.TOWN_GOVERNMENT)
_VILLAGE: Final = m.Issuer(name="王瓜店街道东村村民委员会", party=Party.VILLAGE_COMMITTEE)
_PRIMARY: Final = "肥城市王瓜店街道中心小学"
_MIDDLE: Final = "肥城市王瓜店中学"
_LI_GUARDIANS: Final = ("李强", "王芳")


def _build() -> dict[m.NoticeKind, m.Notice]:
    young = ResidentId.parse("370983201906150035")
    student = ResidentId.parse("370983201206150034")
    enrolment = m.EnrolmentNotice(
        number="肥教入〔2025〕1号",
        issued_on=dt.date(2025, 8, 15),
        issuers=(_BUREAU,),
        service=m.Service(
            method=m.ServiceMethod.ENTRUSTED,
            served_on=dt.date(2025, 8, 18),
            recipient="张强",
            note="由东村村民委员会转交",
        ),
        child_name="张小明",
        child_id=young,
        guardians=("张强", "刘梅"),
        school_name=_PRIMARY,
        report_on=dt.date(2025, 8, 28),
        report_place="学校教务处",
    )
    reminder = m.Reminder(
        number="肥教催〔2025〕3号",
        issued_on=dt.date(2025, 9, 2),
        issuers=(_BUREAU, m.Issuer(name=_PRIMARY, party=Party.SCHOOL)),
        service=m.Service(
            method=m.ServiceMethod.IN_PERSON, served_on=dt.date(2025, 9, 3), recipient="张强"
        ),
        child_name="张小明",
        child_id=young,
        guardians=("张强", "刘梅"),
        school_name=_PRIMARY,
        due_on=dt.date(2025, 8, 28),
        report_by=dt.date(2025, 9, 9),
        reason="随父母在外地居住，家长称已在当地学校报名，尚未提供就读证明",
    )
    return_notice = m.ReturnNotice(
        number="肥教复〔2025〕12号",
        issued_on=dt.date(2025, 9, 10),
        issuers=(_BUREAU, _STREET, _VILLAGE),
        service=m.Service(
            method=m.ServiceMethod.IN_PERSON, served_on=dt.date(2025, 9, 11), recipient="王芳"
        ),
        child_name="李明",
        child_id=student,
        guardians=_LI_GUARDIANS,
        school_name=_MIDDLE,
        out_since=dt.date(2025, 9, 1),
        return_by=dt.date(2025, 9, 19),
    )
    report = m.SchoolReport(
        number="王中报〔2025〕5号",
        issued_on=dt.date(2025, 9, 19),
        issuers=(m.Issuer(name=_MIDDLE, party=Party.SCHOOL),),
        addressee="肥城市教育和体育局",
        child_name="李明",
        child_id=student,
        school_name=_MIDDLE,
        absent_since=dt.date(2025, 9, 1),
        attempts=3,
        summary=("校长、班主任三次家访，监护人称孩子不愿上学、家中需要劳力，拒绝送其返校。"),
    )
    order = m.CorrectionOrder(
        number="肥教责〔2025〕2号",
        issued_on=dt.date(2025, 9, 22),
        issuers=(_BUREAU, _STREET),
        service=m.Service(
            method=m.ServiceMethod.LEFT_AT_RESIDENCE,
            served_on=dt.date(2025, 9, 23),
            recipient="李强",
            note="李强拒绝签收，由村委会主任见证留置",
        ),
        child_name="李明",
        child_id=student,
        guardians=_LI_GUARDIANS,
        school_name=_MIDDLE,
        facts=(
            "你们的子女李明系肥城市王瓜店中学七年级学生，自2025年9月1日起无正当理由"
            "未到校上课，学校和街道先后三次上门劝返，你们仍未送其返校。"
        ),
        deadline=dt.date(2025, 10, 9),
        legal_basis=(
            "《中华人民共和国义务教育法》第五十八条",
            "《中华人民共和国未成年人保护法》第八十三条",
        ),
        consequences=(
            "逾期不改正的，将提请司法部门依法发出司法文书，督促你们履行送子女接受义务教育"
            "的法定义务；情节严重的，依法追究法律责任。"
        ),
        appeal_rights=(
            "如不服本决定，可以自收到本决定书之日起60日内向肥城市人民政府申请行政复议，"
            "或者6个月内依法向肥城市人民法院提起行政诉讼。"
        ),
    )
    judicial = m.JudicialReferral(
        number="肥教函〔2025〕8号",
        issued_on=dt.date(2025, 10, 13),
        issuers=(_BUREAU, _STREET),
        addressee="肥城市人民法院",
        to_party=Party.COURT,
        child_name="李明",
        child_id=student,
        guardians=_LI_GUARDIANS,
        order_number="肥教责〔2025〕2号",
        order_deadline=dt.date(2025, 10, 9),
        facts="期满后经再次家访，监护人仍拒绝送子女返校。",
        requested="向监护人发出督促其履行送子女接受义务教育职责的司法文书",
    )
    letter = m.LetterToParents(
        number="肥教信〔2025〕1号",
        issued_on=dt.date(2025, 8, 10),
        issuers=(_BUREAU,),
        school_year=2025,
        contact="肥城市教育和体育局基础教育科 0538-3210000",
    )
    labour = m.LabourReferral(
        number="肥教移〔2025〕1号",
        issued_on=dt.date(2025, 10, 20),
        issuers=(_BUREAU,),
        addressee="肥城市人力资源和社会保障局",
        to_party=Party.HUMAN_RESOURCES,
        employer=m.Organisation(
            name="肥城市某某汽车修理厂",
            uscc="91110000600037341L",
            address="肥城市新城街道某某路1号",
        ),
        child_name="赵小刚",
        child_id=ResidentId.parse("370983201003020010"),
        child_birth_date=dt.date(2010, 3, 2),
        employed_since=dt.date(2025, 7, 1),
        facts="该学生八年级辍学后在该厂做学徒，每日工作约十小时。",
    )
    training = m.TrainingReferral(
        number="肥教移〔2025〕2号",
        issued_on=dt.date(2025, 10, 20),
        issuers=(_STREET,),
        addressee="肥城市教育和体育局（校外培训主管部门）",
        to_party=Party.EDUCATION_BUREAU,
        institution=m.Organisation(name="某某文化艺术培训中心", address="肥城市老城街道某某小区"),
        facts=(
            "该机构在上课日白天招收适龄儿童全日制学习文化课，未经县级教育行政部门批准"
            "实施义务教育，致使多名学生不到校上课。"
        ),
    )
    found: list[m.Notice] = [
        enrolment,
        return_notice,
        reminder,
        report,
        order,
        judicial,
        letter,
        labour,
        training,
    ]
    return {n.kind: n for n in found}


@functools.cache
def examples() -> Mapping[m.NoticeKind, m.Notice]:
    """One example notice of every kind, in the FEICHENG profile, by kind.

    Example:
        >>> from kongchuo.notices import NoticeKind
        >>> e = examples()
        >>> len(e), e[NoticeKind.CORRECTION_ORDER].number
        (9, '肥教责〔2025〕2号')
    """
    # Built on first use, not at import: it runs every rule a notice is built with.
    return MappingProxyType(_build())
