"""Writing the caller's files: folders created, normal modes, and every failure an OutputError.

The failures are real: a read-only or full tmpfs (mounted in a private namespace, see
tests/confinement.py) and a folder without write permission for an unprivileged user.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfWriter

from chibo_docs import ChiboDocsError, load_data, merge_pdfs, render_docx
from chibo_docs.errors import OutputError, TempFolderError
from chibo_docs.forms.skeleton import new_form
from chibo_docs.output_files import atomic_output, prepare_folder, write_atomically
from chibo_docs.pdf import pdf_info
from chibo_docs.pipeline.dossier import render_pdf
from chibo_docs.resources import examples_dir
from tests.support.confinement import python, run_in_mount

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages

EXAMPLE = examples_dir() / "bien-ban-2021-04.yaml"
ISSUER = "CHI BỘ TRUNG TÂM KỸ THUẬT TÀI NGUYÊN"


def _blank_pdf(path: Path, pages: int = 1) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as out:
        writer.write(out)
    return path


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextmanager
def _umask(mask: int) -> Iterator[None]:
    """Set the process umask for the block (tests run one at a time, in one thread)."""
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def _temporary_names(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob(".*.tmp")]


# --- folders -------------------------------------------------------------------------------


def test_missing_folders_of_a_rendered_document_are_created(tmp_path: Path) -> None:
    out = render_docx(load_data(EXAMPLE), tmp_path / "moi" / "thang-4" / "bb.docx")
    assert out == tmp_path / "moi" / "thang-4" / "bb.docx"
    assert zipfile.ZipFile(out).testzip() is None
    assert _temporary_names(tmp_path) == []


def test_missing_folders_of_a_merged_dossier_are_created(tmp_path: Path) -> None:
    source = _blank_pdf(tmp_path / "a.pdf", 2)
    out = merge_pdfs([source], tmp_path / "ho-so" / "2021" / "ho-so.pdf")
    assert pdf_info(out, text=False).pages == 2


# --- modes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_new_files_get_the_mode_open_gives_under_the_umask(
    tmp_path: Path, mask: int, expected: int
) -> None:
    document = load_data(EXAMPLE)
    source = _blank_pdf(tmp_path / "a.pdf")
    with _umask(mask):
        written = [
            render_docx(document, tmp_path / "bb.docx"),
            merge_pdfs([source], tmp_path / "ho-so.pdf"),
            new_form(tmp_path / "mau.docx", "NQ", issuer_upper=None, issuer=ISSUER,
                     form_id="mau", model="Resolution"),
            tmp_path / "mau.toml",
            write_atomically(tmp_path / "sub" / "x.bin", b"x"),
        ]
        with open(tmp_path / "by-open.txt", "w", encoding="utf-8"):
            pass
    assert _mode(tmp_path / "by-open.txt") == expected
    assert {p.name: _mode(p) for p in written} == {p.name: expected for p in written}


@pytest.mark.parametrize("old_mode", [0o644, 0o640, 0o604])
def test_replacing_a_file_keeps_its_mode(tmp_path: Path, old_mode: int) -> None:
    document = load_data(EXAMPLE)
    source = _blank_pdf(tmp_path / "a.pdf", 3)
    docx, pdf = tmp_path / "bb.docx", tmp_path / "ho-so.pdf"
    for path in (docx, pdf):
        path.write_bytes(b"old")
        path.chmod(old_mode)
    with _umask(0o077):  # the umask would give 0600: the old mode must win
        render_docx(document, docx)
        merge_pdfs([source], pdf)
    assert _mode(docx) == old_mode
    assert _mode(pdf) == old_mode
    assert zipfile.ZipFile(docx).testzip() is None
    assert pdf_info(pdf, text=False).pages == 3


# --- failures that need no special machine -------------------------------------------------


def test_a_destination_that_is_a_folder_is_an_output_error(tmp_path: Path) -> None:
    folder = tmp_path / "bb.docx"
    (folder / "inside").mkdir(parents=True)
    with pytest.raises(OutputError) as caught:
        render_docx(load_data(EXAMPLE), folder)
    error = caught.value
    assert isinstance(error, ChiboDocsError)
    assert isinstance(error, OSError)
    assert error.errno == errno.EISDIR
    assert error.filename == str(folder)
    assert str(error) == (
        f"cannot write {str(folder)!r}: it is a folder; give the path of a file "
        "(a new name inside that folder)"
    )
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["bb.docx", "inside"]


def test_a_file_in_the_path_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "ho-so"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    writes: list[Callable[[], object]] = [
        lambda: render_docx(load_data(EXAMPLE), blocker / "2021" / "bb.docx"),
        lambda: merge_pdfs([_blank_pdf(tmp_path / "a.pdf")], blocker / "x.pdf"),
        lambda: new_form(blocker / "mau.docx", "NQ", issuer_upper=None, issuer=ISSUER),
    ]
    for write in writes:
        with pytest.raises(OutputError) as caught:
            write()
        assert caught.value.errno == errno.ENOTDIR
        assert caught.value.culprit == str(blocker)
        assert f"{str(blocker)!r} is a file, not a folder" in str(caught.value)
        assert ".tmp" not in str(caught.value)
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"


def test_a_name_too_long_is_an_output_error_and_a_long_one_still_works(tmp_path: Path) -> None:
    document = load_data(EXAMPLE)
    long_name = "biên-bản-" + "a" * (255 - len("biên-bản-".encode()) - len(".docx")) + ".docx"
    assert len(long_name.encode()) == 255  # the longest name a file system allows
    assert render_docx(document, tmp_path / long_name).is_file()  # the temp name is shortened
    too_long = "b" * 300 + ".docx"
    with pytest.raises(OutputError) as caught:
        render_docx(document, tmp_path / too_long)
    assert caught.value.errno == errno.ENAMETOOLONG
    assert "is too long (305 bytes; file systems allow 255)" in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == [long_name]


def test_a_failed_write_leaves_nothing_and_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "x.bin"
    target.write_bytes(b"old")

    def half_write() -> None:
        with atomic_output(target) as stream:
            stream.write(b"new, half")
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        half_write()
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.bin"]


def test_prepare_folder_makes_every_missing_level(tmp_path: Path) -> None:
    assert prepare_folder(tmp_path / "a" / "b" / "c") == tmp_path / "a" / "b" / "c"
    assert (tmp_path / "a" / "b" / "c").is_dir()
    assert prepare_folder(tmp_path / "a") == tmp_path / "a"  # existing: nothing to do


def test_an_unusable_temporary_folder_is_a_temp_folder_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "tmp-is-a-file"
    not_a_folder.write_text("", encoding="utf-8")
    monkeypatch.setattr(tempfile, "tempdir", str(not_a_folder))
    with pytest.raises(TempFolderError) as caught:
        render_pdf(load_data(EXAMPLE), tmp_path / "out" / "bb.pdf")
    assert caught.value.path == str(not_a_folder)
    assert "set TMPDIR to a folder with room" in str(caught.value)
    assert (tmp_path / "out").is_dir()  # the destination was prepared first
    assert list((tmp_path / "out").iterdir()) == []


# --- real failures: read-only and full file systems, a forbidden folder --------------------

_REPORT = """
import json, sys
from pathlib import Path
from chibo_docs import load_data, merge_pdfs, render_docx
from chibo_docs.forms.skeleton import new_form
folder = Path(sys.argv[1])
def attempt(name, call):
    try:
        call()
        result = None
    except Exception as exc:
        result = [type(exc).__name__, getattr(exc, "errno", None), str(exc),
                  isinstance(exc, OSError)]
    print(json.dumps([name, result]))
document = load_data(sys.argv[2])
attempt("docx", lambda: render_docx(document, folder / "bb.docx"))
attempt("docx-sub", lambda: render_docx(document, folder / "moi" / "bb.docx"))
attempt("merge", lambda: merge_pdfs([sys.argv[3]], folder / "ho-so.pdf"))
attempt("form", lambda: new_form(folder / "mau.docx", "NQ", issuer_upper=None, issuer="CB"))
"""


@dataclass(frozen=True)
class Attempt:
    """How one write of the report script failed."""

    kind: str
    errno: int | None
    message: str
    is_os_error: bool


def _attempts(output: str) -> dict[str, Attempt | None]:
    found: dict[str, Attempt | None] = {}
    for line in output.splitlines():
        if line.startswith("["):
            name, result = json.loads(line)
            found[name] = Attempt(*result) if result is not None else None
    return found


def _failure(results: dict[str, Attempt | None], key: str) -> Attempt:
    attempt = results[key]
    assert attempt is not None, f"{key} was written"
    return attempt


def _run_report(
    folder: Path, pdf: Path, **mount: object
) -> tuple[dict[str, Attempt | None], list[str]]:
    done = run_in_mount(
        folder,
        [*python(_REPORT), str(folder), str(EXAMPLE), str(pdf)],
        **mount,  # type: ignore[arg-type]
    )
    assert done.returncode == 0, done.stderr
    return _attempts(done.stdout), done.left


def test_a_read_only_file_system_is_an_output_error_naming_the_path(tmp_path: Path) -> None:
    pdf = _blank_pdf(tmp_path / "a.pdf")
    mount = tmp_path / "ro"
    mount.mkdir()
    results, left = _run_report(
        mount, pdf, read_only=True, files=[("bb.docx", b"old content", 0o644)]
    )
    names = {"docx": "bb.docx", "docx-sub": "moi/bb.docx", "merge": "ho-so.pdf",
             "form": "mau.docx"}
    for key, name in names.items():
        failure = _failure(results, key)
        assert failure.kind == "OutputError", failure
        assert failure.errno == errno.EROFS
        assert failure.is_os_error
        assert failure.message.startswith(f"cannot write {str(mount / name)!r}: ")
        assert f"folder {str(mount)!r} is on a read-only file system" in failure.message
        assert ".tmp" not in failure.message
    assert left == ["bb.docx"]


def test_a_full_disk_is_an_output_error_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    pdf = _blank_pdf(tmp_path / "a.pdf", 200)  # ~100 kB, more than the disk holds
    mount = tmp_path / "full"
    mount.mkdir()
    results, left = _run_report(mount, pdf, size="8k", files=[("bb.docx", b"old", 0o640)])
    for key in ("docx", "docx-sub", "merge", "form"):
        failure = _failure(results, key)
        assert failure.kind == "OutputError", failure
        assert failure.errno == errno.ENOSPC
        assert "the disk is full; free some space" in failure.message
        assert ".tmp" not in failure.message
    assert left == ["bb.docx", "moi"]  # the old file, and the folder made for docx-sub


def test_a_folder_without_write_permission_is_an_output_error(tmp_path: Path) -> None:
    pdf = _blank_pdf(tmp_path / "a.pdf")
    if os.geteuid() != 0:  # an ordinary user: permission bits are enough
        locked = tmp_path / "khoa"
        locked.mkdir(mode=0o555)
        done = subprocess.run(
            [*python(_REPORT), str(locked), str(EXAMPLE), str(pdf)],
            capture_output=True, text=True, check=False,
        )
        results, left, code = _attempts(done.stdout), [], errno.EACCES
    else:  # root: an immutable folder refuses new files even to root
        mount = tmp_path / "mnt"
        mount.mkdir()
        locked = mount / "khoa"
        confined = run_in_mount(
            mount, [*python(_REPORT), str(locked), str(EXAMPLE), str(pdf)], immutable=["khoa"]
        )
        results, left, code = _attempts(confined.stdout), confined.left, errno.EPERM
    for key in ("docx", "docx-sub", "merge", "form"):
        failure = _failure(results, key)
        assert failure.kind == "OutputError", failure
        assert failure.errno == code
        assert f"this user may not write in folder {str(locked)!r}" in failure.message
        assert ".tmp" not in failure.message
    assert left in ([], ["khoa"])
