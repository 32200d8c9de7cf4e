"""PDFs in memory and dossiers as streams: render_pdf and make_dossier to a binary stream,
documents from a generator, numbers from a register, and the writer that merges one
document at a time."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, RectangleObject

from chibo_docs import NumberRegister, load_data, make_dossier, merge_pdfs, render_pdf
from chibo_docs.errors import BatchConversionError, ConversionError
from chibo_docs.models import Invitation
from chibo_docs.pdf import pdf_info
from chibo_docs.pdf.dossier_writer import DossierWriter
from chibo_docs.pipeline.dossier import bookmark_title
from chibo_docs.resources import examples_dir

GIAY_MOI = examples_dir() / "forms" / "giay-moi"


def _pdf(path: Path, pages: int) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as out:
        writer.write(out)
    return path


def _text(data: bytes) -> str:
    return "\f".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.libreoffice
def test_render_pdf_into_memory(tmp_path: Path) -> None:
    document = load_data(examples_dir() / "nghi-quyet-05-2021.yaml")
    buffer = io.BytesIO()
    assert render_pdf(document, buffer) is buffer
    data = buffer.getvalue()
    assert data.startswith(b"%PDF-")
    assert "Số 05-NQ/CB" in _text(data)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.libreoffice
def test_a_dossier_from_a_generator_into_memory_with_numbers_from_a_register(
    tmp_path: Path,
) -> None:
    register = NumberRegister(tmp_path / "so.sqlite")
    invitation = load_data(examples_dir() / "giay-moi-2021-04.yaml")
    assert isinstance(invitation, Invitation)
    minutes = load_data(examples_dir() / "bien-ban-2021-04.yaml")
    read: list[str] = []

    def documents() -> Iterator[object]:
        for document in (minutes, invitation.model_copy(update={"number": None}),
                         invitation.model_copy(update={"number": None})):
            read.append(type(document).__name__)
            yield document

    buffer = io.BytesIO()
    make_dossier(documents(), buffer, folders=[GIAY_MOI], register=register)  # type: ignore[arg-type]
    assert read == ["Minutes", "Invitation", "Invitation"]
    reader = PdfReader(buffer)
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == [bookmark_title(minutes), "Giấy mời số 01-GM/CB", "Giấy mời số 02-GM/CB"]
    text = _text(buffer.getvalue())
    assert "Số 01-GM/CB" in text
    assert "Số 02-GM/CB" in text
    assert [(e.doc_type, e.number, e.state) for e in register.entries()] == [
        ("GM", 1, "used"), ("GM", 2, "used")
    ]


@pytest.mark.libreoffice
def test_a_dossier_that_fails_voids_the_numbers_it_took(tmp_path: Path) -> None:
    register = NumberRegister(tmp_path / "so.sqlite")
    invitation = load_data(examples_dir() / "giay-moi-2021-04.yaml")
    blank = invitation.model_copy(update={"number": None})
    with pytest.raises(BatchConversionError) as caught:
        make_dossier([blank], tmp_path / "ho-so.pdf", folders=[GIAY_MOI], register=register,
                     timeout=0.001, lang="en")  # no LibreOffice converts a document this fast
    # the failure names the dossier's document, not the temporary .docx it was rendered to
    (failure,) = caught.value.failures
    assert failure.source == "1. Giấy mời số 01-GM/CB"
    assert "'1. Giấy mời số 01-GM/CB'" in str(caught.value)
    assert "chibo-docs-dossier-" not in str(caught.value)
    (entry,) = register.entries()
    assert entry.state == "voided"
    assert "took more than 0.001 s" in (entry.reason or "")  # the reason in the call's language
    assert not (tmp_path / "ho-so.pdf").exists()
    assert issubclass(BatchConversionError, ConversionError)


def test_merge_into_a_stream_and_a_byte_identical_resource_is_stored_once(
    tmp_path: Path,
) -> None:
    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Times-Roman"),
    }))
    for _ in range(2):
        page = writer.add_blank_page(width=595, height=842)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
    source = tmp_path / "a.pdf"
    with open(source, "wb") as out:
        writer.write(out)
    other = tmp_path / "b.pdf"
    other.write_bytes(source.read_bytes())  # another file with the same font object
    buffer = io.BytesIO()
    assert merge_pdfs([source, other, source], buffer, page_labels=True) is buffer
    reader = PdfReader(buffer)
    assert len(reader.pages) == 6
    assert reader.page_labels == ["1-1", "1-2", "2-1", "2-2", "3-1", "3-2"]
    fonts = {page["/Resources"]["/Font"].raw_get("/F1").idnum  # type: ignore[index]
             for page in reader.pages}
    assert len(fonts) == 1  # one font object for the six pages of three documents


def test_the_writer_keeps_inherited_attributes_and_inner_bookmarks(tmp_path: Path) -> None:
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=300, height=400)
    writer.add_outline_item("Phần I", 0)
    part = writer.add_outline_item("Phần II", 1)
    writer.add_outline_item("Mục 1", 2, parent=part)
    pages_root = writer._root_object["/Pages"].get_object()  # the attributes move to the tree
    assert isinstance(pages_root, DictionaryObject)
    pages_root[NameObject("/MediaBox")] = RectangleObject([0, 0, 300, 400])
    pages_root[NameObject("/Resources")] = DictionaryObject()
    for page in writer.pages:
        del page[NameObject("/MediaBox")]
    source = tmp_path / "inherits.pdf"
    with open(source, "wb") as out:
        writer.write(out)
    buffer = io.BytesIO()
    dossier = DossierWriter(buffer)
    dossier.add(PdfReader(source), "Văn bản")
    dossier.add(PdfReader(source), "Văn bản 2", inner_bookmarks=False)
    dossier.close(title="Hồ sơ")
    reader = PdfReader(buffer)
    assert [page.mediabox.height for page in reader.pages] == [400] * 6
    outline = reader.outline
    assert [o.title for o in outline if not isinstance(o, list)] == ["Văn bản", "Văn bản 2"]
    inner = outline[1]
    assert isinstance(inner, list)
    assert [o.title for o in inner if not isinstance(o, list)] == ["Phần I", "Phần II"]
    assert [reader.get_destination_page_number(o) for o in inner if not isinstance(o, list)] == [
        0, 1
    ]
    assert reader.metadata is not None
    assert reader.metadata.title == "Hồ sơ"
    assert pdf_info(_save(buffer, tmp_path / "out.pdf")).pages == 6


def _save(buffer: io.BytesIO, path: Path) -> Path:
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.libreoffice
def test_a_pdf_that_fails_names_the_pdf_asked_for_not_a_temporary_file(tmp_path: Path) -> None:
    minutes = load_data(examples_dir() / "bien-ban-2021-04.yaml")
    dest = tmp_path / "bien-ban.pdf"
    with pytest.raises(ConversionError) as caught:
        render_pdf(minutes, dest, timeout=0.001)  # no LibreOffice converts a document this fast
    assert not isinstance(caught.value, BatchConversionError)  # one document: its own failure
    assert caught.value.source == str(dest)
    assert str(dest) in str(caught.value)
    assert "chibo-docs-pdf-" not in str(caught.value)
    assert not dest.exists()
