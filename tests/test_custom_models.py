"""Forms filled from their author's own models, with data from YAML files.

A manifest may name a model of the author's package (``model = "chibo_custom_models:X"``); a
data file for it says ``document: <form id>``. Data of another model given to such a form is a
FormModelMismatchError naming the form, its model and the data's, never a traceback. The models
are a package written to disk (tests/support/custom_models.py).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from chibo_docs import DataError, check_document, get_form, load_data, render_docx
from chibo_docs.cli import main
from chibo_docs.errors import FormModelMismatchError
from chibo_docs.forms import copy_form, new_form
from chibo_docs.models import Resolution
from chibo_docs.ooxml import visible_text
from chibo_docs.pdf import pdf_info
from chibo_docs.pipeline import validate_file
from chibo_docs.resources import examples_dir
from tests.support.custom_models import (
    PACKAGE,
    bao_cao_data,
    guide_commands,
    guide_section,
    write_models,
)
from tests.support.paths import REPO
from tests.test_form_customising import OLD_LINE, edit_in_word

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages

FORM = "nghi-quyet-tinh"
MODEL = f"{PACKAGE}:NghiQuyetTinh"
LEADER_LINE = "Đồng chí {{ nguoi_de_dan }} dẫn dắt thực hiện; sau khi thảo luận, chi bộ thống nhất"


@dataclass
class Setup:
    """The author's package, forms folder and data files."""

    lib: Path
    forms: Path
    data: Path  # the examples, copied

    @property
    def builtin_data(self) -> Path:
        return self.data / "nghi-quyet-05-2021.yaml"

    def data_file(self, name: str, document: str, **extra: str) -> Path:
        """The example resolution with another ``document:`` and ``extra`` fields."""
        text = self.builtin_data.read_text(encoding="utf-8")
        added = "".join(f"{key}: {value}\n" for key, value in extra.items())
        path = self.data / name
        path.write_text(text.replace("document: resolution\n", f"document: {document}\n{added}"),
                        encoding="utf-8")
        return path


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Setup:
    lib = tmp_path / "lib"
    write_models(lib)
    monkeypatch.syspath_prepend(str(lib))
    forms = tmp_path / "forms"
    docx, manifest = copy_form(get_form("nghi-quyet"), forms, form_id=FORM, keep_original=True)
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('"Resolution"', f'"{MODEL}"'),
                        encoding="utf-8")
    edit_in_word(docx, OLD_LINE, LEADER_LINE)
    data = tmp_path / "du-lieu"
    data.mkdir()
    for name in ("nghi-quyet-05-2021.yaml", "bien-ban-2021-04.yaml"):
        (data / name).write_bytes((examples_dir() / name).read_bytes())
    return Setup(lib, forms, data)


def _one_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1, err
    return err[0]


def test_data_naming_the_form_is_validated_and_rendered_with_its_model(
    setup: Setup, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = setup.data_file("nq-tinh.yaml", FORM, nguoi_de_dan="Nguyễn Tiến Duyệt")
    assert main(["lint", str(setup.forms / f"{FORM}.docx"), "--form", FORM,
                 "--forms", str(setup.forms), "--quiet"]) == 0
    assert main(["validate", str(data), "--forms", str(setup.forms)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"{data}: {FORM} OK"

    out = tmp_path / "nq-tinh.docx"
    assert main(["render", FORM, str(data), "-o", str(out), "--forms", str(setup.forms)]) == 0
    lines = visible_text(out).splitlines()
    assert LEADER_LINE.replace("{{ nguoi_de_dan }}", "Nguyễn Tiến Duyệt") in lines
    assert "Số 05-NQ/CB | Lai Châu, ngày 26 tháng 4 năm 2021" in lines
    assert check_document(out) == []

    # the data is a resolution too: the built-in form takes it
    assert main(["render", "nghi-quyet", str(data), "-o", str(tmp_path / "nq.docx"),
                 "--forms", str(setup.forms)]) == 0
    assert OLD_LINE in visible_text(tmp_path / "nq.docx").splitlines()


def test_in_python_the_data_is_read_with_the_form_s_model(setup: Setup, tmp_path: Path) -> None:
    data = setup.data_file("nq-tinh.yaml", FORM, nguoi_de_dan="Nguyễn Tiến Duyệt")
    form = get_form(FORM, folders=[setup.forms])
    document = load_data(data, model=form.model)
    assert type(document).__name__ == "NghiQuyetTinh"
    assert isinstance(document, Resolution)
    assert document.document == "resolution"  # the key named the form; the model's own value
    report = validate_file(data, folders=[setup.forms])
    assert (report.ok, report.kind, report.form) == (True, FORM, form)
    out = render_docx(document, tmp_path / "a.docx", folders=[setup.forms])  # by its model
    assert "Đồng chí Nguyễn Tiến Duyệt dẫn dắt thực hiện" in visible_text(out)
    with pytest.raises(DataError, match=f"has document: '{FORM}', which is not a kind of document; .* or the id of the form it fills"):
        load_data(data)


def test_a_missing_field_of_the_custom_model_is_located(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    data = setup.data_file("thieu.yaml", FORM)
    assert main(["validate", str(data), "--forms", str(setup.forms)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{data}: 1 error(s), 0 warning(s), 0 note(s)",
                   "  error at nguoi_de_dan (Người dẫn dắt thực hiện): is required but missing; add it"]


def test_built_in_data_for_the_custom_form_is_one_clear_error(
    setup: Setup, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.docx"
    args = ["render", FORM, str(setup.builtin_data), "-o", str(out), "--forms", str(setup.forms)]
    assert main(args) == 1
    assert _one_error(capsys) == (
        f"error: form '{FORM}' is filled from {MODEL} data, but '{setup.builtin_data}' holds "
        f"Resolution data (document: resolution); write 'document: {FORM}' in the data file "
        "to fill this form from it"
    )
    # what the issue saw: the extra field of the custom model, with 'document: resolution'
    data = setup.data_file("sai.yaml", "resolution", nguoi_de_dan="Nguyễn Tiến Duyệt")
    assert main(["render", FORM, str(data), "-o", str(out), "--forms", str(setup.forms)]) == 1
    assert f"write 'document: {FORM}' in the data file" in _one_error(capsys)
    assert not out.exists()

    with pytest.raises(FormModelMismatchError) as caught:
        render_docx(load_data(setup.builtin_data), out, form=FORM, folders=[setup.forms])
    assert (caught.value.form_id, caught.value.form_model, caught.value.data_model) == (
        FORM, MODEL, "Resolution"
    )
    assert "but the data is Resolution data" in str(caught.value)


def test_the_command_line_prints_no_traceback(setup: Setup, tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(setup.lib), str(REPO / "src")]))
    done = subprocess.run(
        [sys.executable, "-m", "chibo_docs", "render", FORM, str(setup.builtin_data),
         "-o", str(tmp_path / "x.docx"), "--forms", str(setup.forms)],
        capture_output=True, text=True, env=env, check=False, timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"error: form '{FORM}' is filled from {MODEL} data, but '{setup.builtin_data}' holds "
        f"Resolution data (document: resolution); write 'document: {FORM}' in the data file "
        "to fill this form from it"
    ]


def test_a_document_that_is_neither_a_kind_nor_a_form_lists_both(
    setup: Setup, capsys: pytest.CaptureFixture[str]
) -> None:
    data = setup.data_file("khong-co.yaml", "nghi-quyet-tnh")
    assert main(["validate", str(data), "--forms", str(setup.forms)]) == 1
    assert _one_error(capsys) == (
        f"error: data file '{data}', line 3: has document: 'nghi-quyet-tnh', which is neither a kind of "
        "document (minutes, resolution, plan, invitation, scorecard, monthly_report, "
        "quality_report, lessons_notice) nor the id of a form (bao-cao, bao-cao-danh-gia, "
        f"bien-ban, ke-hoach, nghi-quyet, {FORM}, phieu-cham-diem, thong-bao-rut-kinh-nghiem); "
        "check its spelling, or give the folder of its form (--forms DIR)"
    )


def test_a_form_of_a_model_of_its_own_made_with_new_form(
    setup: Setup, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = setup.forms / "bao-cao-quy.docx"
    new_form(form, "BC", issuer_upper="ĐẢNG BỘ SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
             issuer="CHI BỘ TRUNG TÂM KỸ THUẬT TÀI NGUYÊN", form_id="bao-cao-quy",
             model=f"{PACKAGE}:BaoCao")
    data = setup.data / "bao-cao-quy.yaml"
    data.write_text(yaml.safe_dump({"document": "bao-cao-quy", **bao_cao_data(None)},
                                   allow_unicode=True), encoding="utf-8")
    out = tmp_path / "bao-cao-quy.docx"
    assert main(["render", "bao-cao-quy", str(data), "-o", str(out), "--forms", str(setup.forms)]) == 0
    assert "Số     -BC/CB | Lai Châu, ngày 28 tháng 4 năm 2021" in visible_text(out).splitlines()
    assert check_document(out) == []
    capsys.readouterr()
    # its data fits no other form
    assert main(["render", FORM, str(data), "-o", str(out), "--forms", str(setup.forms)]) == 1
    assert _one_error(capsys).startswith(
        f"error: form '{FORM}' is filled from {MODEL} data, but '{data}' holds "
        f"{PACKAGE}:BaoCao data (document: bao-cao-quy); write 'document: {FORM}'"
    )


@pytest.mark.libreoffice
def test_a_dossier_takes_each_document_s_form_from_its_data(
    setup: Setup, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = setup.data_file("nq-tinh.yaml", FORM, nguoi_de_dan="Nguyễn Tiến Duyệt")
    out = tmp_path / "ho-so.pdf"
    args = ["dossier", str(setup.data / "bien-ban-2021-04.yaml"), str(data), "-o", str(out),
            "--forms", str(setup.forms), "-q"]
    assert main(args) == 0
    text = pdf_info(out).text or ""
    assert "Nguyễn Tiến Duyệt dẫn dắt thực hiện" in " ".join(text.split())


def test_the_guide_s_model_and_commands_work_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = guide_section(9)
    (code,) = re.findall(r"```python\n(.*?)```", guide, flags=re.S)
    model = "mo_hinh_cua_toi:NghiQuyetTinh"
    assert f'model = "{model}"' in guide
    (first_lines,) = re.findall(r"```yaml\n(document: .*?\nnguoi_de_dan: .*?\n)", guide, flags=re.S)
    package = tmp_path / "lib" / "mo_hinh_cua_toi"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(code, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "lib"))
    monkeypatch.chdir(tmp_path)
    shutil.copytree(examples_dir(), "du-lieu", ignore=shutil.ignore_patterns("forms"))
    text = Path("du-lieu/nghi-quyet-05-2021.yaml").read_text(encoding="utf-8")
    Path("du-lieu/nq-tinh.yaml").write_text(text.replace("document: resolution\n", first_lines),
                                            encoding="utf-8")

    copy = "forms copy nghi-quyet mau-cua-toi --id nghi-quyet-tinh --keep-original"
    assert copy in " ".join(guide.split())
    assert main(copy.split()) == 0
    manifest = Path("mau-cua-toi/nghi-quyet-tinh.toml")
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('"Resolution"', f'"{model}"'),
                        encoding="utf-8")
    edit_in_word(Path("mau-cua-toi/nghi-quyet-tinh.docx"), OLD_LINE, LEADER_LINE)
    validate, render = guide_commands(9)
    for command in (validate, render):
        assert main(command) == 0, (command, capsys.readouterr())
    assert "Đồng chí Nguyễn Tiến Duyệt dẫn dắt thực hiện" in visible_text("ra/nq-tinh.docx")
