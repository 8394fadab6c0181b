"""Pin the documented usage of kongchuo's public API under ``mypy --strict``.

mypy checks this file; it is never run. If a public signature changes in a way that
breaks documented usage, mypy fails here.
"""

from __future__ import annotations

import datetime as dt

import kongchuo
from kongchuo import regions

rid: kongchuo.ResidentId = kongchuo.ResidentId.parse("370983201509010012")
rid_strict = kongchuo.ResidentId.parse(" 370983201509010012 ", strict_region=True, path="$.id")
born: dt.date = rid.birth_date
sex: kongchuo.Sex = rid.sex
label: str = sex.label_zh
code: str = rid.region_code
region: regions.Region | None = rid.region
shown: str = rid.masked()

sn = kongchuo.StudentNumber.parse("G370983201509010012")
kind: kongchuo.StudentNumberKind = sn.kind
holder: kongchuo.ResidentId | None = sn.resident_id

try:
    kongchuo.ResidentId.parse("bad")
except kongchuo.ValidationError as exc:
    problems: tuple[kongchuo.Problem, ...] = exc.errors
    first_code: str = exc.code
    first_path: str = exc.path
    zh: str = exc.message_zh
except kongchuo.KongchuoError:
    pass

county: regions.Jurisdiction = regions.FEICHENG
towns: tuple[regions.Jurisdiction, ...] = regions.FEICHENG_UNITS
found: regions.Region | None = regions.lookup("370983", year=2015)

decision = kongchuo.Decision(rule="demo", ok=True, outcome="ok", basis=("FC-1.1",))
ok: bool = decision.ok
findings: tuple[kongchuo.Finding, ...] = decision.findings
text: str = decision.explain()
