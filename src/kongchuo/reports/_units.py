"""Reporting units (报送单位): who sends the monthly report for a case.

Under FEICHENG (FC-2.5) each town (mining-area) education office and each
city-direct school (市直学校) reports to the bureau: a case belongs to its
city-direct school if its school is one, else to the office of its jurisdiction.
Under NATIONAL (the 2024 notice, 四个一) every school reports: a case belongs to its
school, and a child with no school (失学) to the office of the jurisdiction. Which
applies is read from the policy's ``monthly_report_owners`` in force in the month.

This module belongs to the batch layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from kongchuo import School
from kongchuo.cases import Case
from kongchuo.policy import Party, Policy
from kongchuo.regions import Jurisdiction, JurisdictionKind

__all__ = ["ReportingUnit", "UnitResolver"]

_ABOVE_TOWN = frozenset(
    {JurisdictionKind.PROVINCE, JurisdictionKind.PREFECTURE, JurisdictionKind.COUNTY}
)


@attrs.frozen(kw_only=True, order=True)
class ReportingUnit:
    """A unit that sends the monthly report (报送单位).

    Attributes:
        code: The school's code or the jurisdiction's code.
        name: Its name (the code where no name is known).
        party: :attr:`~kongchuo.policy.Party.TOWN_EDUCATION_OFFICE`,
            :attr:`~kongchuo.policy.Party.CITY_DIRECT_SCHOOL` or
            :attr:`~kongchuo.policy.Party.SCHOOL`.

    Example:
        >>> from kongchuo.policy import Party
        >>> u = ReportingUnit(
        ...     code="370983003", name="王瓜店街道", party=Party.TOWN_EDUCATION_OFFICE
        ... )
        >>> u.label_zh
        '王瓜店街道（镇街教育办公室）'
    """

    code: str
    name: str = attrs.field(order=False)
    party: Party = attrs.field(order=False)

    @property
    def label_zh(self) -> str:
        """The name with the kind of unit, in Chinese."""
        return f"{self.name}（{self.party.label_zh}）"


class UnitResolver:
    """Assigns each case to its reporting unit under a policy, for one month.

    Example:
        >>> import datetime as dt
        >>> from kongchuo.policy import FEICHENG
        >>> from kongchuo.regions import FEICHENG_UNITS
        >>> r = UnitResolver(FEICHENG, dt.date(2025, 9, 1), (), FEICHENG_UNITS)
        >>> [u.name for u in r.units][:2]
        ['矿区', '新城街道']
    """

    def __init__(
        self,
        policy: Policy,
        on: dt.date,
        schools: Iterable[School],
        jurisdictions: Iterable[Jurisdiction],
    ) -> None:
        """Read the owners in force on ``on`` and index the schools and jurisdictions."""
        owners = policy.monthly_report_owners.value_at(on)
        self.every_school = Party.SCHOOL in owners
        self.schools = {s.code: s for s in schools}
        self.towns = {j.code: j for j in jurisdictions if j.kind not in _ABOVE_TOWN}
        self._extra: dict[str, ReportingUnit] = {}

    @property
    def units(self) -> tuple[ReportingUnit, ...]:
        """Every unit that owes a report, whether or not it has cases (零报告)."""
        found = {u.code: u for u in self._extra.values()}
        for town in self.towns.values():
            found[town.code] = ReportingUnit(
                code=town.code, name=town.name, party=Party.TOWN_EDUCATION_OFFICE
            )
        for school in self.schools.values():
            unit = self._school_unit(school.code)
            if unit is not None:
                found[unit.code] = unit
        return tuple(sorted(found.values()))

    def _school_unit(self, code: str) -> ReportingUnit | None:
        school = self.schools.get(code)
        if self.every_school:
            return ReportingUnit(
                code=code, name=school.name if school else code, party=Party.SCHOOL
            )
        if school is not None and school.city_direct:
            return ReportingUnit(code=code, name=school.name, party=Party.CITY_DIRECT_SCHOOL)
        return None

    def unit_for(self, case: Case) -> ReportingUnit:
        """The unit that reports ``case``."""
        unit = None if case.school_code is None else self._school_unit(case.school_code)
        if unit is None:
            town = self.towns.get(case.jurisdiction)
            unit = ReportingUnit(
                code=case.jurisdiction,
                name=town.name if town else case.jurisdiction,
                party=Party.TOWN_EDUCATION_OFFICE,
            )
        return self._extra.setdefault(unit.code, unit)
