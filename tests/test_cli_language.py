"""Every command speaks Vietnamese by default and English with ``--lang en`` (issue 10).

Each command runs on the bundled examples and on bad inputs (missing files, a file that is not
a .docx, an unknown form, a non-conformant document, usage errors). In Vietnamese no English
sentence may be left: :func:`english_runs` flags any run of three or more English words, at
least two of them common ones ("the", "is", "not", "file", …), outside quoted text, paths,
options and codes. In English the same command prints English.

The outputs of the data side (``validate``, ``schema``, the report of a data file) and of the
template engine (``lint`` findings) are checked the same way.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pypdf import PdfWriter

from chibo_docs.cli import main
from chibo_docs.layout.builder import Signature, write_docx
from chibo_docs.numbering import NumberRegister
from chibo_docs.resources import examples_dir
from tests.support import form_specs as form_samples

COMMON = frozenset(
    """a an the is are was were be been not no of and or to in on at for from with by as it its
    this that these those file files folder error errors warning warnings found expected use
    give check must cannot can could has have had does do did will would should there than then
    into out one each every only which what your you please missing exist exists line page
    document documents paragraph choose need needs set write read name number""".split()  # noqa: SIM905
)
"""Common English words: a run of English words holding two of them is an English sentence."""

_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|“[^”\n]*”|`[^`\n]*`")
_WORD = re.compile(r"^[A-Za-z]+$")
_EDGES = "()[]{},;:.!?…<>|"


def english_runs(text: str) -> list[str]:
    """Return the runs of 3+ English words (2+ of them common) outside quotes, paths and codes.

    >>> english_runs("lỗi: không có tệp '/tmp/a b/the file is.docx'; hãy kiểm tra")
    []
    >>> english_runs("lỗi: cannot read the file 'a.docx'")
    ['cannot read the file']
    >>> english_runs("(trong Word: “Insert > Page Number > Top of Page”)")
    []
    >>> english_runs("(trong Word: Insert > Page Number > Top of Page)")
    ['Top of Page']
    """
    runs: list[str] = []
    for line in text.splitlines():
        words: list[str] = []
        for token in [*_QUOTED.sub(" | ", line).split(), "|"]:
            word = token.strip(_EDGES)
            if _WORD.match(word) and token.strip(_EDGES + "'\"") == word:
                words.append(word)
                if token[-1:] in ",;:.!?)]":  # punctuation ends a run of words
                    runs += _english(words)
                    words = []
                continue
            runs += _english(words)
            words = []
    return runs


def _english(words: list[str]) -> list[str]:
    common = sum(w.lower() in COMMON for w in words)
    return [" ".join(words)] if len(words) >= 3 and common >= 2 else []


@dataclass
class Case:
    """One command line; ``args`` may name files of the :class:`Files` fixture."""

    name: str
    args: Callable[[Files], list[str]]
    words: bool = True
    """Whether the output holds sentences (a run of PDF paths does not)."""
    env: dict[str, str] = field(default_factory=dict)
    marks: tuple[pytest.MarkDecorator, ...] = ()
    later: pytest.MarkDecorator | None = None
    """For the Vietnamese test only: the branch whose merge makes the case pass (xfail)."""
    quotes_documents: bool = False
    """Whether the output shows Vietnamese text of the documents (``demo``'s summaries)."""
    json: bool = False
    """Whether stdout is JSON: its texts for people are read, not the ``*_en`` copies."""


@dataclass
class Files:
    """The inputs of the cases: examples, good and bad documents, a PDF, a scratch folder."""

    tmp: Path
    good: Path
    bad: Path
    not_docx: Path
    pdf: Path
    example: Path
    template: Path

    @property
    def missing(self) -> Path:
        return self.tmp / "khong-co.docx"

    def out(self, name: str) -> str:
        return str(self.tmp / "out" / name)

    @property
    def register(self) -> str:
        """A number register holding NQ 1 (used), 2 (voided), 3 (reserved) of 2026."""
        path = self.tmp / "so.sqlite"
        if not path.exists():
            book = NumberRegister(path)
            for _ in range(3):
                book.next(CELL, "NQ", 2026)
            book.use(CELL, "NQ", 2026, 1, reference="Nghị quyết tháng 4")
            book.void(CELL, "NQ", 2026, 2, reason="dự thảo bị rút")
        return str(path)

    def series(self, *, register: str | None = None) -> list[str]:
        """The options naming the series of :attr:`register`."""
        return ["--register", register or self.register, "--issuer", CELL, "--type", "NQ",
                "--year", "2026"]

    @property
    def unnumbered(self) -> Path:
        """The example invitation without its number, to take one from a register."""
        data = (examples_dir() / "giay-moi-2021-04.yaml").read_text(encoding="utf-8")
        path = self.tmp / "giay-moi.yaml"
        path.write_text("\n".join(line for line in data.splitlines()
                                  if not line.startswith("number:")), encoding="utf-8")
        return path

    @property
    def broken_data(self) -> Path:
        path = self.tmp / "hong.yaml"
        path.write_text("document: resolution\nnumber: [5\n", encoding="utf-8")
        return path


CELL = "CHI BỘ THÔN 1"
INVITATION_FORMS = str(examples_dir() / "forms" / "giay-moi")


@pytest.fixture
def files(tmp_path: Path) -> Files:
    good = write_docx(form_samples.resolution(), tmp_path / "dung.docx")
    bad_spec = form_samples.resolution(
        signature=Signature(name="Nguyễn Văn An", authority="TM. CHI BỘ")
    )
    bad = write_docx(bad_spec, tmp_path / "sai.docx")
    not_docx = tmp_path / "van-ban.docx"
    not_docx.write_text("chỉ là chữ, không phải tệp Word", encoding="utf-8")
    pdf = tmp_path / "trang.pdf"
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    with open(pdf, "wb") as stream:
        writer.write(stream)
    template = tmp_path / "mau.docx"
    template.write_bytes(good.read_bytes())
    return Files(
        tmp_path, good, bad, not_docx, pdf, examples_dir() / "nghi-quyet-05-2021.yaml",
        template,
    )


LO = pytest.mark.libreoffice


def _help(command: list[str]) -> Callable[[Files], list[str]]:
    return lambda files: [*command, "--help"]


CASES = [
    Case("help", lambda f: ["--help"]),
    *(
        Case(f"help-{' '.join(command)}", _help(command))
        for command in (
            ["forms"], ["forms", "copy"], ["render"], ["dossier"], ["pdf"], ["merge"],
            ["new-form"], ["check"], ["demo"], ["doctor"], ["lint"], ["frameworks"],
            ["register"], ["register", "next"], ["register", "use"], ["register", "void"],
            ["register", "list"], ["register", "audit"],
        )
    ),
    Case("help-validate", lambda f: ["validate", "--help"]),
    Case("help-schema", lambda f: ["schema", "--help"]),
    Case("no-command", lambda f: []),
    Case("unknown-command", lambda f: ["khong-co-lenh"]),
    Case("unknown-option", lambda f: ["check", "--bogus", str(f.good)]),
    Case("missing-argument", lambda f: ["check"]),
    Case("bad-choice", lambda f: ["check", "--kind", "XX", str(f.good)]),
    Case("bad-language", lambda f: ["--lang", "fr", "forms"]),
    Case("bad-number", lambda f: ["pdf", "--workers", "0", str(f.good)]),
    Case("not-a-number", lambda f: ["pdf", "--timeout", "mãi", str(f.good)]),
    Case("forms", lambda f: ["forms"], quotes_documents=True),  # the forms' titles
    Case("forms-copy", lambda f: ["forms", "copy", "nghi-quyet", f.out("mau")]),
    Case("forms-copy-unknown", lambda f: ["forms", "copy", "khong-co-mau", f.out("mau")]),
    Case("check-bad", lambda f: ["check", str(f.bad)]),
    Case("check-as-minutes", lambda f: ["check", "--kind", "BB", str(f.bad)]),
    Case("check-good", lambda f: ["check", str(f.good)]),
    Case("check-missing", lambda f: ["check", str(f.missing)]),
    Case("check-not-docx", lambda f: ["check", str(f.not_docx)]),
    Case("new-form", lambda f: ["new-form", f.out("moi.docx"), "--type", "TB",
                                "--issuer", "CHI BỘ XÓM ĐỊNH THÀNH"]),
    Case("new-form-exists", lambda f: ["new-form", str(f.good), "--type", "TB",
                                       "--issuer", "CHI BỘ XÓM ĐỊNH THÀNH"]),
    Case("new-form-not-docx", lambda f: ["new-form", f.out("moi.txt"), "--type", "TB",
                                         "--issuer", "CHI BỘ"]),
    Case("new-form-needs-model", lambda f: ["new-form", f.out("moi.docx"), "--type", "TB",
                                            "--issuer", "CHI BỘ", "--id", "moi"]),
    Case("merge", lambda f: ["merge", str(f.pdf), "-o", f.out("ho-so.pdf")], words=False),
    Case("merge-missing", lambda f: ["merge", str(f.tmp / "khong-co.pdf"), "-o",
                                     f.out("ho-so.pdf")]),
    Case("merge-not-pdf", lambda f: ["merge", str(f.good), "-o", f.out("ho-so.pdf")]),
    Case("merge-bookmarks", lambda f: ["merge", str(f.pdf), "--bookmark", "a", "--bookmark",
                                       "b", "-o", f.out("ho-so.pdf")]),
    Case("merge-into-a-folder", lambda f: ["merge", str(f.pdf), "-o", str(f.tmp)]),
    Case("pdf-missing", lambda f: ["pdf", str(f.missing)]),
    Case("pdf-not-docx", lambda f: ["pdf", str(f.not_docx)]),
    Case("pdf-not-docx-suffix", lambda f: ["pdf", str(f.pdf)]),
    Case("pdf-bad-soffice", lambda f: ["pdf", "--soffice", str(f.tmp / "soffice"), str(f.good)]),
    Case("render-unknown-form", lambda f: ["render", "khong-co-mau", str(f.example),
                                           "-o", f.out("nq.docx")]),
    Case("render-into-a-file", lambda f: ["render", "nghi-quyet", str(f.example),
                                          "-o", str(f.good / "nq.docx")]),
    Case("render", lambda f: ["render", "nghi-quyet", str(f.example), "-o", f.out("nq.docx")],
         words=False),
    Case("render-missing-data", lambda f: ["render", "nghi-quyet", str(f.tmp / "khong-co.yaml"),
                                           "-o", f.out("nq.docx")]),
    Case("render-pdf", lambda f: ["render", "nghi-quyet", str(f.example), "-o",
                                  f.out("nq.docx"), "--pdf"], words=False, marks=(LO,)),
    Case("pdf", lambda f: ["pdf", str(f.good), "-o", f.out("pdf")], words=False, marks=(LO,)),
    Case("dossier", lambda f: ["dossier", str(f.example), "-o", f.out("ho-so.pdf")],
         words=False, marks=(LO,)),
    Case("dossier-missing-data", lambda f: ["dossier", str(f.tmp / "khong-co.yaml"), "-o",
                                            f.out("ho-so.pdf")]),
    Case("demo", lambda f: ["demo", f.out("demo")], marks=(LO,), quotes_documents=True),
    Case("doctor", lambda f: ["doctor"], marks=(LO,)),
    Case("doctor-no-libreoffice", lambda f: ["doctor", "--soffice", str(f.tmp / "soffice")]),
    Case("doctor-bad-environment", lambda f: ["doctor"],
         env={"CHIBO_DOCS_SOFFICE": "/khong/co/soffice"}),
    Case("lint", lambda f: ["lint", str(f.template), "--model", "Resolution"]),
    Case("lint-missing", lambda f: ["lint", str(f.missing)]),
    Case("lint-unknown-model", lambda f: ["lint", str(f.template), "--model", "KhongCo"]),
    Case("validate", lambda f: ["validate", str(f.example)], words=False),
    Case("validate-missing", lambda f: ["validate", str(f.tmp / "khong-co.yaml")]),
    Case("schema", lambda f: ["schema", "KhongCo"]),
    Case("validate-json-bad", lambda f: ["validate", "--json", str(f.broken_data)], json=True),
    Case("validate-json-missing", lambda f: ["validate", "--json", str(f.tmp / "khong-co.yaml")],
         json=True),
    Case("check-json-bad", lambda f: ["check", "--json", str(f.bad)], json=True),
    Case("frameworks", lambda f: ["frameworks"], quotes_documents=True),  # the frameworks' names
    Case("frameworks-one", lambda f: ["frameworks", "hd42-khung-a"], quotes_documents=True),
    Case("frameworks-unknown", lambda f: ["frameworks", "khong-co"]),
    Case("frameworks-missing-folder", lambda f: ["frameworks", "--frameworks",
                                                 str(f.tmp / "khong-co")]),
    Case("register-next", lambda f: ["register", "next", *f.series()], words=False),
    Case("register-use", lambda f: ["register", "use", "3", *f.series()]),
    Case("register-use-twice", lambda f: ["register", "use", "1", *f.series()]),
    Case("register-use-voided", lambda f: ["register", "use", "2", *f.series()]),
    Case("register-use-missing", lambda f: ["register", "use", "9", *f.series()]),
    Case("register-void", lambda f: ["register", "void", "3", *f.series(), "--reason", "sai"]),
    Case("register-void-no-reason", lambda f: ["register", "void", "3", *f.series()]),
    Case("register-void-twice", lambda f: ["register", "void", "2", *f.series(),
                                           "--reason", "lại"]),
    Case("register-list", lambda f: ["register", "list", "--register", f.register],
         words=False),  # the states: one word each
    Case("register-list-json", lambda f: ["register", "list", "--register", f.register, "--json"],
         words=False, json=True),
    Case("register-audit", lambda f: ["register", "audit", "--register", f.register]),
    Case("register-audit-json", lambda f: ["register", "audit", "--register", f.register,
                                           "--json"], json=True),
    Case("register-bad-type", lambda f: ["register", "next", "--register", f.register,
                                         "--issuer", CELL, "--type", "XX", "--year", "2026"]),
    Case("register-bad-year", lambda f: ["register", "next", "--register", f.register,
                                         "--issuer", CELL, "--type", "NQ", "--year", "1"]),
    Case("register-not-a-register", lambda f: ["register", "list", "--register", str(f.pdf)]),
    Case("register-in-a-missing-folder", lambda f: [
        "register", "next", *f.series(register=str(f.tmp / "khong-co" / "so.sqlite"))]),
    Case("render-register", lambda f: ["render", "giay-moi-sinh-hoat-mau", str(f.unnumbered),
                                       "-o", f.out("gm.docx"), "--register", f.register,
                                       "--forms", INVITATION_FORMS], words=False),
    Case("render-register-unusable", lambda f: [
        "render", "giay-moi-sinh-hoat-mau", str(f.unnumbered), "-o", f.out("gm.docx"),
        "--register", str(f.pdf), "--forms", INVITATION_FORMS]),
    Case("dossier-bad-data", lambda f: ["dossier", str(f.tmp / "khong-co.yaml"),
                                        str(f.broken_data), "-o", f.out("ho-so.pdf")]),
    Case("dossier-into-a-file", lambda f: ["dossier", str(f.example), "-o",
                                           str(f.good / "ho-so.pdf")]),
    Case("dossier-bad-workers", lambda f: ["dossier", str(f.example), "--workers", "0",
                                           "-o", f.out("ho-so.pdf")]),
    Case("pdf-into-a-file", lambda f: ["pdf", str(f.good), "-o", str(f.pdf)]),
]


def _params(*, vietnamese: bool) -> Iterator[object]:
    for case in CASES:
        later = (case.later,) if vietnamese and case.later is not None else ()
        yield pytest.param(case, id=case.name, marks=(*case.marks, *later))


def _run(
    case: Case,
    files: Files,
    lang: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> str:
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)
    main([*lang, *case.args(files)])
    captured = capsys.readouterr()
    if case.json and captured.out.strip():
        return "\n".join(_texts(json.loads(captured.out))) + "\n" + captured.err
    return captured.out + captured.err


_FOR_PROGRAMS = frozenset({"where", "location", "severity", "state", "code"})
"""Keys of the JSON outputs that are codes for programs, in English by design (Problem.where)."""


def _texts(value: object, key: str = "") -> list[str]:
    """The strings of a JSON output a person reads: not the ``*_en`` copies nor the codes."""
    if isinstance(value, dict):
        return [t for k, v in value.items()
                if not k.endswith("_en") and k not in _FOR_PROGRAMS for t in _texts(v, k)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v, key)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize("case", list(_params(vietnamese=True)))
def test_no_english_sentence_is_left_in_vietnamese(
    case: Case, files: Files, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    output = _run(case, files, [], capsys, monkeypatch)
    assert output.strip()
    assert english_runs(output) == [], output


@pytest.mark.parametrize("case", list(_params(vietnamese=False)))
def test_the_same_command_speaks_english_with_lang_en(
    case: Case, files: Files, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    english = _run(case, files, ["--lang", "en"], capsys, monkeypatch)
    assert english.strip()
    if case.words:
        assert english_runs(english) or _english_words(english), english
        if not case.quotes_documents:
            assert _VIETNAMESE_WORDS.isdisjoint(_words(english)), english


_VIETNAMESE_WORDS = frozenset({"lỗi", "cảnh", "báo", "tệp", "hãy", "không", "được", "thư", "mục"})
"""Words of our Vietnamese messages that no English message holds (outside quotes)."""


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"\w+", _QUOTED.sub(" ", text))]


def _english_words(text: str) -> bool:
    """Whether ``text`` holds a common English word (short messages: "invalid choice")."""
    return any(w in COMMON | {"invalid", "unknown", "wrote", "usage", "built", "used", "voided"}
               for w in _words(text))


def test_lang_may_follow_the_command(
    files: Files, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(files.bad), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "error HD36-13 at body, table 2, row 1, cell 2, paragraph 1" in out


def test_the_environment_chooses_the_language_and_lang_wins(
    files: Files, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHIBO_DOCS_LANG", "en")
    main(["check", str(files.bad)])
    assert "2 error(s), 0 warning(s)" in capsys.readouterr().out
    main(["--lang", "vi", "check", str(files.bad)])
    assert "2 lỗi, 0 cảnh báo" in capsys.readouterr().out


def test_an_unknown_language_in_the_environment_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHIBO_DOCS_LANG", "fr")
    assert main(["forms"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lỗi: biến môi trường CHIBO_DOCS_LANG đang là 'fr'")
    assert main(["--lang", "en", "forms"]) == 0  # --lang needs no environment


def test_argparse_speaks_vietnamese(files: Files, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cách dùng: chibo-docs check")
    assert "chibo-docs check: lỗi: thiếu các tham số bắt buộc: TỆP.docx" in err
    assert main(["check", "--kind", "XX", str(files.good)]) == 2
    assert "tham số --kind: lựa chọn không hợp lệ: 'XX' (hãy chọn một trong 'BB'" in (
        capsys.readouterr().err
    )
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "tùy chọn:" in out
    assert "-h, --help      hiện hướng dẫn này rồi thoát" in out


def test_argparse_keeps_english_with_lang_en(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: chibo-docs check")
    assert "chibo-docs check: error: the following arguments are required: FILE.docx" in err
    assert main(["--lang", "en", "--help"]) == 0
    out = capsys.readouterr().out
    assert "options:" in out
    assert "show this help and exit" in out


def test_the_detector_finds_english() -> None:
    assert english_runs("error: the file is missing") == ["the file is missing"]
    assert english_runs("lỗi: tệp 'the file is missing' không có") == []
    assert english_runs("cách dùng: chibo-docs check [-h] [--json] TỆP.docx") == []


def test_a_library_s_english_log_lines_do_not_reach_the_reader(files: Files) -> None:
    """pypdf logs what it cannot read ("invalid pdf header"): the one error line says it."""
    done = subprocess.run(
        [sys.executable, "-m", "chibo_docs", "merge", str(files.good), "-o", files.out("x.pdf")],
        capture_output=True, text=True, check=False, timeout=120,
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"lỗi: không đọc được tệp PDF '{files.good}' (pypdf báo: “")
