"""{include: FILE#key}: confined to the data file's folder unless the caller allows more."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from chibo_docs import DataError
from chibo_docs.cli import main
from chibo_docs.errors import IncludeError
from chibo_docs.loading.reader import read_data, read_data_file
from chibo_docs.resources import examples_dir

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """data/ (the data files), data/sub/, shared/ (beside it) and a secret elsewhere."""
    (tmp_path / "data" / "sub").mkdir(parents=True)
    (tmp_path / "shared").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "secret.yaml").write_text("token: s3cret\n", encoding="utf-8")
    (tmp_path / "shared" / "common.yaml").write_text("place: Hội trường\n", encoding="utf-8")
    (tmp_path / "data" / "base.yaml").write_text("place: Phòng họp\n", encoding="utf-8")
    (tmp_path / "data" / "sub" / "part.yaml").write_text("x: {include: ../base.yaml#place}\n", encoding="utf-8")
    return tmp_path


def _write(folder: Path, include: str) -> Path:
    path = folder / "main.yaml"
    path.write_text(f"document: minutes\nplace: {{include: '{include}'}}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("include", "reason"),
    [
        ("../elsewhere/secret.yaml#token", "outside"),
        ("sub/../../elsewhere/secret.yaml#token", "outside"),
        ("{root}/elsewhere/secret.yaml#token", "absolute"),
        ("/etc/hostname.yaml", "absolute"),
    ],
)
def test_an_include_outside_the_folder_is_refused_before_reading(
    tree: Path, include: str, reason: str
) -> None:
    include = include.format(root=tree)
    path = _write(tree / "data", include)
    with pytest.raises(IncludeError) as exc:
        read_data(path)
    err = exc.value
    assert (err.reason, err.include, err.file, err.line, err.key_path) == (reason, include, str(path), 2, "place")
    assert err.folders == ((tree / "data").resolve(),)
    message = str(err)
    assert message.startswith(f"data file {str(path)!r}, line 2, at place: include {include!r}")
    assert "--include-root DIR" in message
    assert "s3cret" not in message


def test_a_symbolic_link_out_of_the_folder_is_refused(tree: Path) -> None:
    (tree / "data" / "link.yaml").symlink_to(tree / "elsewhere" / "secret.yaml")
    path = _write(tree / "data", "link.yaml#token")
    with pytest.raises(IncludeError, match="include 'link.yaml#token' reaches '.*/elsewhere/secret.yaml', outside"):
        read_data(path)


def test_a_symbolic_link_to_the_data_folder_itself_is_followed(tree: Path) -> None:
    (tree / "linked").symlink_to(tree / "data")
    path = _write(tree / "linked", "base.yaml#place")
    assert read_data(path)["place"] == "Phòng họp"


def test_includes_inside_the_folder_may_go_up_and_down_within_it(tree: Path) -> None:
    path = _write(tree / "data", "sub/part.yaml#x")
    assert read_data(path)["place"] == "Phòng họp"
    path = _write(tree / "data", "sub/../base.yaml#place")
    assert read_data(path)["place"] == "Phòng họp"


def test_include_roots_allow_another_folder_and_only_that(tree: Path) -> None:
    path = _write(tree / "data", "../shared/common.yaml#place")
    with pytest.raises(IncludeError, match="outside"):
        read_data(path)
    assert read_data(path, include_roots=[tree / "shared"])["place"] == "Hội trường"
    path = _write(tree / "data", f"{tree}/shared/common.yaml#place")
    assert read_data(path, include_roots=[str(tree / "shared")])["place"] == "Hội trường"
    path = _write(tree / "data", "../elsewhere/secret.yaml#token")
    with pytest.raises(IncludeError) as exc:
        read_data(path, include_roots=[tree / "shared"])
    assert exc.value.folders == ((tree / "data").resolve(), (tree / "shared").resolve())


def test_a_loop_of_includes_is_refused_naming_both_files(tree: Path) -> None:
    (tree / "data" / "a.yaml").write_text("v: {include: b.yaml#v}\n", encoding="utf-8")
    (tree / "data" / "b.yaml").write_text("\nv: {include: a.yaml#v}\n", encoding="utf-8")
    path = _write(tree / "data", "a.yaml#v")
    with pytest.raises(IncludeError) as exc:
        read_data(path)
    assert exc.value.reason == "loop"
    assert exc.value.file == str((tree / "data" / "b.yaml").resolve())
    assert exc.value.line == 2
    assert "include 'a.yaml#v' names" in str(exc.value)
    assert "which includes it back" in str(exc.value)


@pytest.mark.parametrize(
    ("setup", "include", "reason", "message"),
    [
        (None, "#place", "no_file", "names no file"),
        (None, "nowhere.yaml#x", "unreadable", "nowhere.yaml': does not exist"),
        ("notes.txt", "notes.txt", "unreadable", "must end in .json, .yaml or .yml"),
        ("dir.yaml/", "dir.yaml", "unreadable", "is not a regular file"),
        (None, "base.yaml#room", "no_key", "'base.yaml' has no 'room'"),
        ("bad.yaml", "bad.yaml#x", "unreadable", "bad.yaml', line 2, column 1: is not valid YAML"),
    ],
)
def test_an_unusable_include_names_the_include_and_what_is_wrong(
    tree: Path, setup: str | None, include: str, reason: str, message: str
) -> None:
    folder = tree / "data"
    if setup == "dir.yaml/":
        (folder / "dir.yaml").mkdir()
    elif setup:
        (folder / setup).write_text("x: [1\n", encoding="utf-8")
    path = _write(folder, include)
    with pytest.raises(IncludeError) as exc:
        read_data(path)
    assert exc.value.reason == reason
    assert message in str(exc.value)
    assert str(exc.value).startswith(f"data file {str(path)!r}, line 2, at place: include {include!r}")


def test_an_include_error_is_a_data_error() -> None:
    assert issubclass(IncludeError, DataError)


def test_an_included_value_keeps_the_lines_of_its_own_file() -> None:
    source = read_data_file(examples_dir() / "nghi-quyet-05-2021.yaml")
    meeting = source.locate("meeting")
    assert meeting is not None
    assert (meeting.file.name, meeting.line) == ("nghi-quyet-05-2021.yaml", 4)
    place = source.locate("meeting.place")
    lines = (examples_dir() / "bien-ban-2021-04.yaml").read_text(encoding="utf-8").splitlines()
    assert place is not None
    assert place.file.name == "bien-ban-2021-04.yaml"
    assert lines[place.line - 1].strip().startswith("place:")


def test_validate_takes_include_roots(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tree / "data", "../shared/common.yaml#place")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("error: data file ")
    assert "include '../shared/common.yaml#place' reaches" in err
    # accepted with the root: the file then fails validation as a minutes document, not to load
    assert main(["validate", "--include-root", str(tree / "shared"), str(path)]) == 1
    out = capsys.readouterr().out
    assert "main.yaml: " in out
    assert "  error at meeting (Kỳ sinh hoạt): is required but missing; add it" in out  # no line


def test_render_and_dossier_take_include_roots() -> None:
    from chibo_docs.cli import build_parser

    parser = build_parser()
    args = parser.parse_args(["render", "nghi-quyet", "d.yaml", "-o", "x.docx",
                              "--include-root", "a", "--include-root", "b"])
    assert args.include_roots == ["a", "b"]
    args = parser.parse_args(["dossier", "d.yaml", "-o", "x.pdf", "--include-root", "a"])
    assert args.include_roots == ["a"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_named_pipe_is_refused_without_blocking(tree: Path) -> None:
    os.mkfifo(tree / "data" / "pipe.yaml")
    path = _write(tree / "data", "pipe.yaml")
    with pytest.raises(IncludeError, match="is not a regular file"):
        read_data(path)
