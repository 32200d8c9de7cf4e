"""Generate the reference parts of docs/template-authors.md from the code, so they cannot go stale.

Run ``python -m tools.authors_guide docs/template-authors.md`` to refresh the file; a
test fails when it is stale. Three parts are generated: the fields of each document model and
of the records inside them (from the models), the filters (from ``FILTERS`` and their doc
examples) and the lint rules (from ``lint.RULES`` plus the explanations below).
"""

from __future__ import annotations

import datetime
import inspect
import sys
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel

from chibo_docs.formatting.filters import FILTERS
from chibo_docs.models import DOCUMENT_MODELS
from chibo_docs.templating.engine import DOC_VARIABLE
from chibo_docs.templating.lint import RULES
from chibo_docs.templating.model_shape import Shape
from tools.data_model_doc import splice

__all__ = ["EXPLANATIONS", "SECTIONS", "fields_section", "filters_section", "refresh", "rules_section"]

EXPLANATIONS: Mapping[str, tuple[str, str]] = {
    "L001": (
        "Thẻ viết sai cú pháp: thiếu `}}` hoặc `%}`, khối `{% for %}`/`{% if %}` không có thẻ đóng, "
        "hoặc Word đã đổi dấu nháy thành dấu nháy cong.",
        "The tag is not valid: a missing `}}` or `%}`, a `{% for %}`/`{% if %}` block never "
        "closed, or quotes Word turned into curly quotes.",
    ),
    "L002": (
        "Tên biến không có trong dữ liệu của mẫu; thường là gõ sai. Xem bảng trường bên dưới.",
        "The variable is not in the form's data; usually a typo. See the field tables below.",
    ),
    "L003": (
        "Bản ghi không có thuộc tính này (ví dụ `meeting.chiar`); công cụ gợi ý tên gần đúng.",
        "The record has no such attribute (e.g. `meeting.chiar`); the closest name is suggested.",
    ),
    "L004": (
        "`{% for %}` chỉ lặp được trên một danh sách (trường ghi `danh sách` trong bảng).",
        "`{% for %}` can loop only over a list (fields marked `list of` in the tables).",
    ),
    "L005": (
        "Bộ lọc (`| tên`) không tồn tại; xem danh sách bộ lọc.",
        "There is no such filter (`| name`); see the list of filters.",
    ),
    "L006": (
        "Tên bắt đầu bằng `_` là phần bên trong của Python; mẫu không được dùng.",
        "Names starting with `_` are Python internals; templates may not use them.",
    ),
    "L007": (
        "`{%p %}` thay cả đoạn văn chứa nó, nên chữ khác trong đoạn sẽ mất. Đặt thẻ ở một đoạn riêng.",
        "`{%p %}` replaces its whole paragraph, so other text there is lost. Give it a paragraph "
        "of its own.",
    ),
    "L008": (
        "`{%tr %}` thay cả hàng bảng; hai thẻ trong một hàng thì thẻ thứ hai bị mất.",
        "`{%tr %}` replaces its whole table row; with two in one row the second is lost.",
    ),
    "L009": (
        "`{%tr %}`, `{%tc %}`, `{% colspan %}`, `{% cellbg %}`, `{% vm %}` và `{% hm %}` chỉ dùng "
        "trong bảng; ngoài bảng dùng `{%p %}`.",
        "`{%tr %}`, `{%tc %}`, `{% colspan %}`, `{% cellbg %}`, `{% vm %}` and `{% hm %}` work "
        "only in tables; outside use `{%p %}`.",
    ),
    "L010": (
        "Thẻ bắt đầu ở một đoạn và kết thúc ở đoạn khác (Word xuống dòng giữa thẻ); không điền được.",
        "The tag starts in one paragraph and ends in another (Word broke the line inside it); it "
        "cannot be filled in.",
    ),
    "L011": (
        "Thông tin: trường của dữ liệu mà mẫu chưa dùng. Không phải lỗi.",
        "Information: a field of the data the template does not use. Not an error.",
    ),
    "L012": (
        "Một phần thẻ nằm trong siêu liên kết, trường (field), điều khiển nội dung hoặc thay đổi "
        "được theo dõi (Track Changes). Xóa thẻ và gõ lại bằng chữ thường.",
        "Part of the tag is inside a hyperlink, a field, a content control or a tracked change. "
        "Delete the tag and type it again as plain text.",
    ),
    "L013": (
        "Thẻ nằm trong đoạn chữ đã xóa khi bật Track Changes: Word ẩn nó nhưng vẫn được điền. "
        "Chấp nhận hoặc từ chối mọi thay đổi rồi lưu lại.",
        "The tag is in text deleted with Track Changes: hidden in Word but still filled in. "
        "Accept or reject all changes and save again.",
    ),
    "L014": (
        "Thẻ {%p %}, {%tr %}, {%tc %} hoặc {%r %} có dấu '}' hoặc '%' bên trong: docxtpl không "
        "đọc được. Đưa biểu thức vào một thẻ {% set %} riêng (không có chữ p/tr) rồi dùng tên đó.",
        "A {%p %}, {%tr %}, {%tc %} or {%r %} tag with '}' or '%' inside: docxtpl cannot read it. "
        "Put the expression in a {% set %} tag of its own (without p/tr) and use its name.",
    ),
    "L015": (
        "Thẻ {% include %}, {% extends %}, {% import %} hoặc {% from … import %} lấy nội dung từ "
        "một mẫu khác, nhưng mẫu .docx chỉ là một tệp nên thẻ này không bao giờ điền được. "
        "Chép phần cần dùng (macro, đoạn văn) vào ngay mẫu này.",
        "An {% include %}, {% extends %}, {% import %} or {% from … import %} tag takes in "
        "another template, but a .docx template is a single file, so the tag can never render. "
        "Copy what it should bring in (a macro, a passage) into this template.",
    ),
    "L016": (
        "Ngoặc lồng nhau quá sâu trong một thẻ (quá 40 tầng), các khối {% for %}/{% if %} mở "
        "lồng nhau quá 20 tầng, hoặc mẫu có quá nhiều thẻ (quá 5.000): không dựng được văn bản. "
        "Tách biểu thức bằng các thẻ {% set %}, đóng bớt khối, chuyển phần bên trong vào một "
        "macro hoặc chia mẫu thành nhiều mẫu.",
        "Brackets nested too deeply in one tag (over 40 levels), {% for %}/{% if %} blocks "
        "open inside one another over 20 levels deep, or too many tags (over 5,000): the "
        "document cannot be rendered. Split the expression with {% set %} tags, close some "
        "blocks, move the inner part into a macro, or split the form.",
    ),
    "L017": (
        "Cảnh báo: trường có thể để trống (None) được in mà không có điều kiện; nếu dữ liệu để "
        "trống, văn bản không được tạo. Viết `{{ x | default(\"\") }}` (in rỗng khi trống) hoặc "
        "đặt trong `{% if x %}…{% endif %}`.",
        "Warning: a field that may be empty (None) is printed without a guard; with empty data "
        "the render stops. Write `{{ x | default(\"\") }}` (prints nothing when empty) or put it "
        "inside `{% if x %}…{% endif %}`.",
    ),
}
"""Hand-written explanation of each lint rule: (Vietnamese, English)."""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _describe(model: type[BaseModel], name: str) -> tuple[str, str]:
    info = model.model_fields.get(name)
    text = info.description or "" if info is not None else ""
    if info is None:
        member = getattr(model, name, None)
        doc = inspect.getdoc(member.fget) if isinstance(member, property) else None
        text = (doc or "").splitlines()[0] if doc else ""
    vietnamese, dash, english = text.partition(" — ")
    return (vietnamese, english) if dash else ("", text)


def _type_words(shape: Shape, records: list[type[BaseModel]]) -> str:
    if shape.kind == "model":
        records.append(shape.type)
        return f"[{shape.type.__name__}](#{shape.type.__name__.lower()})"
    if shape.kind == "union":
        return " or ".join(_type_words(m, records) for m in shape.type)
    if shape.kind == "list":
        return "list of " + _type_words(shape.item, records)
    scalar = shape.type
    if scalar is bool:
        return "yes/no"
    if scalar in (int, float) or (isinstance(scalar, type) and issubclass(scalar, int | float)):
        return "number"
    if scalar in (datetime.datetime,):
        return "date and time"
    if scalar in (datetime.date,):
        return "date"
    return "text" if shape.kind == "scalar" else "value"


def _record_table(model: type[BaseModel], prefix: str, records: list[type[BaseModel]]) -> list[str]:
    shape = Shape.of(model)
    out = ["| Tag | Kind | Tiếng Việt | Meaning |", "|---|---|---|---|"]
    for name in shape.names():
        sub = shape.attribute(name)
        if sub is None or name in ("rules", "person"):
            continue
        vietnamese, english = _describe(model, name)
        where = "" if name in model.model_fields else " *(derived)*"
        kind = _type_words(sub, records)
        out.append(
            f"| `{prefix}{name}` | {kind} | {_cell(vietnamese)} | {_cell(english)}{where} |"
        )
    return out


def fields_section() -> str:
    """Return the tables of the fields a template of each document model can use."""
    out: list[str] = []
    records: list[type[BaseModel]] = []
    for key, model in DOCUMENT_MODELS.items():
        out += [f"### {model.__name__} (`document: {key}`)", ""]
        out.append((model.__doc__ or "").strip().splitlines()[0])
        out += ["", *_record_table(model, "", records), ""]
        out.append(
            f"Derived values are reached through `{DOC_VARIABLE}` too, e.g. "
            f"`{{{{ {DOC_VARIABLE}.number_line }}}}`.\n"
        )
    seen: set[type[BaseModel]] = set(DOCUMENT_MODELS.values())
    out += ["### Records inside the documents", ""]
    while records:
        record = records.pop(0)
        if record in seen:
            continue
        seen.add(record)
        out += [f"#### {record.__name__}", "", (record.__doc__ or "").strip().splitlines()[0], ""]
        out += [*_record_table(record, "….", records), ""]
    return "\n".join(out)


def _examples(function: object) -> list[tuple[str, str]]:
    lines = (inspect.getdoc(function) or "").splitlines()
    pairs = []
    for i, line in enumerate(lines):
        if line.startswith(">>> ") and i + 1 < len(lines) and not lines[i + 1].startswith(
            (">>>", "...", "Traceback")
        ):
            pairs.append((line[4:], lines[i + 1]))
    return pairs


def filters_section() -> str:
    """Return the table of filters with the examples of their docstrings."""
    out = ["| Filter | What it does | Examples (Python call → result) |", "|---|---|---|"]
    for name, function in sorted(FILTERS.items()):
        first = (inspect.getdoc(function) or "").splitlines()[0]
        examples = "<br>".join(f"`{_cell(call)}` → {_cell(result)}" for call, result in _examples(function))
        out.append(f"| `{name}` | {_cell(first)} | {examples} |")
    return "\n".join(out) + "\n"


def rules_section() -> str:
    """Return the table of lint rules with their explanations in Vietnamese and English."""
    out = ["| Rule | Level | Ý nghĩa | Meaning |", "|---|---|---|---|"]
    for rule, (severity, title) in RULES.items():
        vietnamese, english = EXPLANATIONS[rule]
        out.append(f"| {rule} | {severity} | {_cell(vietnamese)} | **{title}.** {_cell(english)} |")
    return "\n".join(out) + "\n"


SECTIONS = {"fields": fields_section, "filters": filters_section, "lint rules": rules_section}
"""Marker name → generator of the generated parts of the guide."""


def refresh(path: Path) -> bool:
    """Rewrite the generated parts of ``path``; return whether it changed."""
    text = path.read_text(encoding="utf-8")
    new = text
    for name, make in SECTIONS.items():
        new = splice(new, f"<!-- BEGIN GENERATED {name}: python -m tools.authors_guide -->",
                     "<!-- END GENERATED -->", make())
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":  # pragma: no cover
    print("updated" if refresh(Path(sys.argv[1])) else "up to date")
