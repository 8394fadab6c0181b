"""Rules over special groups: 事实无人抚养儿童 and 农村留守儿童 (特殊群体认定规则).

Both definitions read the guardians' facts recorded on a :class:`kongchuo.Child`
and return a :class:`kongchuo.Decision` with every finding and its basis. They
never raise for a "no". This module is part of the rules layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from kongchuo._age import age_on
from kongchuo._decision import Decision, Finding, Severity
from kongchuo._errors import ValidationError, type_name
from kongchuo._models._children import Child, Guardian, GuardianStatus
from kongchuo._periods import add_months

__all__ = [
    "check_de_facto_unsupported",
    "check_rural_left_behind",
    "is_de_facto_unsupported",
    "is_rural_left_behind",
]

_DE_FACTO_BASIS: Final = ("民发〔2019〕62号", "FC-1.1", "FC-1.5")
_LEFT_BEHIND_BASIS: Final = ("国发〔2016〕13号", "未成年人保护法 第二十二条", "FC-1.1", "FC-1.5")

_ABSENT: Final = frozenset({GuardianStatus.DECEASED, GuardianStatus.MISSING})
_TERM: Final = frozenset({GuardianStatus.IMPRISONED, GuardianStatus.COMPULSORY_REHAB})
_AT_ONCE: Final = frozenset(
    {
        GuardianStatus.SEVERELY_DISABLED,
        GuardianStatus.SERIOUSLY_ILL,
        GuardianStatus.OTHER_RESTRICTED,
        GuardianStatus.GUARDIANSHIP_REVOKED,
        GuardianStatus.DEPORTED,
    }
)


def _check_args(child: object, as_of: object) -> None:
    if not isinstance(child, Child):
        raise ValidationError(
            "rule.argument",
            f"child must be a Child, not {type_name(child)}",
            f"child 必须是 Child，而不是 {type_name(child)}",
            path="$.child",
        )
    if as_of.__class__ is not dt.date:
        raise ValidationError(
            "rule.argument",
            f"as_of must be a datetime.date, not {type_name(as_of)}",
            f"as_of 必须是 datetime.date，而不是 {type_name(as_of)}",
            path="$.as_of",
        )


def _parent_state(  # noqa: PLR0911 - one return per case of the definition
    guardian: Guardian, as_of: dt.date
) -> tuple[str, str, str]:
    """``(state, en, zh)`` where state is absent, qualifying, unmet or unknown."""
    status = guardian.status
    if status in _ABSENT:
        return "absent", f"{status.value}", status.label_zh
    if status in _AT_ONCE:
        return "qualifying", status.value, status.label_zh
    if status in _TERM:
        if guardian.status_since is None or guardian.status_until is None:
            return (
                "unknown",
                f"{status.value}, but the length of the term is not recorded",
                f"{status.label_zh}，但未记录期限",
            )
        if guardian.status_until >= add_months(guardian.status_since, 6):
            return (
                "qualifying",
                f"{status.value} for 6 months or more",
                f"{status.label_zh}六个月以上",
            )
        return "unmet", f"{status.value} for less than 6 months", f"{status.label_zh}不足六个月"
    if status is GuardianStatus.UNCONTACTABLE:
        if guardian.status_since is None:
            return "unknown", "uncontactable since an unrecorded date", "失联，但未记录起始日期"
        if as_of >= add_months(guardian.status_since, 6):
            return "qualifying", "uncontactable for 6 months or more", "失联六个月以上"
        return "unmet", "uncontactable for less than 6 months", "失联不足六个月"
    return "unmet", "acts as guardian", "正常履行监护职责"


def check_de_facto_unsupported(child: Child, *, as_of: dt.date) -> Decision:
    """Whether a child is de facto without carers (事实无人抚养儿童) on ``as_of``.

    A child under 18 qualifies when both parents are each severely disabled, seriously
    ill, imprisoned or in compulsory drug rehabilitation for 6 months or more, under
    another restriction of liberty, uncontactable for 6 months or more, stripped of
    guardianship or deported; or when one parent is dead or declared missing and the
    other is in one of those situations. Parents are the guardians whose relationship
    is father or mother. Two dead parents make an orphan, not this group.

    Outcomes: ``qualifies``, ``not_qualified``, ``orphan``, ``adult`` and
    ``insufficient_facts`` (a parent is not recorded, or a term's length or the start
    of 失联 is missing).

    Example:
        >>> import datetime as dt
        >>> from kongchuo import ResidentId, Sex, Guardian, GuardianRelationship, GuardianStatus
        >>> father = Guardian(
        ...     relationship=GuardianRelationship.FATHER,
        ...     name="张强",
        ...     status=GuardianStatus.IMPRISONED,
        ...     status_since=dt.date(2023, 1, 1),
        ...     status_until=dt.date(2028, 1, 1),
        ... )
        >>> mother = Guardian(
        ...     relationship=GuardianRelationship.MOTHER,
        ...     name="李梅",
        ...     status=GuardianStatus.UNCONTACTABLE,
        ...     status_since=dt.date(2023, 5, 1),
        ... )
        >>> child = Child(
        ...     name="张小明",
        ...     sex=Sex.MALE,
        ...     birth_date=dt.date(2015, 9, 1),
        ...     household_region="370983",
        ...     residence_region="370983",
        ...     jurisdiction="370983003",
        ...     retain_until=dt.date(2034, 8, 31),
        ...     guardians=[father, mother],
        ... )
        >>> d = check_de_facto_unsupported(child, as_of=dt.date(2024, 9, 1))
        >>> d.ok, d.outcome, d.basis[0]
        (True, 'qualifies', '民发〔2019〕62号')

    References:
        民发〔2019〕62号 (民政部等十二部门《关于进一步加强事实无人抚养儿童保障工作的意见》);
        FC-1.1, FC-1.5.

    Limitations:
        重残 and 重病 are taken as recorded: the rule does not re-grade a disability.
        Later local rules (撤销监护资格, 遣送出境) are included. Where facts are missing
        it says ``insufficient_facts`` rather than guess either way.
    """
    _check_args(child, as_of)
    if age_on(child.birth_date, as_of) >= 18:
        return Decision(
            rule="de_facto_unsupported",
            ok=False,
            outcome="adult",
            findings=(
                Finding(
                    code="de_facto.adult",
                    message="the child is 18 or older",
                    message_zh="已年满十八周岁",
                    path="$.birth_date",
                    basis=_DE_FACTO_BASIS[:1],
                ),
            ),
            basis=_DE_FACTO_BASIS,
        )
    findings: list[Finding] = []
    states: list[str] = []
    for i, guardian in enumerate(child.guardians):
        if not guardian.relationship.is_parent:
            continue
        state, en, zh = _parent_state(guardian, as_of)
        states.append(state)
        findings.append(
            Finding(
                code=f"de_facto.parent.{state}",
                message=f"{guardian.relationship.value}: {en}",
                message_zh=f"{guardian.relationship.label_zh}：{zh}",
                path=f"$.guardians[{i}].status",
                severity=Severity.WARNING if state == "unknown" else Severity.INFO,
                basis=_DE_FACTO_BASIS[:1],
            )
        )
    if states.count("absent") >= 2:
        outcome = "orphan"
    elif len(states) < 2:
        findings.append(
            Finding(
                code="de_facto.parent.not_recorded",
                message="both parents must be recorded among the guardians to decide",
                message_zh="须在监护人中登记父母双方的情况才能认定",
                path="$.guardians",
                severity=Severity.WARNING,
                basis=_DE_FACTO_BASIS[:1],
            )
        )
        outcome = "not_qualified" if "unmet" in states else "insufficient_facts"
    elif "unmet" in states:
        outcome = "not_qualified"
    elif "unknown" in states:
        outcome = "insufficient_facts"
    elif "qualifying" in states:
        outcome = "qualifies"
    else:  # pragma: no cover - two parents are either absent, qualifying, unmet or unknown
        outcome = "not_qualified"
    return Decision(
        rule="de_facto_unsupported",
        ok=outcome == "qualifies",
        outcome=outcome,
        findings=tuple(findings),
        basis=_DE_FACTO_BASIS,
    )


def is_de_facto_unsupported(child: Child, *, as_of: dt.date) -> bool:
    """Whether :func:`check_de_facto_unsupported` says ``qualifies``.

    Example:
        >>> import datetime as dt
        >>> from kongchuo import Sex
        >>> child = Child(
        ...     name="张小明",
        ...     sex=Sex.MALE,
        ...     birth_date=dt.date(2015, 9, 1),
        ...     household_region="370983",
        ...     residence_region="370983",
        ...     jurisdiction="370983003",
        ...     retain_until=dt.date(2034, 8, 31),
        ... )
        >>> is_de_facto_unsupported(child, as_of=dt.date(2024, 9, 1))
        False
    """
    return check_de_facto_unsupported(child, as_of=as_of).ok


def check_rural_left_behind(  # noqa: C901 - the definition has that many cases
    child: Child, *, as_of: dt.date
) -> Decision:
    """Whether a child is a rural left-behind child (农村留守儿童) on ``as_of``.

    A child under 16 with a rural household register is left behind when both
    parents work away from home, or one works away and the other cannot act as
    guardian (any status other than active). A parent who works away without
    entrusting the child to a carer is reported as a warning (未成年人保护法 第二十二条).

    Outcomes: ``left_behind``, ``not_left_behind``, ``not_rural``, ``too_old`` and
    ``insufficient_facts`` (the kind of household register, or a parent, is not
    recorded).

    Example:
        >>> import datetime as dt
        >>> from kongchuo import Sex, Guardian, GuardianRelationship
        >>> parents = [
        ...     Guardian(relationship=r, name=n, working_away=True)
        ...     for r, n in [
        ...         (GuardianRelationship.FATHER, "张强"),
        ...         (GuardianRelationship.MOTHER, "李梅"),
        ...     ]
        ... ]
        >>> child = Child(
        ...     name="张小明",
        ...     sex=Sex.MALE,
        ...     birth_date=dt.date(2015, 9, 1),
        ...     household_region="370983",
        ...     residence_region="370983",
        ...     rural_household=True,
        ...     jurisdiction="370983003",
        ...     retain_until=dt.date(2034, 8, 31),
        ...     guardians=parents,
        ... )
        >>> d = check_rural_left_behind(child, as_of=dt.date(2024, 9, 1))
        >>> d.outcome, d.codes()
        ('left_behind', ('left_behind.carer.missing', 'left_behind.carer.missing'))

    References:
        国发〔2016〕13号 (国务院《关于加强农村留守儿童关爱保护工作的意见》);
        未成年人保护法 第二十二、二十三条; FC-1.1, FC-1.5.

    Limitations:
        "Works away" is the recorded ``working_away`` flag; the rule does not judge
        distance or duration. Where facts are missing it says ``insufficient_facts``.
    """
    _check_args(child, as_of)
    basis = _LEFT_BEHIND_BASIS
    if age_on(child.birth_date, as_of) >= 16:
        return Decision(rule="rural_left_behind", ok=False, outcome="too_old", basis=basis)
    if child.rural_household is None:
        finding = Finding(
            code="left_behind.household.unknown",
            message="whether the household register is rural is not recorded",
            message_zh="未登记户籍性质（是否农村户籍）",
            path="$.rural_household",
            severity=Severity.WARNING,
            basis=basis[:1],
        )
        return Decision(
            rule="rural_left_behind",
            ok=False,
            outcome="insufficient_facts",
            findings=(finding,),
            basis=basis,
        )
    if not child.rural_household:
        return Decision(rule="rural_left_behind", ok=False, outcome="not_rural", basis=basis)
    findings: list[Finding] = []
    away = 0
    unable = 0
    parents = 0
    for i, guardian in enumerate(child.guardians):
        if not guardian.relationship.is_parent:
            continue
        parents += 1
        if guardian.working_away:
            away += 1
            if guardian.carer is None:
                findings.append(
                    Finding(
                        code="left_behind.carer.missing",
                        message=f"{guardian.relationship.value} works away without "
                        "entrusting the child to a carer",
                        message_zh=f"{guardian.relationship.label_zh}外出务工但未委托照护人",
                        path=f"$.guardians[{i}].carer",
                        severity=Severity.WARNING,
                        basis=("未成年人保护法 第二十二条",),
                    )
                )
        elif guardian.status is not GuardianStatus.ACTIVE:
            unable += 1
    if away >= 2 or (away == 1 and unable >= 1):
        outcome = "left_behind"
    elif parents < 2 and away >= 1:
        outcome = "insufficient_facts"
        findings.append(
            Finding(
                code="left_behind.parent.not_recorded",
                message="both parents must be recorded among the guardians to decide",
                message_zh="须在监护人中登记父母双方的情况才能认定",
                path="$.guardians",
                severity=Severity.WARNING,
                basis=basis[:1],
            )
        )
    else:
        outcome = "not_left_behind"
    return Decision(
        rule="rural_left_behind",
        ok=outcome == "left_behind",
        outcome=outcome,
        findings=tuple(findings),
        basis=basis,
    )


def is_rural_left_behind(child: Child, *, as_of: dt.date) -> bool:
    """Whether :func:`check_rural_left_behind` says ``left_behind``."""
    return check_rural_left_behind(child, as_of=as_of).ok
