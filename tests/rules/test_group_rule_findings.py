"""Every finding of the special-group rules, pinned over the cases of their definitions.

Two parents are varied one at a time over every guardian status, with the status
starting before, on or after the day of the check and ending before, on or after
it, with terms and times out of contact just under, at and over the policy's
months; working away with or without a carer; one parent or none recorded; a rural,
non-rural or unrecorded household register; ages either side of 16 and 18. Each
child is checked by :func:`~kongchuo.check_de_facto_unsupported` and
:func:`~kongchuo.check_rural_left_behind` under both profiles, and the decisions are
written out whole (outcome; per finding its code, path, severity, both messages and
basis) and compared with ``tests/golden/findings/groups.txt``
(``KONGCHUO_UPDATE_GOLDEN=1`` rewrites it after a deliberate change).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from kongchuo import (
    Carer,
    Child,
    Guardian,
    GuardianRelationship,
    GuardianStatus,
    Sex,
    add_months,
    check_de_facto_unsupported,
    check_rural_left_behind,
)
from kongchuo.policy import FEICHENG, NATIONAL

AS_OF = dt.date(2025, 9, 1)
DAY = dt.timedelta(days=1)
FATHER, MOTHER = GuardianRelationship.FATHER, GuardianRelationship.MOTHER
NAMES = {FATHER: "张强", MOTHER: "李梅", GuardianRelationship.GRANDPARENT: "张奶奶"}


def _parent(relationship: GuardianRelationship, **fields: Any) -> Guardian:
    return Guardian(relationship=relationship, name=NAMES[relationship], **fields)


def _parent_variants(relationship: GuardianRelationship) -> Iterator[tuple[str, Guardian]]:
    """A parent in every state the definitions tell apart."""
    carer = Carer(name="张奶奶", relationship=GuardianRelationship.GRANDPARENT)
    yield "active", _parent(relationship)
    yield "away", _parent(relationship, working_away=True)
    yield "away with carer", _parent(relationship, working_away=True, carer=carer)
    edges = {
        "none": None,
        "-7m": add_months(AS_OF, -7),
        "-6m": add_months(AS_OF, -6),
        "-6m+1d": add_months(AS_OF, -6) + DAY,
        "+1d": AS_OF + DAY,
    }
    ends = {"none": None, "-1d": AS_OF - DAY, "today": AS_OF}
    for status in GuardianStatus:
        if status is GuardianStatus.ACTIVE:
            continue
        for since_label, since in edges.items():
            for until_label, until in ends.items():
                if since is not None and until is not None and until < since:
                    continue
                label = f"{status.value} since {since_label} until {until_label}"
                yield (
                    label,
                    _parent(relationship, status=status, status_since=since, status_until=until),
                )
        if status in (GuardianStatus.IMPRISONED, GuardianStatus.COMPULSORY_REHAB):
            start = AS_OF - 30 * DAY
            for months, extra in ((5, 0), (6, -1), (6, 0), (7, 0)):
                until = add_months(start, months) + extra * DAY
                label = f"{status.value} term {months}m{extra:+d}d"
                yield (
                    label,
                    _parent(relationship, status=status, status_since=start, status_until=until),
                )


def _child(
    guardians: list[Guardian], *, rural: bool | None = True, birth: dt.date | None = None
) -> Child:
    return Child(
        name="张小明",
        sex=Sex.MALE,
        birth_date=birth or dt.date(2015, 9, 1),
        household_region="370983",
        residence_region="370983",
        rural_household=rural,
        jurisdiction="370983003",
        retain_until=dt.date(2034, 8, 31),
        guardians=guardians,
    )


def _children() -> Iterator[tuple[str, Child]]:
    father = _parent(FATHER)
    mother_away = _parent(MOTHER, working_away=True)
    mother_dead = _parent(MOTHER, status=GuardianStatus.DECEASED)
    for label, varied in _parent_variants(FATHER):
        yield f"father {label}, mother active", _child([varied, _parent(MOTHER)])
        yield f"father {label}, mother deceased", _child([varied, mother_dead])
        yield f"father {label} alone", _child([varied])
    grandparent = _parent(GuardianRelationship.GRANDPARENT, working_away=True)
    yield "grandparent only", _child([grandparent])
    yield "nobody recorded", _child([])
    both_away = [_parent(FATHER, working_away=True), mother_away]
    yield "father active, mother away", _child([father, mother_away])
    yield "both away, default policy", _child(both_away)
    for rural in (None, False):
        yield f"both away, rural={rural}", _child(both_away, rural=rural)
    for years, days in ((16, 0), (16, 1), (18, 0), (18, 1)):
        birth = AS_OF.replace(year=AS_OF.year - years) - days * DAY
        yield f"both away, born {years}y{days:+d}d before", _child(both_away, birth=birth)
    yield "father first, grandparent between", _child([father, grandparent, mother_dead])


def _report(golden: Any) -> str:
    out: list[str] = []
    checks = (check_de_facto_unsupported, check_rural_left_behind)
    for label, child in _children():
        for policy in (NATIONAL, FEICHENG):
            out.append(f"## {label} {policy.name}")
            for check in checks:
                out.extend(golden.decision(check(child, as_of=AS_OF, policy=policy), rule=True))
        if label.endswith("default policy"):
            out.append(f"## {label}")
            for check in checks:
                out.extend(golden.decision(check(child, as_of=AS_OF), rule=True))
    return "\n".join(out) + "\n"


def test_findings_match_the_golden_file(golden):
    """Every child's decisions read exactly as in the golden file."""
    golden("findings/groups.txt", _report(golden))


def test_the_children_reach_every_outcome(golden):
    """Every outcome of both rules appears among the children."""
    text = golden.read("findings/groups.txt")
    for outcome in ("orphan", "qualifies", "not_qualified", "insufficient_facts", "adult"):
        assert f"de_facto_unsupported {outcome} " in text
    for outcome in ("left_behind", "not_left_behind", "not_rural", "too_old", "insufficient_facts"):
        assert f"rural_left_behind {outcome} " in text
