"""Age eligibility for a school year under both policy profiles (入学年龄).

Shows: `check_school_entry` and `is_school_age` for children born around the
cut-off day, under the national rules (`NATIONAL`) and Feicheng's (`FEICHENG`); each
decision says what it decided, why, and on what basis (clause ids, law articles).

Run: python examples/age_eligibility.py
"""

import datetime as dt

from kongchuo import check_school_entry, entry_year, is_school_age
from kongchuo.policy import FEICHENG, NATIONAL

SCHOOL_YEAR = 2025
BIRTHS = (
    dt.date(2019, 8, 31),  # six on the eve of the school year
    dt.date(2019, 9, 1),  # six on its first day
    dt.date(2019, 9, 2),  # one day too young
    dt.date(2016, 3, 1),  # well inside the band
    dt.date(2009, 5, 1),  # past compulsory-education age
)

for policy in (NATIONAL, FEICHENG):
    print(f"== {policy.name_zh} ({policy.name}) — school year {SCHOOL_YEAR}–{SCHOOL_YEAR + 1}")
    for birth in BIRTHS:
        decision = check_school_entry(birth, school_year=SCHOOL_YEAR, policy=policy)
        in_band = is_school_age(birth, school_year=SCHOOL_YEAR, policy=policy)
        print(
            f"  born {birth}: enters grade 1 in {entry_year(birth, policy=policy)}; "
            f"entry {SCHOOL_YEAR}: {decision.outcome:<10} "
            f"school age (适龄): {'yes' if in_band else 'no'}"
        )
    # Every decision carries its basis: the clause ids and law articles it rests on.
    print("  basis 依据:", "; ".join(decision.basis))

# A disabled child may enter later; a deferral must be approved (义务教育法 第十一条).
late = check_school_entry(
    dt.date(2019, 3, 1), school_year=SCHOOL_YEAR, policy=FEICHENG, deferral_approved=True
)
print()
print(late.explain())
