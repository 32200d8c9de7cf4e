"""The forms registry: manifests, folders, the environment variable, clashes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from chibo_docs.errors import FormError, UnknownFormError
from chibo_docs.forms.registry import ENV_FORMS_PATH, FormRegistry, load_folder


class Invitation(BaseModel):
    """A stand-in model for forms declared with a dotted path."""

    title: str


def _write_form(folder: Path, name: str, manifest: str, *, template: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if template:
        (folder / f"{name}.docx").write_bytes(b"PK placeholder")
    path = folder / f"{name}.toml"
    path.write_text(manifest, encoding="utf-8")
    return path


GOOD = """
id = "giay-moi"
title = "Giấy mời"
document_type = "GM"
model = "tests.test_forms:Invitation"
"""


def test_a_folder_form_is_read_with_its_origin(tmp_path: Path) -> None:
    _write_form(tmp_path, "giay-moi", GOOD)
    (form,) = load_folder(tmp_path)
    assert (form.id, form.title, form.document_type) == ("giay-moi", "Giấy mời", "GM")
    assert form.template == tmp_path / "giay-moi.docx"
    assert form.origin == f"folder {tmp_path}"
    assert form.model is Invitation
    assert form.profile == "HD36"


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ('id = "x"\ntitle = "X"\nmodel = "Minutes"\n', "lacks document_type"),
        (GOOD + 'colour = "red"\n', "unknown keys colour"),
        (GOOD.replace('"GM"', "3"), "document_type must be text"),
        ("id = ", "cannot be read"),
    ],
)
def test_bad_manifests_say_what_is_wrong(tmp_path: Path, manifest: str, message: str) -> None:
    path = _write_form(tmp_path, "f", manifest)
    with pytest.raises(FormError, match=message) as info:
        load_folder(tmp_path)
    assert str(path) in str(info.value)


def test_a_missing_template_is_named(tmp_path: Path) -> None:
    _write_form(tmp_path, "giay-moi", GOOD, template=False)
    with pytest.raises(FormError, match="template 'giay-moi.docx' is missing"):
        load_folder(tmp_path)


def test_a_model_that_cannot_be_imported_is_named(tmp_path: Path) -> None:
    _write_form(tmp_path, "f", GOOD.replace("tests.test_forms:Invitation", "nowhere:Thing"))
    (form,) = load_folder(tmp_path)
    with pytest.raises(FormError, match="model 'nowhere:Thing' cannot be imported"):
        _ = form.model


def test_a_model_that_is_not_pydantic_is_refused(tmp_path: Path) -> None:
    _write_form(tmp_path, "f", GOOD.replace("tests.test_forms:Invitation", "pathlib:Path"))
    (form,) = load_folder(tmp_path)
    with pytest.raises(FormError, match="not a pydantic model"):
        _ = form.model


def test_two_forms_with_one_id_are_refused_naming_both(tmp_path: Path) -> None:
    a = _write_form(tmp_path / "a", "giay-moi", GOOD)
    b = _write_form(tmp_path / "b", "giay-moi", GOOD)
    with pytest.raises(FormError, match="defined twice") as info:
        FormRegistry([*load_folder(tmp_path / "a"), *load_folder(tmp_path / "b")])
    assert str(a) in str(info.value)
    assert str(b) in str(info.value)


def test_folders_from_the_environment_are_registered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_form(tmp_path, "giay-moi", GOOD)
    monkeypatch.setenv(ENV_FORMS_PATH, str(tmp_path))
    registry = FormRegistry.default()
    assert registry.get("giay-moi").origin == f"folder {tmp_path}"
    assert registry.for_model(Invitation).id == "giay-moi"


def test_an_unknown_form_lists_the_known_ones(tmp_path: Path) -> None:
    _write_form(tmp_path, "giay-moi", GOOD)
    registry = FormRegistry(load_folder(tmp_path))
    with pytest.raises(UnknownFormError, match="unknown form 'bien-ban'; known forms: 'giay-moi'"):
        registry.get("bien-ban")


def test_a_model_without_form_is_an_unknown_form() -> None:
    with pytest.raises(UnknownFormError, match="no form takes Invitation"):
        FormRegistry().for_model(Invitation)


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FormError, match="does not exist"):
        load_folder(tmp_path / "nope")
