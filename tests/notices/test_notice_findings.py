"""Every finding check_notice gives, pinned over systematic variations of each kind.

Each worked notice is varied one field at a time (dates moved, parties and issuers
swapped, service changed, flags flipped, the 文号 of another year or kind), under
both profiles and on several days, and the decision for each variation is written
out whole: outcome, and per finding its code, path, severity, both messages and
basis. The text is compared with ``tests/golden/findings/notices.txt``
(``KONGCHUO_UPDATE_GOLDEN=1`` rewrites it after a deliberate change), so a changed
message, path, code, severity, citation or outcome shows up as a diff to review.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs

from kongchuo import ChinaCalendar, ValidationError
from kongchuo.notices import (
    Issuer,
    NoticeKind,
    Organisation,
    Service,
    ServiceMethod,
    check_notice,
    document_number,
    examples,
)
from kongchuo.policy import FEICHENG, NATIONAL, Party

CAL = ChinaCalendar()
SHIFTS = (-400, -30, -8, -1, 1, 8, 30, 400)
NUMBERS = ("肥教复〔2024〕12号", "肥教〔2025〕1号", "3709830031〔2025〕1号", "第1号")
TEXTS = ("其他", "依据禁止使用童工规定 第六条第二款")
DAY = dt.timedelta(days=1)


def _variants(field: str, value: object) -> Iterator[tuple[str, Any]]:  # noqa: C901, PLR0912 - one branch per kind of field
    """Other values for one field, each with a short label."""
    if isinstance(value, bool):
        yield "flipped", not value
    elif isinstance(value, int):
        for other in (0, 1, 5, 2030):
            yield str(other), other
    elif isinstance(value, dt.date):
        for shift in SHIFTS:
            yield f"{shift:+d}d", value + shift * DAY
    elif isinstance(value, Party):
        for party in Party:
            yield party.value, party
    elif isinstance(value, Service):
        yield "none", None
        for method in ServiceMethod:
            yield method.value, attrs.evolve(value, method=method)
        for shift in SHIFTS:
            yield f"served{shift:+d}d", attrs.evolve(value, served_on=value.served_on + shift * DAY)
    elif value is None and field == "studying_elsewhere":
        yield "elsewhere", "肥城市实验小学"
    elif value is None:
        yield (
            "served",
            Service(
                method=ServiceMethod.IN_PERSON, served_on=dt.date(2025, 9, 11), recipient="王芳"
            ),
        )
    elif isinstance(value, Organisation):
        yield "no code", attrs.evolve(value, uscc=None)
        yield "no address", attrs.evolve(value, address=None)
    elif isinstance(value, tuple) and value and isinstance(value[0], Issuer):
        for party in Party:
            yield f"only {party.value}", (Issuer(name="某单位", party=party),)
        if len(value) > 1:
            for i in range(len(value)):
                yield f"without {value[i].party.value}", value[:i] + value[i + 1 :]
    elif isinstance(value, tuple):
        yield "empty", ()
        yield "one other", ("其他依据",)
    elif isinstance(value, str):
        bureau = tuple(
            document_number(k, year=2025, seq=1, policy=FEICHENG, on=dt.date(2025, 9, 1))
            for k in (NoticeKind.RETURN, NoticeKind.SCHOOL_REPORT, NoticeKind.CORRECTION_ORDER)
        )
        for other in (*NUMBERS, *bureau, *TEXTS):
            yield other, other


def _check(golden: Any, notice: Any, **kwargs: Any) -> list[str]:
    try:
        return golden.decision(check_notice(notice, calendar=CAL, **kwargs))
    except ValidationError as error:
        return [f"  refused: {error.code} @{error.path}"]


def _report(golden: Any) -> str:  # noqa: C901, PLR0912 - the scenarios, in one place
    out: list[str] = []
    reminder = examples()[NoticeKind.REMINDER]
    for kind, base in examples().items():
        issued = base.issued_on
        days = {"+0": issued, "+8": issued + 8 * DAY, "+30": issued + 30 * DAY, "-1": issued - DAY}
        for policy in (FEICHENG, NATIONAL):
            for label, as_of in days.items():
                out.append(f"## {kind.value} base {policy.name} as_of{label}")
                out.extend(_check(golden, base, as_of=as_of, policy=policy))
        extra: dict[str, dict[str, Any]] = {}
        if kind is NoticeKind.RETURN:
            for shift in (-30, -8, -3, -1, 0, 1):
                extra[f"confirmed{shift:+d}d"] = {"confirmed_on": issued + shift * DAY}
        if kind is NoticeKind.ENROLMENT:
            report_on = base.report_on
            for shift in (-1, 0, 1, 8):
                extra[f"reported{shift:+d}d"] = {"reported_on": report_on + shift * DAY}
            late = report_on + 30 * DAY
            extra["after, no reminder"] = {"as_of": late}
            extra["after, reminder"] = {"as_of": late, "reminders": [reminder]}
            extra["after, early reminder"] = {
                "as_of": late,
                "reminders": [attrs.evolve(reminder, issued_on=report_on - DAY)],
            }
        variants: dict[str, Any] = {}
        if kind is NoticeKind.LABOUR_REFERRAL:
            for unheeded in (False, True):
                for dead in (False, True):
                    for serious in (False, True):
                        label = f"revocation unheeded={unheeded} dead={dead} serious={serious}"
                        variants[label] = attrs.evolve(
                            base,
                            to_party=Party.MARKET_REGULATION,
                            order_unheeded=unheeded,
                            child_disabled_or_dead=dead,
                            serious=serious,
                        )
            variants["employed before birth"] = attrs.evolve(
                base, employed_since=base.child_birth_date - DAY
            )
            variants["employed on the 16th birthday"] = attrs.evolve(
                base,
                employed_since=base.child_birth_date.replace(year=base.child_birth_date.year + 16),
            )
            variants["employed the day before"] = attrs.evolve(
                base,
                employed_since=base.child_birth_date.replace(year=base.child_birth_date.year + 16)
                - DAY,
            )
        for label, notice in variants.items():
            for policy in (FEICHENG, NATIONAL):
                out.append(f"## {kind.value} {label} {policy.name}")
                out.extend(_check(golden, notice, as_of=notice.issued_on + 30 * DAY, policy=policy))
        for label, kwargs in extra.items():
            for policy in (FEICHENG, NATIONAL):
                out.append(f"## {kind.value} {label} {policy.name}")
                given = {"as_of": issued + 30 * DAY, **kwargs}
                out.extend(_check(golden, base, policy=policy, **given))
        for field in attrs.fields(type(base)):
            for label, value in _variants(field.name, getattr(base, field.name)):
                try:
                    notice = attrs.evolve(base, **{field.name: value})
                except ValidationError as error:
                    out.append(f"## {kind.value} {field.name}={label}: refused {error.code}")
                    continue
                for policy in (FEICHENG, NATIONAL):
                    out.append(f"## {kind.value} {field.name}={label} {policy.name}")
                    out.extend(
                        _check(golden, notice, as_of=notice.issued_on + 30 * DAY, policy=policy)
                    )
    return "\n".join(out) + "\n"


def test_findings_match_the_golden_file(golden):
    """Every variation's decision reads exactly as in the golden file."""
    golden("findings/notices.txt", _report(golden))


def test_the_variations_reach_every_kind_of_finding(golden):
    """The variations are broad: errors and warnings, and refusals, for every kind."""
    text = golden.read("findings/notices.txt")
    for kind in NoticeKind:
        assert f"## {kind.value} " in text
    assert "not_in_order ok=False" in text
    assert "[warning]" in text
    codes = {line.split(" @")[0] for line in text.splitlines() if line.startswith("  - ")}
    assert len(codes) >= 35
