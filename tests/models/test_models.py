import datetime as dt
import enum

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kongchuo
from kongchuo import (
    Approval,
    Carer,
    Child,
    Department,
    Disability,
    DisabilityKind,
    GroupMembership,
    Guardian,
    GuardianRelationship,
    GuardianStatus,
    Leave,
    LeaveKind,
    Registration,
    RegistrationStatus,
    ResidentId,
    Sex,
    SpecialGroup,
    StudentNumber,
    Transfer,
    TransferAction,
    TransferSide,
    TransferStep,
    ValidationError,
    check_de_facto_unsupported,
    check_rural_left_behind,
    is_de_facto_unsupported,
    is_rural_left_behind,
)
from kongchuo import testing as kt

RID = "370983201509010012"
AS_OF = dt.date(2024, 9, 1)


def child(**changes):
    values = {
        "resident_id": ResidentId.parse(RID),
        "name": "张小明",
        "sex": Sex.MALE,
        "birth_date": dt.date(2015, 9, 1),
        "household_region": "370983",
        "residence_region": "370983",
        "jurisdiction": "370983003",
        "retain_until": dt.date(2034, 8, 31),
    }
    values.update(changes)
    return Child(**values)


def parent(relationship=GuardianRelationship.FATHER, **changes):
    return Guardian(relationship=relationship, name="张强", **changes)


def paths(exc_info):
    return [p.path for p in exc_info.value.errors]


ENUMS = [
    getattr(kongchuo, name)
    for name in kongchuo.__all__
    if isinstance(getattr(kongchuo, name), type) and issubclass(getattr(kongchuo, name), enum.Enum)
]


@pytest.mark.parametrize("cls", ENUMS, ids=lambda c: c.__name__)
def test_every_enum_member_has_a_chinese_label(cls):
    """Every member of every public enum carries a non-empty Chinese label."""
    for member in cls:
        assert member.label_zh
        assert not member.label_zh.isascii()


def test_special_groups_name_their_source():
    """Every special group says where its definition comes from."""
    assert {g.label_zh for g in SpecialGroup} >= {"孤儿", "留守儿童", "随迁子女", "涉案未成年人"}
    assert all(g.source for g in SpecialGroup)


def test_child_reports_every_problem_at_once():
    """Building a child with several bad fields reports all of them, with paths."""
    bad = {
        "name": "",
        "sex": Sex.FEMALE,
        "birth_date": dt.date(2015, 9, 2),
        "household_region": "37",
    }
    with pytest.raises(ValidationError) as exc_info:
        child(**bad, guardians=[parent(phone="123"), parent(name=" ", phone="13800138000")])
    # Guardians fail when they are built, before the child: build them first.
    assert paths(exc_info) == ["$.phone"]
    good = parent()
    with pytest.raises(ValidationError) as exc_info:
        child(**bad, guardians=[good, "not a guardian"], retain_until=dt.date(2000, 1, 1))
    assert paths(exc_info) == [
        "$.name",
        "$.household_region",
        "$.guardians[1]",
        "$.birth_date",
        "$.sex",
        "$.retain_until",
    ]
    assert RID not in str(exc_info.value)


def test_lists_and_sets_are_accepted_for_collections():
    """Lists become tuples and sets become frozensets when a model is built."""
    c = child(guardians=[parent()], special_groups={SpecialGroup.MIGRANT})
    assert c.guardians == (parent(),)
    assert c.special_groups == frozenset({SpecialGroup.MIGRANT})
    assert c.groups is c.special_groups


def test_child_without_id_takes_only_j_or_l_numbers():
    """A child without an ID holds a J or L number; a G number belongs in resident_id."""
    c = child(resident_id=None, student_number=StudentNumber.parse("J370983201509019999"))
    assert c.student_number.kind.value == "J"
    with pytest.raises(ValidationError) as exc_info:
        child(resident_id=None, student_number=StudentNumber.parse("G" + RID))
    assert exc_info.value.code == "child.student_number.kind"


def test_memberships_must_be_listed_groups():
    """Each membership's group is one of the child's special groups."""
    m = GroupMembership(
        group=SpecialGroup.ORPHAN,
        department=Department.CIVIL_AFFAIRS,
        since=dt.date(2020, 1, 1),
        evidence="民政 孤儿证",
    )
    assert child(special_groups={SpecialGroup.ORPHAN}, memberships=[m]).memberships == (m,)
    with pytest.raises(ValidationError) as exc_info:
        child(memberships=[m])
    assert paths(exc_info) == ["$.memberships[0].group"]


def test_disability_membership_needs_a_disability():
    """A disability membership carries its disability, and no other membership does."""
    common = {
        "department": Department.DISABLED_PERSONS_FEDERATION,
        "since": AS_OF,
        "evidence": "证",
    }
    d = Disability(kind=DisabilityKind.HEARING, grade=2)
    assert GroupMembership(group=SpecialGroup.DISABLED, disability=d, **common).disability == d
    with pytest.raises(ValidationError, match=r"membership\.disability\.missing"):
        GroupMembership(group=SpecialGroup.DISABLED, **common)
    with pytest.raises(ValidationError, match=r"membership\.disability\.unexpected"):
        GroupMembership(group=SpecialGroup.ORPHAN, disability=d, **common)
    with pytest.raises(ValidationError) as exc_info:
        Disability(
            kind=DisabilityKind.HEARING,
            grade=5,
            assessment=kongchuo.AbilityAssessment.HOME_TEACHING,
        )
    assert paths(exc_info) == ["$.grade", "$.assessed_on"]


def test_date_orders_are_checked():
    """End dates before start dates are reported at the later field."""
    sn = StudentNumber.parse("G" + RID)
    with pytest.raises(ValidationError) as exc_info:
        Registration(
            student_number=sn,
            school="2137098301",
            grade=10,
            status=RegistrationStatus.ENROLLED,
            effective_from=AS_OF,
            effective_to=dt.date(2024, 8, 31),
        )
    assert paths(exc_info) == ["$.grade", "$.effective_to"]
    with pytest.raises(ValidationError) as exc_info:
        parent(status_since=AS_OF, status_until=dt.date(2020, 1, 1))
    assert paths(exc_info) == ["$.status_until"]
    with pytest.raises(ValidationError) as exc_info:
        Transfer(
            student_number=sn,
            from_school="2137098301",
            to_school="2137098301",
            applied_on=AS_OF,
            steps=[
                TransferStep(
                    side=TransferSide.RECEIVING,
                    action=TransferAction.APPROVED,
                    on=dt.date(2024, 9, 5),
                ),
                TransferStep(
                    side=TransferSide.SENDING,
                    action=TransferAction.COMPLETED,
                    on=dt.date(2024, 9, 3),
                ),
                TransferStep(
                    side=TransferSide.SENDING,
                    action=TransferAction.COMPLETED,
                    on=dt.date(2024, 8, 3),
                ),
            ],
        )
    assert paths(exc_info) == ["$.to_school", "$.steps[1].on", "$.steps[2].on"]


def test_leave_decisions_name_who_and_when():
    """A decided leave names who decided it and when; a pending one does not."""
    common = {
        "student_number": StudentNumber.parse("G" + RID),
        "school": "2137098301",
        "kind": LeaveKind.SICK,
        "start": AS_OF,
        "end": AS_OF,
    }
    assert Leave(**common).approval is Approval.PENDING
    with pytest.raises(ValidationError) as exc_info:
        Leave(**common, approval=Approval.REJECTED)
    assert paths(exc_info) == ["$.decided_by", "$.decided_on"]
    with pytest.raises(ValidationError, match=r"leave\.pending\.decided"):
        Leave(**common, decided_by="王老师")


def test_evolve_revalidates():
    """attrs.evolve goes through the same checks as building."""
    c = child()
    with pytest.raises(ValidationError, match=r"child\.birth_date\.mismatch"):
        attrs.evolve(c, birth_date=dt.date(2016, 1, 1))


def test_models_are_frozen_and_keyword_only():
    """Models cannot be changed in place and take keyword arguments only."""
    c = child()
    with pytest.raises(attrs.exceptions.FrozenInstanceError, match="can't set attribute"):
        c.name = "x"
    with pytest.raises(ValidationError) as exc_info:
        Carer("王", GuardianRelationship.GRANDPARENT)
    assert exc_info.value.code == "arguments.positional"


@given(kt.children(with_resident_id=True))
def test_repr_never_shows_the_full_id(c):
    """Neither repr nor str of a child shows the full ID number."""
    assert c.resident_id.value not in repr(c)
    assert c.resident_id.value not in str(c)


@given(st.one_of(kt.registrations(), kt.leaves(), kt.attendances(), kt.transfers()))
def test_repr_never_shows_the_full_student_number(x):
    """Records keyed by student number show it masked."""
    assert x.student_number.value[1:] not in repr(x)


# -- strategies --------------------------------------------------------------------

STRATEGIES = [
    (kt.attendances, kongchuo.Attendance),
    (kt.carers, kongchuo.Carer),
    (kt.children, kongchuo.Child),
    (kt.disabilities, kongchuo.Disability),
    (kt.guardians, kongchuo.Guardian),
    (kt.leaves, kongchuo.Leave),
    (kt.memberships, kongchuo.GroupMembership),
    (kt.registrations, kongchuo.Registration),
    (kt.schools, kongchuo.School),
    (kt.transfer_steps, kongchuo.TransferStep),
    (kt.transfers, kongchuo.Transfer),
]


@pytest.mark.parametrize(("strategy", "cls"), STRATEGIES, ids=lambda x: getattr(x, "__name__", ""))
@settings(max_examples=10)
@given(data=st.data())
def test_strategies_are_registered_for_from_type(strategy, cls, data):
    """st.from_type finds the strategy of every model through the plugin."""
    assert isinstance(data.draw(st.from_type(cls)), cls)
    assert isinstance(data.draw(strategy()), cls)


@pytest.mark.parametrize(
    "call",
    [
        lambda: kt.children(min_value="2015-01-01"),
        lambda: kt.children(min_value=dt.date(2020, 1, 1), max_value=dt.date(2019, 1, 1)),
        lambda: kt.children(max_guardians=-1),
        lambda: kt.children(with_resident_id=1),
        lambda: kt.guardians(statuses=[]),
        lambda: kt.guardians(relationships="father"),
        lambda: kt.memberships(groups=["nobody"]),
        lambda: kt.registrations(min_value=dt.date(2030, 1, 1), max_value=dt.date(2020, 1, 1)),
        lambda: kt.transfers(max_steps=100),
        lambda: kt.schools(kinds=[]),
        lambda: kt.leaves(min_value=None),
        lambda: kt.attendances(max_value=dt.datetime(2020, 1, 1)),  # noqa: DTZ001 - a wrong type on purpose
    ],
)
def test_strategy_arguments_are_validated(call):
    """Bad strategy arguments raise ValidationError with code testing.argument."""
    with pytest.raises(ValidationError) as exc_info:
        call()
    assert exc_info.value.code == "testing.argument"


def test_every_date_bound_of_a_strategy_is_named_min_value_or_max_value():
    """The date bounds of kongchuo.testing's strategies are named as Hypothesis names them."""
    import inspect

    bounds = {}
    for name in kt.__all__:
        strategy = getattr(kt, name)
        if not callable(strategy) or inspect.isclass(strategy):
            continue
        for parameter in inspect.signature(strategy).parameters.values():
            if "date" in str(parameter.annotation):
                bounds.setdefault(parameter.name, []).append(name)
    assert set(bounds) == {"min_value", "max_value"}, bounds


@settings(max_examples=20)
@given(data=st.data())
def test_an_event_happens_between_its_bounds(data):
    """events(tag, min_value=, max_value=) draws the day; with min_value alone it is that day."""
    low, high = dt.date(2025, 9, 1), dt.date(2025, 9, 30)
    assert (
        low <= data.draw(kt.events("identified", min_value=low, max_value=high)).occurred_on <= high
    )
    assert data.draw(kt.events("identified", min_value=low)).occurred_on == low


def _identified_from_september(**kwargs):
    return kt.events("identified", min_value=dt.date(2025, 9, 1), **kwargs)


@pytest.mark.parametrize(
    ("strategy", "old", "new"),
    [
        (kt.children, "min_birth", "min_value"),
        (kt.children, "max_birth", "max_value"),
        (kt.resident_ids, "min_birth", "min_value"),
        (kt.student_numbers, "max_birth", "max_value"),
        (kt.invalid_resident_ids, "min_birth", "min_value"),
        (kt.memberships, "min_since", "min_value"),
        (kt.memberships, "max_since", "max_value"),
        (kt.cases, "start", "min_value"),
        (
            lambda **kw: kt.events("identified", min_value=dt.date(2025, 9, 1), **kw),
            "on",
            "min_value",
        ),
    ],
)
def test_the_old_bound_names_are_refused_naming_the_new_one(strategy, old, new):
    """children(min_birth=...) is unknown_key; the message names min_value, in both languages."""
    with pytest.raises(ValidationError) as exc_info:
        strategy(**{old: dt.date(2015, 1, 1)})
    problem = exc_info.value.errors[0]
    assert (problem.code, problem.path) == ("unknown_key", f"$.{old}")
    assert f"it was renamed {new!r}" in problem.message
    assert f"该参数已更名为 {new!r}" in problem.message_zh


@given(kt.memberships(groups=[SpecialGroup.DISABLED]))
def test_disability_memberships_carry_a_disability(m):
    """The memberships strategy respects the disability rule."""
    assert m.disability is not None


# -- group rules -------------------------------------------------------------------


def test_de_facto_unsupported_both_parents():
    """Both parents in a qualifying situation for long enough: the child qualifies."""
    c = child(
        guardians=[
            parent(
                status=GuardianStatus.IMPRISONED,
                status_since=dt.date(2024, 3, 1),
                status_until=dt.date(2024, 9, 1),
            ),
            parent(GuardianRelationship.MOTHER, status=GuardianStatus.SERIOUSLY_ILL),
        ]
    )
    d = check_de_facto_unsupported(c, as_of=AS_OF)
    assert (d.ok, d.outcome) == (True, "qualifies")
    assert "民发〔2019〕62号" in d.basis
    assert is_de_facto_unsupported(c, as_of=AS_OF)


@pytest.mark.parametrize(
    ("father", "mother", "outcome"),
    [
        (
            {"status": GuardianStatus.DECEASED},
            {"status": GuardianStatus.UNCONTACTABLE, "status_since": dt.date(2024, 3, 1)},
            "qualifies",
        ),
        (
            {"status": GuardianStatus.DECEASED},
            {"status": GuardianStatus.UNCONTACTABLE, "status_since": dt.date(2024, 3, 2)},
            "not_qualified",
        ),
        (
            {"status": GuardianStatus.DECEASED},
            {"status": GuardianStatus.UNCONTACTABLE},
            "insufficient_facts",
        ),
        (
            {"status": GuardianStatus.MISSING},
            {
                "status": GuardianStatus.IMPRISONED,
                "status_since": dt.date(2024, 1, 1),
                "status_until": dt.date(2024, 6, 30),
            },
            "not_qualified",
        ),
        (
            {"status": GuardianStatus.MISSING},
            {"status": GuardianStatus.COMPULSORY_REHAB},
            "insufficient_facts",
        ),
        ({"status": GuardianStatus.DECEASED}, {"status": GuardianStatus.DECEASED}, "orphan"),
        ({"status": GuardianStatus.DECEASED}, {}, "not_qualified"),
        (
            {"status": GuardianStatus.DEPORTED},
            {"status": GuardianStatus.GUARDIANSHIP_REVOKED},
            "qualifies",
        ),
        ({"status": GuardianStatus.DEPORTED}, None, "insufficient_facts"),
    ],
)
def test_de_facto_unsupported_cases(father, mother, outcome):
    """The 62号 criteria: dead or missing, 6-month terms and 失联, missing facts."""
    guardians = [parent(**father)]
    if mother is not None:
        guardians.append(parent(GuardianRelationship.MOTHER, **mother))
    d = check_de_facto_unsupported(child(guardians=guardians), as_of=AS_OF)
    assert d.outcome == outcome
    assert d.ok is (outcome == "qualifies")


def test_de_facto_unsupported_adult():
    """A person of 18 or more is not a child for the rule: 18 is reached the day after."""
    assert check_de_facto_unsupported(child(), as_of=dt.date(2033, 9, 1)).outcome != "adult"
    d = check_de_facto_unsupported(child(), as_of=dt.date(2033, 9, 2))
    assert d.outcome == "adult"


@pytest.mark.parametrize(
    ("changes", "father", "mother", "outcome"),
    [
        ({"rural_household": True}, {"working_away": True}, {"working_away": True}, "left_behind"),
        (
            {"rural_household": True},
            {"working_away": True},
            {"status": GuardianStatus.IMPRISONED},
            "left_behind",
        ),
        ({"rural_household": True}, {"working_away": True}, {}, "not_left_behind"),
        ({"rural_household": True}, {"working_away": True}, None, "insufficient_facts"),
        ({"rural_household": False}, {"working_away": True}, {"working_away": True}, "not_rural"),
        ({}, {"working_away": True}, {"working_away": True}, "insufficient_facts"),
    ],
)
def test_rural_left_behind_cases(changes, father, mother, outcome):
    """The 国发〔2016〕13号 definition: rural, under 16, parents away or unable."""
    guardians = [parent(**father)]
    if mother is not None:
        guardians.append(parent(GuardianRelationship.MOTHER, **mother))
    d = check_rural_left_behind(child(guardians=guardians, **changes), as_of=AS_OF)
    assert d.outcome == outcome
    assert "国发〔2016〕13号" in d.basis


def test_rural_left_behind_warns_of_a_missing_carer():
    """A parent away without an appointed carer is a warning (未保法 第二十二条)."""
    carer = Carer(name="王秀兰", relationship=GuardianRelationship.GRANDPARENT)
    c = child(
        rural_household=True,
        guardians=[
            parent(working_away=True, carer=carer),
            parent(GuardianRelationship.MOTHER, working_away=True),
        ],
    )
    d = check_rural_left_behind(c, as_of=AS_OF)
    assert d.codes() == ("left_behind.carer.missing",)
    assert d.findings[0].path == "$.guardians[1].carer"
    assert is_rural_left_behind(c, as_of=AS_OF)
    assert check_rural_left_behind(c, as_of=dt.date(2031, 9, 1)).outcome == "left_behind"
    assert check_rural_left_behind(c, as_of=dt.date(2031, 9, 2)).outcome == "too_old"


def test_rules_validate_their_arguments():
    """Rules raise ValidationError for a wrong child or as_of, never TypeError."""
    with pytest.raises(ValidationError, match=r"\[type\]"):
        check_rural_left_behind(None, as_of=AS_OF)
    with pytest.raises(ValidationError, match=r"\[type\]"):
        check_de_facto_unsupported(child(), as_of="2024-09-01")


ANY_MODEL = st.one_of(*(strategy() for strategy, _ in STRATEGIES))


@given(ANY_MODEL, st.data())
def test_compiled_checker_agrees_with_the_reference(x, data):
    """The compiled constructor check raises exactly what the field-by-field one raises."""
    fields = attrs.fields(type(x))
    name = data.draw(st.sampled_from([f.name for f in fields]))
    bad = data.draw(st.sampled_from([None, "", " ", 0, True, (), frozenset(), dt.date(1800, 1, 1)]))
    y = attrs.evolve(x)
    object.__setattr__(y, name, bad)

    def outcome(check):
        try:
            check()
        except ValidationError as exc:
            return exc.errors
        return None

    assert outcome(y.__attrs_post_init__) == outcome(y.check_generic)


@pytest.mark.parametrize("listed", [True, False])
def test_compiled_loader_checks_memberships_against_the_listed_groups(listed):
    """Memberships of listed groups pass the quick cross test; others, as the reference."""
    from kongchuo._models.base import structure, structure_generic

    doc = kongchuo.to_dict(
        child(
            special_groups=frozenset({SpecialGroup.ORPHAN}),
            memberships=(
                GroupMembership(
                    group=SpecialGroup.ORPHAN,
                    department=Department.CIVIL_AFFAIRS,
                    since=dt.date(2024, 3, 1),
                    evidence="民政部门名单",
                ),
            ),
        )
    )
    doc.pop("$schema_version")
    if not listed:
        doc["special_groups"] = ["left_behind"]

    def outcome(load):
        try:
            return load(Child, doc)
        except ValidationError as exc:
            return [(p.code, p.path) for p in exc.errors]

    assert outcome(structure) == outcome(structure_generic)
    if listed:
        assert outcome(structure).memberships[0].group is SpecialGroup.ORPHAN
    else:
        assert outcome(structure) == [
            ("child.memberships.group_not_listed", "$.memberships[0].group")
        ]
