"""Sample form specs shared by the builder, conformance and CLI tests (plain Vietnamese text)."""

from __future__ import annotations

from chibo_docs.layout.builder import (
    Bullet,
    FormSpec,
    Header,
    Heading,
    MinutesSignatures,
    Paragraph,
    Run,
    Signature,
    SubHeading,
    Table,
    TemplateTag,
    Title,
)

HEADER = Header(
    upper_line="ĐẢNG BỘ SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
    issuer="CHI BỘ TRUNG TÂM KỸ THUẬT TÀI NGUYÊN",
    number_line="Số 05-NQ/CB",
    date_line="Lai Châu, ngày 26 tháng 4 năm 2021",
)

_PROSE = (
    "Ngày 26 tháng 4 năm 2021, Chi bộ Trung tâm Kỹ thuật tài nguyên tổ chức sinh hoạt thường kỳ "
    "tháng 4 năm 2021. Sau khi nghe Chi ủy báo cáo kết quả lãnh đạo thực hiện nhiệm vụ tháng 4 và "
    "phương hướng nhiệm vụ tháng 5, chi bộ đã thảo luận, thống nhất ban hành nghị quyết như sau:"
)


def resolution(**changes: object) -> FormSpec:
    """Return a conformant nghị quyết; keyword arguments replace fields of the spec."""
    body = (
        Paragraph(_PROSE),
        Heading("I- KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 4 NĂM 2021"),
        SubHeading("1. Công tác chính trị, tư tưởng"),
        Paragraph(
            "Đảng viên trong chi bộ chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, "
            "pháp luật của Nhà nước; tư tưởng ổn định, đoàn kết, thống nhất cao."
        ),
        SubHeading("2. Lãnh đạo thực hiện nhiệm vụ chuyên môn"),
        Bullet("Hoàn thành 12/12 hồ sơ đo đạc được giao, đạt 100% kế hoạch tháng;"),
        Bullet("Tổ chức học tập, quán triệt các văn bản mới của cấp trên."),
        Heading("II- NHIỆM VỤ THÁNG 5 NĂM 2021"),
        Paragraph(
            (
                Run("Tập trung lãnh đạo hoàn thành kế hoạch chuyên môn; "),
                Run("chuẩn bị tốt", bold=True),
                Run(" nội dung sinh hoạt chuyên đề quý II năm 2021."),
            )
        ),
        Paragraph(
            "Nghị quyết này được chi bộ thảo luận và biểu quyết thông qua tại kỳ sinh hoạt ngày "
            "26 tháng 4 năm 2021, với 15/15 đồng chí tán thành, đạt tỷ lệ 100%."
        ),
    )
    fields: dict[str, object] = {
        "header": HEADER,
        "title": Title("NGHỊ QUYẾT", "về lãnh đạo thực hiện nhiệm vụ tháng 5 năm 2021"),
        "body": body,
        "signature": Signature(name="Nguyễn Văn An"),
        "recipients": (
            "Đảng ủy Sở Tài nguyên và Môi trường,",
            "Các đảng viên trong chi bộ,",
            "Lưu Chi bộ.",
        ),
    }
    fields.update(changes)
    return FormSpec(**fields)  # type: ignore[arg-type]


def minutes() -> FormSpec:
    """Return a conformant biên bản with the two signature columns."""
    return FormSpec(
        header=Header(
            upper_line=HEADER.upper_line,
            issuer=HEADER.issuer,
            number_line="Số 07-BB/CB",
            date_line="Lai Châu, ngày 26 tháng 4 năm 2021",
        ),
        title=Title("BIÊN BẢN", "sinh hoạt chi bộ thường kỳ tháng 4 năm 2021"),
        body=(
            Paragraph(
                "Hôm nay, vào lúc 14 giờ 00 phút, ngày 26 tháng 4 năm 2021, tại phòng họp Trung tâm."
            ),
            Heading("I- THÀNH PHẦN"),
            Paragraph("Tổng số đảng viên: 15 đồng chí; có mặt: 15 đồng chí; vắng mặt: 0."),
            Paragraph("Buổi sinh hoạt kết thúc vào lúc 16 giờ 30 phút cùng ngày."),
        ),
        signature=MinutesSignatures(left_name="Trần Thị Bình", right_name="Nguyễn Văn An"),
    )


def template() -> FormSpec:
    """Return a conformant nghị quyết template with docxtpl tags in every variable place."""
    return FormSpec(
        header=Header(
            upper_line="{{ cell.superior_name | upper }}",
            issuer="{{ cell.name | upper }}",
            number_line="Số {{ document.number }}-NQ/CB",
            date_line="{{ document.place }}, {{ document.date_text }}",
        ),
        title=Title("NGHỊ QUYẾT", "về {{ document.excerpt }}"),
        body=(
            Paragraph("{{ document.preamble }}"),
            Heading("I- KẾT QUẢ THÁNG {{ document.month }}"),
            TemplateTag("{%p for item in document.results %}"),
            Bullet("{{ item }}"),
            TemplateTag("{%p endfor %}"),
            Heading("II- NHIỆM VỤ"),
            Table(
                ("TT", "Nhiệm vụ", "Người thực hiện"),
                (("{{ loop.index }}", "{{ task.name }}", "{{ task.owner }}"),),
                loop="task in document.tasks",
                widths=(1, 6, 3),
            ),
        ),
        signature=Signature(name="{{ signer.name }}", position="{{ signer.position | upper }}"),
        recipients=(
            TemplateTag("{%p for r in document.recipients %}"),
            "{{ r }},",
            TemplateTag("{%p endfor %}"),
            "Lưu Chi bộ.",
        ),
    )


TEMPLATE_CONTEXT = {
    "cell": {
        "superior_name": "Đảng bộ Sở Tài nguyên và Môi trường",
        "name": "Chi bộ Trung tâm Kỹ thuật tài nguyên",
    },
    "document": {
        "number": "05",
        "place": "Lai Châu",
        "date_text": "ngày 26 tháng 4 năm 2021",
        "excerpt": "lãnh đạo thực hiện nhiệm vụ tháng 5 năm 2021",
        "preamble": "Chi bộ đã thảo luận, thống nhất ban hành nghị quyết như sau:",
        "month": 4,
        "results": ["Hoàn thành kế hoạch chuyên môn;", "Tổ chức học tập văn bản mới."],
        "tasks": [
            {"name": "Đo đạc bản đồ", "owner": "Đ/c Bình"},
            {"name": "Lập hồ sơ", "owner": "Đ/c An"},
        ],
        "recipients": ["Đảng ủy Sở Tài nguyên và Môi trường", "Các đảng viên trong chi bộ"],
    },
    "signer": {"name": "Nguyễn Văn An", "position": "Bí thư"},
}
