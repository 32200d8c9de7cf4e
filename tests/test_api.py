"""The main calls choose the form by the model's type or by id, and refuse a mismatch."""

from __future__ import annotations

from pathlib import Path

import pytest

from chibo_docs import (
    Minutes,
    Plan,
    Resolution,
    get_form,
    list_forms,
    load_data,
    render_bytes,
    render_docx,
)
from chibo_docs.errors import FormModelMismatchError, UnknownFormError
from chibo_docs.ooxml import visible_text
from chibo_docs.resources import examples_dir

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages


@pytest.fixture(scope="module")
def resolution() -> Resolution:
    document = load_data(examples_dir() / "nghi-quyet-05-2021.yaml")
    assert isinstance(document, Resolution)
    return document


def test_the_built_in_forms_are_listed_by_id() -> None:
    forms = {form.id: form for form in list_forms()}
    assert {"bien-ban", "nghi-quyet", "ke-hoach"} <= set(forms)
    assert forms["bien-ban"].model is Minutes
    assert forms["nghi-quyet"].model is Resolution
    assert forms["ke-hoach"].model is Plan
    assert all(form.origin == "built-in" for form in forms.values())


def test_the_form_is_chosen_by_the_model(resolution: Resolution, tmp_path: Path) -> None:
    out = render_docx(resolution, tmp_path / "nq.docx")
    assert out == tmp_path / "nq.docx"
    assert "Số 05-NQ/CB" in visible_text(out)
    assert render_bytes(resolution) == out.read_bytes()


def test_the_form_can_be_named(resolution: Resolution) -> None:
    by_id = render_bytes(resolution, form="nghi-quyet")
    by_form = render_bytes(resolution, form=get_form("nghi-quyet"))
    assert by_id == by_form


def test_a_form_for_another_model_is_refused(resolution: Resolution, tmp_path: Path) -> None:
    with pytest.raises(FormModelMismatchError) as caught:
        render_docx(resolution, tmp_path / "x.docx", form="bien-ban")
    assert caught.value.message_en == (
        "form 'bien-ban' is filled from Minutes data, but the data is Resolution data; "
        "choose a form that takes Resolution data (see `chibo-docs forms`)"
    )
    assert caught.value.text("vi") == (
        "mẫu 'bien-ban' được điền từ dữ liệu Minutes, nhưng dữ liệu đưa vào là dữ liệu "
        "Resolution; hãy chọn một mẫu nhận dữ liệu Resolution (xem `chibo-docs forms`)"
    )
    assert (caught.value.form_id, caught.value.form_model, caught.value.data_model) == (
        "bien-ban", "Minutes", "Resolution"
    )
    assert isinstance(caught.value, TypeError)  # what it was before it named the models
    assert not (tmp_path / "x.docx").exists()


def test_an_unknown_form_lists_the_known_ones(resolution: Resolution) -> None:
    with pytest.raises(UnknownFormError, match="unknown form 'bien_ban'; known forms: .*'bien-ban'"):
        render_bytes(resolution, form="bien_ban")


def test_plain_data_is_refused_with_what_to_pass() -> None:
    with pytest.raises(TypeError, match="needs a chibo_docs model such as Minutes, got dict"):
        render_bytes({"title": "x"})  # type: ignore[arg-type]
