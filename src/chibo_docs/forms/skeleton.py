"""Start a new form: a conformant .docx skeleton (and its manifest) for an author to edit in Word.

:func:`new_form` lays out the header, số line, date line, type name, trích yếu, a body
placeholder, the signature block and Nơi nhận with the :mod:`~chibo_docs.layout.builder`, so the file
passes the layout check (:func:`~chibo_docs.layout.conformance.checker.check_document`) from the start. Given a
model, each variable place holds the tag that fills it (``{{ doc.number_line }}``,
``{{ doc.date_line }}``, ``{{ title }}``, ``{{ signature.full_name }}`` …) and the skeleton lints
clean against the model; without one it holds sample text to overwrite.

>>> from datetime import date
>>> from chibo_docs.layout.conformance.checker import check_document
>>> data = build_skeleton("TB", issuer_upper="ĐẢNG BỘ XÃ TIÊN PHONG",
...                       issuer="CHI BỘ XÓM ĐỊNH THÀNH", place="Tiên Phong",
...                       issued_on=date(2026, 2, 5))
>>> [f.code for f in check_document(data) if f.severity == "error"]
[]
"""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from chibo_docs.errors import FormError
from chibo_docs.formatting.dates import date_line
from chibo_docs.forms.registry import _resolve_model, manifest_line
from chibo_docs.i18n import message, using
from chibo_docs.layout.builder import (
    Block,
    FormSpec,
    Header,
    MinutesSignatures,
    Paragraph,
    Signature,
    TemplateTag,
    Title,
    build_docx,
)
from chibo_docs.layout.profiles import HD36, LayoutProfile
from chibo_docs.models.references import blank_number_line
from chibo_docs.output_files import write_atomically
from chibo_docs.templating.engine import DOC_VARIABLE
from chibo_docs.templating.model_shape import Shape

__all__ = ["build_skeleton", "new_form"]

_BODY = "Nội dung văn bản: thay đoạn này bằng nội dung của mẫu."


def _has(shape: Shape | None, path: str) -> bool:
    """Whether ``path`` (``title``, ``doc.number_line``, ``signature.full_name``) is valid."""
    if shape is None:
        return False
    current: Shape | None = shape
    for i, name in enumerate(path.split(".")):
        if i == 0 and name == DOC_VARIABLE:
            continue
        current = current.attribute(name) if current is not None else None
        if current is None:
            return False
    return True


def _pick(shape: Shape | None, path: str, fixed: str) -> str:
    return f"{{{{ {path} }}}}" if _has(shape, path) else fixed


def build_skeleton(
    doc_type: str,
    *,
    issuer_upper: str | None,
    issuer: str,
    symbol: str = "CB",
    place: str = "Lai Châu",
    model: type[BaseModel] | None = None,
    issued_on: date | None = None,
    profile: LayoutProfile = HD36,
) -> bytes:
    """Return the .docx bytes of a conformant skeleton for a document of type ``doc_type``.

    ``issuer_upper`` and ``issuer`` are the header lines (written in capitals); ``symbol`` and
    ``place`` fill the sample số and date lines when no model gives them; ``issued_on`` is the
    sample date (today by default).

    Raises:
        FormError: ``doc_type`` is not a type of the profile, or has no type name (công văn).
    """
    kind = profile.document_types.get(doc_type)
    if kind is None:
        known = ", ".join(profile.document_types)
        raise FormError(
            message("unknown document type {type!r}; use one of {known}", type=doc_type,
                    known=known)
        )
    if not kind.title:
        raise FormError(
            message("a {type!r} has no type name under the header and its own layout; start "
                    "from another type", type=doc_type)
        )
    shape = Shape.of(model) if model is not None else None
    day = issued_on or date.today()
    upper = unicodedata.normalize("NFC", issuer_upper).upper() if issuer_upper else None
    header = Header(
        issuer=unicodedata.normalize("NFC", issuer).upper(),
        upper_line=upper,
        number_line=_number_line(shape, model, doc_type, symbol),
        date_line=_pick(shape, "doc.date_line", date_line(place, day)),
    )
    title = Title(kind.title, _pick(shape, "title", "về nội dung của văn bản"))
    body: tuple[Block, ...] = (Paragraph(_BODY),)
    if doc_type == "BB":
        signature: Signature | MinutesSignatures = MinutesSignatures(
            left_name=_pick(shape, "meeting.secretary.full_name", "Họ và tên thư ký"),
            right_name=_pick(shape, "meeting.chair.full_name", "Họ và tên chủ trì"),
        )
        recipients: tuple[str | TemplateTag, ...] = ()
    else:
        signature = Signature(
            name=_pick(shape, "signature.full_name", "Họ và tên người ký"),
            authority="T/M CHI BỘ",
            position=_pick(shape, "signature.title", "BÍ THƯ"),
        )
        recipients = _recipients(shape)
    spec = FormSpec(header, title, body, signature, recipients)
    return build_docx(spec, profile=profile)


def _number_line(
    shape: Shape | None, model: type[BaseModel] | None, doc_type: str, symbol: str
) -> str:
    """``Số {{ doc.code }}``; when the number is optional, room for one written by hand.

    An unnumbered document prints the blank an invitation prints (``Số     -BC/CB``), which
    passes the layout check as a numbered one does.
    """
    if model is None or not _has(shape, "doc.code"):
        return f"Số 01-{doc_type}/{symbol}"
    number = model.model_fields.get("number")
    if number is not None and not number.is_required():
        blank = blank_number_line(doc_type, "{{ doc.issuer.symbol }}").removeprefix("Số ")
        return f"Số {{% if doc.code %}}{{{{ doc.code }}}}{{% else %}}{blank}{{% endif %}}"
    return "Số {{ doc.code }}"


def _recipients(shape: Shape | None) -> tuple[str | TemplateTag, ...]:
    if _has(shape, "recipients"):
        return (
            TemplateTag("{%p for r in recipients[:-1] %}"),
            "{{ r }},",
            TemplateTag("{%p endfor %}"),
            "{{ recipients[-1] }}.",
        )
    return ("Như trên,", "Lưu Chi bộ.")


def new_form(
    dest: str | Path,
    doc_type: str,
    *,
    issuer_upper: str | None,
    issuer: str,
    symbol: str = "CB",
    place: str = "Lai Châu",
    form_id: str | None = None,
    title: str | None = None,
    model: str | None = None,
    issued_on: date | None = None,
    lang: str | None = None,
) -> Path:
    """Write a skeleton .docx at ``dest`` (and ``<dest>.toml`` when ``form_id`` is given).

    ``model`` is a chibo_docs model name (``"Resolution"``) or ``"package.module:Class"``;
    with it, the variable places hold tags. A manifest needs both ``form_id`` and ``model``;
    its title defaults to the type name. Existing files are not overwritten; missing folders
    are created. Errors read in ``lang`` (``"vi"`` or ``"en"``; default: the language in force).

    Raises:
        FormError: a file already exists, the model cannot be found, ``form_id`` is given
            without ``model``, or the type is unknown.
        OutputError: a file cannot be written (read-only folder, full disk…), naming it.
    """
    with using(lang):
        return _new_form(Path(dest), doc_type, issuer_upper, issuer, symbol, place, form_id,
                         title, model, issued_on)


def _new_form(
    path: Path,
    doc_type: str,
    issuer_upper: str | None,
    issuer: str,
    symbol: str,
    place: str,
    form_id: str | None,
    title: str | None,
    model: str | None,
    issued_on: date | None,
) -> Path:
    manifest = path.with_suffix(".toml")
    if path.suffix.lower() != ".docx":
        raise FormError(
            message("the skeleton must be a .docx file, got {file!r}", file=str(path))
        )
    if form_id is not None and model is None:
        raise FormError(
            message("form {form!r} needs a model (e.g. --model Resolution) for its manifest",
                    form=form_id)
        )
    for target in (path, manifest) if form_id else (path,):
        if target.exists():
            raise FormError(
                message("{file!r} already exists; choose another name or remove it",
                        file=str(target))
            )
    model_class = _resolve_model(model, manifest) if model else None
    data = build_skeleton(
        doc_type,
        issuer_upper=issuer_upper,
        issuer=issuer,
        symbol=symbol,
        place=place,
        model=model_class,
        issued_on=issued_on,
    )
    write_atomically(path, data)
    if form_id is not None and model is not None:
        name = HD36.document_types[doc_type].title.capitalize()
        lines = [
            manifest_line("id", form_id),
            manifest_line("title", title or name),
            manifest_line("document_type", doc_type),
            manifest_line("model", model),
        ]
        if path.stem != manifest.stem:  # pragma: no cover - same stem by construction
            lines.append(manifest_line("template", path.name))
        write_atomically(manifest, ("\n".join(lines) + "\n").encode("utf-8"))
    return path
