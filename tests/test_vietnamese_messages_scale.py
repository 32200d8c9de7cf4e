"""The messages of the number register, the dossier and the formatting filters in Vietnamese by
default and English on request (issue 10, after the scale work of issue 12).

Tests run in Vietnamese (the default); each English text asked for says so (``lang="en"``,
``using("en")``, ``text("en")``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from chibo_docs import load_data, make_dossier
from chibo_docs.errors import (
    DataError,
    FormError,
    FrameworkError,
    NumberRegisterError,
    PdfError,
)
from chibo_docs.i18n import format_value, message, using
from chibo_docs.layout.builder import Signature, write_docx
from chibo_docs.numbering import NumberRegister, numbered
from chibo_docs.quality import FrameworkRegistry, list_frameworks
from chibo_docs.resources import examples_dir
from tests.support import form_specs as form_samples

CELL = "CHI BỘ THÔN 1"


@pytest.fixture
def vietnam_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's local time is Việt Nam's (UTC+7, no summer time)."""
    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# --- the number register ---------------------------------------------------------------------
def test_a_register_error_reads_in_vietnamese_and_in_english_on_request(tmp_path: Path) -> None:
    register = NumberRegister(tmp_path / "so.sqlite")
    register.next(CELL, "NQ", 2026)
    register.use(CELL, "NQ", 2026, 1, reference="NQ tháng 4")
    with pytest.raises(NumberRegisterError) as caught:
        register.use(CELL, "NQ", 2026, 1)
    assert str(caught.value) == (
        "số 1 của NQ của CHI BỘ THÔN 1, 2026 đã được dùng (NQ tháng 4); hãy lấy số tiếp theo"
    )
    with using("en"), pytest.raises(NumberRegisterError) as caught:
        register.use(CELL, "NQ", 2026, 1)
    assert str(caught.value) == (
        "number 1 of NQ of CHI BỘ THÔN 1, 2026 is already used (NQ tháng 4); take the next number"
    )


def test_sqlite_s_reason_is_said_in_the_reader_s_words(tmp_path: Path) -> None:
    bad = tmp_path / "so.sqlite"
    bad.write_bytes(b"not a database " * 100)
    with pytest.raises(NumberRegisterError) as caught:
        NumberRegister(bad)
    assert caught.value.problem == "open"
    assert "tệp không phải là cơ sở dữ liệu SQLite" in str(caught.value)
    assert "file is not a database" not in str(caught.value)  # SQLite's own English
    assert "the file is not an SQLite database" in caught.value.message_en
    with pytest.raises(NumberRegisterError, match="không mở hoặc tạo được tệp ở chỗ đó"):
        NumberRegister(tmp_path / "khong-co" / "so.sqlite")


@pytest.mark.usefixtures("vietnam_clock")
def test_the_audit_shows_times_on_the_reader_s_clock_and_json_keeps_iso(tmp_path: Path) -> None:
    register = NumberRegister(tmp_path / "so.sqlite")
    for _ in range(2):
        register.next(CELL, "NQ", 2026)
    voided = register.void(CELL, "NQ", 2026, 1, reason="dự thảo bị rút")
    reserved = register.entries()[1]
    voided_at = datetime.fromisoformat(voided.changed_at)
    assert voided_at.tzinfo is not None
    assert voided_at.utcoffset() == UTC.utcoffset(None)
    local = voided_at.astimezone()  # the Việt Nam clock: 7 hours ahead
    shown = f"{local:%H:%M} {local.day}/{local.month}/{local.year} (UTC+7)"
    reg2, reg3 = sorted(register.audit(), key=lambda p: p.code)
    assert reg3.code == "REG3"
    assert reg3.message == (
        f"số 1 của NQ của CHI BỘ THÔN 1, 2026 đã bị hủy lúc {shown}: dự thảo bị rút"
    )
    assert reg3.message_en == f"number 1 of NQ of CHI BỘ THÔN 1, 2026 was voided at {shown}: dự thảo bị rút"
    assert "T" not in reg3.message.split("lúc")[1].split(":")[0]  # no ISO 'T' in the text
    assert reg3.to_dict()["values"]["changed_at"] == voided.changed_at  # ISO, UTC, as kept
    assert json.loads(json.dumps(reg2.to_dict()))["values"]["reserved_at"] == reserved.reserved_at
    assert "giữ chỗ lúc" in reg2.message


@pytest.mark.usefixtures("vietnam_clock")
def test_an_aware_time_is_shown_on_the_local_clock_with_its_offset() -> None:
    moment = datetime(2026, 12, 1, 18, 14, tzinfo=UTC)
    assert format_value(moment, "vi") == "01:14 2/12/2026 (UTC+7)"
    assert format_value(moment, "en") == "01:14 2/12/2026 (UTC+7)"
    assert format_value(datetime(2026, 12, 1, 18, 14), "vi") == "18:14 1/12/2026"  # naive: as is


def test_a_failed_render_voids_its_number_with_a_reason_in_the_reader_s_language(
    tmp_path: Path,
) -> None:
    register = NumberRegister(tmp_path / "so.sqlite")
    minutes = load_data(examples_dir() / "bien-ban-2021-04.yaml")
    failure = PdfError(message("nothing to merge: give at least one PDF"))
    with pytest.raises(PdfError), numbered(minutes, register):
        raise failure
    with using("en"), pytest.raises(PdfError), numbered(minutes, register):
        raise failure
    first, second = register.entries()
    assert first.reason == (
        "không ban hành được (PdfError): không có gì để gộp: hãy đưa ít nhất một tệp PDF"
    )
    assert second.reason == "not issued (PdfError): nothing to merge: give at least one PDF"
    assert first.reference is not None
    assert "26/4/2021" in first.reference


# --- the dossier -----------------------------------------------------------------------------
def test_forms_not_one_per_document_is_a_data_error_in_the_language_asked(
    tmp_path: Path,
) -> None:
    resolution = load_data(examples_dir() / "nghi-quyet-05-2021.yaml")
    with pytest.raises(DataError) as caught:
        make_dossier([resolution, resolution], tmp_path / "ho-so.pdf", forms=[None])
    assert caught.value.code == "forms_count"
    assert str(caught.value).startswith("có 2 văn bản nhưng 1 mẫu; hãy đưa mỗi văn bản một mẫu")
    assert isinstance(caught.value, ValueError)  # as before, for programs that caught it
    with pytest.raises(DataError, match="^got 2 documents but 1 forms; give one form per document"):
        make_dossier([resolution, resolution], tmp_path / "ho-so.pdf", forms=[None], lang="en")
    with pytest.raises(DataError, match="cần ít nhất một văn bản"):
        make_dossier([], tmp_path / "ho-so.pdf")
    assert not (tmp_path / "ho-so.pdf").exists()


# --- forms and frameworks --------------------------------------------------------------------
def test_a_left_signature_with_recipients_is_refused_in_the_language_asked(
    tmp_path: Path,
) -> None:
    spec = form_samples.resolution(
        signature=Signature(name="Nguyễn Văn An", left_title="T/M ĐẢNG ỦY")
    )
    with pytest.raises(FormError, match="chữ ký bên trái nằm ở chỗ của 'Nơi nhận:'"):
        write_docx(spec, tmp_path / "nq.docx")
    with using("en"), pytest.raises(FormError, match="takes the place of 'Nơi nhận:'"):
        write_docx(spec, tmp_path / "nq.docx")


def test_a_framework_id_clash_names_both_origins_in_words() -> None:
    builtin = list_frameworks()[0]
    copy = builtin.model_copy(update={"origin": "folder /srv/khung"})
    with pytest.raises(FrameworkError) as caught:
        FrameworkRegistry([builtin, copy])
    assert "(có sẵn và thư mục /srv/khung)" in str(caught.value)
    assert "(built-in and folder /srv/khung)" in caught.value.message_en
