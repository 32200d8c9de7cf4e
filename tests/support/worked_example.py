"""The worked example of the template authors' guide: a giấy mời form, made as an author would.

Step 1 is ``chibo-docs new-form``; step 2, done here with python-docx, is what the author does
in Word: replace the body placeholder with the invitation's text and tags, one paragraph each.
Run ``python -m tests.support.worked_example examples/forms/giay-moi`` to rebuild the example; a test
checks that the files in ``examples/forms/giay-moi`` are what these steps give.
"""

from __future__ import annotations

import copy
import io
import sys
from pathlib import Path

import docx
from docx.oxml.ns import qn

from chibo_docs.cli import main
from chibo_docs.layout.docx_writing import reproducible_zip

FORM_ID = "giay-moi-sinh-hoat-mau"
TITLE = "Giấy mời dự sinh hoạt chi bộ mẫu"
NEW_FORM_ARGS = [
    "--type", "GM",
    "--issuer-upper", "ĐẢNG BỘ SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
    "--issuer", "CHI BỘ TRUNG TÂM KỸ THUẬT TÀI NGUYÊN",
    "--id", FORM_ID,
    "--title", TITLE,
    "--model", "Invitation",
]  # fmt: skip

BODY = (
    "{{ issued_by.name }} trân trọng kính mời:",
    "{%p for group in invitees %}",
    "- {{ group.who }}{% if group.count %} ({{ group.count }} đồng chí){% endif %};",
    "{%p endfor %}",
    "Đến dự {{ event.name }}.",
    "Thời gian: {{ event.start | format_time }}, {{ event.start | weekday_name }}, "
    "{{ event.start | format_date }}.",
    "Địa điểm: {{ event.place }}.",
    "{%p if event.agenda %}",
    "Nội dung:",
    "{%p for item in event.agenda %}",
    "- {{ item }};",
    "{%p endfor %}",
    "{%p endif %}",
    "{{ request }}",
    "{%p if contact %}",
    "Chi tiết xin liên hệ {{ contact }}.",
    "{%p endif %}",
)
"""The body the author types, one paragraph a line, in place of the skeleton's placeholder."""


def edit(path: Path) -> None:
    """Replace the placeholder paragraph of the skeleton at ``path`` with :data:`BODY`."""
    document = docx.Document(str(path))
    placeholder = next(p for p in document.paragraphs if p.text.startswith("Nội dung văn bản"))
    anchor = placeholder._p
    for text in BODY:
        paragraph = copy.deepcopy(placeholder._p)
        runs = paragraph.findall(qn("w:r"))
        for extra in runs[1:]:
            paragraph.remove(extra)
        text_element = runs[0].find(qn("w:t"))
        assert text_element is not None
        text_element.text = text
        anchor.addnext(paragraph)
        anchor = paragraph
    body = placeholder._p.getparent()
    assert body is not None
    body.remove(placeholder._p)
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(reproducible_zip(buffer.getvalue()))


def build(folder: Path) -> Path:
    """Make the example form in ``folder``: new-form, then the author's edit; return the .docx."""
    path = folder / "giay-moi.docx"
    for old in (path, path.with_suffix(".toml")):
        old.unlink(missing_ok=True)
    if main(["new-form", str(path), *NEW_FORM_ARGS]) != 0:
        raise RuntimeError("new-form failed")
    edit(path)
    return path


if __name__ == "__main__":  # pragma: no cover
    print(build(Path(sys.argv[1])))
