"""Every command with bad arguments and a bad environment ends in one ``error:`` line.

No traceback, the right exit code (1 for errors, 2 for usage, 70 for an internal error,
141 when stdout was closed), and the user's path in the message, never a temporary file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfWriter

from chibo_docs.cli import EXIT_CLOSED_OUTPUT, EXIT_INTERNAL, main
from chibo_docs.errors import BatchConversionError, ConversionError
from chibo_docs.forms.registry import FormRegistry
from chibo_docs.resources import examples_dir, templates_dir
from tests.support.confinement import cli, run_in_mount

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages

EXAMPLE = examples_dir() / "bien-ban-2021-04.yaml"
TEMPLATE = templates_dir() / "bien-ban.docx"


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with a folder, a plain file, empty files and a good PDF."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "thu-muc").mkdir()
    (tmp_path / "tep.txt").write_text("a file, not a folder", encoding="utf-8")
    (tmp_path / "rong.docx").write_bytes(b"")
    (tmp_path / "rong.pdf").write_bytes(b"")
    (tmp_path / "du-lieu.yaml").write_bytes(EXAMPLE.read_bytes())
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with open(tmp_path / "tot.pdf", "wb") as out:
        writer.write(out)
    return tmp_path


def _one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: "), err
    assert "Traceback" not in err
    assert ".tmp'" not in err
    return lines[0]


# (arguments, exit code, text the error line must contain)
BAD_CALLS: list[tuple[list[str], int, str]] = [
    (["validate", "khong-co.yaml"], 2, "'khong-co.yaml' does not exist"),
    (["validate", "thu-muc"], 2, "'thu-muc' is not a data file"),
    (["render", "bien-ban", "khong-co.yaml", "-o", "x.docx"], 1, "'khong-co.yaml'"),
    (["render", "bien-ban", "du-lieu.yaml", "-o", "thu-muc"], 1, "'thu-muc': it is a folder"),
    (["render", "bien-ban", "du-lieu.yaml", "-o", "tep.txt/x.docx"], 1,
     "'tep.txt' is a file, not a folder"),
    (["render", "nghi-quyet", "du-lieu.yaml", "-o", "x.docx"], 1,
     "form 'nghi-quyet' is filled from Resolution data, but 'du-lieu.yaml' holds Minutes data (document: minutes); choose a form that takes Minutes data"),
    (["render", "khong-co-mau", "du-lieu.yaml", "-o", "x.docx"], 1, "'khong-co-mau'"),
    (["render", "bien-ban", "du-lieu.yaml", "-o", "x.docx", "--forms", "khong-co"], 1,
     "'khong-co'"),
    (["pdf", "khong-co.docx"], 1, "input 'khong-co.docx' does not exist"),
    (["pdf", "thu-muc"], 1, "input 'thu-muc' is not a file"),
    (["pdf", "rong.docx"], 1, "input 'rong.docx' is not a Word document (.docx): it is empty"),
    (["pdf", "tep.txt"], 1, "input 'tep.txt' cannot be converted: its name must end in .docx"),
    (["pdf", str(TEMPLATE), "-o", "tep.txt"], 1, "'tep.txt' is a file, not a folder"),
    (["merge", "khong-co.pdf", "-o", "m.pdf"], 1, "'khong-co.pdf'"),
    (["merge", "thu-muc", "-o", "m.pdf"], 1, "'thu-muc'"),
    (["merge", "rong.pdf", "-o", "m.pdf"], 1, "'rong.pdf' is empty"),
    (["merge", "tot.pdf", "-o", "thu-muc"], 1, "'thu-muc': it is a folder"),
    (["merge", "tot.pdf", "-o", "tep.txt/m.pdf"], 1, "'tep.txt' is a file, not a folder"),
    (["check", "khong-co.docx"], 1, "'khong-co.docx'"),
    (["check", "thu-muc"], 1, "'thu-muc'"),
    (["check", "rong.docx"], 1, "'rong.docx'"),
    (["lint", "khong-co.docx"], 1, "'khong-co.docx'"),
    (["lint", "thu-muc"], 1, "'thu-muc'"),
    (["lint", "rong.docx"], 1, "'rong.docx'"),
    (["lint", str(TEMPLATE), "--model", "KhongCo"], 1, "unknown model 'KhongCo'"),
    (["new-form", "tep.txt/x.docx", "--type", "NQ", "--issuer", "CB"], 1,
     "'tep.txt' is a file, not a folder"),
    (["new-form", "thu-muc", "--type", "NQ", "--issuer", "CB"], 1, "must be a .docx file"),
    (["demo", "tep.txt"], 1, "'tep.txt' is a file, not a folder"),
    (["dossier", "khong-co.yaml", "-o", "x.pdf"], 1, "'khong-co.yaml'"),
    (["dossier", "du-lieu.yaml", "-o", "thu-muc"], 1, "'thu-muc': it is a folder"),
    (["dossier", "du-lieu.yaml", "-o", "x.pdf", "--workdir", "tep.txt"], 1,
     "'tep.txt' is a file, not a folder"),
    (["forms", "--forms", "khong-co"], 1, "'khong-co'"),
]


@pytest.mark.parametrize(
    ("args", "code", "expected"), BAD_CALLS, ids=[" ".join(c[0][:2]) for c in BAD_CALLS]
)
def test_a_bad_call_ends_in_one_error_line(
    place: Path, capsys: pytest.CaptureFixture[str], args: list[str], code: int, expected: str
) -> None:
    assert main(args) == code
    line = _one_error_line(capsys.readouterr().err)
    assert expected in line
    assert not (place / "x.docx").exists()
    assert not (place / "m.pdf").exists()


@pytest.mark.parametrize(
    "args",
    [["pdf", "x.docx", "--timeout", "-1"], ["pdf", "x.docx", "--timeout", "nan"],
     ["pdf", "x.docx", "--workers", "0"], ["dossier", "a.yaml", "-o", "x", "--workers", "0"]],
)
def test_bad_numbers_are_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    assert main(args) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_render_creates_the_missing_folders_of_its_output(
    place: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's ``-o out/nq.docx`` on a fresh checkout, where out/ does not exist yet."""
    assert main(["render", "bien-ban", "du-lieu.yaml", "-o", "nodir/x.docx"]) == 0
    assert capsys.readouterr().out.strip() == "nodir/x.docx"
    assert zipfile.ZipFile(place / "nodir" / "x.docx").testzip() is None
    assert [p.name for p in (place / "nodir").iterdir()] == ["x.docx"]


def test_render_and_merge_into_a_read_only_folder_end_in_one_line(
    tmp_path: Path, place: Path
) -> None:
    mount = tmp_path / "ro"
    mount.mkdir()
    for command, name in (
        (cli("render", "bien-ban", str(EXAMPLE), "-o", str(mount / "x.docx")), "x.docx"),
        (cli("render", "bien-ban", str(EXAMPLE), "-o", str(mount / "moi" / "x.docx")),
         "moi/x.docx"),
        (cli("new-form", str(mount / "mau.docx"), "--type", "NQ", "--issuer", "CB"), "mau.docx"),
        (cli("merge", str(place / "tot.pdf"), "-o", str(mount / "m.pdf")), "m.pdf"),
    ):
        done = run_in_mount(mount, command, read_only=True)
        assert done.returncode == 1
        line = _one_error_line(done.stderr)
        assert line == (
            f"error: cannot write {str(mount / name)!r}: folder {str(mount)!r} is on a "
            "read-only file system; choose a writable folder"
        )
        assert done.left == []


def test_render_onto_a_full_disk_ends_in_one_line(tmp_path: Path) -> None:
    mount = tmp_path / "full"
    mount.mkdir()
    done = run_in_mount(
        mount, cli("render", "bien-ban", str(EXAMPLE), "-o", str(mount / "x.docx")), size="4k"
    )
    assert done.returncode == 1
    assert _one_error_line(done.stderr) == (
        f"error: cannot write {str(mount / 'x.docx')!r}: the disk is full; free some space or "
        "choose a folder on another disk"
    )
    assert done.left == []


@pytest.mark.parametrize(
    "args",
    [["lint", str(TEMPLATE)], ["forms"], ["schema", "Document"], ["validate", str(EXAMPLE)],
     ["check", str(TEMPLATE)]],
    ids=lambda a: a[0],
)
def test_a_closed_stdout_ends_quietly(args: list[str]) -> None:
    process = subprocess.Popen(
        cli(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    process.stdout.close()  # the reader is gone before the first line
    _, err = process.communicate(timeout=120)
    assert process.returncode == EXIT_CLOSED_OUTPUT
    assert err == ""


def test_lint_piped_into_head_shows_no_traceback() -> None:
    command = " ".join(f"'{part}'" for part in cli("lint", str(TEMPLATE)))
    done = subprocess.run(
        ["bash", "-c", f'{command} | head -1; echo "status=${{PIPESTATUS[0]}}" >&2'],
        capture_output=True, text=True, check=False, timeout=120,
    )
    assert done.stdout.count("\n") == 1
    assert "Traceback" not in done.stderr
    assert "BrokenPipeError" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] in ("status=0", f"status={EXIT_CLOSED_OUTPUT}")


def test_a_command_started_with_stdout_closed_still_does_its_work(tmp_path: Path) -> None:
    out = tmp_path / "x.docx"
    done = subprocess.run(
        [*cli("render", "bien-ban", str(EXAMPLE), "-o", str(out))],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
        timeout=120, preexec_fn=lambda: os.close(1),  # as `chibo-docs … >&-` in a shell
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert out.is_file()


def _explode(*args: object) -> None:
    raise ZeroDivisionError("division by zero")


def test_an_internal_error_is_one_line_saying_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(FormRegistry, "default", _explode)
    assert main(["forms"]) == EXIT_INTERNAL
    assert _one_error_line(capsys.readouterr().err) == (
        "error: internal error of chibo-docs (ZeroDivisionError: division by zero); please "
        "report it with the command that caused it; run `chibo-docs --debug forms …` or set "
        "CHIBO_DOCS_DEBUG=1 to see the traceback"
    )


def test_debug_shows_the_traceback_of_an_internal_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(FormRegistry, "default", _explode)
    with pytest.raises(ZeroDivisionError):
        main(["--debug", "forms"])
    monkeypatch.setenv("CHIBO_DOCS_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(["forms"])
    done = subprocess.run(
        [sys.executable, "-c",
         "import sys; from chibo_docs.cli import main; from chibo_docs.forms.registry import FormRegistry\n"
         "FormRegistry.default = lambda *a: 1 / 0\n"
         "sys.exit(main(['--debug', 'forms']))"],
        capture_output=True, text=True, check=False, timeout=120,
    )
    assert done.returncode == 1
    assert "Traceback (most recent call last)" in done.stderr
    assert "ZeroDivisionError" in done.stderr


def test_a_failed_batch_prints_one_error_line_per_document(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    failures = [
        ConversionError(f"LibreOffice made no PDF from {name!r}", source=name, detail="why")
        for name in ("a.docx", "b.docx")
    ]

    def fail(*args: object) -> None:
        raise BatchConversionError(failures, {Path("c.docx"): Path("c.pdf")})

    monkeypatch.setattr(FormRegistry, "default", fail)
    assert main(["forms"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "error: LibreOffice made no PDF from 'a.docx': why",
        "error: LibreOffice made no PDF from 'b.docx': why",
    ]


def test_an_internal_error_with_a_long_message_stays_on_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fail(*args: object) -> None:
        raise ValueError("first line\nsecond line\n" + "x" * 1000)

    monkeypatch.setattr(FormRegistry, "default", fail)
    assert main(["forms"]) == EXIT_INTERNAL
    line = _one_error_line(capsys.readouterr().err)
    assert "(ValueError: first line second line xxx" in line
    assert "…); please report it" in line
