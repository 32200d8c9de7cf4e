"""Rich values a template can print: formatted text, paragraphs, pictures, listings, sub-documents.

A field of a model (or a value of a plain mapping given to
:func:`chibo_docs.render_template`) may hold one of these instead of plain text; the tag that
prints it is written as for any value (``{{ chu_ky }}``), or with docxtpl's letters
(``{{r ghi_chu }}``, ``{{p phu_luc }}``). Each is validated when it is made: colours are
``#RRGGBB``, fonts and styles plain names, links ``http(s)://`` or ``mailto:``, pictures
real PNG or JPEG files within :data:`~chibo_docs.limits.LIMITS` ``.image_bytes`` and sized in
millimetres, sub-documents .docx files read by the capped reader. Their text is escaped when it
is put into the document, like every value: nothing a value holds can become markup.

>>> note = RichText("Đã duyệt", bold=True, color="#C00000") + " ngày 26/4/2021"
>>> [(run.text, run.bold) for run in note.runs], str(note)
([('Đã duyệt', True), (' ngày 26/4/2021', False)], 'Đã duyệt ngày 26/4/2021')
>>> Listing("Điều 1.\\tNội dung\\nĐiều 2.").text
'Điều 1.\\tNội dung\\nĐiều 2.'
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
from pathlib import Path
from typing import Annotated, Any, Literal, Self
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    model_validator,
)

from chibo_docs.i18n import _, message
from chibo_docs.limits import LIMITS
from chibo_docs.models.base import Model
from chibo_docs.models.image_files import ImageInfo, inspect_image
from chibo_docs.ooxml.reading import read_package
from chibo_docs.ooxml.subdocument import check_subdocument

__all__ = [
    "Color",
    "FontName",
    "Image",
    "Link",
    "Listing",
    "RichParagraph",
    "RichParagraphs",
    "RichText",
    "Run",
    "StyleName",
    "Subdoc",
]

_COLOR = re.compile(r"^#?([0-9A-Fa-f]{6})$")
_NAME = re.compile(r"^\w[\w .'&()+-]{0,63}$")
_ILLEGAL = re.compile("[\x00-\x06\x08\x0b\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_UNDERLINES = ("single", "double", "thick", "dotted", "dash", "dotDash", "dotDotDash", "wave")
_BINARY = ConfigDict(ser_json_bytes="base64", val_json_bytes="base64")


def _color(value: str) -> str:
    match = _COLOR.match(value.strip())
    if not match:
        raise ValueError(message(
            "{value} is not a colour written #RRGGBB (six hexadecimal digits, e.g. #C00000 for "
            "dark red); write it that way", value=repr(value)))
    return "#" + match.group(1).upper()


def _font(value: str) -> str:
    if ":" in value:
        raise ValueError(message(
            "{value} is not a plain font name; docxtpl's 'eastAsia:Font' is written "
            "east_asia_font='Font' here", value=repr(value)))
    if not _NAME.match(value):
        raise ValueError(message(
            "{value} is not a plain font name (letters, digits, spaces, at most 64); write the "
            "name as Word shows it, e.g. 'Times New Roman'", value=repr(value)))
    return value


def _style(value: str) -> str:
    if not _NAME.match(value):
        raise ValueError(message(
            "{value} is not a plain style name (letters, digits, spaces, at most 64); write the "
            "style's name as Word shows it", value=repr(value)))
    return value


def _link(value: str) -> str:
    text = value.strip()
    parts = urlsplit(text)
    fine = (
        len(text) <= 2048
        and not re.search(r"[\s\x00-\x1f\"<>]", text)
        and (parts.scheme in ("http", "https") and bool(parts.netloc)
             or parts.scheme == "mailto" and bool(parts.path))
    )
    if not fine:
        raise ValueError(message(
            "{value} is not a web or e-mail link; a link starts with https://, http:// or "
            "mailto: and holds no spaces", value=repr(value[:80])))
    return text


def _rich_text(value: str) -> str:
    bad = _ILLEGAL.search(value)
    if bad:
        raise ValueError(message(
            "the text holds the character U+{code} at position {position}, which a .docx cannot "
            "hold; remove it", code=f"{ord(bad.group()):04X}", position=bad.start()))
    return unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))


Color = Annotated[str, AfterValidator(_color)]
"""A colour written ``#RRGGBB`` (``RRGGBB`` is accepted and gets its ``#``)."""

FontName = Annotated[str, AfterValidator(_font)]
"""A font's name as Word shows it (``Times New Roman``)."""

StyleName = Annotated[str, AfterValidator(_style)]
"""The name (or id) of a style of the template (``Heading 1``, ``Strong``)."""

Link = Annotated[str, AfterValidator(_link)]
"""A web (``https://``, ``http://``) or e-mail (``mailto:``) link."""

RichString = Annotated[str, AfterValidator(_rich_text)]


class Run(Model):
    """Đoạn chữ có định dạng — a piece of text with its formatting (a Word “run”).

    In ``text``, ``\\n`` is a line break, ``\\t`` a tab, ``\\f`` a page break and ``\\a`` starts
    a new paragraph (as in docxtpl). ``size`` is in points (docxtpl's ``size`` is in half
    points: divide it by 2).
    """

    text: RichString = Field(description="Chữ — the text")
    bold: bool = Field(default=False, description="Đậm — bold")
    italic: bool = Field(default=False, description="Nghiêng — italic")
    underline: bool | Literal[
        "single", "double", "thick", "dotted", "dash", "dotDash", "dotDotDash", "wave"
    ] = Field(default=False, description="Gạch chân (true hoặc kiểu gạch) — underline (true or a style)")
    strike: bool = Field(default=False, description="Gạch ngang — struck through")
    color: Color | None = Field(default=None, description="Màu chữ #RRGGBB — text colour")
    highlight: Color | None = Field(default=None, description="Màu nền #RRGGBB — background colour")
    size: float | None = Field(
        default=None, ge=1, le=400, multiple_of=0.5,
        description="Cỡ chữ (pt) — font size in points",
    )
    font: FontName | None = Field(default=None, description="Phông chữ — font")
    east_asia_font: FontName | None = Field(
        default=None, description="Phông chữ Đông Á — font for East Asian text"
    )
    link: Link | None = Field(default=None, description="Liên kết — web or e-mail link")
    style: StyleName | None = Field(
        default=None, description="Kiểu ký tự của mẫu — a character style of the template"
    )
    position: Literal["superscript", "subscript"] | None = Field(
        default=None, description="Chỉ số trên/dưới — superscript or subscript"
    )

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value

    def __init__(self, text: str | None = None, /, **data: Any) -> None:
        """Make a run: ``Run("Đã duyệt", bold=True)`` or ``Run(text="…", …)``."""
        if text is not None:
            data["text"] = text
        super().__init__(**data)


def _runs_of(value: Any) -> Any:
    if isinstance(value, str | Run):
        return [value]
    if isinstance(value, RichText):
        return list(value.runs)
    return value


class RichText(Model):
    """Chữ có định dạng — text in several formatted runs, printed inside a paragraph.

    ``RichText("Đã duyệt", bold=True)`` is one run; add more with ``+`` (a text, a
    :class:`Run` or another rich text). A plain string given where a rich text is expected
    is one unformatted run. Printed with ``{{ value }}`` inside a sentence, its runs take the
    formatting of the tag and their own on top; with ``{{r value }}`` only their own.
    """

    runs: tuple[Run, ...] = Field(default=(), description="Các đoạn chữ — the runs, in order")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str | Run | list | tuple):
            return {"runs": _runs_of(value)}
        return value

    def __init__(self, text: str | None = None, /, **data: Any) -> None:
        """Make a rich text: ``RichText("chữ", bold=True)`` (one run) or ``RichText(runs=[…])``."""
        if text is not None:
            if "runs" in data:
                raise TypeError("give either a text (and its formatting) or runs=, not both")
            data = {"runs": (Run(text, **data),)}
        super().__init__(**data)

    def __add__(self, other: RichText | Run | str) -> RichText:
        """Return this rich text followed by ``other``."""
        return RichText(runs=(*self.runs, *_runs_of(other)))

    def __radd__(self, other: str) -> RichText:
        """Return ``other`` (a plain text) followed by this rich text."""
        return RichText(runs=(*_runs_of(other), *self.runs))

    @property
    def text(self) -> str:
        """The text without its formatting."""
        return "".join(run.text for run in self.runs)

    def __str__(self) -> str:
        return self.text


class RichParagraph(Model):
    """Đoạn văn có định dạng — a paragraph of formatted runs, in a paragraph style or not."""

    runs: tuple[Run, ...] = Field(default=(), description="Các đoạn chữ — the runs, in order")
    style: StyleName | None = Field(
        default=None, description="Kiểu đoạn văn của mẫu — a paragraph style of the template"
    )

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str | Run | RichText | list | tuple):
            return {"runs": _runs_of(value)}
        return value

    def __init__(self, text: str | RichText | None = None, /, **data: Any) -> None:
        """Make a paragraph: ``RichParagraph("chữ", style="Heading 2")``."""
        if text is not None:
            data["runs"] = _runs_of(text)
        super().__init__(**data)

    @property
    def text(self) -> str:
        """The text without its formatting."""
        return "".join(run.text for run in self.runs)


class RichParagraphs(Model):
    """Các đoạn văn có định dạng — formatted paragraphs, printed where a paragraph was.

    docxtpl's ``RichTextParagraph``. Printed with ``{{p value }}`` (or alone in its
    paragraph), the paragraphs take that place; a paragraph without a style keeps the
    paragraph formatting of the tag's paragraph.
    """

    paragraphs: tuple[RichParagraph, ...] = Field(
        default=(), description="Các đoạn văn — the paragraphs, in order"
    )

    @model_validator(mode="before")
    @classmethod
    def _from_list(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return {"paragraphs": list(value)}
        if isinstance(value, str | RichText | RichParagraph):
            return {"paragraphs": [value]}
        return value

    def __init__(self, *paragraphs: RichParagraph | RichText | str, **data: Any) -> None:
        """Make paragraphs: ``RichParagraphs(RichParagraph("…", style="…"), "…")``."""
        if paragraphs:
            data["paragraphs"] = paragraphs
        super().__init__(**data)

    def __add__(self, other: RichParagraphs | RichParagraph | RichText | str) -> RichParagraphs:
        """Return these paragraphs followed by ``other``."""
        more = other.paragraphs if isinstance(other, RichParagraphs) else (other,)
        return RichParagraphs(*self.paragraphs, *more)

    @property
    def text(self) -> str:
        """The text, one paragraph a line."""
        return "\n".join(p.text for p in self.paragraphs)

    def __str__(self) -> str:
        return self.text


class Listing(Model):
    """Đoạn chữ giữ nguyên dòng — text whose line breaks, tabs and page breaks are kept.

    ``\\n`` is a line break, ``\\t`` a tab, ``\\f`` a page break and ``\\a`` starts a new
    paragraph; the text keeps the formatting of its tag (docxtpl's ``Listing``).
    """

    text: RichString = Field(description="Chữ — the text")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value

    def __init__(self, text: str | None = None, /, **data: Any) -> None:
        """Make a listing: ``Listing("dòng 1\\ndòng 2")``."""
        if text is not None:
            data["text"] = text
        super().__init__(**data)

    def __str__(self) -> str:
        return self.text


def _read_file(value: Any, info: ValidationInfo, limit: int, what: str) -> tuple[bytes, str]:
    """Read a file named in the data (relative to ``context['base_dir']`` when validated with it)."""
    path = Path(os.fspath(value))
    base = (info.context or {}).get("base_dir") if info.context else None
    if not path.is_absolute() and base is not None:
        path = Path(base) / path
    try:
        stat = path.stat()
        if not path.is_file():
            raise IsADirectoryError(str(path))
        if stat.st_size > limit:
            raise ValueError(message(
                "the {what} {path} is {size} bytes, over the limit of {limit}; make it smaller",
                what=what, path=repr(str(path)), size=stat.st_size, limit=limit))
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ValueError(message(
            "cannot read the {what} {path} ({reason}); check the path",
            what=what, path=repr(str(path)), reason=exc.strerror or type(exc).__name__)) from exc
    return data, path.name


class Image(Model):
    """Hình ảnh — a picture (PNG or JPEG), e.g. a scanned signature or seal, sized in millimetres.

    Give the bytes (``Image(data=…, width_mm=35)``) or a path (``Image.from_path("con-dau.png",
    width_mm=35)``; in a data file ``{path: con-dau.png, width_mm: 35}`` or just the path,
    relative to ``base_dir`` in the validation context when the loader gives one, else to the
    working folder). With only a width or a height the other keeps the picture's proportions;
    with neither the picture's own size is used (its dots per inch, else 96).
    """

    model_config = _BINARY

    data: bytes = Field(repr=False, description="Nội dung tệp ảnh — the picture file's bytes")
    width_mm: float | None = Field(default=None, gt=0, description="Chiều rộng (mm) — width")
    height_mm: float | None = Field(default=None, gt=0, description="Chiều cao (mm) — height")
    description: str | None = Field(
        default=None, max_length=500, description="Mô tả (chữ thay ảnh) — alternative text"
    )

    @model_validator(mode="before")
    @classmethod
    def _from_source(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, bytes | bytearray):
            return {"data": bytes(value)}
        if isinstance(value, str | os.PathLike):
            value = {"path": value}
        if isinstance(value, dict) and "path" in value:
            rest = {k: v for k, v in value.items() if k != "path"}
            data, _name = _read_file(value["path"], info, LIMITS.image_bytes, _("picture"))
            return {"data": data, **rest}
        return value

    @classmethod
    def from_path(cls, path: str | os.PathLike[str], **fields: Any) -> Image:
        """Read a picture file: ``Image.from_path("con-dau.png", width_mm=35)``."""
        return cls.model_validate({"path": path, **fields})

    @model_validator(mode="after")
    def _check(self) -> Self:
        if len(self.data) > LIMITS.image_bytes:
            raise ValueError(message(
                "the picture is {size} bytes, over the limit of {limit}; save it smaller (a "
                "scanned signature or seal needs about 200 KB at 300 dpi)",
                size=len(self.data), limit=LIMITS.image_bytes))
        width, height = self.size_mm  # reads the picture: refused here when it is not one
        if max(width, height) > LIMITS.image_mm:
            raise ValueError(message(
                "the picture would be {width} × {height} mm on the page, over the limit of "
                "{limit} mm; give width_mm or height_mm (in millimetres)",
                width=round(width, 1), height=round(height, 1), limit=LIMITS.image_mm))
        return self

    @property
    def info(self) -> ImageInfo:
        """What the picture file holds: format, pixels, dots per inch (read from ``data``)."""
        return inspect_image(self.data)

    @property
    def format(self) -> Literal["png", "jpeg"]:
        """``png`` or ``jpeg``."""
        return self.info.format

    @property
    def pixels(self) -> tuple[int, int]:
        """The picture's width and height in pixels."""
        info = self.info
        return info.width, info.height

    @property
    def size_mm(self) -> tuple[float, float]:
        """The width and height the picture takes on the page, in millimetres."""
        info = self.info
        pixels_w, pixels_h = info.width, info.height
        if self.width_mm and self.height_mm:
            return self.width_mm, self.height_mm
        if self.width_mm:
            return self.width_mm, self.width_mm * pixels_h / pixels_w
        if self.height_mm:
            return self.height_mm * pixels_w / pixels_h, self.height_mm
        dpi_x, dpi_y = info.dpi or (96.0, 96.0)
        return pixels_w / dpi_x * 25.4, pixels_h / dpi_y * 25.4


class Subdoc(Model):
    """Văn bản chèn vào — another .docx (e.g. an annex) put into the document where its tag is.

    Give its bytes (``Subdoc(data=…)``), its path (``Subdoc.from_path("phu-luc.docx")``) or a
    python-docx ``Document`` (``Subdoc.from_document(doc)``: anything with ``save()``). Print
    it with ``{{p phu_luc }}`` (or ``{{ phu_luc }}`` alone in its paragraph): its paragraphs
    and tables take that place, with the styles, lists, pictures and links they need. It is
    read by the capped reader (the limits of :mod:`chibo_docs.limits`); footnotes, charts and
    embedded objects in it are refused.
    """

    model_config = _BINARY

    data: bytes = Field(repr=False, description="Nội dung tệp .docx — the .docx file's bytes")
    name: str = Field(default="sub-document", max_length=255,
                      description="Tên tệp (để báo lỗi) — the file's name, for messages")

    @model_validator(mode="before")
    @classmethod
    def _from_source(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, bytes | bytearray):
            return {"data": bytes(value)}
        if isinstance(value, str | os.PathLike):
            value = {"path": value}
        if isinstance(value, dict) and "path" in value:
            rest = {k: v for k, v in value.items() if k != "path"}
            data, name = _read_file(value["path"], info, LIMITS.package_bytes, _("sub-document"))
            return {"data": data, "name": name, **rest}
        if isinstance(value, dict) and "document" in value:
            rest = {k: v for k, v in value.items() if k != "document"}
            return {**_saved(value["document"]), **rest}
        return _saved(value)

    @classmethod
    def from_path(cls, path: str | os.PathLike[str]) -> Subdoc:
        """Read a .docx file: ``Subdoc.from_path("phu-luc.docx")``."""
        return cls.model_validate({"path": path})

    @classmethod
    def from_document(cls, document: Any) -> Subdoc:
        """Take a python-docx ``Document`` (anything with ``save(stream)``)."""
        return cls.model_validate({"document": document})

    @model_validator(mode="after")
    def _check(self) -> Self:
        check_subdocument(self.package, self.name)
        return self

    @property
    def package(self) -> dict[str, bytes]:
        """The files of the .docx, read by the capped reader (again at each call)."""
        return read_package(self.data, name=self.name)


def _saved(value: Any) -> Any:
    """Return a python-docx document (anything with ``save(stream)``) as sub-document data."""
    save = getattr(value, "save", None)
    if callable(save) and not isinstance(value, dict | Subdoc):
        buffer = io.BytesIO()
        save(buffer)
        return {"data": buffer.getvalue(), "name": "python-docx document"}
    return value
