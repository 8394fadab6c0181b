"""Pin the documented usage of the builders and document helpers under ``mypy --strict``.

mypy checks this file; it is never run.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import kongchuo
from kongchuo.cases import Recorder, draft_notice
from kongchuo.demo import sample_case
from kongchuo.notices import Issuer, Notice, NoticeKind, ReturnNotice
from kongchuo.policy import FEICHENG, Party

case, child, school = sample_case()
fields: dict[str, Any] = Recorder(by="李老师").at(dt.datetime(2025, 9, 1, 18, tzinfo=dt.UTC))
notice: Notice = draft_notice(
    NoticeKind.RETURN,
    case=case,
    child=child,
    school=school,
    policy=FEICHENG,
    issued_on=dt.date(2025, 9, 4),
    seq=1,
    units={
        Party.EDUCATION_BUREAU: "肥城市教育和体育局",
        Party.TOWN_GOVERNMENT: "肥城市王瓜店街道办事处",
        Party.VILLAGE_COMMITTEE: "王瓜店街道东村村民委员会",
    },
    return_by=dt.date(2025, 9, 12),
)
docs: list[dict[str, Any]] = kongchuo.to_dict([child, child])
doc: dict[str, Any] = kongchuo.to_dict(child)
decision_doc: dict[str, Any] = kongchuo.to_dict(kongchuo.Decision(rule="r", ok=True, outcome="ok"))
valid: bool = kongchuo.ResidentId.is_valid("11010519491231002X")
compacted: kongchuo.Compacted = kongchuo.ResidentId.compact("110105 19491231 002x")
changes: tuple[str, ...] = compacted.changes
formatted: str = kongchuo.StudentNumber.format("G11010519491231002X")


# Typed issuers and guardians: a str where an Issuer belongs is a type error.
def _bad() -> ReturnNotice:
    # Never called: the values are wrong on purpose.
    return ReturnNotice(
        number="肥教复〔2025〕1号",
        issued_on=dt.date(2025, 9, 4),
        issuers=["肥城市教育和体育局"],  # type: ignore[list-item]
        child_name="李明",
        guardians=[1],  # type: ignore[list-item]
        school_name="肥城市王瓜店中学",
        out_since=dt.date(2025, 9, 1),
        return_by=dt.date(2025, 9, 12),
    )


good = ReturnNotice(
    number="肥教复〔2025〕1号",
    issued_on=dt.date(2025, 9, 4),
    issuers=[Issuer(name="肥城市教育和体育局", party=Party.EDUCATION_BUREAU)],
    child_name="李明",
    guardians=["李强"],
    school_name="肥城市王瓜店中学",
    out_since=dt.date(2025, 9, 1),
    return_by=dt.date(2025, 9, 12),
)
