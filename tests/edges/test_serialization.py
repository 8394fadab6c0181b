import datetime as dt
import gc
import json
import re

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kongchuo
from kongchuo import ValidationError
from kongchuo import testing as kt
from kongchuo._edges.serialization import MODELS, VERSION_KEY
from kongchuo._models.base import structure, structure_generic, unstructure, unstructure_generic
from kongchuo._models.documents import union_of

RID = "370983201509010012"
KEY = b"county-bureau-key-2024"

ANY_MODEL = st.one_of(
    kt.attendances(),
    kt.carers(),
    kt.children(),
    kt.disabilities(),
    kt.guardians(),
    kt.leaves(),
    kt.memberships(),
    kt.registrations(),
    kt.schools(),
    kt.transfer_steps(),
    kt.transfers(),
)


def good_child_doc():
    return {
        "$schema_version": kongchuo.SCHEMA_VERSION,
        "resident_id": RID,
        "name": "张小明",
        "sex": "male",
        "birth_date": "2015-09-01",
        "household_region": "370983",
        "residence_region": "370983",
        "jurisdiction": "370983003",
        "special_groups": ["left_behind"],
        "guardians": [
            {
                "relationship": "father",
                "name": "张强",
                "phone": "13800138000",
                "working_away": True,
            },
            {"relationship": "mother", "name": "李梅", "phone": "0538-1234567"},
        ],
        "retain_until": "2034-08-31",
    }


def codes_by_path(exc_info):
    return {p.path: p.code for p in exc_info.value.errors}


# -- round trips -------------------------------------------------------------------


@given(ANY_MODEL)
def test_json_round_trip(x):
    """from_json(to_json(x), type(x)) == x for every public model."""
    assert kongchuo.from_json(kongchuo.to_json(x), type(x)) == x
    assert kongchuo.from_dict(kongchuo.to_dict(x), type(x)) == x


@given(ANY_MODEL)
def test_documents_have_a_stable_key_order(x):
    """Keys come in field order after the schema version; sets are sorted arrays."""
    doc = kongchuo.to_dict(x)
    assert list(doc) == [VERSION_KEY, *(a.name for a in attrs.fields(type(x)))]
    assert doc[VERSION_KEY] == kongchuo.SCHEMA_VERSION
    if isinstance(x, kongchuo.Child):
        assert doc["special_groups"] == sorted(doc["special_groups"])
        assert doc["birth_date"] == x.birth_date.isoformat()


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(kt.children(), max_size=4))
def test_batches_round_trip(xs):
    """from_dicts(to_dicts(xs)) == xs, and the GC state is restored."""
    assert gc.isenabled()
    assert kongchuo.from_dicts(kongchuo.to_dicts(xs), kongchuo.Child) == xs
    assert gc.isenabled()


def test_list_types_go_through_the_converter():
    """from_dict accepts list[Model], with item paths in its errors."""
    doc = good_child_doc()
    assert len(kongchuo.from_dict([doc, doc], list[kongchuo.Child])) == 2
    bad = {**doc, "name": ""}
    with pytest.raises(ValidationError) as exc_info:
        kongchuo.from_dict([doc, bad, None], list[kongchuo.Child])
    assert codes_by_path(exc_info) == {"$[1].name": "text.blank", "$[2]": "type"}


# -- one-pass errors ---------------------------------------------------------------


def test_every_problem_is_reported_in_one_pass():
    """Type, check, cross-field and unknown-key problems come out together, with paths."""
    doc = good_child_doc()
    doc["name"] = ""
    doc["sex"] = "unknown"
    doc["birth_date"] = "2015-09-02"
    doc["household_region"] = 370983
    doc["special_groups"] = ["left_behind", "left_behind"]
    doc["guardians"][1]["phone"] = "12345"
    doc["guardians"][0]["carer"] = {"name": "王", "relationship": "aunt"}
    doc["guardians"].append([])
    doc["nickname"] = "明明"
    del doc["jurisdiction"]
    with pytest.raises(ValidationError) as exc_info:
        kongchuo.from_dict(doc, kongchuo.Child)
    assert codes_by_path(exc_info) == {
        "$.name": "text.blank",
        "$.sex": "enum.unknown",
        "$.household_region": "type",
        "$.jurisdiction": "missing",
        "$.special_groups": "set.duplicate",
        "$.guardians[0].carer.relationship": "enum.unknown",
        "$.guardians[1].phone": "phone.format",
        "$.guardians[2]": "type",
        "$.nickname": "unknown_key",
        "$.birth_date": "child.birth_date.mismatch",
    }
    for p in exc_info.value.errors:
        assert p.message
        assert p.message_zh
        assert not p.message_zh.isascii()
    assert RID not in str(exc_info.value)
    assert "12345" not in str(exc_info.value)


MUTATIONS = [
    ("$.name", lambda d: d.update(name="  ")),
    ("$.sex", lambda d: d.update(sex=None)),
    ("$.birth_date", lambda d: d.update(birth_date="2015-02-30")),
    ("$.residence_region", lambda d: d.update(residence_region="37098X")),
    ("$.rural_household", lambda d: d.update(rural_household="yes")),
    ("$.special_groups[0]", lambda d: d.update(special_groups=["orphaned"])),
    ("$.guardians[0].phone", lambda d: d["guardians"][0].update(phone="110")),
    ("$.guardians[1].relationship", lambda d: d["guardians"][1].update(relationship=1)),
    (
        "$.guardians[1].status_until",
        lambda d: d["guardians"][1].update(status_since="2024-01-02", status_until="2024-01-01"),
    ),
    ("$.resident_id", lambda d: d.update(resident_id=RID[:-1] + "3")),
    ("$.retain_until", lambda d: d.update(retain_until="2034-13-01")),
    ("$.legal_basis", lambda d: d.update(legal_basis="whim")),
    ("$.extra", lambda d: d.update(extra=[])),
    ("$.guardians[0].extra", lambda d: d["guardians"][0].update(extra=None)),
]


@given(st.sets(st.sampled_from(range(len(MUTATIONS))), min_size=1))
def test_mutations_are_all_reported(chosen):
    """However many fields of a good document are broken, each one is reported."""
    doc = json.loads(json.dumps(good_child_doc()))
    for i in chosen:
        MUTATIONS[i][1](doc)
    with pytest.raises(ValidationError) as exc_info:
        kongchuo.from_dict(doc, kongchuo.Child)
    reported = {p.path for p in exc_info.value.errors}
    assert {MUTATIONS[i][0] for i in chosen} <= reported
    # The compiled loader reports exactly what the field-by-field reference does.
    with pytest.raises(ValidationError) as generic_info:
        structure_generic(kongchuo.Child, doc, extra=frozenset({VERSION_KEY}))
    assert generic_info.value.errors == exc_info.value.errors


@given(ANY_MODEL)
def test_compiled_code_agrees_with_the_reference(x):
    """The compiled loader and dumper give what the generic ones give."""
    doc = unstructure_generic(x)
    assert unstructure(x) == doc
    assert structure_generic(type(x), doc) == structure(type(x), doc) == x


@pytest.mark.parametrize("bad", [None, b"{}", [good_child_doc()], 3, "text", 2.5])
def test_wrong_input_types_raise_validation_error(bad):
    """Anything that is not an object gives ValidationError (type), never TypeError or KeyError."""
    with pytest.raises(ValidationError) as exc_info:
        kongchuo.from_dict(bad, kongchuo.Child)
    assert (exc_info.value.code, exc_info.value.path) == ("type", "$")
    assert "expected an object" in str(exc_info.value)
    with pytest.raises(ValidationError) as exc_info:
        kongchuo.from_dicts([bad], kongchuo.Child)
    assert (exc_info.value.code, exc_info.value.path) == ("type", "$[0]")


def test_object_with_non_text_keys_reports_each_field():
    """An object keyed by non-text gives every required field missing and the odd key."""
    with pytest.raises(ValidationError) as exc_info:
        kongchuo.from_dict({1: 2}, kongchuo.Child)
    codes = [p.code for p in exc_info.value.errors]
    assert codes.count("missing") == 7
    assert codes[-1] == "unknown_key"
    assert exc_info.value.errors[0].path == "$.name"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (None, "type"),
        (5, "type"),
        ("", "document.syntax"),
        ("{", "document.syntax"),
        ("[1,", "document.syntax"),
        ('{"a": NaN', "document.syntax"),
        (b"\xff", "document.syntax"),
    ],
)
def test_bad_json_raises_validation_error(text, code):
    """Text that is not JSON (or not text) raises ValidationError with its code at $."""
    with pytest.raises(ValidationError) as exc_info:
        kongchuo.from_json(text, kongchuo.School)
    assert (exc_info.value.code, exc_info.value.path) == (code, "$")


def test_bad_arguments_raise_validation_error():
    """Wrong classes and options raise ValidationError with a stable code."""
    for call, code in [
        (lambda: kongchuo.from_dict({}, dict), "serialization.class"),
        (lambda: kongchuo.from_dicts([], list[kongchuo.Child]), "serialization.class"),
        (lambda: kongchuo.from_dicts(None, kongchuo.Child), "type"),
        (lambda: kongchuo.to_dict({"a": 1}), "type"),
        (lambda: kongchuo.to_dict(None), "type"),
        (lambda: kongchuo.json_schema(int), "serialization.class"),
        (
            lambda: kongchuo.to_dict(_school(), mask=True, pseudonymise_key=KEY),
            "serialization.options",
        ),
        (lambda: kongchuo.to_dict(_school(), pseudonymise_key=b"short"), "serialization.key"),
        (
            lambda: kongchuo.to_dict(_school(), pseudonymise_key="a str key of length"),
            "serialization.key",
        ),
        (lambda: kongchuo.to_dict(_school(), mask="yes"), "serialization.mask"),
    ]:
        with pytest.raises(ValidationError) as exc_info:
            call()
        assert exc_info.value.code == code


def _school():
    return kongchuo.School(
        code="2137098301",
        name="王瓜店中学",
        kind=kongchuo.SchoolKind.PRIMARY,
        jurisdiction="370983003",
    )


def test_batch_errors_carry_the_item_index():
    """from_dicts reports every bad item with its index."""
    good = good_child_doc()
    with pytest.raises(ValidationError) as exc_info:
        kongchuo.from_dicts(
            [good, {**good, "sex": "female"}, good, {**good, "name": ""}], kongchuo.Child
        )
    assert codes_by_path(exc_info) == {"$[1].sex": "child.sex.mismatch", "$[3].name": "text.blank"}
    assert gc.isenabled()


# -- versions ----------------------------------------------------------------------


def test_version_1_documents_still_load():
    """A version-1 child (``birth``, groups as Chinese labels) loads as the current version."""
    doc = good_child_doc()
    v1 = {k: v for k, v in doc.items() if k != "birth_date"}
    v1.update({VERSION_KEY: 1, "birth": "2015-09-01", "special_groups": ["留守儿童", "建档立卡"]})
    child = kongchuo.from_dict(v1, kongchuo.Child)
    assert child.birth_date == dt.date(2015, 9, 1)
    assert child.special_groups == {
        kongchuo.SpecialGroup.LEFT_BEHIND,
        kongchuo.SpecialGroup.POVERTY_ALLEVIATED,
    }
    assert kongchuo.to_dict(child)[VERSION_KEY] == kongchuo.SCHEMA_VERSION
    assert "birth" in v1  # the caller's document is left alone


def test_documents_without_a_version_are_current():
    """A document without $schema_version is read as the current version."""
    doc = good_child_doc()
    del doc[VERSION_KEY]
    assert kongchuo.from_dict(doc, kongchuo.Child).name == "张小明"


@pytest.mark.parametrize("version", [0, kongchuo.SCHEMA_VERSION + 1, "2", True, None, 1.0])
def test_unsupported_versions_are_rejected(version):
    """Versions kongchuo does not know are rejected, never guessed."""
    with pytest.raises(ValidationError) as exc_info:
        kongchuo.from_dict({**good_child_doc(), VERSION_KEY: version}, kongchuo.Child)
    assert exc_info.value.code == "schema_version.unsupported"
    assert exc_info.value.path == "$.$schema_version"


def test_nested_objects_take_no_version_key():
    """Only the top of a document carries the schema version."""
    doc = good_child_doc()
    doc["guardians"][0][VERSION_KEY] = 2
    with pytest.raises(ValidationError) as exc_info:
        kongchuo.from_dict(doc, kongchuo.Child)
    assert codes_by_path(exc_info) == {"$.guardians[0].$schema_version": "unknown_key"}


# -- masking and pseudonyms --------------------------------------------------------


@settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow])
@given(kt.children(with_resident_id=True))
def test_masking_never_leaks_the_id(child):
    """A masked export holds no full ID number and no private field."""
    text = kongchuo.to_json(child, mask=True)
    assert child.resident_id.value not in text
    doc = json.loads(text)
    assert doc["resident_id"] == child.resident_id.masked()
    assert "memberships" not in doc
    assert "special_groups" not in doc
    for guardian in doc["guardians"]:
        assert "status" not in guardian


@given(st.one_of(kt.registrations(), kt.leaves(), kt.attendances(), kt.transfers()))
def test_masking_hides_student_numbers(x):
    """Student numbers are masked like ID numbers."""
    text = kongchuo.to_json(x, mask=True)
    assert x.student_number.value[1:] not in text


@settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow])
@given(
    kt.children(with_resident_id=True),
    st.binary(min_size=16, max_size=32),
    st.binary(min_size=16, max_size=32),
)
def test_pseudonyms_are_stable_under_a_key_and_differ_across_keys(child, key1, key2):
    """The same key gives the same pseudonym; another key another one; no raw number."""
    one = kongchuo.to_dict(child, pseudonymise_key=key1)["resident_id"]
    assert one == kongchuo.to_dict(child, pseudonymise_key=key1)["resident_id"]
    assert re.fullmatch(r"hmac-sha256:[0-9a-f]{64}", one)
    assert child.resident_id.value not in kongchuo.to_json(child, pseudonymise_key=key1)
    if key1 != key2:
        assert one != kongchuo.to_dict(child, pseudonymise_key=key2)["resident_id"]


def test_pseudonyms_join_across_record_kinds():
    """A G number pseudonymises to its letter and the pseudonym of the child's ID."""
    sn = kongchuo.StudentNumber.parse("G" + RID)
    reg = kongchuo.Registration(
        student_number=sn,
        school="1",
        grade=1,
        status=kongchuo.RegistrationStatus.ENROLLED,
        effective_from=dt.date(2021, 9, 1),
    )
    att = kongchuo.Attendance(
        student_number=sn,
        school="1",
        on=dt.date(2021, 9, 1),
        status=kongchuo.AttendanceStatus.PRESENT,
    )
    child = kongchuo.from_dict({**good_child_doc(), "guardians": []}, kongchuo.Child)
    of_reg = kongchuo.to_dict(reg, pseudonymise_key=KEY)["student_number"]
    assert of_reg == kongchuo.to_dict(att, pseudonymise_key=KEY)["student_number"]
    assert of_reg == "G:" + kongchuo.to_dict(child, pseudonymise_key=KEY)["resident_id"]
    assert RID not in of_reg


def test_sensitive_fields_are_marked():
    """ID numbers, names, birth dates, disability, family circumstances are sensitive."""
    assert kongchuo.sensitive_fields(kongchuo.Child) == {
        "resident_id": "identifier",
        "student_number": "identifier",
        "name": "name",
        "birth_date": "birth",
        "special_groups": "private",
        "memberships": "private",
    }
    assert set(kongchuo.sensitive_fields(kongchuo.Disability)) == {
        "kind",
        "grade",
        "assessment",
        "assessed_on",
    }
    assert kongchuo.sensitive_fields(kongchuo.Leave) == {
        "student_number": "identifier",
        "reason": "private",
    }


# -- JSON Schema -------------------------------------------------------------------


def conforms(value, schema, root):  # noqa: C901, PLR0911, PLR0912 - a small validator for the keywords kongchuo uses
    """Whether value conforms to schema (the subset of draft 2020-12 that kongchuo emits)."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return conforms(value, root["$defs"][name], root)
    if "anyOf" in schema:
        return any(conforms(value, s, root) for s in schema["anyOf"])
    if "oneOf" in schema:
        return sum(conforms(value, s, root) for s in schema["oneOf"]) == 1
    kind = schema.get("type")
    checks = {
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "null": lambda v: v is None,
        "array": lambda v: isinstance(v, list),
        "object": lambda v: isinstance(v, dict),
    }
    if kind is not None and not checks[kind](value):
        return False
    if "const" in schema and value != schema["const"]:
        return False
    if "enum" in schema and value not in schema["enum"]:
        return False
    if kind == "string":
        if "pattern" in schema and not re.search(schema["pattern"], value):
            return False
        if not schema.get("minLength", 0) <= len(value) <= schema.get("maxLength", len(value)):
            return False
    if kind == "integer" and not schema.get("minimum", value) <= value <= schema.get(
        "maximum", value
    ):
        return False
    if kind == "array":
        if schema.get("uniqueItems") and len({json.dumps(v) for v in value}) != len(value):
            return False
        return all(conforms(v, schema.get("items", {}), root) for v in value)
    if kind == "object":
        props = schema.get("properties", {})
        if any(k not in value for k in schema.get("required", ())):
            return False
        if schema.get("additionalProperties") is False and any(k not in props for k in value):
            return False
        return all(conforms(v, props[k], root) for k, v in value.items() if k in props)
    return True


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_every_model_has_a_json_schema(cls):
    """json_schema gives a draft 2020-12 object schema that forbids unknown keys."""
    schema = kongchuo.json_schema(cls)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    fields = (a.name for a in attrs.fields(cls) if a.init)
    tag = ("type",) if union_of(cls) is not None else ()  # a notice's or an event's tag
    assert set(schema["properties"]) == {VERSION_KEY, *tag, *fields}
    json.dumps(schema)  # plain JSON


@given(ANY_MODEL)
def test_documents_conform_to_their_schema(x):
    """Every document kongchuo writes validates against the model's JSON Schema."""
    schema = kongchuo.json_schema(type(x))
    assert conforms(json.loads(kongchuo.to_json(x)), schema, schema)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(list(kongchuo.cases.EVENT_TYPES)).flatmap(
        lambda tag: kt.events(tag, min_value=dt.date(2025, 10, 9))
    )
    | st.sampled_from(list(kongchuo.notices.examples().values()))
)
def test_notices_and_events_conform_to_their_family_schema(x):
    """A notice's or an event's document fits its own schema and exactly one of its family's."""
    doc = json.loads(kongchuo.to_json(x))
    own = kongchuo.json_schema(type(x))
    assert conforms(doc, own, own)
    family = kongchuo.json_schema(union_of(type(x)).base)
    assert conforms(doc, family, family)
    assert not conforms({**doc, "type": "other"}, family, family)


def test_schema_rejects_what_kongchuo_rejects():
    """Unknown keys, bad enums and bad dates fail the schema too."""
    schema = kongchuo.json_schema(kongchuo.Child)
    good = good_child_doc()
    assert conforms(good, schema, schema)
    for change in [
        {"nickname": 1},
        {"sex": "x"},
        {"birth_date": "1.9.2015"},
        {"special_groups": ["x"]},
        {"name": ""},
    ]:
        assert not conforms({**good, **change}, schema, schema)
    bad_guardian = {**good, "guardians": [{"relationship": "father", "name": "张强", "phone": "1"}]}
    assert not conforms(bad_guardian, schema, schema)


@given(
    st.one_of(
        kt.resident_ids().map(lambda r: r.value),
        kt.resident_ids().map(lambda r: r.value[:17] + ("0" if r.value[17] == "X" else "X")),
        kt.resident_ids().map(lambda r: f" {r.value.lower()} "),
        st.text(alphabet="0123456789Xx -１", min_size=15, max_size=20),
        st.none(),
    )
)
def test_the_fast_id_path_agrees_with_the_identity_layer(text):
    """The loader's fast ID check accepts and rejects exactly what ResidentId.parse does."""
    from kongchuo._models.compiled import _parse_rid

    try:
        expected = kongchuo.ResidentId.parse(text)
    except ValidationError as exc:
        expected_errors = exc.errors
        with pytest.raises(ValidationError) as exc_info:
            _parse_rid(text)
        assert exc_info.value.errors == expected_errors
    else:
        assert _parse_rid(text) == expected


def test_messages_never_echo_an_id_number():
    """Unknown keys and enum values that look like ID numbers are masked in messages."""
    doc = {**good_child_doc(), RID: 1, "sex": RID, "legal_basis": RID[:15]}
    with pytest.raises(ValidationError) as exc_info:
        kongchuo.from_dict(doc, kongchuo.Child)
    text = str(exc_info.value) + repr(exc_info.value.errors)
    assert RID not in text
    assert RID[:15] not in text
    assert "$.370983********0012" in {p.path for p in exc_info.value.errors}


def test_unhashable_set_items_are_reported():
    """A set argument holding unhashable items is a ValidationError, not a TypeError."""
    child = kongchuo.from_dict(good_child_doc(), kongchuo.Child)
    with pytest.raises(ValidationError) as exc_info:
        attrs.evolve(child, special_groups=[["left_behind"]])
    assert exc_info.value.path == "$.special_groups"


def test_models_register_themselves():
    """Every public model class of the facades has a document form, none kept by hand."""
    import kongchuo.cases
    import kongchuo.notices
    from kongchuo._models.base import Model

    public = {
        value
        for module in (kongchuo, kongchuo.cases, kongchuo.notices)
        for value in map(module.__dict__.get, module.__all__)
        if isinstance(value, type) and issubclass(value, Model)
    }
    abstract = {kongchuo.cases.Event, kongchuo.notices.Notice}
    assert public - abstract <= set(MODELS)
    assert not abstract & set(MODELS)
    assert kongchuo.cases.JustCause in MODELS


def test_just_cause_round_trips():
    """A JustCause, once missing from the hand-kept model list, goes to JSON and back."""
    import datetime as dt

    from kongchuo.cases import JustCause, JustCauseKind

    cause = JustCause(kind=JustCauseKind.ILLNESS, noted_on=dt.date(2025, 9, 15))
    assert kongchuo.from_json(kongchuo.to_json(cause), JustCause) == cause
