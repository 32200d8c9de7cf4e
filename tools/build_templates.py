"""Write the built-in forms (``templates/*.docx`` and their ``*.toml`` manifests) from FormSpecs.

Run it after changing a form below (``make templates``); the same script always writes the same
bytes, and ``tests/test_forms_golden.py`` fails when the checked-in templates are out of date.
Each manifest says so (``generated = "tools/build_templates.py"``, and a comment), as does
``templates/README.md``: to change a built-in form in Word, copy it into a forms folder
(``chibo-docs forms copy ID DIR``) rather than editing ``templates/``.
Layout values (sizes, spacing, columns) come from :mod:`chibo_docs.layout.profiles`, never from here;
this file says only *what* each form holds, with Jinja tags against the models
(``Minutes``, ``Resolution``, ``Plan``; see ``docs/data-model.md``). Ids are resolved and
votes counted by the models' views (``meeting.agenda_entries``, ``meeting.tallies``,
``doc.assigned_tasks``, ``doc.adoption_tally``, …), never by the template.

Usage: ``python tools/build_templates.py [OUTPUT_FOLDER]`` (default: the repository's
``templates/``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from chibo_docs.layout.builder import (
    Block,
    Bullet,
    FormSpec,
    Header,
    Heading,
    MinutesSignatures,
    Paragraph,
    Signature,
    SubHeading,
    Table,
    TemplateTag,
    Title,
    build_docx,
)

__all__ = ["FORMS", "GENERATOR", "FormDefinition", "build", "main"]

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
GENERATOR = "tools/build_templates.py"
"""What the manifests of the built-in forms name as the program that writes them."""

# Letters of the Vietnamese alphabet used for "a)", "b)" … items (no f, j, w, z; đ after d).
_LETTERS = "abcdđeghiklmnopqrstuvxy"


def _tag(text: str) -> TemplateTag:
    return TemplateTag(text)


def _if(test: str, *blocks: Block) -> tuple[Block, ...]:
    return (_tag(f"{{%p if {test} %}}"), *blocks, _tag("{%p endif %}"))


def _for(target: str, *blocks: Block) -> tuple[Block, ...]:
    return (_tag(f"{{%p for {target} %}}"), *blocks, _tag("{%p endfor %}"))


def _joined(items: str, text: str) -> str:
    """Inline loop writing ``text`` for each of ``items`` separated by ', '."""
    return f"{{% for x in {items} %}}{text}{{% if not loop.last %}}, {{% endif %}}{{% endfor %}}"


def _end(sep: str = ";", last: str = ".") -> str:
    """Inline tag ending a list item: ``sep`` between items, ``last`` after the last one."""
    return f"{{% if loop.last %}}{last}{{% else %}}{sep}{{% endif %}}"


def _sections(source: str) -> tuple[Block, ...]:
    """Number the sections of ``source`` at any depth: ``1.`` (bold), ``a)`` (italic), ``-``, ``+``.

    A recursive loop: the ``{{p loop(…) }}`` paragraph is replaced by the subsections, so no
    level of :class:`~chibo_docs.models.Section` is ever dropped.
    """
    letter = (
        f"{{% if loop.index <= {len(_LETTERS)} %}}{{{{ '{_LETTERS}'[loop.index0] }}}}"
        "{% else %}{{ loop.index }}{% endif %})"
    )
    return (
        _tag(f"{{%p for s in {source} recursive %}}"),
        _tag("{%p if loop.depth == 1 %}"),
        SubHeading("{{ loop.index }}. {{ s.heading }}"),
        _tag("{%p elif loop.depth == 2 %}"),
        Paragraph(f"{letter} {{{{ s.heading }}}}", italic=True),
        _tag("{%p elif loop.depth == 3 %}"),
        Bullet("{{ s.heading }}"),
        _tag("{%p else %}"),
        Paragraph("+ {{ s.heading }}"),
        _tag("{%p endif %}"),
        *_for("para in s.paragraphs", Paragraph("{{ para }}")),
        _tag("{{p loop(s.subsections) }}"),
        _tag("{%p endfor %}"),
    )


_EXCERPT = "{% if not title.startswith('về ') %}về {% endif %}{{ title }}"
"""The trích yếu starts 'về …' (HD 36), whether or not the data's title already does."""


def _header(*, numbered: bool = True) -> Header:
    """The header block; ``numbered=False`` prints the số line only when the data has a number."""
    number = (
        "Số {{ doc.code }}"
        if numbered
        else "{% if doc.number_line %}{{ doc.number_line }}{% endif %}"
    )
    return Header(
        upper_line=(
            "{% if doc.issuer.upper_header_line %}{{ doc.issuer.upper_header_line }}{% endif %}"
        ),
        issuer="{{ doc.issuer.header_line }}",
        number_line=number,
        date_line="{{ doc.date_line }}",
    )


def _recipients() -> tuple[str | TemplateTag, ...]:
    return (
        _tag("{%p for r in recipients %}"),
        "{{ r }}" + _end(",", "."),
        _tag("{%p endfor %}"),
    )


def _signature() -> Signature:
    return Signature(
        name="{{ signature.full_name }}",
        authority="{{ signature.on_behalf }}",
        position="{{ signature.title }}",
    )


def _deadline(a: str) -> str:
    return (
        f"{{% if {a}.deadline %}}{{{{ {a}.deadline | short_date }}}}"
        f"{{% if {a}.deadline_note %}} ({{{{ {a}.deadline_note }}}}){{% endif %}}"
        f"{{% elif {a}.deadline_note %}}{{{{ {a}.deadline_note }}}}{{% endif %}}"
    )


def _who(a: str) -> str:
    """Who does task ``a``: the group as written, then ``đồng chí <name>`` for each member.

    The data is printed as it is (never re-cased); only the template's own words are.
    """
    return (
        f"{{% if {a}.assignee %}}{{{{ {a}.assignee }}}}{{% endif %}}"
        f"{{% for x in {a}.assignees %}}{{% if loop.first and not {a}.assignee %}}Đồng chí"
        f"{{% else %}}, đồng chí{{% endif %}} {{{{ x.full_name }}}}{{% endfor %}}"
    )


def _member(expr: str) -> str:
    """``đồng chí <name>, <party role>`` (the role only for bí thư, phó bí thư, chi ủy viên)."""
    return (
        f"đồng chí {{{{ {expr}.full_name }}}}{{% if {expr}.is_leader %}}, "
        f"{{{{ {expr}.role_name }}}}{{% if {expr}.role != 'chi_uy_vien' %}} Chi bộ{{% endif %}}"
        "{% endif %}"
    )


_SPEAKER_KIND = (
    "{% if o.kind == 'chi_dao' %} (phát biểu chỉ đạo)"
    "{% elif o.kind == 'giai_trinh' %} (tiếp thu, giải trình){% endif %}"
)
_VOTE_METHOD = (
    "{% if v.method == 'gio_tay' %}giơ tay{% elif v.method == 'gio_the_dang_vien' %}"
    "giơ thẻ đảng viên{% elif v.method == 'phieu_kin' %}bỏ phiếu kín"
    "{% else %}trên Sổ tay đảng viên điện tử{% endif %}"
)


def _opinions(source: str) -> tuple[Block, ...]:
    return _for(
        f"o in {source}",
        Bullet("Đồng chí {{ o.speaker.full_name }}" + _SPEAKER_KIND + ": {{ o.content }}"),
    )


def _points(row: str) -> str:
    """``14/15 điểm`` for criterion ``row`` (a ScoreRow), or ``không áp dụng``."""
    return (
        f"{{% if {row}.not_applicable %}}không áp dụng{{% else %}}"
        f"{{{{ {row}.points | format_number }}}}/{{{{ {row}.max_points | format_number }}}} điểm"
        "{% endif %}"
    )


def _quality_total(q: str) -> str:
    """``93/100 điểm; xếp loại: Tốt`` for assessment ``q`` (the scaled score when it is scaled)."""
    return (
        f"{{{{ {q}.total | format_number }}}}/{{{{ {q}.max_total | format_number }}}} điểm"
        f"{{% if {q}.scaled %}} (quy đổi: {{{{ {q}.score | format_number }}}}/"
        f"{{{{ {q}.framework.total | format_number }}}} điểm){{% endif %}}; "
        f"xếp loại: {{{{ {q}.rating_name }}}}"
    )


def _quality_summary(q: str, tally: str, confirmer: str) -> tuple[Block, ...]:
    """The self-assessment in short: the top criteria, the total and rating, vote, confirmation."""
    return (
        Paragraph(f"Chi bộ tự chấm điểm chất lượng kỳ sinh hoạt theo {{{{ {q}.framework.name }}}}:"),
        *_for(f"g in {q}.groups", Bullet("{{ g.name }}: " + _points("g") + _end())),
        Paragraph(f"Tổng số điểm: {_quality_total(q)}."),
        *_if(
            tally,
            Paragraph(
                "Chi bộ biểu quyết thông qua kết quả tự chấm điểm: "
                f"{{{{ {tally}.approve | vote_phrase({tally}.eligible_base) }}}}."
            ),
        ),
        *_if(
            confirmer,
            Paragraph(
                f"Đồng chí {{{{ {confirmer}.full_name }}}}{{% if {confirmer}.position %}}, "
                f"{{{{ {confirmer}.position }}}}{{% endif %}}, đại diện cấp ủy cấp trên, xác nhận "
                "kết quả tự chấm điểm của chi bộ."
            ),
        ),
    )


def minutes() -> FormSpec:
    """Biên bản sinh hoạt chi bộ (model ``Minutes``), regular or thematic."""
    m = "meeting"
    attendance = (
        Heading("I- THÀNH PHẦN DỰ SINH HOẠT"),
        Paragraph(f"Tổng số đảng viên được triệu tập: {{{{ {m}.convened_count }}}} đồng chí."),
        Paragraph(
            f"Có mặt: {{{{ {m}.present_count }}}} đồng chí (chính thức: "
            f"{{{{ {m}.present_official_count }}}}, dự bị: {{{{ {m}.present_probationary_count }}}})."
        ),
        Paragraph(
            f"Vắng mặt: {{{{ {m}.absent_count }}}} đồng chí (có lý do: {{{{ {m}.excused_count }}}}, "
            f"không có lý do: {{{{ {m}.unexcused_count }}}}){{% if {m}.absent %}}:{{% else %}}.{{% endif %}}"
        ),
        *_for(
            f"a in {m}.excused",
            Bullet(
                "Đồng chí {{ a.member.full_name }}: vắng có lý do"
                "{% if a.reason %} ({{ a.reason }}){% endif %}"
                f"{{% if loop.last and not {m}.unexcused %}}.{{% else %}};{{% endif %}}"
            ),
        ),
        *_for(
            f"a in {m}.unexcused",
            Bullet(
                "Đồng chí {{ a.member.full_name }}: vắng không có lý do"
                "{% if a.reason %} ({{ a.reason }}){% endif %}" + _end()
            ),
        ),
        *_if(
            f"{m}.cell.exempt_members",
            Paragraph(
                "Đảng viên được miễn công tác và sinh hoạt đảng: "
                + _joined(f"{m}.cell.exempt_members", "đồng chí {{ x.full_name }}")
                + "."
            ),
        ),
        *_if(
            f"{m}.cell.sent_away_members",
            Paragraph(
                "Đảng viên sinh hoạt tạm thời nơi khác: "
                + _joined(f"{m}.cell.sent_away_members", "đồng chí {{ x.full_name }}")
                + "."
            ),
        ),
        *_if(
            f"{m}.cell.hosted_members",
            Paragraph(
                "Đảng viên sinh hoạt tạm thời tại chi bộ: "
                + _joined(f"{m}.cell.hosted_members", "đồng chí {{ x.full_name }}")
                + "."
            ),
        ),
        *_if(
            f"{m}.guests",
            Paragraph("Đại biểu tham dự:"),
            *_for(
                f"g in {m}.guests",
                Bullet(
                    "Đồng chí {{ g.full_name }}{% if g.position %}, {{ g.position }}{% endif %}"
                    " ({{ g.role }})" + _end()
                ),
            ),
        ),
        *_if(f"{m}.dues_note", Paragraph(f"Tình hình thu, nộp đảng phí: {{{{ {m}.dues_note }}}}")),
    )
    proceedings = (
        Heading("II- NỘI DUNG VÀ DIỄN BIẾN BUỔI SINH HOẠT"),
        _tag(f"{{%p for item in {m}.agenda_entries %}}"),
        SubHeading("{{ item.number }}. {{ item.title }}"),
        *_if(
            "item.presenter",
            Paragraph("Người trình bày: đồng chí {{ item.presenter.full_name }}."),
        ),
        *_if("item.summary", Paragraph("{{ item.summary }}")),
        *_if(
            "item.documents",
            Paragraph("Các văn bản được phổ biến, quán triệt:"),
            *_for("d in item.documents", Bullet("{{ d.citation }}" + _end())),
        ),
        *_if("item.opinions", Paragraph("Ý kiến tham gia:"), *_opinions("item.opinions")),
        *_if(
            "item.conclusion",
            Paragraph("Đồng chí chủ trì kết luận nội dung này: {{ item.conclusion }}"),
        ),
        _tag("{%p endfor %}"),
        *_if(
            f"{m}.general_opinions",
            SubHeading(f"{{{{ {m}.agenda | length + 1 }}}}. Thảo luận, ý kiến của đại biểu"),
            *_opinions(f"{m}.general_opinions"),
        ),
    )
    conclusion = (
        Heading("III- KẾT LUẬN"),
        Paragraph(f"Đồng chí {{{{ {m}.chair.full_name }}}} thay mặt chi bộ kết luận:"),
        Paragraph(f"{{{{ {m}.conclusion }}}}"),
        *_if(
            f"{m}.assigned_tasks",
            Paragraph("Phân công thực hiện:"),
            *_for(
                f"a in {m}.assigned_tasks",
                Bullet(
                    _who("a")
                    + ": {{ a.task }}{% if a.deadline or a.deadline_note %} Thời hạn: "
                    + _deadline("a")
                    + ".{% endif %}"
                ),
            ),
        ),
    )
    votes = _if(
        f"{m}.tallies",
        Heading("IV- BIỂU QUYẾT"),
        *_for(
            f"v in {m}.tallies",
            Paragraph(
                f"{{% if {m}.votes | length > 1 %}}{{{{ loop.index }}}}. {{% endif %}}"
                "Nội dung biểu quyết: {{ v.subject }}"
            ),
            Paragraph("Hình thức biểu quyết: " + _VOTE_METHOD + "."),
            Paragraph(
                "Kết quả: {{ v.approve | vote_phrase(v.eligible_base) }} (bằng chữ: "
                "{{ v.approve | number_to_words }} trên {{ v.eligible_base | number_to_words }}); "
                "không tán thành: {{ v.disapprove }}; không biểu quyết: {{ v.abstain }}."
                "{% if v.passed is false %} Nội dung này không được thông qua.{% endif %}"
            ),
            *_if("v.dissent", Paragraph("Ý kiến bảo lưu: {{ v.dissent }}")),
        ),
    )
    quality = _if(
        f"{m}.quality",
        Heading(
            f"{{% if {m}.tallies %}}V{{% else %}}IV{{% endif %}}- TỰ ĐÁNH GIÁ CHẤT LƯỢNG KỲ SINH HOẠT"
        ),
        *_quality_summary(f"{m}.quality", f"{m}.quality_tally", f"{m}.quality_confirmer"),
    )
    closing = (
        Paragraph(
            f"Buổi sinh hoạt kết thúc vào lúc {{{{ {m}.end | format_time }}}}"
            f"{{% if ({m}.end | format_date) == ({m}.start | format_date) %}} cùng ngày"
            f"{{% else %}}, {{{{ {m}.end | format_date }}}}{{% endif %}}.",
            keep_next=True,
        ),
        Paragraph("{{ closing_statement }}", keep_next=True),
    )
    lead = (
        Paragraph(
            f"Vào lúc {{{{ {m}.start | format_time }}}}, {{{{ {m}.start | weekday_name }}}}, "
            f"{{{{ {m}.start | format_date }}}}, {{{{ {m}.cell.name }}}} tổ chức {{{{ {m}.name }}}}."
        ),
        Paragraph(f"Địa điểm: {{{{ {m}.place }}}}."),
        Paragraph(f"Chủ trì: {_member(m + '.chair')}."),
        Paragraph(f"Thư ký: {_member(m + '.secretary')}."),
    )
    return FormSpec(
        header=_header(numbered=False),
        title=Title("BIÊN BẢN", f"{{{{ {m}.name }}}}"),
        body=(*lead, *attendance, *proceedings, *conclusion, *votes, *quality, *closing),
        signature=MinutesSignatures(
            left_name=f"{{{{ {m}.secretary.full_name }}}}",
            right_name=f"{{{{ {m}.chair.full_name }}}}",
        ),
    )


def _month_heading(month: str, year: str) -> str:
    return f"{{{{ {month} | month_year_long({year}) | upper }}}}"


def resolution() -> FormSpec:
    """Nghị quyết chi bộ (model ``Resolution``), usually the monthly resolution."""
    m = "meeting"
    lead = (
        *_if("preamble", Paragraph("{{ preamble }}")),
        _tag("{%p if not preamble %}"),
        Paragraph(
            f"Vào {{{{ {m}.date | format_date }}}}, tại {{{{ {m}.place }}}}, "
            f"{{{{ {m}.cell.name }}}} tổ chức {{{{ {m}.name }}}}."
        ),
        Paragraph(
            f"Tổng số đảng viên được triệu tập: {{{{ {m}.convened_count }}}} đồng chí; có mặt: "
            f"{{{{ {m}.present_count }}}} đồng chí; vắng mặt: {{{{ {m}.absent_count }}}} đồng chí "
            f"(có lý do: {{{{ {m}.excused_count }}}}, không có lý do: {{{{ {m}.unexcused_count }}}}). "
            f"Chủ trì: {_member(m + '.chair')}."
        ),
        Paragraph("Sau khi thảo luận, tự phê bình và phê bình, chi bộ thống nhất"),
        _tag("{%p endif %}"),
        Paragraph("QUYẾT NGHỊ:", align="center", indent=False, bold=True),
    )
    this_month = _month_heading(f"{m}.period_month", f"{m}.period_year")
    next_month = _month_heading(
        f"({m}.period_month % 12 + 1)", f"({m}.period_year + {m}.period_month // 12)"
    )
    a = "assessment"
    assessment = (
        Heading(
            "I- ĐÁNH GIÁ KẾT QUẢ LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ"
            f"{{% if {m}.period_month %}} {this_month}"
            f"{{% else %}} {{{{ {m}.period_name | upper }}}}{{% endif %}}"
        ),
        *_results(a, f"{a}.results"),
    )
    tasks = (
        Heading(
            "II- PHƯƠNG HƯỚNG, NHIỆM VỤ"
            f"{{% if {m}.period_month %}} {next_month}{{% else %}} THỜI GIAN TỚI{{% endif %}}"
        ),
        *_sections("tasks"),
    )
    assignments = _if(
        "doc.assigned_tasks",
        Heading("III- PHÂN CÔNG TỔ CHỨC THỰC HIỆN"),
        Table(
            ("TT", "Nhiệm vụ", "Người chủ trì, thực hiện", "Thời hạn"),
            (("{{ loop.index }}", "{{ t.task }}", _who("t"), _deadline("t")),),
            loop="t in doc.assigned_tasks",
            widths=(1, 6.2, 3.6, 2.4),
            align=("center", "left", "left", "center"),
        ),
    )
    v = "doc.adoption_tally"
    adoption = Paragraph(
        "Nghị quyết này được chi bộ thảo luận và biểu quyết thông qua tại kỳ sinh hoạt "
        f"{{{{ {m}.date | format_date }}}}, với {{{{ {v}.approve | vote_phrase({v}.eligible_base) }}}}"
        f"{{% if {v}.disapprove %}}; {{{{ {v}.disapprove }}}} đồng chí không tán thành{{% endif %}}"
        f"{{% if {v}.abstain %}}; {{{{ {v}.abstain }}}} đồng chí không biểu quyết{{% endif %}}.",
        keep_next=True,
    )
    return FormSpec(
        header=_header(),
        title=Title("NGHỊ QUYẾT", _EXCERPT),
        body=(*lead, *assessment, *tasks, *assignments, adoption),
        signature=_signature(),
        recipients=_recipients(),
    )


def plan() -> FormSpec:
    """Kế hoạch (model ``Plan``) of a chi bộ or of a đảng ủy (its Ban Thường vụ)."""
    issuer = (
        "{% if signature.on_behalf == 'T/M BAN THƯỜNG VỤ' %}Ban Thường vụ {% endif %}"
        "{{ issued_by.name }}"
    )
    body = (
        *_for("b in bases", Bullet("Căn cứ {{ b.citation }}" + _end(";", ","))),
        Paragraph(f"{issuer} ban hành kế hoạch {{{{ title }}}} như sau:"),
        Heading("I- MỤC ĐÍCH, YÊU CẦU"),
        SubHeading("1. Mục đích"),
        *_for("x in purposes", Bullet("{{ x }}")),
        SubHeading("2. Yêu cầu"),
        *_for("x in requirements", Bullet("{{ x }}")),
        Heading("II- NỘI DUNG, NHIỆM VỤ"),
        *_sections("contents"),
        *_if(
            "schedule",
            SubHeading("{{ contents | length + 1 }}. Tiến độ thực hiện"),
            Table(
                ("TT", "Thời gian", "Nội dung công việc", "Đơn vị, người thực hiện"),
                (("{{ loop.index }}", "{{ s.time_text }}", "{{ s.what }}", "{{ s.who }}"),),
                loop="s in schedule",
                widths=(1, 2.4, 6, 3.8),
                align=("center", "center", "left", "left"),
            ),
        ),
        Heading("III- TỔ CHỨC THỰC HIỆN"),
        *_sections("implementation"),
    )
    return FormSpec(
        header=_header(),
        title=Title("KẾ HOẠCH", _EXCERPT),
        body=body,
        signature=_signature(),
        recipients=_recipients(),
    )


def scorecard() -> FormSpec:
    """Phiếu chấm điểm chất lượng sinh hoạt chi bộ (model ``Scorecard``)."""
    m, q = "meeting", "doc.quality_assessment"
    body = (
        Paragraph(
            f"Kỳ sinh hoạt: {{{{ {m}.name }}}}, {{{{ {m}.date | format_date }}}}, tại "
            f"{{{{ {m}.place }}}}."
        ),
        Paragraph(
            f"Tổng số đảng viên được triệu tập: {{{{ {m}.convened_count }}}} đồng chí; có mặt: "
            f"{{{{ {m}.present_count }}}} đồng chí; vắng mặt: {{{{ {m}.absent_count }}}} đồng chí."
        ),
        Paragraph(f"Khung tiêu chí: {{{{ {q}.framework.name }}}}."),
        Table(
            ("TT", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Ghi chú"),
            (
                (
                    "{{ r.number }}",
                    "{{ r.name }}",
                    "{{ r.max_points | format_number }}",
                    "{% if r.not_applicable %}-{% else %}{{ r.points | format_number }}{% endif %}",
                    "{% if r.not_applicable %}Không áp dụng{% elif r.reason %}{{ r.reason }}"
                    "{% endif %}",
                ),
            ),
            loop=f"r in {q}.rows",
            widths=(0.9, 5.2, 1.9, 1.9, 3.3),
            align=("center", "left", "center", "center", "left"),
        ),
        Paragraph(f"Tổng số điểm: {_quality_total(q)}.", bold=True),
        *_if(
            "doc.quality_tally",
            Paragraph(
                "Kết quả tự chấm điểm được chi bộ biểu quyết thông qua: "
                "{{ doc.quality_tally.approve | vote_phrase(doc.quality_tally.eligible_base) }}."
            ),
        ),
        *_if(
            "doc.confirmer",
            Paragraph(
                "Đại diện cấp ủy cấp trên dự sinh hoạt và xác nhận: đồng chí "
                "{{ doc.confirmer.full_name }}{% if doc.confirmer.position %}, "
                "{{ doc.confirmer.position }}{% endif %}.",
                keep_next=True,
            ),
        ),
    )
    return FormSpec(
        header=_header(numbered=False),
        title=Title("PHIẾU CHẤM ĐIỂM", f"đánh giá chất lượng {{{{ {m}.name }}}}"),
        body=body,
        signature=Signature(
            name="{{ signature.full_name }}",
            authority="{{ signature.on_behalf }}",
            position="{{ signature.title }}",
            left_title="XÁC NHẬN",
            left_position="ĐẠI DIỆN CẤP ỦY CẤP TRÊN",
            left_name="{% if doc.confirmer %}{{ doc.confirmer.full_name }}{% endif %}",
        ),
    )


def _results(a: str, number_from: str) -> tuple[Block, ...]:
    """An assessment ``a`` (results by section, shortcomings, causes), numbered as a resolution's."""
    return (
        *_sections(f"{a}.results"),
        *_if(
            f"{a}.shortcomings or {a}.causes",
            SubHeading(f"{{{{ {number_from} | length + 1 }}}}. Hạn chế, khuyết điểm và nguyên nhân"),
            *_if(
                f"{a}.shortcomings",
                Paragraph("a) Hạn chế, khuyết điểm:", italic=True),
                *_for(f"x in {a}.shortcomings", Bullet("{{ x }}")),
            ),
            *_if(
                f"{a}.causes",
                Paragraph(
                    f"{{% if {a}.shortcomings %}}b{{% else %}}a{{% endif %}}) Nguyên nhân:",
                    italic=True,
                ),
                *_for(f"x in {a}.causes", Bullet("{{ x }}")),
            ),
        ),
    )


def monthly_report() -> FormSpec:
    """Báo cáo tháng của chi bộ gửi đảng ủy cấp trên (model ``MonthlyReport``)."""
    m, q = "meeting", "doc.quality_assessment"
    this_month = _month_heading(f"{m}.period_month", f"{m}.period_year")
    next_month = _month_heading(
        f"({m}.period_month % 12 + 1)", f"({m}.period_year + {m}.period_month // 12)"
    )
    meeting = (
        Heading("I- TÌNH HÌNH SINH HOẠT CHI BỘ"),
        Paragraph(
            f"Ngày {{{{ {m}.date | short_date }}}}, chi bộ tổ chức {{{{ {m}.name }}}}. Tổng số đảng "
            f"viên được triệu tập: {{{{ {m}.convened_count }}}} đồng chí; có mặt: "
            f"{{{{ {m}.present_count }}}} đồng chí; vắng mặt: {{{{ {m}.absent_count }}}} đồng chí "
            f"(có lý do: {{{{ {m}.excused_count }}}}, không có lý do: {{{{ {m}.unexcused_count }}}})."
        ),
        *_if(
            f"{m}.guests",
            Paragraph(
                f"Đại biểu dự sinh hoạt: {{% for x in {m}.guests %}}đồng chí {{{{ x.full_name }}}}"
                "{% if x.position %}, {{ x.position }}{% endif %}"
                "{% if not loop.last %}; {% endif %}{% endfor %}."
            ),
        ),
        *_if(q, Paragraph(f"Chi bộ tự đánh giá chất lượng kỳ sinh hoạt: {_quality_total(q)}.")),
    )
    results = (
        Heading(
            "II- KẾT QUẢ LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ"
            f"{{% if {m}.period_month %}} {this_month}{{% endif %}}"
        ),
        *_results("assessment", "assessment.results"),
    )
    tasks = (
        Heading(
            "III- PHƯƠNG HƯỚNG, NHIỆM VỤ"
            f"{{% if {m}.period_month %}} {next_month}{{% else %}} THỜI GIAN TỚI{{% endif %}}"
        ),
        *_sections("tasks"),
    )
    proposals = _if(
        "proposals",
        Heading("IV- ĐỀ XUẤT, KIẾN NGHỊ"),
        *_for("x in proposals", Bullet("{{ x }}")),
    )
    return FormSpec(
        header=_header(),
        title=Title("BÁO CÁO", "{{ title }}"),
        body=(*meeting, *results, *tasks, *proposals),
        signature=_signature(),
        recipients=_recipients(),
    )


_BY_THE_COMMITTEE = (
    "{% if signature.on_behalf == 'T/M BAN THƯỜNG VỤ' %}Ban Thường vụ {% endif %}"
    "{{ issued_by.name }}"
)
"""The issuing body in running text: its Ban Thường vụ when the standing committee signs."""

_CARRYING_OUT = (
    "{% for b in bases %}{% if loop.first %}Thực hiện {% else %}; {% endif %}{{ b.citation }}"
    "{% endfor %}{% if bases %}, {% endif %}"
)
"""``Thực hiện <citation>; <citation>, `` for the documents a report or notice carries out."""


def quality_report() -> FormSpec:
    """Báo cáo đánh giá chất lượng sinh hoạt chi bộ của đảng ủy (model ``QualityReport``)."""
    period = (
        "{% if period_month %}tháng {{ period_month }} năm {{ period_year }}"
        "{% else %}năm {{ period_year }}{% endif %}"
    )
    lead = (
        *_if("preamble", Paragraph("{{ preamble }}")),
        _tag("{%p if not preamble %}"),
        Paragraph(
            _CARRYING_OUT + _BY_THE_COMMITTEE + " báo cáo kết quả đánh giá, xếp loại chất lượng "
            f"sinh hoạt chi bộ {period} như sau:"
        ),
        _tag("{%p endif %}"),
    )
    tot = "doc.rating_counts[0]"
    results = (
        Heading("I- KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI"),
        Paragraph(
            "Khung tiêu chí: {{ framework.name }} (thang điểm "
            "{{ framework.total | format_number }})."
        ),
        Paragraph("Tổng số chi bộ được đánh giá, xếp loại: {{ cells | length }} chi bộ."),
        Table(
            ("TT", "Chi bộ", "Trực thuộc", "{% if period_month %}Điểm{% else %}Điểm bình quân{% endif %}", "Xếp loại"),
            (
                (
                    "{{ r.number }}",
                    "{{ r.cell }}{% if r.note %} ({{ r.note }}){% endif %}",
                    "{% if r.unit %}{{ r.unit }}{% endif %}",
                    "{% if r.score is not none %}{{ r.score | format_number }}{% endif %}",
                    "{{ r.rating_name }}",
                ),
            ),
            loop="r in doc.rows",
            widths=(0.9, 4.4, 4.2, 1.8, 1.9),
            align=("center", "left", "left", "center", "center"),
        ),
        Paragraph("Số chi bộ theo từng mức xếp loại:"),
        Table(
            ("Xếp loại", "Số chi bộ", "Tỷ lệ"),
            (("{{ c.name }}", "{{ c.count }}", "{{ c.percent | format_number }}%"),),
            loop="c in doc.rating_counts",
            widths=(4, 3, 3),
            align=("left", "center", "center"),
        ),
        Paragraph(
            f"Tỷ lệ chi bộ xếp loại {{{{ {tot}.name }}}}: {{{{ {tot}.percent | format_number }}}}%"
            "{% if doc.target is not none %}; chỉ tiêu: từ {{ doc.target | format_number }}% "
            "trở lên; {% if doc.target_met %}đạt chỉ tiêu{% else %}chưa đạt chỉ tiêu{% endif %}"
            "{% endif %}."
        ),
    )
    remarks = _if(
        "remarks",
        Heading("II- NHẬN XÉT, ĐÁNH GIÁ"),
        *_for("x in remarks", Bullet("{{ x }}")),
    )
    tasks = _if(
        "tasks",
        Heading("{% if remarks %}III{% else %}II{% endif %}- NHIỆM VỤ THỜI GIAN TỚI"),
        *_for("x in tasks", Bullet("{{ x }}")),
    )
    return FormSpec(
        header=_header(),
        title=Title("BÁO CÁO", "{{ title }}"),
        body=(*lead, *results, *remarks, *tasks),
        signature=_signature(),
        recipients=_recipients(),
    )


def lessons_notice() -> FormSpec:
    """Thông báo rút kinh nghiệm sinh hoạt chi bộ mẫu (model ``LessonsNotice``)."""
    lead = (
        *_if("preamble", Paragraph("{{ preamble }}")),
        _tag("{%p if not preamble %}"),
        Paragraph(
            _CARRYING_OUT + "{% if bases %}các{% else %}Các{% endif %} chi bộ sau đã tổ chức "
            "sinh hoạt chi bộ mẫu:"
        ),
        *_for(
            "x in meetings",
            Bullet(
                "{{ x.cell }}{% if x.unit %} ({{ x.unit }}){% endif %}, ngày "
                "{{ x.held_on | short_date }}{% if x.audience %}, cho {{ x.audience }}{% endif %}"
                + _end()
            ),
        ),
        Paragraph(
            "Sau khi dự và rút kinh nghiệm các buổi sinh hoạt chi bộ mẫu, "
            + _BY_THE_COMMITTEE
            + " thông báo như sau:"
        ),
        _tag("{%p endif %}"),
    )
    body = (
        *lead,
        Heading("I- ƯU ĐIỂM"),
        *_for("x in strengths", Bullet("{{ x }}")),
        *_if(
            "shortcomings",
            Heading("II- HẠN CHẾ"),
            *_for("x in shortcomings", Bullet("{{ x }}")),
        ),
        Heading(
            "{% if shortcomings %}III{% else %}II{% endif %}- YÊU CẦU CÁC CHI BỘ, ĐẢNG BỘ "
            "CƠ SỞ THỰC HIỆN"
        ),
        *_for("x in requirements", Bullet("{{ x }}")),
        *_if("closing", Paragraph("{{ closing }}", keep_next=True)),
    )
    return FormSpec(
        header=_header(),
        title=Title("THÔNG BÁO", "{{ title }}"),
        body=body,
        signature=_signature(),
        recipients=_recipients(),
    )


@dataclass(frozen=True)
class FormDefinition:
    """One built-in form: its manifest values and the function giving its FormSpec."""

    id: str
    title: str
    document_type: str
    model: str
    spec: Callable[[], FormSpec]

    def manifest(self) -> str:
        """Return the TOML manifest (``templates/<id>.toml``), marked as written by this script."""
        return (
            f"# Viết bởi {GENERATOR} (make templates): đừng sửa tệp này hay {self.id}.docx;\n"
            f"# để tùy biến mẫu, chép nó ra: chibo-docs forms copy {self.id} THƯ_MỤC\n"
            f"# Written by {GENERATOR} (make templates): do not edit this file or {self.id}.docx;\n"
            f"# to customise the form, copy it: chibo-docs forms copy {self.id} DIR\n"
            f"# (docs/template-authors.md, part 8)\n"
            f'id = "{self.id}"\ntitle = "{self.title}"\n'
            f'document_type = "{self.document_type}"\nmodel = "{self.model}"\n'
            f'generated = "{GENERATOR}"\n'
        )


FORMS = (
    FormDefinition("bien-ban", "Biên bản sinh hoạt chi bộ", "BB", "Minutes", minutes),
    FormDefinition("nghi-quyet", "Nghị quyết chi bộ", "NQ", "Resolution", resolution),
    FormDefinition("ke-hoach", "Kế hoạch", "KH", "Plan", plan),
    FormDefinition(
        "phieu-cham-diem", "Phiếu chấm điểm chất lượng sinh hoạt chi bộ", "PCĐ", "Scorecard",
        scorecard,
    ),
    FormDefinition("bao-cao", "Báo cáo tháng của chi bộ", "BC", "MonthlyReport", monthly_report),
    FormDefinition(
        "bao-cao-danh-gia", "Báo cáo đánh giá chất lượng sinh hoạt chi bộ", "BC", "QualityReport",
        quality_report,
    ),
    FormDefinition(
        "thong-bao-rut-kinh-nghiem", "Thông báo rút kinh nghiệm sinh hoạt chi bộ", "TB",
        "LessonsNotice", lessons_notice,
    ),
)


def build(dest: Path = TEMPLATES) -> list[Path]:
    """Write every form's ``<id>.docx`` and ``<id>.toml`` into ``dest``; return the paths."""
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for form in FORMS:
        docx_path, toml_path = dest / f"{form.id}.docx", dest / f"{form.id}.toml"
        docx_path.write_bytes(build_docx(form.spec()))
        toml_path.write_text(form.manifest(), encoding="utf-8")
        written += [docx_path, toml_path]
    return written


def main(argv: list[str] | None = None) -> int:
    """Build the templates into ``argv[0]`` (default ``templates/``) and list what was written."""
    args = sys.argv[1:] if argv is None else argv
    for path in build(Path(args[0]) if args else TEMPLATES):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
