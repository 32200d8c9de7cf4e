"""Fonts: the Vietnamese alphabet, the face LibreOffice really uses, its glyphs, the pinned set."""

from __future__ import annotations

import os
import subprocess
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from chibo_docs import DataError, check_fonts, convert
from chibo_docs.ooxml.fonts import document_families, document_fonts
from chibo_docs.pdf import pdf_info
from chibo_docs.pdf.font_fallback import pdf_family
from chibo_docs.pdf.fonts import VIETNAMESE_LETTERS
from samples.documents import write_minutes
from tests.support.fontconfig import font_folders
from tests.support.paths import REPO

UseFonts = Callable[..., Path]

TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền sắc hỏi ngã nặng


def _unicode_vietnamese_letters() -> set[str]:
    letters = {"đ", "Đ"}
    for base in "aăâeêioôơuưy":
        for tone in TONES:
            for case in (base, base.upper()):
                letter = unicodedata.normalize("NFC", case + tone)
                assert len(letter) == 1, (case, tone)
                letters.add(letter)
    return {c for c in letters if not c.isascii()}


def test_the_vietnamese_alphabet_is_every_precomposed_letter_both_cases() -> None:
    assert len(VIETNAMESE_LETTERS) == 134
    assert len(set(VIETNAMESE_LETTERS)) == 134
    assert set(VIETNAMESE_LETTERS) == _unicode_vietnamese_letters()
    assert VIETNAMESE_LETTERS[67:] == VIETNAMESE_LETTERS[:67].upper()
    assert all(unicodedata.name(c).startswith("LATIN ") for c in VIETNAMESE_LETTERS)


def test_the_session_sees_only_the_fonts_of_the_installed_packages() -> None:
    folders = font_folders()
    assert os.environ["FONTCONFIG_FILE"].endswith("fonts.conf")
    listed = subprocess.run(
        ["fc-list", "--format=%{file}\\n"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert listed
    assert all(any(Path(f).is_relative_to(d) for d in folders.values()) for f in listed), listed
    for package in ("fonts-liberation2", "fonts-croscore"):
        assert any(Path(f).is_relative_to(folders[package]) for f in listed), package


def test_the_pinned_fonts_give_liberation_serif_2_with_every_letter() -> None:
    result = check_fonts()
    assert result.ok, result.hint
    assert (result.face, result.version) == ("Liberation Serif", "2.1")
    assert result.file is not None
    assert Path(result.file).is_relative_to(font_folders()["fonts-liberation2"])
    assert result.missing == ""
    assert result.hint is None


def test_liberation_1_lacks_the_letters_and_the_check_says_what_to_install(
    only_fonts: UseFonts,
) -> None:
    only_fonts("fonts-liberation", "fonts-dejavu-core")
    result = check_fonts()
    assert (result.face, result.version, result.metric_compatible) == ("Liberation Serif", "1.07", True)
    assert not result.ok
    for letter in "ơưạỹƠƯẠỸ":
        assert letter in result.missing
    assert "đ" not in result.missing  # Latin Extended-A is there; ơ ư and U+1EA0… are not
    assert result.package == "fonts-liberation2"
    assert result.hint is not None
    assert "sudo apt-get install fonts-liberation2" in result.hint


def test_a_document_character_the_face_lacks_fails_the_check(tmp_path: Path) -> None:
    docx = write_minutes(tmp_path / "chu-han.docx", "Biên bản 中文", paragraphs=1)
    assert check_fonts().ok
    result = check_fonts(document=docx)
    assert not result.ok
    assert result.missing == "中文"
    assert result.hint is not None
    assert "中 文" in result.hint


def test_without_fontconfig_the_check_fails_with_a_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    result = check_fonts()
    assert (result.face, result.ok) == (None, False)
    assert result.hint is not None
    assert "fontconfig" in result.hint


def _families(pdf: Path) -> set[str]:
    return {pdf_family(font.name) for font in pdf_info(pdf, text=False).fonts}


@pytest.mark.libreoffice
@pytest.mark.parametrize(
    ("packages", "face", "fc_match"),
    [
        # LibreOffice's own table (Times New Roman -> Liberation Serif) wins over fontconfig
        (("fonts-croscore", "fonts-liberation2", "fonts-dejavu-core"), "Liberation Serif", "Tinos"),
        # without Liberation, LibreOffice asks fontconfig
        (("fonts-croscore", "fonts-dejavu-core"), "Tinos", "Tinos"),
    ],
)
def test_the_face_reported_is_the_face_libreoffice_embeds(
    only_fonts: UseFonts, tmp_path: Path, packages: tuple[str, ...], face: str, fc_match: str
) -> None:
    only_fonts(*packages)
    said = subprocess.run(
        ["fc-match", "--format=%{family}", "Times New Roman"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert said.split(",")[0] == fc_match
    result = check_fonts()
    assert result.ok, result.hint
    assert result.face == face
    pdf = convert(write_minutes(tmp_path / "mau.docx", paragraphs=1))
    assert _families(pdf) == {face.replace(" ", "")}


def _docx(path: Path, parts: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_document_fonts_reads_defaults_styles_runs_and_theme_fonts(tmp_path: Path) -> None:
    theme = (
        '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements>'
        '<a:fontScheme name="x"><a:majorFont><a:latin typeface="Cambria"/><a:ea typeface=""/>'
        '<a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/>'
        '<a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme>'
        "</a:themeElements></a:theme>"
    )
    styles = (
        f"<w:styles {_NS}><w:docDefaults><w:rPrDefault><w:rPr>"
        '<w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/></w:rPr></w:rPrDefault>'
        '</w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:rPr>'
        '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:rPr>'
        '<w:rFonts w:asciiTheme="majorHAnsi" w:hAnsiTheme="majorHAnsi"/></w:rPr></w:style></w:styles>'
    )
    document = (
        f"<w:document {_NS}><w:body><w:p><w:r><w:t>Chi bộ </w:t></w:r><w:r><w:rPr>"
        '<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/></w:rPr><w:t>họp</w:t></w:r>'
        "</w:p></w:body></w:document>"
    )
    path = _docx(
        tmp_path / "a.docx",
        {"word/document.xml": document, "word/styles.xml": styles, "word/theme/theme1.xml": theme},
    )
    fonts = document_fonts(path)
    assert fonts.families == ("Calibri", "Times New Roman", "Cambria", "Arial")
    assert fonts.main == "Times New Roman"
    assert fonts.text == "Chi bộ họp"


def test_document_fonts_of_a_sample_document(tmp_path: Path) -> None:
    fonts = document_fonts(write_minutes(tmp_path / "b.docx", paragraphs=1))
    assert fonts.main == "Times New Roman"
    assert "Times New Roman" in fonts.families
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in fonts.text


def test_document_fonts_refuses_a_file_that_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_text("văn bản thuần", encoding="utf-8")
    with pytest.raises(DataError, match="x.docx"):
        document_fonts(path)


@pytest.mark.libreoffice
def test_system_deps_is_idempotent_when_everything_is_installed() -> None:
    done = subprocess.run(
        ["bash", str(REPO / "tools" / "system-deps.sh")], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_system_deps_installs_every_font_package_of_the_list() -> None:
    script = (REPO / "tools" / "system-deps.sh").read_text(encoding="utf-8")
    assert "font-packages.txt" in script
    assert set(font_folders()) >= {
        "fonts-liberation2",
        "fonts-croscore",
        "fonts-liberation",
        "fonts-dejavu-core",
    }


_WML = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.mark.parametrize(
    "document",
    [
        f'<w:document xmlns:w="{_WML}"><w:body><w:p><w:r><w:rPr><w:rFonts w:ascii="Times New '
        'Roman" w:hAnsi="A &amp; B"/></w:rPr></w:r></w:p></w:body></w:document>',
        f'<x:document xmlns:x="{_WML}"><x:body><x:p><x:r><x:rPr><x:rFonts x:ascii="Times New '
        "Roman\" x:hAnsi='A &amp; B'/></x:rPr></x:r></x:p></x:body></x:document>",
        f'<document xmlns="{_WML}"><body><p><r><rPr><rFonts ascii="Times New Roman" '
        'hAnsi="A &amp; B"/></rPr></r></p></body></document>',
    ],
    ids=["w-prefix", "other-prefix", "default-namespace"],
)
def test_document_families_reads_any_namespace_prefix_and_entities(
    tmp_path: Path, document: str
) -> None:
    path = _docx(tmp_path / "c.docx", {"word/document.xml": document})
    assert document_families(path) == ("Times New Roman", "A & B")
