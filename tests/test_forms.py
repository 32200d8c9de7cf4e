"""The forms registry: manifests, folders, the environment variable, clashes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from chibo_docs.errors import FormError, UnknownFormError
from chibo_docs.forms.registry import ENV_FORMS_PATH, FormRegistry, load_folder
from chibo_docs.models import Resolution

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages


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


# --- overrides: a form in place of another ------------------------------------------------------

NQ = 'title = "Nghị quyết (bản sửa)"\ndocument_type = "NQ"\nmodel = "Resolution"\n'


def test_an_override_takes_the_place_of_a_built_in_form_by_id_and_by_model(tmp_path: Path) -> None:
    _write_form(tmp_path, "nq", 'id = "nq-sua"\noverrides = "nghi-quyet"\n' + NQ)
    registry = FormRegistry.default([tmp_path])
    mine = registry.get("nq-sua")
    assert mine.overrides == "nghi-quyet"
    assert registry.get("nghi-quyet") is mine
    assert registry.for_model(Resolution) is mine
    assert [f.id for f in registry] == [
        "bao-cao", "bao-cao-danh-gia", "bien-ban", "ke-hoach", "nq-sua", "phieu-cham-diem",
        "thong-bao-rut-kinh-nghiem"]
    assert "nghi-quyet" in registry
    assert len(registry) == 7


def test_an_override_may_come_before_the_form_it_replaces(tmp_path: Path) -> None:
    mine = load_folder(_write_form(tmp_path / "a", "x", 'id = "x"\noverrides = "y"\n' + NQ).parent)
    theirs = load_folder(_write_form(tmp_path / "b", "y", 'id = "y"\n' + NQ).parent)
    registry = FormRegistry([*mine, *theirs])
    assert registry.get("y").id == "x"


@pytest.mark.parametrize(
    ("manifests", "message"),
    [
        (['id = "a"\noverrides = "khong-co"\n' + NQ],
         r"overrides 'khong-co', which is not a registered form; known forms: 'bao-cao', "
         r"'bao-cao-danh-gia', 'bien-ban'"),
        (['id = "a"\noverrides = "nghi-quyet"\n' + NQ.replace("Resolution", "Plan")],
         r"overrides 'nghi-quyet', but takes Plan data and 'nghi-quyet' takes Resolution"),
        (['id = "a"\noverrides = "nghi-quyet"\n' + NQ, 'id = "b"\noverrides = "nghi-quyet"\n' + NQ],
         r"form 'b' \(.*\) and form 'a' \(.*\) both override 'nghi-quyet'"),
        (['id = "a"\noverrides = "nghi-quyet"\n' + NQ, 'id = "b"\noverrides = "a"\n' + NQ],
         r"overrides 'a', which itself overrides 'nghi-quyet'"),
        (['id = "ke-hoach"\noverrides = "nghi-quyet"\n' + NQ],
         r"form id 'ke-hoach' is defined twice"),
        (['id = "nghi-quyet"\n' + NQ],
         r"form id 'nghi-quyet' is defined twice: .*\(built-in\).*; rename one of them, or write "
         r"overrides = 'nghi-quyet' in the manifest of the one to use"),
    ],
)
def test_overrides_are_explicit_and_never_ambiguous(
    tmp_path: Path, manifests: list[str], message: str
) -> None:
    for n, manifest in enumerate(manifests):
        _write_form(tmp_path, f"f{n}", manifest)
    with pytest.raises(FormError, match=message):
        FormRegistry.default([tmp_path])


def test_generated_is_read_from_the_manifest(tmp_path: Path) -> None:
    _write_form(tmp_path, "g", GOOD + 'generated = "tools/x.py"\n')
    (form,) = load_folder(tmp_path)
    assert (form.generated, form.overrides) == ("tools/x.py", None)


# --- the registry is kept between calls -----------------------------------------------------


def test_the_registry_is_read_once_and_again_when_a_manifest_changes(tmp_path: Path) -> None:
    path = _write_form(tmp_path, "giay-moi", GOOD)
    first = FormRegistry.default([tmp_path])
    second = FormRegistry.default([tmp_path])
    assert first is not second  # a copy: what one caller adds, the next does not see
    assert second.get("giay-moi") is first.get("giay-moi")  # the same forms, not read again
    first.add(load_folder(_write_form(tmp_path / "more", "x", GOOD.replace("giay-moi", "x")).parent)[0])
    assert "x" not in FormRegistry.default([tmp_path])

    path.write_text(GOOD.replace('"Giấy mời"', '"Giấy mời họp chi bộ"'), encoding="utf-8")
    assert FormRegistry.default([tmp_path]).get("giay-moi").title == "Giấy mời họp chi bộ"

    _write_form(tmp_path, "giay-moi-2", GOOD.replace('"giay-moi"', '"giay-moi-2"'))
    assert "giay-moi-2" in FormRegistry.default([tmp_path])
    (tmp_path / "giay-moi-2.toml").unlink()
    assert "giay-moi-2" not in FormRegistry.default([tmp_path])


def test_an_edit_of_the_same_size_at_once_is_seen(tmp_path: Path) -> None:
    path = _write_form(tmp_path, "giay-moi", GOOD)
    assert FormRegistry.default([tmp_path]).get("giay-moi").document_type == "GM"
    path.write_text(GOOD.replace('"GM"', '"TB"'), encoding="utf-8")  # same size, same tick
    assert FormRegistry.default([tmp_path]).get("giay-moi").document_type == "TB"


def test_the_environment_variable_is_part_of_what_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_form(tmp_path / "a", "giay-moi", GOOD)
    assert "giay-moi" not in FormRegistry.default()
    monkeypatch.setenv(ENV_FORMS_PATH, str(tmp_path / "a"))
    assert "giay-moi" in FormRegistry.default()
    monkeypatch.delenv(ENV_FORMS_PATH)
    assert "giay-moi" not in FormRegistry.default()


def test_a_bad_manifest_is_reported_every_time_and_never_kept(tmp_path: Path) -> None:
    path = _write_form(tmp_path, "f", "id = ")
    for _ in range(2):
        with pytest.raises(FormError, match="cannot be read"):
            FormRegistry.default([tmp_path])
    path.write_text(GOOD, encoding="utf-8")
    assert "giay-moi" in FormRegistry.default([tmp_path])
