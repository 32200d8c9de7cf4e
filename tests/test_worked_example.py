"""The guide's worked example, run end to end: new-form → edit → lint → register → render → check."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from chibo_docs.cli import main
from chibo_docs.forms.registry import ENV_FORMS_PATH, FormRegistry
from chibo_docs.layout.conformance.checker import check_document
from chibo_docs.loading.reader import load_data
from chibo_docs.models import Invitation
from chibo_docs.ooxml.text import visible_text
from chibo_docs.pipeline.render import render_docx
from chibo_docs.resources import examples_dir
from chibo_docs.templating.lint import lint_template
from tests.support.worked_example import FORM_ID, TITLE, build

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages

EXAMPLE_FOLDER = examples_dir() / "forms" / "giay-moi"
DATA = examples_dir() / "giay-moi-2021-04.yaml"


def test_the_whole_path_from_skeleton_to_a_conformant_invitation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "forms"
    folder.mkdir()
    template = build(folder)  # new-form, then the author's edits

    # lint: clean against the model, through the form's id
    assert [f for f in lint_template(template, Invitation) if f.severity != "info"] == []
    assert main(["lint", str(template), "--form", FORM_ID, "--forms", str(folder), "--quiet"]) == 0

    # register from a folder, by option and by environment variable
    assert main(["forms", "--forms", str(folder)]) == 0
    assert f"{FORM_ID}\tGM\t{TITLE}\tfolder {folder}" in capsys.readouterr().out.splitlines()
    monkeypatch.setenv(ENV_FORMS_PATH, str(folder))
    form = FormRegistry.default().get(FORM_ID)
    assert (form.model, form.template) == (Invitation, template)

    # render the example data with it
    invitation = load_data(DATA)
    out = render_docx(invitation, tmp_path / "giay-moi.docx", form=FORM_ID)

    assert check_document(out) == []
    lines = visible_text(out).splitlines()
    for expected in [
        "Số 03-GM/CB | Lai Châu, ngày 20 tháng 4 năm 2021",
        "GIẤY MỜI",
        "dự sinh hoạt chi bộ mẫu tháng 4 năm 2021",
        "Chi bộ Trung tâm Kỹ thuật Tài nguyên trân trọng kính mời:",
        "- Đồng chí Bí thư các chi bộ trực thuộc 9 Đảng bộ cơ sở Khối Hành chính (35 đồng chí);",
        "Thời gian: 14 giờ 00 phút, thứ Hai, ngày 26 tháng 4 năm 2021.",
        "Địa điểm: Hội trường Trung tâm Kỹ thuật Tài nguyên.",
        "- Lưu Chi bộ. | T/M CHI BỘ",
        "Nguyễn Tiến Duyệt",
    ]:
        assert expected in lines, expected
    assert not any("{" in line for line in lines)


def test_the_committed_example_form_is_what_the_steps_give(tmp_path: Path) -> None:
    build(tmp_path)
    for name in ("giay-moi.docx", "giay-moi.toml"):
        assert (tmp_path / name).read_bytes() == (EXAMPLE_FOLDER / name).read_bytes(), name


def test_an_invitation_without_a_number_renders_room_for_one(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE_FOLDER, tmp_path / "forms")
    invitation = load_data(DATA)
    assert isinstance(invitation, Invitation)
    unnumbered = invitation.model_copy(update={"number": None})
    out = render_docx(unnumbered, tmp_path / "x.docx", form=FORM_ID, folders=[tmp_path / "forms"])
    assert "Số     -GM/CB | Lai Châu" in visible_text(out)
    assert check_document(out) == []  # the blank for a number written by hand passes HD36-7
