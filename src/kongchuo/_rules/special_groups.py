"""Rules over special groups: 事实无人抚养儿童 and 农村留守儿童 (特殊群体认定规则).

Both definitions read the guardians' facts recorded on a :class:`kongchuo.Child`
and return a :class:`kongchuo.Decision` with every finding and its basis. They
never raise for a "no". This module is part of the rules layer of the design (docs/design.md).

困境儿童 and 重点困境儿童 have no rule function, on purpose:

* 困境儿童 (国发〔2016〕36号) names three kinds — children in difficulty with living,
  medical care or schooling because of family poverty; children with difficulty in
  rehabilitation, care or social inclusion because of their own disability; and
  children whose safety is threatened or harmed by absent or improper guardianship
  (abuse, abandonment, injury). Each is a judgement about consequences that 民政
  makes from facts the models do not record (whether poverty causes a difficulty,
  what a disability demands, abuse or abandonment). A rule would guess; the group
  is taken as 民政 reports it (:class:`kongchuo.GroupMembership`).
* 重点困境儿童 has no national definition (docs/law.md: a local category,
  FC-1.1); there is nothing national to encode, and a county's definition is the
  county's to supply as a membership.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from kongchuo._core.args import require_date, require_instance
from kongchuo._core.decision import Decision, Finding, Severity, finding
from kongchuo._models.children import Child, Guardian, GuardianStatus
from kongchuo._time.age import age_on
from kongchuo._time.periods import add_months
from kongchuo.policy import Policy
from kongchuo.policy._policy import own_basis, require_policy

__all__ = [
    "check_de_facto_unsupported",
    "check_rural_left_behind",
    "is_de_facto_unsupported",
    "is_rural_left_behind",
]

_DE_FACTO_BASIS: Final = ("民发〔2019〕62号", "民发〔2020〕125号", "FC-1.1", "FC-1.5")
_LEFT_BEHIND_BASIS: Final = ("国发〔2016〕13号", "未成年人保护法 第二十二条", "FC-1.1", "FC-1.5")


def _national() -> Policy:
    """:data:`kongchuo.policy.NATIONAL`, the default policy, loaded on first use."""
    from kongchuo.policy._profiles import NATIONAL  # noqa: PLC0415 - not at import

    return NATIONAL


_ABSENT: Final = frozenset({GuardianStatus.DECEASED, GuardianStatus.MISSING})
_TERM: Final = frozenset(
    {GuardianStatus.IMPRISONED, GuardianStatus.COMPULSORY_REHAB, GuardianStatus.OTHER_RESTRICTED}
)
_AT_ONCE: Final = frozenset(
    {
        GuardianStatus.SEVERELY_DISABLED,
        GuardianStatus.SERIOUSLY_ILL,
        GuardianStatus.GUARDIANSHIP_REVOKED,
        GuardianStatus.DEPORTED,
    }
)


def _check_args(child: object, as_of: object) -> None:
    require_instance(child, Child, "$.child", name_zh="儿童")
    require_date(as_of, "$.as_of")


def _parent_state(  # noqa: PLR0911 - one return per case of the definition
    guardian: Guardian, as_of: dt.date, *, term_months: int, uncontactable_months: int
) -> tuple[str, str, str]:
    """``(state, en, zh)`` where state is absent, qualifying, unmet or unknown.

    Each condition counts only while it is in effect on ``as_of``: not before its
    ``status_since`` nor after its ``status_until`` (a prison term that ended no
    longer qualifies). Death and a declaration of disappearance do not end.
    """
    status = guardian.status
    since, until = guardian.status_since, guardian.status_until
    if status is GuardianStatus.ACTIVE:
        return "unmet", "acts as guardian", "正常履行监护职责"
    if since is not None and as_of < since:
        return (
            "unmet",
            f"{status.value} only from {since.isoformat()}",
            f"{since.isoformat()}起{status.label_zh}，核查日尚未发生",
        )
    if status in _ABSENT:
        return "absent", f"{status.value}", status.label_zh
    if until is not None and as_of > until:
        return (
            "unmet",
            f"{status.value} ended on {until.isoformat()}",
            f"{status.label_zh}已于{until.isoformat()}结束",
        )
    if status in _AT_ONCE:
        return "qualifying", status.value, status.label_zh
    if status in _TERM:
        return _term_state(status, since, until, term_months)
    return _uncontactable_state(since, as_of, uncontactable_months)


def _term_state(
    status: GuardianStatus, since: dt.date | None, until: dt.date | None, months: int
) -> tuple[str, str, str]:
    """服刑在押, 强制隔离戒毒, other restriction of liberty: a term of ``months`` or more."""
    if since is None or until is None:
        return (
            "unknown",
            f"{status.value}, but the length of the term is not recorded",
            f"{status.label_zh}，但未记录期限",
        )
    if until >= add_months(since, months):
        return (
            "qualifying",
            f"{status.value} for a term of {months} months or more, in effect",
            f"{status.label_zh}期限{months}个月以上，核查日仍在执行",
        )
    return (
        "unmet",
        f"{status.value} for a term of less than {months} months",
        f"{status.label_zh}期限不足{months}个月",
    )


def _uncontactable_state(
    since: dt.date | None, as_of: dt.date, months: int
) -> tuple[str, str, str]:
    """失联: out of contact for ``months`` or more by ``as_of``."""
    if since is None:
        return "unknown", "uncontactable since an unrecorded date", "失联，但未记录起始日期"
    if as_of >= add_months(since, months):
        return (
            "qualifying",
            f"uncontactable for {months} months or more",
            f"失联{months}个月以上",
        )
    return "unmet", f"uncontactable for less than {months} months", f"失联不足{months}个月"


def check_de_facto_unsupported(
    child: Child, *, as_of: dt.date, policy: Policy | None = None
) -> Decision:
    """Whether a child is de facto without carers (事实无人抚养儿童) on ``as_of``.

    A child under 18 qualifies when both parents are each severely disabled, seriously
    ill, imprisoned, in compulsory drug rehabilitation or under another restriction
    of liberty for a term of ``de_facto_restriction_months`` (6) or more,
    uncontactable for ``de_facto_uncontactable_months`` (6) or more, stripped of
    guardianship or deported; or when one parent is dead or declared missing and the
    other is in one of those situations. Each condition counts only while it is in
    effect on ``as_of``: from its ``status_since``, and not after its
    ``status_until`` (a parent whose prison term ended no longer qualifies the
    child). Parents are the guardians whose relationship is father or mother. Two
    dead parents make an orphan, not this group.

    The durations are dated, cited policy parameters; ``policy`` defaults to
    :data:`kongchuo.policy.NATIONAL`.

    Raises:
        ValidationError: For a child, day or policy of the wrong type.
        kongchuo.policy.ParameterNotInForceError: For a day before the policy's
            reading of 62号 applies (18 June 2019 in the shipped profiles).

    Outcomes: ``qualifies``, ``not_qualified``, ``orphan``, ``adult`` and
    ``insufficient_facts`` (a parent is not recorded, or a term's length or the start
    of 失联 is missing).

    Example:
        The demo child (:func:`kongchuo.demo.sample_child`), with a father in prison
        and a mother out of contact:

        >>> import datetime as dt
        >>> import attrs
        >>> from kongchuo import Guardian, GuardianRelationship, GuardianStatus
        >>> from kongchuo import check_de_facto_unsupported
        >>> from kongchuo.demo import sample_child
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
        >>> child = attrs.evolve(sample_child(), guardians=[father, mother])
        >>> d = check_de_facto_unsupported(child, as_of=dt.date(2024, 9, 1))
        >>> d.ok, d.outcome, d.basis[0]
        (True, 'qualifies', '民发〔2019〕62号')
        >>> check_de_facto_unsupported(child, as_of=dt.date(2028, 1, 2)).outcome
        'not_qualified'

    References:
        民发〔2019〕62号 (民政部等十二部门《关于进一步加强事实无人抚养儿童保障工作的意见》:
        服刑在押、强制隔离戒毒或被执行其他限制人身自由的措施 期限在6个月以上; 失联 失去
        联系且未履行监护抚养责任6个月以上); 民发〔2020〕125号 (撤销监护资格, 遣送出境);
        FC-1.1, FC-1.5.

    Limitations:
        重残 and 重病 are taken as recorded: the rule does not re-grade a disability.
        Later local rules (撤销监护资格, 遣送出境) are included. Where facts are missing
        it says ``insufficient_facts`` rather than guess either way.
    """
    _check_args(child, as_of)
    policy = _national() if policy is None else require_policy(policy)
    basis = own_basis(policy, as_of, _DE_FACTO_BASIS)
    term_months = policy.de_facto_restriction_months.value_at(as_of)
    uncontactable_months = policy.de_facto_uncontactable_months.value_at(as_of)
    if age_on(child.birth_date, as_of) >= 18:
        return Decision(
            rule="de_facto_unsupported",
            ok=False,
            outcome="adult",
            findings=(
                finding(
                    "de_facto.adult",
                    "the child is 18 or older",
                    "已年满十八周岁",
                    "$.birth_date",
                    basis=basis[:1],
                ),
            ),
            basis=basis,
        )
    findings: list[Finding] = []
    states: list[str] = []
    for i, guardian in enumerate(child.guardians):
        if not guardian.relationship.is_parent:
            continue
        state, en, zh = _parent_state(
            guardian, as_of, term_months=term_months, uncontactable_months=uncontactable_months
        )
        states.append(state)
        findings.append(
            finding(
                f"de_facto.parent.{state}",
                f"{guardian.relationship.value}: {en}",
                f"{guardian.relationship.label_zh}：{zh}",
                f"$.guardians[{i}].status",
                severity=Severity.WARNING if state == "unknown" else Severity.INFO,
                basis=basis[:1],
            )
        )
    if states.count("absent") >= 2:
        outcome = "orphan"
    elif len(states) < 2:
        findings.append(
            finding(
                "de_facto.parent.not_recorded",
                "both parents must be recorded among the guardians to decide",
                "须在监护人中登记父母双方的情况才能认定",
                "$.guardians",
                severity=Severity.WARNING,
                basis=basis[:1],
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
        basis=basis,
    )


def is_de_facto_unsupported(child: Child, *, as_of: dt.date, policy: Policy | None = None) -> bool:
    """Whether :func:`check_de_facto_unsupported` says ``qualifies``.

    Example:
        The demo child lives with both parents:

        >>> import datetime as dt
        >>> from kongchuo import is_de_facto_unsupported
        >>> from kongchuo.demo import sample_child
        >>> is_de_facto_unsupported(sample_child(), as_of=dt.date(2024, 9, 1))
        False
    """
    return check_de_facto_unsupported(child, as_of=as_of, policy=policy).ok


def check_rural_left_behind(  # noqa: C901 - the definition has that many cases
    child: Child, *, as_of: dt.date, policy: Policy | None = None
) -> Decision:
    """Whether a child is a rural left-behind child (农村留守儿童) on ``as_of``.

    A child under the policy's ``left_behind_age_limit`` (16, 国发〔2016〕13号;
    ``policy`` defaults to :data:`kongchuo.policy.NATIONAL`) with a rural household
    register is left behind when both
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
    policy = _national() if policy is None else require_policy(policy)
    basis = own_basis(policy, as_of, _LEFT_BEHIND_BASIS)
    if age_on(child.birth_date, as_of) >= policy.left_behind_age_limit.value_at(as_of):
        return Decision(rule="rural_left_behind", ok=False, outcome="too_old", basis=basis)
    if child.rural_household is None:
        found = finding(
            "left_behind.household.unknown",
            "whether the household register is rural is not recorded",
            "未登记户籍性质（是否农村户籍）",
            "$.rural_household",
            severity=Severity.WARNING,
            basis=basis[:1],
        )
        return Decision(
            rule="rural_left_behind",
            ok=False,
            outcome="insufficient_facts",
            findings=(found,),
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
                    finding(
                        "left_behind.carer.missing",
                        f"{guardian.relationship.value} works away without "
                        "entrusting the child to a carer",
                        f"{guardian.relationship.label_zh}外出务工但未委托照护人",
                        f"$.guardians[{i}].carer",
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
            finding(
                "left_behind.parent.not_recorded",
                "both parents must be recorded among the guardians to decide",
                "须在监护人中登记父母双方的情况才能认定",
                "$.guardians",
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


def is_rural_left_behind(child: Child, *, as_of: dt.date, policy: Policy | None = None) -> bool:
    """Whether :func:`check_rural_left_behind` says ``left_behind``."""
    return check_rural_left_behind(child, as_of=as_of, policy=policy).ok
