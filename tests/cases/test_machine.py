"""The case state machine: which event moves a case where, and what a refusal says."""

import pytest

from kongchuo import ValidationError
from kongchuo.cases import MACHINE, CaseState, Verified, derive_state, transition_for
from kongchuo.demo import sample_case

EVENTS = sorted({t.event for t in MACHINE})


def _allowed_from(event: str) -> list[CaseState]:
    """The states from which some transition of ``event`` is defined, by trying each."""
    conditions = {t.condition for t in MACHINE if t.event == event}
    found = []
    for state in CaseState:
        for condition in conditions:
            try:
                transition_for(event, state, condition=condition)
            except ValidationError:
                continue
            found.append(state)
            break
    return found


def test_returned_from_new_is_refused_in_both_languages():
    """A return in a new case names the event, the state and where it is allowed, at path."""
    with pytest.raises(ValidationError) as info:
        transition_for("returned", CaseState.NEW, path="$.entries[3]")
    (problem,) = info.value.errors
    assert (problem.code, problem.path) == ("case.transition", "$.entries[3]")
    assert problem.message == (
        "event 'returned' is not allowed in state 'new'; "
        "it is allowed from: escalated, in_persuasion, verified"
    )
    assert problem.message_zh == (
        "“新建”状态下不能记录事件 'returned'；"
        "该事件只能在以下状态记录：强制入学程序中、劝返中、已核实"
    )


def test_unknown_event_is_allowed_from_nowhere():
    """An event type the machine lacks is allowed from nowhere (无), at the default path $."""
    with pytest.raises(ValidationError) as info:
        transition_for("nonsense", CaseState.NEW)
    (problem,) = info.value.errors
    assert problem.path == "$"
    assert problem.message.endswith("it is allowed from: nowhere")
    assert problem.message_zh.endswith("该事件只能在以下状态记录：无")


@pytest.mark.parametrize("event", EVENTS)
def test_refusal_lists_exactly_the_states_the_event_is_allowed_from(event):
    """The states a refusal lists are those from which the machine takes the event."""
    allowed = _allowed_from(event)
    refused = [s for s in CaseState if s not in allowed]
    assert allowed
    if not refused:
        return
    with pytest.raises(ValidationError) as info:
        transition_for(event, refused[0], condition="no such condition")
    (problem,) = info.value.errors
    values = sorted(s.value for s in allowed)
    assert problem.message.endswith(f"it is allowed from: {', '.join(values)}")
    labels = "、".join(CaseState(v).label_zh for v in values)
    assert problem.message_zh.endswith(f"该事件只能在以下状态记录：{labels}")


@pytest.mark.parametrize(
    ("tag", "state", "names"),
    [
        (None, CaseState.NEW, ("NoneType", "CaseState")),
        ("verified", "identified", ("str", "str")),
        (3, "new", ("int", "str")),
    ],
)
def test_wrong_types_are_named(tag, state, names):
    """A tag that is not text, or a state that is not a CaseState, is named by its type."""
    with pytest.raises(ValidationError) as info:
        transition_for(tag, state, path="$.t")
    (problem,) = info.value.errors
    assert (problem.code, problem.path) == ("case.transition", "$.t")
    tag_type, state_type = names
    assert problem.message == (
        f"expected an event type (str) and a CaseState, got {tag_type} and {state_type}"
    )
    assert problem.message_zh == (
        f"应为事件类型（字符串）和 CaseState，实为 {tag_type} 和 {state_type}"
    )


def test_wrong_types_take_the_default_path():
    """Without a path the wrong-type error is at $."""
    with pytest.raises(ValidationError) as info:
        transition_for(None, CaseState.NEW)  # type: ignore[arg-type]
    assert info.value.path == "$"


def test_transitions_and_conditions():
    """A verification moves to verified, or with its condition to not confirmed."""
    assert transition_for("verified", CaseState.IDENTIFIED).target is CaseState.VERIFIED
    found = transition_for("verified", CaseState.IDENTIFIED, condition="not_confirmed")
    assert found.target is CaseState.NOT_CONFIRMED
    assert found.event == "verified"
    assert found.condition == "not_confirmed"


def test_derive_state_folds_tags_and_events():
    """Tags take the usual transition; an event picks its own by its content."""
    assert derive_state([]) is CaseState.NEW
    tags = ["identified", "verified", "persuasion_attempt", "returned"]
    assert derive_state(tags) is CaseState.RETURNED
    case, _, _ = sample_case()
    assert derive_state(case.events) is case.state
    refuted = Verified(
        occurred_on=case.events[0].occurred_on,
        recorded_at=case.events[0].recorded_at,
        recorded_by="李老师",
        confirmed=False,
        finding="已在外地就读",
    )
    assert derive_state([case.events[0], refuted]) is CaseState.NOT_CONFIRMED
    assert derive_state([case.events[0], "progress_marked"]) is CaseState.IDENTIFIED


def test_derive_state_names_the_first_refused_event():
    """The refused event is named at $.events[i], with the state the case was in."""
    with pytest.raises(ValidationError) as info:
        derive_state(["identified", "verified", "closed", "returned"])
    assert (info.value.code, info.value.path) == ("case.transition", "$.events[3]")
    assert "event 'returned' is not allowed in state 'closed'" in str(info.value)


class _Tagged:
    tag = "identified"


class _Conditioned:
    tag = 5

    def transition_condition(self) -> None:
        return None


@pytest.mark.parametrize(
    ("item", "type_name"), [(5, "int"), (_Tagged(), "_Tagged"), (_Conditioned(), "_Conditioned")]
)
def test_derive_state_refuses_what_is_neither_a_tag_nor_an_event(item, type_name):
    """An item without a text tag and a transition condition is refused, named by its type."""
    with pytest.raises(ValidationError) as info:
        derive_state(["identified", item])
    (problem,) = info.value.errors
    assert (problem.code, problem.path) == ("case.transition", "$.events[1]")
    assert problem.message == f"expected an event type (str) or an event, got {type_name}"
    assert problem.message_zh == f"应为事件类型（字符串）或事件，实为 {type_name}"
