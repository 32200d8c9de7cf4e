"""Skeletons of new forms: conformant from the start, clean against their model."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from chibo_docs import get_form, render_docx
from chibo_docs.cli import main
from chibo_docs.errors import FormError
from chibo_docs.forms.registry import load_folder
from chibo_docs.forms.skeleton import build_skeleton, new_form
from chibo_docs.layout.conformance.checker import check_document
from chibo_docs.models import Invitation, Minutes, Plan, Resolution
from chibo_docs.ooxml.text import visible_text
from chibo_docs.templating.lint import lint_template
from tests.support.custom_models import PACKAGE, bao_cao_data, write_models

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages

UPPER = "ĐẢNG BỘ SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"
ISSUER = "CHI BỘ TRUNG TÂM KỸ THUẬT TÀI NGUYÊN"


def _problems(data: bytes, model: type | None) -> list[str]:
    return [str(f) for f in lint_template(data, model) if f.severity != "info"]


@pytest.mark.parametrize(
    ("code", "model"),
    [("NQ", Resolution), ("KH", Plan), ("BB", Minutes), ("GM", Invitation)],
)
def test_a_skeleton_with_a_model_passes_the_layout_check_and_lints_clean(
    code: str, model: type
) -> None:
    data = build_skeleton(code, issuer_upper=UPPER, issuer=ISSUER, model=model)
    assert _problems(data, model) == []
    text = visible_text(data)
    assert "Số {% if doc.code %}" in text or "Số {{ doc.code }}" in text
    assert "{{ doc.date_line }}" in text
    assert HD36_TITLE[code] in text


HD36_TITLE = {"NQ": "NGHỊ QUYẾT", "KH": "KẾ HOẠCH", "BB": "BIÊN BẢN", "GM": "GIẤY MỜI",
              "TB": "THÔNG BÁO", "BC": "BÁO CÁO"}


@pytest.mark.parametrize("code", ["NQ", "KH", "BB", "GM", "TB", "BC"])
def test_a_skeleton_without_a_model_holds_sample_text_that_passes(code: str) -> None:
    data = build_skeleton(
        code, issuer_upper=UPPER.lower(), issuer=ISSUER, place="Lai Châu",
        issued_on=date(2021, 4, 20),
    )
    assert [f for f in check_document(data) if f.severity == "error"] == []
    assert check_document(data, kind=code) == check_document(data)
    text = visible_text(data)
    assert f"Số 01-{code}/CB" in text
    assert "Lai Châu, ngày 20 tháng 4 năm 2021" in text
    assert UPPER in text  # written in capitals whatever was typed
    assert "{" not in text


def test_a_letter_or_an_unknown_type_is_refused() -> None:
    with pytest.raises(FormError, match="no type name"):
        build_skeleton("CV", issuer_upper=None, issuer=ISSUER)
    with pytest.raises(FormError, match="unknown document type 'XX'"):
        build_skeleton("XX", issuer_upper=None, issuer=ISSUER)


def test_new_form_writes_the_manifest_beside_the_docx(tmp_path: Path) -> None:
    path = new_form(tmp_path / "thong-bao.docx", "TB", issuer_upper=UPPER, issuer=ISSUER,
                    form_id="thong-bao", model="Resolution")
    manifest = tomllib.loads(path.with_suffix(".toml").read_text(encoding="utf-8"))
    assert manifest == {"id": "thong-bao", "title": "Thông báo", "document_type": "TB",
                        "model": "Resolution"}
    (form,) = load_folder(tmp_path)
    assert (form.id, form.model, form.template) == ("thong-bao", Resolution, path)


def test_new_form_does_not_overwrite_and_needs_a_model_for_a_manifest(tmp_path: Path) -> None:
    path = new_form(tmp_path / "a.docx", "NQ", issuer_upper=None, issuer=ISSUER)
    assert not path.with_suffix(".toml").exists()
    with pytest.raises(FormError, match="already exists"):
        new_form(path, "NQ", issuer_upper=None, issuer=ISSUER)
    with pytest.raises(FormError, match="needs a model"):
        new_form(tmp_path / "b.docx", "NQ", issuer_upper=None, issuer=ISSUER, form_id="b")
    with pytest.raises(FormError, match="unknown model 'Nothing'"):
        new_form(tmp_path / "c.docx", "NQ", issuer_upper=None, issuer=ISSUER, form_id="c",
                 model="Nothing")


def test_cli_new_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "gm.docx"
    code = main(["new-form", str(out), "--type", "GM", "--issuer", ISSUER, "--id", "gm",
                 "--model", "Invitation", "--title", "Giấy mời họp"])
    assert code == 0
    assert capsys.readouterr().out.splitlines() == [f"wrote {out}", f"wrote {out.with_suffix('.toml')}"]
    assert main(["lint", str(out), "--form", "gm", "--forms", str(tmp_path), "--quiet"]) == 0
    assert main(["new-form", str(out), "--type", "GM", "--issuer", ISSUER]) == 1
    assert "already exists" in capsys.readouterr().err


@pytest.mark.parametrize(("number", "line"), [(5, "Số 05-BC/CB"), (None, "Số     -BC/CB")])
def test_a_skeleton_rendered_numbered_or_not_passes_its_own_layout_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int | None, line: str
) -> None:
    write_models(tmp_path / "lib")
    monkeypatch.syspath_prepend(str(tmp_path / "lib"))
    path = new_form(tmp_path / "forms" / "bao-cao-quy.docx", "BC", issuer_upper=UPPER, issuer=ISSUER,
                    form_id="bao-cao-quy", model=f"{PACKAGE}:BaoCao")
    assert main(["lint", str(path), "--form", "bao-cao-quy", "--forms", str(path.parent), "--quiet"]) == 0
    form = get_form("bao-cao-quy", folders=[path.parent])
    data = form.model.model_validate(bao_cao_data(number))
    out = render_docx(data, tmp_path / "bao-cao-ra.docx", form=form)
    assert check_document(out) == []
    text = visible_text(out)
    assert f"{line} | Lai Châu, ngày 28 tháng 4 năm 2021" in text.splitlines()
    assert "BÁO CÁO" in text.splitlines()
