"""The built-in forms: built reproducibly, lint-clean, rendered text reviewed, conformant.

The golden files hold the visible text of each example rendered with its form; they were read
line by line against format-hd36.md and meeting-content.md. After a deliberate change, run
``pytest tests/test_forms_golden.py --update-golden`` and review the diff.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

import chibo_docs
from chibo_docs import check_document, load_data
from chibo_docs.ooxml import visible_text
from chibo_docs.resources import examples_dir, templates_dir
from chibo_docs.templating.lint import lint_template
from tests.support.builtin_forms import FORM_EXAMPLES, GOLDEN, build_script

FORMS = sorted(FORM_EXAMPLES)


def _render(form_id: str, dest: Path) -> Path:
    data = load_data(examples_dir() / FORM_EXAMPLES[form_id])
    return chibo_docs.render_docx(data, dest / f"{form_id}.docx")


def test_checked_in_templates_are_what_the_build_script_writes(tmp_path: Path) -> None:
    written = build_script().build(tmp_path)
    names = sorted(p.name for p in written)
    assert names == sorted(f"{f}.{ext}" for f in FORMS for ext in ("docx", "toml"))
    stale = [n for n in names if (tmp_path / n).read_bytes() != (templates_dir() / n).read_bytes()]
    assert stale == [], "run `make templates` and commit the result"


def test_building_twice_gives_identical_bytes(tmp_path: Path) -> None:
    script = build_script()
    first = {p.name: p.read_bytes() for p in script.build(tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in script.build(tmp_path / "b")}
    assert first == second


def test_each_model_has_its_built_in_form() -> None:
    forms = {f.id: (f.model.__name__, f.document_type) for f in chibo_docs.list_forms()}
    assert forms == {
        "bien-ban": ("Minutes", "BB"),
        "ke-hoach": ("Plan", "KH"),
        "nghi-quyet": ("Resolution", "NQ"),
        "phieu-cham-diem": ("Scorecard", "PCĐ"),
        "bao-cao": ("MonthlyReport", "BC"),
        "bao-cao-danh-gia": ("QualityReport", "BC"),
        "thong-bao-rut-kinh-nghiem": ("LessonsNotice", "TB"),
    }


@pytest.mark.parametrize("form_id", FORMS)
def test_template_lints_without_errors_or_warnings(form_id: str) -> None:
    form = chibo_docs.get_form(form_id)
    findings = lint_template(form.template, model=form.model)
    assert [str(f) for f in findings if f.severity != "info"] == []


@pytest.mark.parametrize("form_id", FORMS)
def test_template_itself_passes_the_layout_checker(form_id: str) -> None:
    assert check_document(chibo_docs.get_form(form_id).template) == []


@pytest.mark.parametrize("form_id", FORMS)
def test_rendered_example_matches_its_reviewed_golden_text(
    form_id: str, tmp_path: Path, update_golden: bool
) -> None:
    text = visible_text(_render(form_id, tmp_path)) + "\n"
    golden = GOLDEN / f"{form_id}.txt"
    if update_golden:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("form_id", FORMS)
def test_rendered_example_reopens_and_passes_the_checker_with_no_finding(
    form_id: str, tmp_path: Path
) -> None:
    path = _render(form_id, tmp_path)
    document = docx.Document(str(path))
    assert document.tables[0].cell(0, 1).text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert check_document(path) == []


@pytest.mark.parametrize("form_id", FORMS)
def test_rendered_example_leaves_no_tag_and_no_none(form_id: str, tmp_path: Path) -> None:
    text = visible_text(_render(form_id, tmp_path))
    assert not re.search(r"\{[{%#]|[}%#]\}|\bNone\b|\bTrue\b|\bFalse\b", text)


def _pdf_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", "-layout", *pages, str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.mark.libreoffice
def test_libreoffice_converts_every_rendered_example(tmp_path: Path) -> None:
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("soffice or pdftotext is not installed")
    paths = [_render(form_id, tmp_path) for form_id in FORMS]
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    signers = {
        "bien-ban": "Lê Thị Hồng Nhung",
        "ke-hoach": "Vũ Văn Lương",
        "nghi-quyet": "Nguyễn Tiến Duyệt",
        "phieu-cham-diem": "Nguyễn Thị Hương",
        "bao-cao": "Nguyễn Tiến Duyệt",
        "bao-cao-danh-gia": "Vũ Văn Lương",
        "thong-bao-rut-kinh-nghiem": "Vũ Văn Lương",
    }
    one_page = {"phieu-cham-diem"}
    for path in paths:
        pdf = path.with_suffix(".pdf")
        assert pdf.is_file(), f"LibreOffice wrote no PDF for {path.name}"
        first = [line.strip() for line in _pdf_text(pdf, 1).splitlines() if line.strip()]
        assert first[0].startswith("ĐẢNG BỘ")
        assert first[0].endswith("ĐẢNG CỘNG SẢN VIỆT NAM")
        assert not re.fullmatch(r"\d+", first[0]), "page 1 shows no page number"
        if path.stem in one_page:
            assert "Pages:           1" in subprocess.run(
                ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
        else:
            second = [line.strip() for line in _pdf_text(pdf, 2).splitlines() if line.strip()]
            assert second[0] == "2", "page 2 shows its number at the top"
        assert signers[path.stem] in _pdf_text(pdf)


@pytest.mark.parametrize("form_id", ["nghi-quyet", "ke-hoach"])
@pytest.mark.parametrize(
    "title", ["tổ chức sinh hoạt chi bộ mẫu", "về tổ chức sinh hoạt chi bộ mẫu"]
)
def test_the_trich_yeu_starts_with_ve_exactly_once(form_id: str, title: str) -> None:
    example = load_data(examples_dir() / FORM_EXAMPLES[form_id])
    data = example.model_dump()
    data["title"] = title
    text = visible_text(chibo_docs.render_bytes(type(example).model_validate(data)))
    lines = text.splitlines()
    assert lines[lines.index("-----") - 1] == "về tổ chức sinh hoạt chi bộ mẫu"
