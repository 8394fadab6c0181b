import datetime as dt
import string
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kongchuo import ChinaCalendar, KongchuoError, ResidentId, ValidationError
from kongchuo.notices import (
    DEFAULT_TEMPLATES,
    CorrectionOrder,
    EnrolmentNotice,
    Issuer,
    JudicialReferral,
    LabourReferral,
    NoticeKind,
    NoticeTemplate,
    Organisation,
    Reminder,
    ReturnNotice,
    Service,
    ServiceMethod,
    check_notice,
    correction_deadline,
    document_number,
    examples,
    is_notice_in_order,
    placeholders,
    render_html,
    render_text,
)
from kongchuo.notices._render import _compiled
from kongchuo.policy import FEICHENG, NATIONAL, EscalationStep, Party, Span, TimeUnit
from kongchuo.testing import resident_ids

GOLDEN = Path(__file__).parents[1] / "golden" / "notices"
CAL = ChinaCalendar()
FULL_IDS = ("370983201906150035", "370983201206150034", "370983201003020010")
EX = examples()


def check(notice, **kwargs):
    """check_notice on FEICHENG with the China calendar, as of 2025-12-01 unless given."""
    kwargs.setdefault("as_of", dt.date(2025, 12, 1))
    return check_notice(notice, policy=FEICHENG, calendar=CAL, **kwargs)


class TestGolden:
    @pytest.mark.parametrize("kind", list(NoticeKind), ids=lambda k: k.value)
    def test_rendered_text_matches_golden_file(self, kind, golden):
        """Every kind renders exactly as its golden file (KONGCHUO_UPDATE_GOLDEN=1 rewrites)."""
        golden(f"notices/{kind.value}.txt", render_text(EX[kind]))

    def test_every_kind_has_an_example_and_a_template(self):
        """Every kind has a worked example, a template and a golden file."""
        assert set(EX) == set(NoticeKind) == set(DEFAULT_TEMPLATES)
        assert {p.stem for p in GOLDEN.glob("*.txt")} == {k.value for k in NoticeKind}


class TestRender:
    @pytest.mark.parametrize("kind", list(NoticeKind), ids=lambda k: k.value)
    def test_no_full_id_by_default(self, kind):
        """No rendered notice, repr or str carries a full ID number unless asked to."""
        notice = EX[kind]
        for text in (render_text(notice), render_html(notice), repr(notice), str(notice)):
            assert not any(full in text for full in FULL_IDS)

    def test_full_id_on_request(self):
        """full_id=True prints the number in full, for offices that must have it."""
        assert FULL_IDS[1] in render_text(EX[NoticeKind.RETURN], full_id=True)

    def test_official_form(self):
        """Issuer, title and 文号 head the text; the date is written the Chinese way."""
        lines = render_text(EX[NoticeKind.CORRECTION_ORDER]).splitlines()
        assert lines[:3] == [
            "肥城市教育和体育局",
            "批评教育、责令限期改正决定书",
            "肥教责〔2025〕2号",
        ]
        assert "最迟于2025年10月9日（含当日）" in "".join(lines)

    def test_county_template_replaces_the_shipped_one(self):
        """A county's template replaces the shipped wording for its kind only."""
        mine = NoticeTemplate(
            title="返校通知", code="返", body="$title $number $child_name $return_by"
        )
        text = render_text(EX[NoticeKind.RETURN], templates={NoticeKind.RETURN: mine})
        assert text == "返校通知 肥教复〔2025〕12号 李明 2025年9月19日\n"
        other = render_text(EX[NoticeKind.REMINDER], templates={NoticeKind.RETURN: mine})
        assert other == render_text(EX[NoticeKind.REMINDER])

    def test_unknown_placeholder_is_a_validation_error(self):
        """A template naming a field the notice lacks raises template.placeholder."""
        bad = NoticeTemplate(title="x", code="x", body="$no_such_field")
        with pytest.raises(ValidationError) as info:
            render_text(EX[NoticeKind.RETURN], templates={NoticeKind.RETURN: bad})
        assert info.value.code == "template.placeholder"

    def test_bad_template_syntax(self):
        """A stray '$' in a template is refused when the template is built."""
        with pytest.raises(ValidationError) as info:
            NoticeTemplate(title="x", code="x", body="pay $5")
        assert info.value.code == "template.syntax"

    def test_html_escapes(self):
        """HTML output escapes the text and marks the title as a heading."""
        out = render_html(EX[NoticeKind.ENROLMENT])
        assert "<h1>入学通知书</h1>" in out
        assert out.count("<article") == 1

    def test_document_number(self):
        """The 文号 follows the policy's pattern and the kind's code."""
        on = dt.date(2025, 9, 1)
        assert document_number(NoticeKind.REMINDER, year=2025, seq=3, policy=FEICHENG, on=on) == (
            "肥教催〔2025〕3号"
        )
        assert document_number(NoticeKind.REMINDER, year=2025, seq=3, policy=NATIONAL, on=on) == (
            "催〔2025〕3号"
        )


class TestCheckNotice:
    @pytest.mark.parametrize("kind", list(NoticeKind), ids=lambda k: k.value)
    def test_examples_are_in_order(self, kind):
        """Every worked example passes check_notice, with the facts it needs."""
        extra = {}
        if kind is NoticeKind.RETURN:
            extra["confirmed_on"] = dt.date(2025, 9, 9)
        if kind is NoticeKind.ENROLMENT:
            extra["reminders"] = [EX[NoticeKind.REMINDER]]
        decision = check(EX[kind], **extra)
        assert decision.ok, decision.explain()

    def test_enrolment_after_registration_date(self):
        """An enrolment notice issued on or after the registration date is late."""
        late = attrs.evolve(EX[NoticeKind.ENROLMENT], issued_on=dt.date(2025, 8, 28), service=None)
        d = check(late, as_of=dt.date(2025, 8, 28))
        assert not d.ok
        assert "notice.enrolment.late" in d.codes()

    def test_child_who_did_not_report_needs_a_reminder(self):
        """After the registration date, a child who did not report needs a reminder."""
        d = check(EX[NoticeKind.ENROLMENT], as_of=dt.date(2025, 9, 1))
        assert "notice.reminder.missing" in d.codes()
        assert check(EX[NoticeKind.ENROLMENT], reported_on=dt.date(2025, 8, 28)).ok

    def test_reminder_before_due_date(self):
        """A reminder before the child was due is premature."""
        early = attrs.evolve(EX[NoticeKind.REMINDER], issued_on=dt.date(2025, 8, 28), service=None)
        assert "notice.reminder.premature" in check(early).codes()

    def test_return_notice_delay(self):
        """FEICHENG: the return notice goes out by the next working day after confirmation."""
        notice = EX[NoticeKind.RETURN]
        assert check(notice, confirmed_on=dt.date(2025, 9, 9)).ok
        d = check(notice, confirmed_on=dt.date(2025, 9, 5))
        assert not d.ok
        assert "notice.return.late" in d.codes()

    def test_return_notice_national_has_no_limit(self):
        """NATIONAL sets no delay: an info finding, not an error."""
        notice = attrs.evolve(EX[NoticeKind.RETURN], number="复〔2025〕12号")
        d = check_notice(
            notice,
            as_of=dt.date(2025, 12, 1),
            policy=NATIONAL,
            calendar=CAL,
            confirmed_on=dt.date(2025, 6, 1),
        )
        assert d.ok
        assert "notice.return.no_time_limit" in d.codes()

    def test_return_notice_joint_issuers(self):
        """FEICHENG's return notice needs the bureau, the township and the village."""
        alone = attrs.evolve(EX[NoticeKind.RETURN], issuers=EX[NoticeKind.RETURN].issuers[:1])
        d = check(alone, confirmed_on=dt.date(2025, 9, 9))
        assert "notice.return.issuers_missing" in d.codes()

    def test_correction_deadline_computed_by_civil_code(self):
        """15 days from 2025-09-22 end on 10-07, a holiday, so they run to 10-09."""
        assert correction_deadline(dt.date(2025, 9, 22), policy=FEICHENG, calendar=CAL) == (
            dt.date(2025, 10, 9)
        )

    def test_correction_deadline_in_workdays(self):
        """10 working days from 2025-09-22 end on 10-11, counting the 调休 days 9-28 and 10-11."""
        mine = attrs.evolve(
            FEICHENG,
            correction_deadline=FEICHENG.correction_deadline.with_value(
                Span(count=10, unit=TimeUnit.WORKDAY),
                effective_from=dt.date(2025, 1, 1),
                description="10个工作日",
                basis=("本县规定",),
            ),
        )
        assert correction_deadline(dt.date(2025, 9, 22), policy=mine, calendar=CAL) == (
            dt.date(2025, 10, 11)
        )

    def test_short_deadline_and_missing_basis(self):
        """A deadline shorter than the policy's, or no 第五十八条, is not in order."""
        order = attrs.evolve(
            EX[NoticeKind.CORRECTION_ORDER],
            deadline=dt.date(2025, 9, 25),
            legal_basis=("《中华人民共和国未成年人保护法》第八十三条",),
        )
        codes = check(order).codes()
        assert "notice.correction.deadline_short" in codes
        assert "notice.correction.basis_missing" in codes

    def test_longer_deadline_favours_the_family(self):
        """A later deadline than the policy's is accepted, with a note."""
        order = attrs.evolve(EX[NoticeKind.CORRECTION_ORDER], deadline=dt.date(2025, 10, 20))
        d = check(order)
        assert d.ok
        assert "notice.correction.deadline_longer" in d.codes()

    def test_correction_issuer(self):
        """A school cannot issue a correction order."""
        order = attrs.evolve(
            EX[NoticeKind.CORRECTION_ORDER],
            issuers=(Issuer(name="某中学", party=Party.SCHOOL),),
        )
        assert "notice.correction.issuer" in check(order).codes()

    def test_judicial_referral_before_deadline(self):
        """The judicial route opens only after the correction deadline has passed."""
        early = attrs.evolve(EX[NoticeKind.JUDICIAL_REFERRAL], issued_on=dt.date(2025, 10, 9))
        assert "notice.judicial.before_deadline" in check(early).codes()

    def test_labour_referral_to_market_regulation_needs_statutory_grounds(self):
        """市场监管 revokes licences only on 第六条第二款 or 第十条第二款, not on 情节严重."""
        ref = attrs.evolve(EX[NoticeKind.LABOUR_REFERRAL], to_party=Party.MARKET_REGULATION)
        assert "notice.labour.revocation_grounds" in check(ref).codes()
        assert not check(attrs.evolve(ref, serious=True)).ok
        assert check(attrs.evolve(ref, order_unheeded=True)).ok

    def test_labour_referral_over_16(self):
        """A 16-year-old is not a child labourer: a warning citing 义务教育法 第十四条."""
        ref = attrs.evolve(EX[NoticeKind.LABOUR_REFERRAL], child_birth_date=dt.date(2009, 1, 1))
        d = check(ref)
        assert d.ok
        assert "notice.labour.not_a_child" in d.codes()

    def test_number_scheme_warning(self):
        """A 文号 that does not follow the policy's pattern is flagged."""
        odd = attrs.evolve(EX[NoticeKind.RETURN], number="第12号")
        d = check(odd, confirmed_on=dt.date(2025, 9, 9))
        assert d.ok
        assert "notice.number.scheme" in d.codes()

    def test_service_missing_is_flagged(self):
        """A notice to guardians with no service record is flagged."""
        unserved = attrs.evolve(EX[NoticeKind.RETURN], service=None)
        assert "notice.service.missing" in check(unserved, confirmed_on=dt.date(2025, 9, 9)).codes()

    @pytest.mark.parametrize("with_reminder", [False, True])
    def test_is_notice_in_order_reads_the_reminders(self, with_reminder):
        """is_notice_in_order reads the reminders: a child who did not report needs one."""
        reminders = [EX[NoticeKind.REMINDER]] if with_reminder else []
        as_of = dt.date(2025, 9, 1)
        expected = check(EX[NoticeKind.ENROLMENT], as_of=as_of, reminders=reminders).ok
        assert expected is with_reminder
        assert (
            is_notice_in_order(
                EX[NoticeKind.ENROLMENT],
                as_of=as_of,
                policy=FEICHENG,
                calendar=CAL,
                reminders=reminders,
            )
            is expected
        )

    def test_is_notice_in_order(self):
        """is_notice_in_order agrees with check_notice."""
        assert is_notice_in_order(
            EX[NoticeKind.LETTER_TO_PARENTS],
            as_of=dt.date(2025, 9, 1),
            policy=FEICHENG,
            calendar=CAL,
        )


class TestModels:
    def test_uscc_checked_with_stdnum(self):
        """A bad unified social credit code is a ValidationError with a path."""
        with pytest.raises(ValidationError) as info:
            Organisation(name="某厂", uscc="91110000600037341X")
        assert info.value.code == "uscc.checksum"
        assert info.value.path == "$.uscc"

    def test_uscc_errors_inside_a_referral_have_full_paths(self):
        """Problems of a nested employer are reported under $.employer."""
        with pytest.raises(ValidationError) as info:
            attrs.evolve(EX[NoticeKind.LABOUR_REFERRAL], employer="某厂")
        assert (info.value.code, info.value.path) == ("type", "$.employer")

    def test_service_before_issue(self):
        """A notice cannot be served before it is issued."""
        with pytest.raises(ValidationError) as info:
            attrs.evolve(
                EX[NoticeKind.RETURN],
                service=Service(
                    method=ServiceMethod.POST, served_on=dt.date(2025, 9, 1), recipient="王芳"
                ),
            )
        assert info.value.code == "notice.service.before_issue"

    def test_all_problems_at_once(self):
        """Every bad field of a notice is reported in one pass."""
        with pytest.raises(ValidationError) as info:
            CorrectionOrder(
                number="",
                issued_on="2025-09-22",
                issuers=(),
                child_name="李明",
                guardians=(),
                school_name="某中学",
                facts="事实",
                deadline=dt.date(2025, 10, 9),
                legal_basis=(),
                consequences="后果",
            )
        paths = {p.path for p in info.value.errors}
        assert {"$.number", "$.issued_on", "$.guardians", "$.legal_basis"} <= paths

    @pytest.mark.parametrize(
        ("call", "code"),
        [
            (lambda: render_text(None), "type"),
            (lambda: render_text("notice"), "type"),
            (lambda: render_text(EX[NoticeKind.RETURN], templates=[1]), "type"),
            (
                lambda: check_notice(
                    None, as_of=dt.date(2025, 1, 1), policy=FEICHENG, calendar=CAL
                ),
                "type",
            ),
            (lambda: check(EX[NoticeKind.RETURN], as_of="2025-01-01"), "type"),
            (
                lambda: check_notice(
                    EX[NoticeKind.RETURN], as_of=dt.date(2025, 1, 1), policy=None, calendar=CAL
                ),
                "type",
            ),
            (
                lambda: check_notice(
                    EX[NoticeKind.RETURN], as_of=dt.date(2025, 1, 1), policy=FEICHENG, calendar=None
                ),
                "type",
            ),
            (lambda: check(EX[NoticeKind.ENROLMENT], reminders=None), "type"),
            (lambda: check(EX[NoticeKind.ENROLMENT], reminders=[1]), "type"),
            (
                lambda: document_number(
                    "return", year=2025, seq=1, policy=FEICHENG, on=dt.date.min
                ),
                "type",
            ),
            (
                lambda: document_number(
                    NoticeKind.RETURN, year=2025, seq=0, policy=FEICHENG, on=dt.date(2025, 1, 1)
                ),
                "int.range",
            ),
            (lambda: correction_deadline(None, policy=FEICHENG, calendar=CAL), "type"),
            (
                lambda: document_number(
                    NoticeKind.RETURN,
                    year=2025,
                    seq=1,
                    policy=FEICHENG,
                    on=dt.date(2025, 1, 1),
                    templates={NoticeKind.RETURN: 5},
                ),
                "type",
            ),
            (lambda: check(EX[NoticeKind.RETURN], templates="templates"), "type"),
            (
                lambda: render_text(EX[NoticeKind.RETURN], templates={NoticeKind.RETURN: "x"}),
                "type",
            ),
            (
                lambda: __import__("kongchuo.notices").notices.span_end(None, None, calendar=CAL),
                "type",
            ),
            (lambda: EnrolmentNotice(number=None), "missing"),
            (lambda: Reminder(number=5), "missing"),
            (
                lambda: ReturnNotice(
                    number="x",
                    issued_on=dt.date(2025, 1, 1),
                    issuers=[None],
                    child_name=None,
                    child_id="370983201206150034",
                    guardians=None,
                    school_name=3,
                    out_since=None,
                    return_by=None,
                ),
                "type",
            ),
        ],
    )
    def test_bad_input_raises_kongchuo_errors(self, call, code):
        """None and wrong types raise KongchuoError subclasses with their code, never builtins."""
        with pytest.raises(KongchuoError) as info:
            call()
        assert info.value.code == code

    def test_error_messages_never_hold_a_full_id(self):
        """A full ID number given where a ResidentId belongs is not repeated in the error."""
        with pytest.raises(ValidationError) as info:
            attrs.evolve(EX[NoticeKind.RETURN], child_id=FULL_IDS[1])
        assert FULL_IDS[1] not in str(info.value)

    def test_child_id_is_masked_in_repr(self):
        """The repr of a notice shows the masked ID number."""
        assert ResidentId.parse(FULL_IDS[1]).masked() in repr(EX[NoticeKind.RETURN])


class TestProperties:
    @settings(max_examples=60, deadline=None)
    @given(
        # The deadline plus 20 days must stay inside the calendar's data (to 2026).
        issued=st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2026, 11, 1)),
        extra=st.integers(min_value=-20, max_value=20),
    )
    def test_correction_deadline_rule_is_monotone(self, issued, extra):
        """A correction order is short exactly when its deadline precedes the computed one."""
        expected = correction_deadline(issued, policy=FEICHENG, calendar=CAL)
        deadline = expected + dt.timedelta(days=extra)
        if deadline <= issued:
            return
        order = attrs.evolve(
            EX[NoticeKind.CORRECTION_ORDER],
            number=f"肥教责〔{issued.year}〕2号",
            issued_on=issued,
            deadline=deadline,
            service=None,
        )
        d = check(order, as_of=dt.date(2027, 1, 1))
        assert ("notice.correction.deadline_short" in d.codes()) == (deadline < expected)
        assert expected > issued

    @settings(max_examples=40, deadline=None)
    @given(issued=st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2026, 11, 1)))
    def test_judicial_referral_never_in_order_before_deadline(self, issued):
        """A judicial referral dated on or before the order's deadline is never in order."""
        ref = EX[NoticeKind.JUDICIAL_REFERRAL]
        moved = attrs.evolve(ref, number=f"肥教函〔{issued.year}〕8号", issued_on=issued)
        d = check(moved, as_of=dt.date(2027, 1, 1))
        if issued <= ref.order_deadline:
            assert not d.ok

    def test_labour_referral_type(self):
        """LabourReferral is a notice of its kind."""
        assert LabourReferral.kind is NoticeKind.LABOUR_REFERRAL
        assert JudicialReferral.kind is NoticeKind.JUDICIAL_REFERRAL


class TestDocuments:
    @pytest.mark.parametrize("kind", list(NoticeKind), ids=lambda k: k.value)
    def test_json_round_trip(self, kind):
        """Every notice loads back equal from its JSON document."""
        from kongchuo.notices import notice_from_json, notice_to_json

        assert notice_from_json(notice_to_json(EX[kind])) == EX[kind]

    def test_masked_document_hides_the_id(self):
        """A masked document holds no full ID number."""
        from kongchuo.notices import notice_to_json

        for notice in EX.values():
            text = notice_to_json(notice, mask=True)
            assert not any(full in text for full in FULL_IDS)

    @pytest.mark.parametrize(
        ("doc", "code"),
        [
            ([], "type"),
            ({}, "missing"),
            ({"type": "nonsense"}, "enum.unknown"),
            ({"kind": "nonsense", "$schema_version": 1}, "enum.unknown"),
            ({"type": ["return"]}, "type"),
            ({"type": "return", "$schema_version": 99}, "schema_version.unsupported"),
            ({"type": "return", "number": 1}, "type"),
        ],
    )
    def test_bad_documents(self, doc, code):
        """Bad documents raise ValidationError with a stable code."""
        from kongchuo.notices import notice_from_dict

        with pytest.raises(ValidationError) as info:
            notice_from_dict(doc)
        assert info.value.code == code

    def test_bad_json(self):
        """Text that is not JSON raises document.syntax, as every JSON reader does."""
        from kongchuo.notices import notice_from_json

        with pytest.raises(ValidationError) as info:
            notice_from_json("{")
        assert info.value.code == "document.syntax"


class TestPolicyDocuments:
    def test_escalation_parameters_load_from_a_document(self):
        """A county's ladder, deadline rule and 文号 pattern load from a policy document."""
        from kongchuo.policy import EscalationStep, policy_from_mapping

        def entry(value):
            return [
                {"value": value, "effective_from": "2026-01-01", "description": "d", "basis": ["b"]}
            ]

        policy = policy_from_mapping(
            {
                "name": "ningyang",
                "name_zh": "宁阳县",
                "base": "feicheng",
                "parameters": {
                    "correction_deadline": entry({"count": 10, "unit": "workday"}),
                    "document_number_pattern": entry("宁教{code}〔{year}〕{seq}号"),
                    "escalation_ladder": entry(
                        ["persuasion", "written_report", "correction_order", "judicial"]
                    ),
                    "return_notice_issuers": entry(["education_bureau", "town_government"]),
                },
            }
        )
        on = dt.date(2026, 3, 1)
        assert policy.escalation_ladder.value_at(on)[-1] is EscalationStep.JUDICIAL
        assert document_number(NoticeKind.RETURN, year=2026, seq=1, policy=policy, on=on) == (
            "宁教复〔2026〕1号"
        )

    @pytest.mark.parametrize(
        ("name", "value"),
        [
            ("escalation_ladder", ["judicial", "persuasion"]),
            ("escalation_ladder", ["persuasion", "judicial"]),
            ("escalation_ladder", ["persuasion", "bribery"]),
            ("document_number_pattern", "〔{year}〕号"),
            ("document_number_pattern", "{agency}〔{year}〕{seq}号"),
            ("return_notice_issuers", []),
            ("return_notice_issuers", ["school", "school"]),
        ],
    )
    def test_bad_escalation_parameters(self, name, value):
        """A ladder out of order or without the order, or a bad pattern, is refused."""
        from kongchuo.policy import policy_from_mapping

        doc = {
            "name": "x",
            "name_zh": "某县",
            "base": "feicheng",
            "parameters": {
                name: [
                    {
                        "value": value,
                        "effective_from": "2026-01-01",
                        "description": "d",
                        "basis": [],
                    }
                ]
            },
        }
        with pytest.raises(ValidationError) as info:
            policy_from_mapping(doc)
        assert info.value.path.startswith(f"$.parameters.{name}")


class TestMaskingProperty:
    @settings(max_examples=50, deadline=None)
    @given(
        rid=resident_ids(),
        kind=st.sampled_from(
            [k for k in NoticeKind if hasattr(EX[k], "child_id")],
        ),
    )
    def test_no_rendered_notice_or_document_shows_a_full_id(self, rid, kind):
        """For any ID number, text, HTML, repr and masked documents show it masked."""
        from kongchuo.notices import notice_to_json

        notice = attrs.evolve(EX[kind], child_id=rid)
        for text in (
            render_text(notice),
            render_html(notice),
            repr(notice),
            notice_to_json(notice, mask=True),
        ):
            assert rid.value not in text
            assert rid.masked() in text or "child_id" not in text


class TestTemplateFiles:
    def test_templates_from_toml(self):
        """A county's template file in TOML replaces the wording of the kinds it names."""
        import tomllib

        from kongchuo.notices import templates_from_mapping

        text = """
[return]
title = "返校通知书"
code = "返"
body = "$guardians：请于$return_by前送$child_name返校。"
"""
        templates = templates_from_mapping(tomllib.loads(text))
        assert render_text(EX[NoticeKind.RETURN], templates=templates) == (
            "李强、王芳：请于2025年9月19日前送李明返校。\n"
        )

    def test_all_template_problems_at_once(self):
        """Every problem of a template file is reported with its path."""
        from kongchuo.notices import templates_from_mapping

        with pytest.raises(ValidationError) as info:
            templates_from_mapping(
                {
                    "nonsense": {},
                    "return": {"title": "x"},
                    "reminder": {"title": "", "code": "催", "body": "pay $5"},
                }
            )
        paths = {p.path for p in info.value.errors}
        assert {"$.nonsense", "$.return.code", "$.return.body", "$.reminder.title"} <= paths

    def test_template_file_must_be_a_table(self):
        """A template document that is not a table is refused."""
        from kongchuo.notices import templates_from_mapping

        with pytest.raises(KongchuoError) as info:
            templates_from_mapping(["return"])
        assert info.value.code == "type"


class TestNoticesToTheLetter:
    def test_correction_deadline_counts_from_service_civil_code_201(self):
        """An order served 10-08 with deadline 10-09 is short: "开始的当日不计入" (民法典 201)."""
        late = Service(
            method=ServiceMethod.IN_PERSON, served_on=dt.date(2025, 10, 8), recipient="李强"
        )
        order = attrs.evolve(EX[NoticeKind.CORRECTION_ORDER], service=late)
        d = check(order)
        assert not d.ok
        assert "notice.correction.deadline_short" in d.codes()
        assert check(attrs.evolve(order, deadline=dt.date(2025, 10, 23))).ok

    def test_feicheng_correction_order_is_a_joint_decision_fc_2_4(self):
        """FC-2.4 "教育行政部门联合乡镇人民政府…责令限期改正": one body alone is a finding."""
        order = EX[NoticeKind.CORRECTION_ORDER]
        alone = attrs.evolve(order, issuers=order.issuers[:1])
        d = check(alone)
        assert not d.ok
        assert "notice.correction.joint_issuers_missing" in d.codes()
        national = check_notice(
            attrs.evolve(alone, number="责〔2025〕2号"),
            as_of=dt.date(2025, 12, 1),
            policy=NATIONAL,
            calendar=CAL,
        )
        assert "notice.correction.joint_issuers_missing" not in national.codes()

    @pytest.mark.parametrize(
        "party", [Party.JUSTICE, Party.CIVIL_AFFAIRS, Party.MARKET_REGULATION, None]
    )
    def test_judicial_referral_only_to_an_authority_the_ladder_names_article_118(self, party):
        """训诫 by 公安, 法院, 检察院 (未成年人保护法 第一百一十八条): 司法局 is refused."""
        ref = attrs.evolve(
            EX[NoticeKind.JUDICIAL_REFERRAL], addressee="肥城市自然资源局", to_party=party
        )
        d = check(ref)
        assert not d.ok
        assert "notice.judicial.authority" in d.codes()


class TestReferralProperty:
    @settings(max_examples=60, deadline=None)
    @given(st.sampled_from(list(Party)), st.sampled_from([FEICHENG, NATIONAL]))
    def test_a_referral_in_order_goes_to_an_authority_the_ladder_names(self, party, policy):
        """Whenever a judicial referral is in order, its addressee is one the ladder names."""
        ref = attrs.evolve(
            EX[NoticeKind.JUDICIAL_REFERRAL],
            number="函〔2025〕8号" if policy is NATIONAL else "肥教函〔2025〕8号",
            to_party=party,
        )
        d = check_notice(ref, as_of=dt.date(2025, 12, 1), policy=policy, calendar=CAL)
        named = policy.step_authorities.value_at(ref.issued_on).of(EscalationStep.JUDICIAL)
        assert d.ok is (party in named), d.explain()


class TestRenderingShortcuts:
    """Rendering formats only what a template reads, with the same text."""

    @given(
        st.lists(
            st.sampled_from(["$a", "${a}", "$$", "x", "$b ", "中", "${b}c", "$$a", " ", "_", "1"]),
            max_size=12,
        )
    )
    def test_compiled_body_gives_substitute_text(self, tokens):
        """A body split once into runs and names joins to string.Template's text."""
        body = "".join(tokens)
        if not string.Template(body).is_valid():
            return
        values = {name: f"<{name}>" for name in string.Template(body).get_identifiers()}
        literals, names = _compiled(body)
        text = literals[0] + "".join(
            values[n] + lit for n, lit in zip(names, literals[1:], strict=True)
        )
        assert text == string.Template(body).substitute(values)

    def test_placeholders_unchanged_for_every_kind(self):
        """placeholders() still lists every name, fields, units and derived lines."""
        for kind, notice in examples().items():
            values = placeholders(notice)
            assert values["title"] == kind.label_zh
            assert values["issuer"] == notice.issuers[0].name
            assert "child_id" not in values or "*" in values["child_id"]
            text = render_text(notice)
            assert DEFAULT_TEMPLATES[kind].title in text


class TestNoticeWording:
    def test_school_report_carries_the_schools_own_number_gb_9704_7_2_5(self):
        """GB/T 9704-2012 7.2.5: a school's report with the bureau's 代字 肥教 is flagged."""
        report = EX[NoticeKind.SCHOOL_REPORT]
        assert "notice.school_report.bureau_number" not in check(report).codes()
        bureau = attrs.evolve(report, number="肥教报〔2025〕5号")
        d = check(bureau)
        assert "notice.school_report.bureau_number" in d.codes()
        assert any("7.2.5" in b for f in d.findings for b in f.basis)

    def test_number_findings_cite_gb_9704_7_2_5_not_7_2_4(self):
        """发文字号 is GB/T 9704-2012 §7.2.5 (§7.2.4 is the 发文机关标志)."""
        odd = attrs.evolve(EX[NoticeKind.RETURN], number="第12号")
        d = check(odd, confirmed_on=dt.date(2025, 9, 9))
        cited = [b for f in d.findings for b in f.basis if "9704" in b]
        assert cited
        assert all("7.2.5" in b for b in cited)

    def test_correction_order_states_review_rights_administrative_review_law_20(self):
        """行政复议法 第二十条: "未告知…申请行政复议的权利、行政复议机关和申请期限的": a finding."""
        untold = attrs.evolve(EX[NoticeKind.CORRECTION_ORDER], appeal_rights=None)
        d = check(untold)
        assert not d.ok
        assert "notice.correction.appeal_rights" in d.codes()
        rights = FEICHENG.appeal_rights.value_at(dt.date(2025, 9, 22))
        assert check(attrs.evolve(untold, appeal_rights=rights.text_zh())).ok
        assert rights.review_period == Span(count=60, unit=TimeUnit.DAY)
        assert "行政复议法 第二十条" in FEICHENG.appeal_rights.at(dt.date(2025, 9, 22)).basis

    def test_deadline_written_as_last_day_inclusive_civil_code_203(self):
        """民法典 第二百零三条 "最后一日的截止时间为二十四时": the order says 10月9日（含当日）."""
        order = EX[NoticeKind.CORRECTION_ORDER]
        due = correction_deadline(
            order.issued_on, policy=FEICHENG, calendar=CAL, served=order.service
        )
        assert due == order.deadline
        text = render_text(order)
        assert f"{due.year}年{due.month}月{due.day}日（含当日）" in text
        assert f"{due.year}年{due.month}月{due.day}日前" not in text

    def test_return_notice_cites_minors_law_22_and_23_for_entrusted_care(self):
        """未成年人保护法 第二十二条 "应当委托具有照护能力的完全民事行为能力人代为照护" is cited."""
        text = render_text(EX[NoticeKind.RETURN])
        assert "第二十二条、第二十三条" in text
        assert "书面告知学校和实际居住地的村（居）民委员会" in text

    def test_child_labour_revocation_on_injury_or_death_regulation_10(self):
        """禁止使用童工规定 第十条第二款 "童工伤残或者死亡的…吊销营业执照": grounds for 市场监管."""
        ref = attrs.evolve(
            EX[NoticeKind.LABOUR_REFERRAL],
            to_party=Party.MARKET_REGULATION,
            child_disabled_or_dead=True,
            serious=True,
        )
        d = check(ref)
        assert d.ok, d.explain()
        assert "notice.labour.serious_recorded" in d.codes()
        assert "第十条第二款" in render_text(ref)
        assert "吊销" not in render_text(EX[NoticeKind.LABOUR_REFERRAL])

    def test_training_referral_goes_to_the_off_campus_training_authority(self):
        """校外培训行政处罚暂行办法 (2023): the county's 校外培训主管部门, not any recipient."""
        ref = EX[NoticeKind.TRAINING_REFERRAL]
        assert check(ref).ok
        wrong = attrs.evolve(ref, to_party=Party.MARKET_REGULATION)
        d = check(wrong)
        assert not d.ok
        assert "notice.training.recipient" in d.codes()
        assert "校外培训行政处罚暂行办法 (2023)" in d.basis

    def test_left_at_residence_record_names_no_signer_civil_procedure_89(self):
        """民事诉讼法 第八十九条 "在送达回证上记明拒收事由和日期": the refuser is not a 签收人."""
        text = render_text(EX[NoticeKind.CORRECTION_ORDER])
        line = next(t for t in text.splitlines() if t.startswith("送达回证"))
        assert "签收人" not in line
        assert "拒绝接收" in line
        assert "见证人" in line

    def test_national_notice_decision_cites_no_feicheng_clause(self):
        """A decision under NATIONAL rests on national texts, not on FC clauses."""
        d = check_notice(
            attrs.evolve(EX[NoticeKind.RETURN], number="复〔2025〕12号"),
            as_of=dt.date(2025, 12, 1),
            policy=NATIONAL,
            calendar=CAL,
            confirmed_on=dt.date(2025, 9, 9),
        )
        cited = [*d.basis, *(b for f in d.findings for b in f.basis)]
        assert not [b for b in cited if b.startswith("FC-")]
