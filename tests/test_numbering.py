"""The document-number register: consecutive per series, safe across processes, audited."""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import sqlite3
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from chibo_docs import NumberRegister, get_form, load_data, render_docx
from chibo_docs.cli import main
from chibo_docs.errors import NumberRegisterError, TemplateError
from chibo_docs.models import DocType, Invitation, Minutes
from chibo_docs.numbering import NUMBERED_TYPES, issuer_key, numbered
from chibo_docs.ooxml.text import visible_text
from chibo_docs.resources import examples_dir

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages

CELL = "CHI BỘ THÔN 1"


def _take(path: str, count: int) -> list[int]:
    """Take ``count`` numbers of one series (run in another process)."""
    register = NumberRegister(path)
    return [register.next(CELL, "NQ", 2025) for _ in range(count)]


def _number_then_fail(minutes: Minutes, register: NumberRegister) -> None:
    with numbered(minutes, register) as document:
        assert document.number == 2
        raise RuntimeError("printer on fire")


def test_numbers_run_from_one_per_issuer_type_and_year(tmp_path: Path) -> None:
    register = NumberRegister(tmp_path / "so.sqlite")
    assert [register.next(CELL, "NQ", 2025) for _ in range(3)] == [1, 2, 3]
    assert register.next(CELL, DocType.PLAN, 2025) == 1
    assert register.next(CELL, "NQ", 2026) == 1
    assert register.next(CELL, "NQ", "2025-2030") == 1  # a term is a series of its own
    assert register.next("CHI BỘ THÔN 2", "NQ", 2025) == 1
    assert register.next(f"  {CELL} ", "NQ", 2025) == 4  # spaces do not make a new issuer
    # the register is a file: another object (another process) sees the same numbers
    assert NumberRegister(tmp_path / "so.sqlite").next(CELL, "NQ", 2025) == 5


def test_the_file_is_in_wal_mode(tmp_path: Path) -> None:
    NumberRegister(tmp_path / "so.sqlite").next(CELL, "NQ", 2025)
    with sqlite3.connect(tmp_path / "so.sqlite") as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_many_processes_numbering_at_once_get_every_number_once(tmp_path: Path) -> None:
    path = str(tmp_path / "so.sqlite")
    NumberRegister(path)
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(4, mp_context=spawn) as pool:
        taken = [n for batch in pool.map(_take, [path] * 4, [25] * 4) for n in batch]
    assert sorted(taken) == list(range(1, 101))
    entries = NumberRegister(path).entries(CELL, "NQ", 2025)
    assert [e.number for e in entries] == list(range(1, 101))
    assert {e.state for e in entries} == {"reserved"}


def test_a_voided_number_stays_on_record_and_is_never_given_again(tmp_path: Path) -> None:
    register = NumberRegister(tmp_path / "so.sqlite")
    for _ in range(3):
        register.next(CELL, "NQ", 2025)
    entry = register.void(CELL, "NQ", 2025, 3, reason="dự thảo bị rút")
    assert (entry.state, entry.reason) == ("voided", "dự thảo bị rút")
    assert register.next(CELL, "NQ", 2025) == 4
    assert register.use(CELL, "NQ", 2025, 1, reference="NQ tháng 5").state == "used"
    with pytest.raises(NumberRegisterError, match="already used") as used:
        register.use(CELL, "NQ", 2025, 1)
    assert used.value.problem == "used"
    with pytest.raises(NumberRegisterError, match="voided .*dự thảo bị rút.*never used again"):
        register.use(CELL, "NQ", 2025, 3)
    with pytest.raises(NumberRegisterError, match="never given out") as missing:
        register.use(CELL, "NQ", 2025, 9)
    assert missing.value.values["number"] == 9
    with pytest.raises(NumberRegisterError, match="say why number 2"):
        register.void(CELL, "NQ", 2025, 2, reason=" ")
    assert register.void(CELL, "NQ", 2025, 1, reason="ban hành nhầm").state == "voided"
    states = [(e.number, e.state) for e in register.entries(CELL, "NQ", 2025)]
    assert states == [(1, "voided"), (2, "reserved"), (3, "voided"), (4, "reserved")]


@pytest.mark.parametrize(
    ("issuer", "doc_type", "year", "problem"),
    [
        ("", "NQ", 2025, "issuer"),
        (CELL, "XX", 2025, "doc_type"),
        (CELL, "NQ", 25, "year"),
        (CELL, "NQ", True, "year"),
        (CELL, "NQ", "", "year"),
        (CELL, "NQ", "x" * 41, "year"),
    ],
)
def test_a_bad_series_is_refused_naming_the_value(
    tmp_path: Path, issuer: str, doc_type: str, year: int | str, problem: str
) -> None:
    register = NumberRegister(tmp_path / "so.sqlite")
    with pytest.raises(NumberRegisterError) as caught:
        register.next(issuer, doc_type, year)
    assert caught.value.problem == problem
    assert repr(year if problem == "year" else doc_type if problem == "doc_type" else issuer) in str(
        caught.value
    )
    assert register.entries() == []


def test_a_file_that_is_not_a_register_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "so.sqlite"
    bad.write_bytes(b"not a database" * 100)
    with pytest.raises(NumberRegisterError, match="cannot open the number register"):
        NumberRegister(bad)


def test_the_audit_shows_holes_open_reservations_and_voided_numbers(tmp_path: Path) -> None:
    register = NumberRegister(tmp_path / "so.sqlite")
    for _ in range(5):
        register.next(CELL, "NQ", 2025)
    for number in (1, 3):
        register.use(CELL, "NQ", 2025, number)
    register.void(CELL, "NQ", 2025, 4, reason="trùng số")
    with sqlite3.connect(tmp_path / "so.sqlite") as db:  # a hand edit: the register never does it
        db.execute("DELETE FROM numbers WHERE number = 5")
        db.execute("INSERT INTO numbers SELECT issuer, doc_type, year, 7, 'used', reference, "
                   "reason, reserved_at, changed_at FROM numbers WHERE number = 1")
    findings = register.audit()
    assert [(f.code, f.severity) for f in findings] == [
        ("REG1", "error"), ("REG1", "error"), ("REG2", "warning"), ("REG3", "info")
    ]
    assert [f.values["number"] for f in findings] == [5, 6, 2, 4]
    assert findings[0].message_en == "number 5 of NQ of CHI BỘ THÔN 1, 2025 is missing from the register"
    assert "trùng số" in findings[3].message
    assert register.audit(year=2026) == []


def test_numbered_marks_the_number_used_or_voids_it_when_the_work_fails(tmp_path: Path) -> None:
    register = NumberRegister(tmp_path / "so.sqlite")
    minutes = load_data(examples_dir() / "bien-ban-2021-04.yaml")
    assert isinstance(minutes, Minutes)
    assert minutes.number is None
    with numbered(minutes, register) as document:
        assert document.number == 1
        assert document.number_line == "Số 01-BB/CB"
    assert minutes.number is None  # the data is never changed: a numbered copy is yielded
    with pytest.raises(RuntimeError, match="printer"):
        _number_then_fail(minutes, register)
    entries = register.entries()
    assert [(e.number, e.state) for e in entries] == [(1, "used"), (2, "voided")]
    assert entries[1].reason == "not issued (RuntimeError): printer on fire"  # English module
    assert entries[0].issuer == issuer_key(minutes.issuer)
    assert entries[0].year == "2021"
    with numbered(minutes.model_copy(update={"number": 7}), register) as document:
        assert document.number == 7  # a document with a number keeps it
    assert len(register.entries()) == 2


def test_render_docx_numbers_an_unnumbered_invitation_but_not_minutes(tmp_path: Path) -> None:
    register = NumberRegister(tmp_path / "so.sqlite")
    invitation = load_data(examples_dir() / "giay-moi-2021-04.yaml")
    assert isinstance(invitation, Invitation)
    blank = invitation.model_copy(update={"number": None})
    folder = examples_dir() / "forms" / "giay-moi"
    out = render_docx(blank, tmp_path / "gm.docx", register=register, folders=[folder])
    assert "Số 01-GM/CB" in visible_text(out.read_bytes())
    render_docx(blank, tmp_path / "gm2.docx", register=register, folders=[folder])
    assert "Số 02-GM/CB" in visible_text((tmp_path / "gm2.docx").read_bytes())
    minutes = load_data(examples_dir() / "bien-ban-2021-04.yaml")
    render_docx(minutes, tmp_path / "bb.docx", register=register)
    assert DocType.MINUTES not in NUMBERED_TYPES
    assert [(e.doc_type, e.number, e.state) for e in register.entries()] == [
        ("GM", 1, "used"), ("GM", 2, "used")
    ]


def test_a_render_that_fails_voids_its_number(tmp_path: Path) -> None:
    register = NumberRegister(tmp_path / "so.sqlite")
    invitation = load_data(examples_dir() / "giay-moi-2021-04.yaml")
    blank = invitation.model_copy(update={"number": None})
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x05\x06" + bytes(18))  # an empty zip: no template in it
    folder = examples_dir() / "forms" / "giay-moi"
    form = dataclasses.replace(get_form("giay-moi-sinh-hoat-mau", [folder]), template=broken)
    with pytest.raises(TemplateError):
        render_docx(blank, tmp_path / "gm.docx", register=register, form=form)
    assert not (tmp_path / "gm.docx").exists()
    (entry,) = register.entries()
    assert entry.state == "voided"
    assert entry.reason
    assert entry.reason.startswith("not issued")


def test_the_register_command_takes_voids_lists_and_audits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = str(tmp_path / "so.sqlite")
    series = ["--register", book, "--issuer", CELL, "--type", "NQ", "--year", "2025"]
    assert main(["register", "next", *series, "--reference", "NQ tháng 5"]) == 0
    assert main(["register", "next", *series]) == 0
    assert capsys.readouterr().out.split() == ["1", "2"]
    assert main(["register", "use", "1", *series]) == 0
    assert main(["register", "void", "2", *series, "--reason", "rút dự thảo"]) == 0
    capsys.readouterr()
    assert main(["register", "list", "--register", book, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(e["number"], e["state"], e["reference"]) for e in listed] == [
        (1, "used", "NQ tháng 5"), (2, "voided", None)
    ]
    assert main(["register", "audit", "--register", book]) == 0
    assert "number 2 of NQ of CHI BỘ THÔN 1, 2025 was voided" in capsys.readouterr().out
    assert main(["register", "use", "2", *series]) == 1
    assert "never used again" in capsys.readouterr().err
    assert main(["register", "next", "--register", book, "--issuer", CELL, "--type", "XX",
                 "--year", "2025"]) == 1
    assert "unknown document type 'XX'" in capsys.readouterr().err


def test_render_takes_a_number_from_the_register_named_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = (examples_dir() / "giay-moi-2021-04.yaml").read_text(encoding="utf-8")
    unnumbered = tmp_path / "giay-moi.yaml"
    unnumbered.write_text(
        "\n".join(line for line in data.splitlines() if not line.startswith("number:")),
        encoding="utf-8",
    )
    book = tmp_path / "so.sqlite"
    out = tmp_path / "gm.docx"
    code = main(["render", "giay-moi-sinh-hoat-mau", str(unnumbered), "-o", str(out),
                 "--register", str(book), "--forms", str(examples_dir() / "forms" / "giay-moi")])
    assert code == 0, capsys.readouterr().err
    assert "Số 01-GM/CB" in visible_text(out.read_bytes())
    (entry,) = NumberRegister(book).entries()
    assert (entry.doc_type, entry.number, entry.state) == ("GM", 1, "used")
