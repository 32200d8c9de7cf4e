"""No PDF with a fallback font leaves silently: Liberation 1.x alone makes LibreOffice fall back."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

from chibo_docs import WarmConverter, convert, convert_many
from chibo_docs.cli import main
from chibo_docs.errors import BatchConversionError, FontFallbackError, FontFallbackWarning
from chibo_docs.pdf import pdf_info
from chibo_docs.pdf.font_fallback import ENV_VAR, fallback_allowed, find_font_fallback, pdf_family
from samples.documents import write_minutes

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages

UseFonts = Callable[..., Path]


@pytest.fixture
def liberation_1(only_fonts: UseFonts) -> None:
    """What a fresh Debian 12 had: Liberation 1.07 (no ơ ư ạ…ỹ) and DejaVu."""
    only_fonts("fonts-liberation", "fonts-dejavu-core")


def _families(pdf: Path) -> set[str]:
    return {pdf_family(font.name) for font in pdf_info(pdf, text=False).fonts}


def _assert_names_the_fallback(error: FontFallbackError | FontFallbackWarning) -> None:
    for letter in "ơưạ":
        assert letter in error.characters
        assert letter in str(error)
    assert "Đ" not in error.characters  # Liberation 1.07 has Đ; Ả fell back
    assert error.fallback_font.startswith("DejaVuSerif")
    assert "DejaVuSerif" in str(error)
    assert error.expected == "Times New Roman"
    assert error.package == "fonts-liberation2"
    assert "sudo apt-get install fonts-liberation2" in str(error)


@pytest.mark.libreoffice
def test_a_fallback_font_fails_the_conversion_naming_the_characters(
    liberation_1: None, tmp_path: Path
) -> None:
    source = write_minutes(tmp_path / "bien-ban.docx")
    with pytest.raises(FontFallbackError) as caught:
        convert(source)
    _assert_names_the_fallback(caught.value)
    assert caught.value.source == str(source)
    assert "allow_font_fallback=True" in str(caught.value)
    assert ENV_VAR in str(caught.value)
    assert not source.with_suffix(".pdf").exists()


@pytest.mark.libreoffice
def test_allowing_the_fallback_keeps_the_pdf_with_a_warning(
    liberation_1: None, tmp_path: Path
) -> None:
    source = write_minutes(tmp_path / "bien-ban.docx")
    with pytest.warns(FontFallbackWarning) as caught:
        pdf = convert(source, allow_font_fallback=True)
    (warning,) = caught
    assert isinstance(warning.message, FontFallbackWarning)
    _assert_names_the_fallback(warning.message)
    assert _families(pdf) == {"LiberationSerif", "DejaVuSerif"}
    error = find_font_fallback(pdf, source)
    assert error is not None
    assert set(error.characters) == set(warning.message.characters)


@pytest.mark.libreoffice
def test_a_batch_fails_each_document_or_warns_with_the_environment_variable(
    liberation_1: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = [write_minutes(tmp_path / f"{k}.docx", paragraphs=1) for k in range(2)]
    with pytest.raises(BatchConversionError) as caught:
        convert_many(sources, tmp_path / "out", workers=1)
    assert all(isinstance(f, FontFallbackError) for f in caught.value.failures)
    assert [f.source for f in caught.value.failures] == [str(s) for s in sources]
    assert caught.value.outputs == {}
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    monkeypatch.setenv(ENV_VAR, "1")
    with pytest.warns(FontFallbackWarning) as warned:
        pdfs = convert_many(sources, tmp_path / "out", workers=1)
    assert len(warned) == 2
    assert [p.name for p in pdfs] == ["0.pdf", "1.pdf"]
    with pytest.raises(BatchConversionError):  # the keyword wins over the variable
        convert_many(sources, tmp_path / "out2", workers=1, allow_font_fallback=False)


@pytest.mark.libreoffice
def test_the_warm_converter_checks_the_fonts_too(liberation_1: None, tmp_path: Path) -> None:
    source = write_minutes(tmp_path / "am.docx", paragraphs=1)
    with WarmConverter() as warm:
        with pytest.raises(FontFallbackError) as caught:
            warm.convert(source)
        assert "ơ" in caught.value.characters
        assert not source.with_suffix(".pdf").exists()
        with pytest.warns(FontFallbackWarning):
            pdf = warm.convert(source, allow_font_fallback=True)
    assert "DejaVuSerif" in _families(pdf)


@pytest.mark.libreoffice
def test_the_pdf_command_fails_or_warns_with_its_flag(
    liberation_1: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_minutes(tmp_path / "bien-ban.docx", paragraphs=1)
    assert main(["pdf", str(source), "-q"]) == 1
    err = capsys.readouterr().err
    assert "warning: 'Liberation Serif', used for 'Times New Roman', has no glyph" in err
    assert "error: LibreOffice drew" in err
    assert "DejaVuSerif" in err
    assert not source.with_suffix(".pdf").exists()
    assert main(["pdf", str(source), "-q", "--allow-font-fallback"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == str(source.with_suffix(".pdf"))
    assert "warning: LibreOffice drew" in err
    assert "the PDF was kept because font fallback is allowed" in err


def test_the_switch_comes_from_the_keyword_else_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert fallback_allowed() is False
    for value in ("1", "true", "YES", "on"):
        monkeypatch.setenv(ENV_VAR, value)
        assert fallback_allowed() is True
        assert fallback_allowed(False) is False
    monkeypatch.setenv(ENV_VAR, "0")
    assert fallback_allowed() is False
    assert fallback_allowed(True) is True


@pytest.mark.libreoffice
def test_a_good_pdf_has_no_fallback_and_its_fonts_list_their_characters(tmp_path: Path) -> None:
    source = write_minutes(tmp_path / "tot.docx", paragraphs=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pdf = convert(source)
    assert find_font_fallback(pdf, source) is None
    fonts = pdf_info(pdf, text=False, characters=True).fonts
    assert {pdf_family(f.name) for f in fonts} == {"LiberationSerif"}
    drawn = "".join(f.characters or "" for f in fonts)
    for letter in "ĐẢỘớưạ":
        assert letter in drawn
    assert all(f.characters is None for f in pdf_info(pdf, text=False).fonts)


def test_sources_that_are_not_docx_are_not_checked(tmp_path: Path) -> None:
    odt = tmp_path / "a.odt"
    odt.write_bytes(b"not read")
    assert find_font_fallback(tmp_path / "a.pdf", odt) is None


@pytest.mark.libreoffice
def test_letters_drawn_in_a_second_metric_compatible_face_are_a_fallback(
    only_fonts: UseFonts, tmp_path: Path
) -> None:
    """Liberation 1.07 and Tinos are both metric-compatible with Times New Roman, but a
    document set in one with its ơ, ư, ạ taken from the other mixes two faces."""
    only_fonts("fonts-liberation", "fonts-croscore", "fonts-dejavu-core")
    source = write_minutes(tmp_path / "bien-ban.docx")
    with pytest.warns(FontFallbackWarning):
        pdf = convert(source, tmp_path / "mixed.pdf", allow_font_fallback=True)
    assert {"LiberationSerif", "Tinos"} <= _families(pdf)
    with pytest.raises(FontFallbackError) as caught:
        convert(source)
    error = caught.value
    assert error.fallback_font.startswith("Tinos")
    for letter in "ơưạ":
        assert letter in error.characters
    assert "a" not in error.characters  # the plain letters stayed in Liberation Serif
