"""Rendering notices as text in official form (文书制作), from templates kept as data.

Each :class:`NoticeKind` has a :class:`NoticeTemplate`: its title, the code that
goes into its document number (复 in 肥教复〔2025〕12号) and its text as a
:class:`string.Template`. The placeholders are the notice's field names
(``$child_name``, ``$deadline``) plus a few derived ones (``$issuer``,
``$signature``, ``$service``). A county replaces any template by passing its own
mapping to :func:`render_text`; nothing in the code holds the wording.

Values are formatted the Chinese official way: dates as ``2025年9月10日``, lists
with ``、``, a party by its Chinese name. A resident ID number is printed masked
unless ``full_id=True``.

This module is part of the edges layer of the design (docs/design.md).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import html
import string
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs

from kongchuo._core.args import require_date, require_instance, require_int
from kongchuo._core.errors import Problem, ValidationError, problem, quote, type_name
from kongchuo._core.guard import friendly_init
from kongchuo._identity.numbers import ResidentId
from kongchuo._models.base import Model, fields_of
from kongchuo.notices._models import Notice, NoticeKind, ServiceMethod
from kongchuo.policy import Party, Policy
from kongchuo.policy._escalation import format_document_number
from kongchuo.policy._policy import require_policy

__all__ = [
    "DEFAULT_TEMPLATES",
    "NoticeTemplate",
    "date_zh",
    "document_number",
    "placeholders",
    "render_html",
    "render_text",
    "templates_from_mapping",
]


def _check_text(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(
            "template.text",
            f"{attribute.name} must be non-blank text",
            f"{attribute.name} 应为非空文本",
            path=f"$.{attribute.name}",
        )


def _check_body(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    _check_text(instance, attribute, value)
    template = string.Template(str(value))
    if not template.is_valid():
        raise ValidationError(
            "template.syntax",
            "the body has a '$' that is not a placeholder; write '$$' for a dollar sign",
            "正文中有无效的“$”占位符；美元符号请写作“$$”",
            path="$.body",
        )


@friendly_init
@attrs.frozen(kw_only=True)
class NoticeTemplate:
    """The wording of one kind of notice (文书模板), as data a county may replace.

    Attributes:
        title: The title printed under the issuer (入学通知书).
        code: The kind's code in the document number (入, 复, 催 ...).
        body: The text, a :class:`string.Template` whose placeholders are the
            notice's field names and the derived names of :func:`placeholders`.

    Example:
        >>> t = NoticeTemplate(
        ...     title="复学通知书", code="复", body="$guardians：请于$return_by前返校。"
        ... )
        >>> t.code
        '复'
    """

    title: str = attrs.field(validator=_check_text)
    code: str = attrs.field(validator=_check_text)
    body: str = attrs.field(validator=_check_body)


_TEMPLATE_KEYS: Final = ("title", "code", "body")
_HEAD: Final = "$issuer\n$title\n$number\n\n"
_TAIL: Final = "\n\n$signature\n$issued_on\n\n$service\n"
_P: Final = "\u3000\u3000"  # two full-width spaces open a paragraph (GB/T 9704)

_DUTIES: Final = (
    f"{_P}根据《中华人民共和国义务教育法》第五条、第十一条和《中华人民共和国未成年人保护法》"
    "第十六条、第十七条的规定，父母或者其他法定监护人应当依法保证适龄儿童、少年按时入学"
    "接受并完成义务教育，不得放任或者迫使应当接受义务教育的未成年人失学、辍学。根据《中华"
    "人民共和国未成年人保护法》第二十二条、第二十三条的规定，因外出务工等原因不能完全履行"
    "监护职责的，应当委托具有照护能力的完全民事行为能力人代为照护，并及时将委托照护情况"
    "书面告知学校和实际居住地的村（居）民委员会。"
)

_BODIES: Final[dict[NoticeKind, tuple[str, str, str]]] = {
    NoticeKind.ENROLMENT: (
        "入学通知书",
        "入",
        (
            "$guardians：\n"
            f"{_P}您的子女$child_name（身份证号码：$child_id）已到入学年龄。根据《中华人民共和国"
            "义务教育法》第五条、第十一条、第十二条的规定，请您于$report_on持户口簿等材料，"
            "携子女到$school_name（$report_place）办理入学报到手续。\n"
            f"{_P}依法保证适龄子女按时入学接受义务教育，是每一位家长的法定义务。逾期未报到的，"
            "学校和有关部门将上门了解情况并催告。"
        ),
    ),
    NoticeKind.RETURN: (
        "复学通知书",
        "复",
        "$guardians：\n"
        f"{_P}经核实，您的子女$child_name（身份证号码：$child_id）自$out_since起未到"
        "$school_name就读。\n" + _DUTIES + "\n"
        f"{_P}现通知您最迟于$return_by（含当日）送子女到$school_name复学。如有困难，请与学校或本通知"
        "署名单位联系，我们将依法提供帮助。",
    ),
    NoticeKind.REMINDER: (
        "催告书",
        "催",
        (
            "$guardians：\n"
            f"{_P}您的子女$child_name（身份证号码：$child_id）应于$due_on到$school_name报到，"
            "至今未报到。经了解，原因为：$reason。\n"
            f"{_P}请您最迟于$report_by（含当日）送子女到$school_name报到。已在外地就学的，请提供实际就读"
            "学校的证明。$studying_elsewhere_note"
        ),
    ),
    NoticeKind.SCHOOL_REPORT: (
        "关于学生辍学情况的书面报告",
        "报",
        (
            "$addressee：\n"
            f"{_P}我校学生$child_name（身份证号码：$child_id）自$absent_since起未到校上课。"
            "学校已按规定登记，并先后开展劝返$attempts次，劝返无效。情况如下：$summary\n"
            f"{_P}根据《中华人民共和国未成年人保护法》第二十八条第二款的规定，特此书面报告，"
            "请依法责令其父母或者其他监护人将其送入学校接受义务教育。"
        ),
    ),
    NoticeKind.CORRECTION_ORDER: (
        "批评教育、责令限期改正决定书",
        "责",
        (
            "$guardians：\n"
            f"{_P}经查，$facts\n"
            f"{_P}你们作为$child_name（身份证号码：$child_id）的监护人，无正当理由未依法送适龄"
            "子女入学接受义务教育，违反了《中华人民共和国义务教育法》第五条的规定。依据$legal_basis"
            "的规定，现对你们提出批评教育，并责令你们最迟于$deadline（含当日）将$child_name送到"
            "$school_name就读。\n"
            f"{_P}$consequences\n"
            f"{_P}$appeal_rights"
        ),
    ),
    NoticeKind.JUDICIAL_REFERRAL: (
        "关于提请发出司法文书督促监护人送子女入学的函",
        "函",
        (
            "$addressee：\n"
            f"{_P}$child_name（身份证号码：$child_id）的监护人$guardians无正当理由未送其入学。"
            "我单位已作出批评教育、责令限期改正决定（$order_number），改正期限于$order_deadline"
            "届满，监护人至今未改正。$facts\n"
            f"{_P}根据《中华人民共和国未成年人保护法》第一百一十八条、《中华人民共和国家庭教育"
            "促进法》第四十九条的规定，特提请贵单位依法$requested。"
        ),
    ),
    NoticeKind.LETTER_TO_PARENTS: (
        "致家长一封信",
        "信",
        (
            "尊敬的家长朋友：\n"
            f"{_P}$school_years学年秋季学期即将开始。《中华人民共和国义务教育法》规定，凡具有"
            "中华人民共和国国籍的适龄儿童、少年，依法享有平等接受义务教育的权利，并履行接受"
            "义务教育的义务；父母或者其他法定监护人应当依法保证其按时入学接受并完成义务教育。\n"
            f"{_P}请您按入学通知书的时间送子女报到；子女因身体原因需要延缓入学或者休学的，请依法"
            "提出申请；外出务工的，请委托有照护能力的人照护子女并告知学校。任何单位和个人不得"
            "招用应当接受义务教育的适龄儿童、少年就业。\n"
            f"{_P}咨询电话：$contact"
        ),
    ),
    NoticeKind.LABOUR_REFERRAL: (
        "关于移送使用童工线索的函",
        "移",
        (
            "$addressee：\n"
            f"{_P}我单位在控辍保学工作中发现，$employer_name（统一社会信用代码：$employer_uscc；"
            "地址：$employer_address）自$employed_since起招用未满十六周岁的$child_name"
            "（$child_birth_date出生）。$facts\n"
            f"{_P}根据《中华人民共和国义务教育法》第十四条和《禁止使用童工规定》的规定，现将"
            "线索移送贵单位，请依法查处$serious_request，并将处理结果告知我单位。"
        ),
    ),
    NoticeKind.TRAINING_REFERRAL: (
        "关于移送违规校外培训机构线索的函",
        "移",
        (
            "$addressee：\n"
            f"{_P}我单位在控辍保学工作中发现，$institution_name（统一社会信用代码："
            "$institution_uscc；地址：$institution_address）存在以下情况：$facts\n"
            f"{_P}现将线索移送贵单位，请依法查处，并将处理结果告知我单位。"
        ),
    ),
}

DEFAULT_TEMPLATES: Final[Mapping[NoticeKind, NoticeTemplate]] = MappingProxyType(
    {
        kind: NoticeTemplate(title=title, code=code, body=_HEAD + body + _TAIL)
        for kind, (title, code, body) in _BODIES.items()
    }
)
"""The shipped wording of every kind, read-only; pass a mapping of your own to replace it.

Example:
    >>> DEFAULT_TEMPLATES[NoticeKind.RETURN].title
    '复学通知书'
"""


def templates_from_mapping(data: object) -> dict[NoticeKind, NoticeTemplate]:
    """Templates from a parsed JSON or TOML document, keyed by kind (读取本地文书模板).

    The document maps kind names (``"return"``, ``"reminder"`` ...) to tables with
    ``title``, ``code`` and ``body``. Kinds it leaves out keep the shipped wording
    when the result is passed to :func:`render_text`.

    Raises:
        ValidationError: Every problem of the document at once, each with its path
            (``$.return.body``).

    Example:
        >>> t = templates_from_mapping(
        ...     {"return": {"title": "返校通知", "code": "返", "body": "$child_name"}}
        ... )
        >>> t[NoticeKind.RETURN].title
        '返校通知'
    """
    if not isinstance(data, Mapping):
        raise ValidationError(
            "type",
            f"expected a table of templates by kind, got {type_name(data)}",
            f"模板文件应为按文书种类组织的表，实为 {type_name(data)}",
        )
    kinds = {k.value: k for k in NoticeKind}
    out: dict[NoticeKind, NoticeTemplate] = {}
    problems: list[Problem] = []
    for key, raw in data.items():
        path = f"$.{quote(key, bare=True)}"
        kind = kinds.get(key) if isinstance(key, str) else None
        if kind is None:
            problems.append(
                problem(
                    "templates.kind",
                    f"unknown notice kind; known: {', '.join(kinds)}",
                    f"未知的文书种类；可用：{', '.join(kinds)}",
                    path,
                )
            )
            continue
        if not isinstance(raw, Mapping):
            problems.append(
                problem(
                    "templates.entry",
                    "expected a table with exactly title, code and body",
                    "应为只含 title、code、body 三项的表",
                    path,
                )
            )
            continue
        # Every problem of the entry at once: unknown keys, missing ones, bad values.
        problems.extend(
            Problem(
                code="templates.entry",
                path=f"{path}.{quote(k, bare=True)}",
                message=f"unknown key {quote(k)}: a template has title, code and body",
                message_zh=f"未知的键 {quote(k)}：模板只含 title、code、body",
            )
            for k in raw
            if k not in _TEMPLATE_KEYS
        )
        try:
            template = NoticeTemplate(**{k: raw[k] for k in _TEMPLATE_KEYS if k in raw})
        except ValidationError as exc:
            problems.extend(p.under(path) for p in exc.errors)
        else:
            out[kind] = template
    if problems:
        raise ValidationError.of(problems)
    return out


_NONE: Final = "无"


def date_zh(day: dt.date) -> str:
    """A day as a notice writes it (公文日期): ``2025年9月1日``, without leading zeros.

    Example:
        >>> date_zh(dt.date(2025, 9, 1))
        '2025年9月1日'
    """
    return f"{day.year}年{day.month}月{day.day}日"


def _format(value: object, *, full_id: bool) -> str:  # noqa: PLR0911 - one return per type
    if value is None:
        return _NONE
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, ResidentId):
        return value.value if full_id else value.masked()
    if isinstance(value, dt.date):
        return date_zh(value)
    if isinstance(value, enum.Enum) and hasattr(value, "label_zh"):
        return str(value.label_zh)
    if isinstance(value, tuple):
        return "、".join(_format(v, full_id=full_id) for v in value)
    return str(value)


def placeholders(notice: Notice, *, full_id: bool = False) -> dict[str, str]:
    """The values a template may use for ``notice``, already formatted.

    Every field of the notice by its name; for a nested unit (an employer, an
    institution) its fields as ``<field>_<name>``; and the derived ``issuer`` (the
    leading issuer), ``issuers``, ``signature`` (one issuer a line), ``title``,
    ``service`` (the service record, or a line saying it is not yet served),
    ``serious_request``, ``studying_elsewhere_note`` and ``school_years``.

    Example:
        >>> from kongchuo.notices import examples
        >>> placeholders(examples()[NoticeKind.RETURN])["return_by"]
        '2025年9月19日'
    """
    return dict(_Placeholders(require_notice(notice), full_id=full_id))


def _revocation_request(notice: Notice) -> str:
    """The request to revoke a licence, only on the grounds the regulation gives."""
    grounds = []
    if getattr(notice, "order_unheeded", False):
        grounds.append("第六条第二款")
    if getattr(notice, "child_disabled_or_dead", False):
        grounds.append("第十条第二款")
    if not grounds or getattr(notice, "to_party", None) is not Party.MARKET_REGULATION:
        return ""
    return f"，并依照《禁止使用童工规定》{'、'.join(grounds)}的规定吊销其营业执照"


def _service_line(notice: Notice) -> str:
    s = notice.service
    if s is None:
        return "送达回证：尚未送达。" if type(notice).addressed_to_guardians else ""
    note = f"；备注：{s.note}" if s.note else ""
    day = date_zh(s.served_on)
    if s.method is ServiceMethod.LEFT_AT_RESIDENCE:
        # 民事诉讼法 第八十九条: whoever refused is not a 签收人; the record states the
        # refusal and its date, signed by the server and the witnesses.
        return (
            f"送达回证：留置送达。受送达人{s.recipient}于{day}拒绝接收，送达人在送达回证上记明"
            f"拒收事由和日期，由送达人、见证人签名，文书留在受送达人住所{note}。"
        )
    if s.method is ServiceMethod.POST:
        return f"送达回证：邮寄送达，回执注明的收件日期{day}，收件人：{s.recipient}{note}。"
    if s.method is ServiceMethod.PUBLIC_ANNOUNCEMENT:
        return f"送达回证：公告送达，{day}发出公告，受送达人：{s.recipient}{note}。"
    return f"送达回证：{s.method.label_zh}，{day}，受送达人（签收人）：{s.recipient}{note}。"


def _appeal_rights(notice: Notice) -> str:
    return getattr(notice, "appeal_rights", None) or ""


def _studying_elsewhere_note(notice: Notice) -> str:
    elsewhere = getattr(notice, "studying_elsewhere", None)
    return f"经核实，实际就读学校为{elsewhere}。" if elsewhere else ""


def _school_years(notice: Notice) -> str:
    year = getattr(notice, "school_year", None)
    return f"{year}—{year + 1}" if isinstance(year, int) else ""


#: The derived placeholders, which take precedence over a field of the same name.
_DERIVED: Final[Mapping[str, Callable[[Notice], str]]] = MappingProxyType(
    {
        "issuer": lambda n: n.issuers[0].name,
        "issuers": lambda n: "、".join(i.name for i in n.issuers),
        "signature": lambda n: "\n".join(i.name for i in n.issuers),
        "title": lambda n: n.kind.label_zh,
        "service": _service_line,
        "serious_request": _revocation_request,
        "appeal_rights": _appeal_rights,
        "studying_elsewhere_note": _studying_elsewhere_note,
        "school_years": _school_years,
    }
)


class _Placeholders(Mapping[str, str]):
    """The placeholders of one notice, each formatted only when a template reads it.

    A template uses a handful of the dozens of names; formatting them all (nested
    units included) cost most of the rendering time. Keys and values are exactly
    those of :func:`placeholders`, which builds the whole mapping from this one.
    """

    __slots__ = ("_births", "_full_id", "_notice", "_sources", "_title")

    def __init__(self, notice: Notice, *, full_id: bool, title: str | None = None) -> None:
        self._notice = notice
        self._full_id = full_id
        self._title = title
        # name -> (value, None) for a field, (unit, name) for a unit's field: which
        # names exist depends on which nested units are set, not on formatting.
        sources: dict[str, tuple[object, str | None]] = {}
        # Birth dates by their year only unless the full ID is shown: beside the
        # masked ID, the full date would give its hidden digits back.
        self._births = frozenset(
            f.name for f in fields_of(type(notice)) if f.sensitive == "birth" and not full_id
        )
        for f in fields_of(type(notice)):
            value = getattr(notice, f.name)
            if isinstance(value, Model) and f.name != "service":
                for g in fields_of(type(value)):
                    sources[f"{f.name}_{g.name}"] = (value, g.name)
            else:
                sources[f.name] = (value, None)
        self._sources = sources

    def __getitem__(self, key: str) -> str:
        if key == "title" and self._title is not None:
            return self._title  # the template's own title
        derived = _DERIVED.get(key)
        if derived is not None:
            return derived(self._notice)
        value, attribute = self._sources[key]
        if attribute is not None:
            value = getattr(value, attribute)
        if key in self._births and isinstance(value, dt.date):
            return f"{value.year}年**月**日"
        return _format(value, full_id=self._full_id)

    def __iter__(self) -> Iterator[str]:
        yield from self._sources
        yield from (name for name in _DERIVED if name not in self._sources)

    def __len__(self) -> int:
        return len(self._sources.keys() | _DERIVED.keys())


def require_notice(notice: object) -> Notice:
    """Return ``notice`` if it is a notice of one of the kinds; ``type`` at ``notice`` if not."""
    if not isinstance(notice, Notice) or type(notice) is Notice:
        raise ValidationError(
            "type",
            f"expected a notice, got {type_name(notice)}",
            f"应为通知文书，实为 {type_name(notice)}",
            path="notice",
        )
    return notice


def template_of(kind: NoticeKind, templates: Mapping[Any, NoticeTemplate] | None) -> NoticeTemplate:
    """The template for ``kind``: from ``templates`` if it has one, else the shipped one.

    Raises:
        ValidationError: ``type`` for a non-mapping or a value that is not a
            :class:`NoticeTemplate`.
    """
    if templates is None:
        return DEFAULT_TEMPLATES[kind]
    templates = require_instance(templates, Mapping, "templates")  # type: ignore[type-abstract]
    template = templates.get(kind)
    if template is None:
        return DEFAULT_TEMPLATES[kind]
    return require_instance(template, NoticeTemplate, f"templates[{kind.value}]")


def render_text(
    notice: Notice,
    *,
    templates: Mapping[NoticeKind, NoticeTemplate] | None = None,
    full_id: bool = False,
) -> str:
    """The notice as plain text in official form (公文文本).

    Args:
        notice: Any notice.
        templates: Templates by kind that replace the shipped ones; kinds it lacks
            use :data:`DEFAULT_TEMPLATES`.
        full_id: Print the child's resident ID number in full. A notice served on a
            guardian identifies the child by name and school; the masked number
            (370983********0034) is the default and is enough to match the record.
            Pass ``True`` only where the receiving office must have the full number
            (a referral to a court or a labour inspectorate may), and keep the
            output out of logs.

    Returns:
        The text, lines separated by newlines, ending with one.

    Raises:
        ValidationError: ``type`` for a non-notice; ``template.placeholder``
            naming an unknown placeholder in a template.

    Example:
        >>> from kongchuo.notices import examples
        >>> print(render_text(examples()[NoticeKind.LETTER_TO_PARENTS]).splitlines()[1])
        致家长一封信
    """
    notice = require_notice(notice)
    template = template_of(notice.kind, templates)
    values = _Placeholders(notice, full_id=full_id, title=template.title)
    literals, names = _compiled(template.body)
    parts = [literals[0]]
    try:
        for name, literal in zip(names, literals[1:], strict=True):
            parts.append(values[name])
            parts.append(literal)
    except KeyError as exc:
        name = quote(str(exc.args[0]), bare=True)
        known = ", ".join(sorted(values))
        raise ValidationError(
            "template.placeholder",
            f"the template for {notice.kind.value} uses ${name}, which a "
            f"{type(notice).__name__} does not have; known: {known}",
            f"{notice.kind.label_zh}模板使用了未知的占位符 ${name}；可用：{known}",
            path=f"templates[{notice.kind.value}].body",
        ) from None
    text = "".join(parts)
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines()) + "\n"


@functools.lru_cache(maxsize=256)
def _compiled(body: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A template body split once into its literal runs and placeholder names.

    The body is read with :class:`string.Template`'s own pattern (``$name``,
    ``${name}``, ``$$`` for a dollar sign), so the text is exactly what
    ``substitute`` gives, without a regular-expression pass per notice. Bodies are
    checked when a :class:`NoticeTemplate` is built, so none is invalid here.
    """
    literals: list[str] = []
    names: list[str] = []
    current: list[str] = []
    position = 0
    for match in string.Template.pattern.finditer(body):
        current.append(body[position : match.start()])
        position = match.end()
        name = match.group("named") or match.group("braced")
        if name is None:  # "$$": a dollar sign
            current.append("$")
            continue
        literals.append("".join(current))
        names.append(name)
        current = []
    current.append(body[position:])
    literals.append("".join(current))
    return tuple(literals), tuple(names)


def render_html(
    notice: Notice,
    *,
    templates: Mapping[NoticeKind, NoticeTemplate] | None = None,
    full_id: bool = False,
) -> str:
    """The notice as a small HTML fragment: the text of :func:`render_text`, escaped.

    The first three lines (issuer, title, number) become a header; each further
    line a paragraph.

    Example:
        >>> from kongchuo.notices import examples
        >>> render_html(examples()[NoticeKind.LETTER_TO_PARENTS]).splitlines()[0]
        '<article class="kongchuo-notice" lang="zh-CN">'
    """
    text = render_text(notice, templates=templates, full_id=full_id)
    lines = text.splitlines()
    head, rest = lines[:3], lines[3:]
    out = ['<article class="kongchuo-notice" lang="zh-CN">', "<header>"]
    tags = ("p", "h1", "p")
    out.extend(f"<{tag}>{html.escape(line)}</{tag}>" for tag, line in zip(tags, head, strict=False))
    out.append("</header>")
    out.extend(f"<p>{html.escape(line)}</p>" for line in rest if line.strip())
    out.append("</article>")
    return "\n".join(out) + "\n"


MAX_DOCUMENT_SEQ: Final = 999_999
"""The largest sequence number of a 文号 within a year (a kongchuo bound: no office
issues a million notices of one kind a year, and a number of thousands of digits
cannot be written)."""


def document_number(
    kind: NoticeKind,
    *,
    year: int,
    seq: int,
    policy: Policy,
    on: dt.date,
    templates: Mapping[NoticeKind, NoticeTemplate] | None = None,
) -> str:
    """A document number (文号) for a notice of ``kind``, by the policy's pattern.

    Args:
        kind: The kind of notice; its template gives the code.
        year: The year in the number (the year of issue).
        seq: The sequence number within the year, from 1.
        policy: The policy whose ``document_number_pattern`` applies.
        on: The day whose pattern applies (the day of issue).
        templates: Templates that replace the shipped ones.

    Raises:
        ValidationError: For a kind that is not a :class:`NoticeKind`, a year
            outside 1000–9999 or a sequence number outside 1–:data:`MAX_DOCUMENT_SEQ`.

    Example:
        >>> import datetime as dt
        >>> from kongchuo.policy import FEICHENG
        >>> document_number(
        ...     NoticeKind.RETURN, year=2025, seq=12, policy=FEICHENG, on=dt.date(2025, 9, 10)
        ... )
        '肥教复〔2025〕12号'
    """
    kind = require_instance(kind, NoticeKind, "kind", name_zh="文书种类")
    year = require_int(year, "year", min_value=1000, max_value=9999)
    seq = require_int(seq, "seq", min_value=1, max_value=MAX_DOCUMENT_SEQ)
    on = require_date(on, "on")
    policy = require_policy(policy)
    template = template_of(kind, templates)
    pattern = policy.document_number_pattern.value_at(on)
    return format_document_number(pattern, code=template.code, year=year, seq=seq)
