"""docxtpl's own test suite, run through docxtpl and through chibo_docs, compared for a reader.

docxtpl's repository (elapouya/python-docx-template, folder ``tests/``) holds one script per
feature: a template, a context, ``render()``, ``save()``. Its .docx templates are binary and
not available here, so each template is recreated with python-docx from what the script's
context and docxtpl's documentation say it holds (the tags, styles, tables, headers,
footers and footnotes the script exercises); the contexts are the scripts' own.

Each :class:`Script` builds its template, then gives its context through a *kit*: docxtpl's
objects (``RichText``, ``InlineImage``, ``Subdoc``, ``Listing``) for docxtpl, chibo_docs'
(:mod:`chibo_docs.models.rich`) for chibo_docs, written once in chibo_docs' conventions
(sizes in points, colours ``#RRGGBB``) and translated for docxtpl. Both renderings are then
compared on visible text, table shapes and title/subject/author
(:mod:`tests.support.docx_compare`). A script whose renderings differ must be listed in
:data:`DELIBERATE` with the reason; ``python -m tests.support.docxtpl_suite`` prints the table.

36 scripts are run. Left out, with the reason: ``runtests``, ``main``, ``module_execute*``,
``utf8_locale`` (docxtpl's runner and command line); ``get_undeclared_variables`` (docxtpl's
API; chibo_docs' equivalent is ``lint_template``); ``replace_picture``, ``header_footer_image*``,
``embedded*``, ``*issue_621*`` (replacing files inside the .docx, not rendering tags);
``custom_delimiters`` (a custom Jinja environment: chibo_docs' tag syntax is fixed);
``hyperlink`` and ``complex_vertical_merging`` (features newer than docxtpl 0.20.2, the
version installed); ``cellbg_selfclosing``, ``cellbg_shorthand``, ``patch_xml_modulo_brace``
(unit tests of docxtpl's ``patch_xml``, which chibo_docs runs as it is); ``pandoc_subdoc``
(needs pandoc); ``subdoc_optional_dependency`` (docxtpl's packaging);
``merge_docx_with_render`` (relies on docxtpl re-reading its template between renders);
``unescape_jinja2_tags`` (its template is unknown; ``escaping_delimiters`` covers it).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
import jinja2
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Mm, RGBColor
from docxtpl import DocxTemplate, InlineImage, Listing, RichText, RichTextParagraph
from lxml import etree

from chibo_docs import models
from chibo_docs.formatting.filters import FILTERS
from chibo_docs.templating.engine import render_template_bytes
from chibo_docs.templating.lint import lint_template
from samples.pictures import JPEG_1x1, png
from tests.support.docx_compare import compare

__all__ = ["DELIBERATE", "SCRIPTS", "Outcome", "Script", "run_script"]

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + _W_NS + "}"

Cell = Any
"""A table cell: its text, or its paragraphs (texts, or a nested :class:`Table`)."""


# -- templates -------------------------------------------------------------------------------
@dataclass
class Template:
    """A template to build: paragraphs (a paragraph is a text, or runs), tables, header, footer."""

    body: Sequence[Any] = field(default_factory=list)
    header: Sequence[Any] = field(default_factory=list)
    footer: Sequence[Any] = field(default_factory=list)
    footnote: str | None = None
    title: str | None = None
    subject: str | None = None
    author: str | None = None
    character_styles: tuple[str, ...] = ()
    paragraph_styles: tuple[str, ...] = ()

    def save(self, path: Path) -> Path:
        document = docx.Document()
        for name in self.character_styles:
            style = document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
            style.font.color.rgb = RGBColor(0x33, 0x66, 0x99)
        for name in self.paragraph_styles:
            if name not in [s.name for s in document.styles]:
                document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        section = document.sections[0]
        for part, blocks in ((section.header, self.header), (section.footer, self.footer)):
            if blocks:
                part.paragraphs[0].text = ""
                _fill(part, blocks, first=part.paragraphs[0])
        _fill(document, self.body)
        if self.title is not None:
            document.core_properties.title = self.title
        if self.subject is not None:
            document.core_properties.subject = self.subject
        if self.author is not None:
            document.core_properties.author = self.author
        document.save(str(path))
        if self.footnote is not None:
            _add_footnote(path, self.footnote)
        return path


def _paragraph(container: Any, content: Any, first: Any = None) -> None:
    paragraph = first if first is not None else container.add_paragraph()
    runs = [content] if isinstance(content, str) else list(content)
    for text in runs:
        paragraph.add_run(text)


def _fill(container: Any, blocks: Sequence[Any], first: Any = None) -> None:
    for block in blocks:
        if isinstance(block, Table):
            block.add_to(container)
        else:
            _paragraph(container, block, first)
            first = None


@dataclass
class Table:
    """A table: rows of cells (a cell's text, or its paragraphs); ``spans`` merges cells."""

    rows: list[list[Cell]]
    spans: list[tuple[int, int, int]] = field(default_factory=list)
    """(row, first cell, last cell) to merge horizontally before filling."""

    def add_to(self, container: Any) -> None:
        width = max(len(row) for row in self.rows)
        table = container.add_table(rows=len(self.rows), cols=width)
        for at, first, last in self.spans:
            table.cell(at, first).merge(table.cell(at, last))
        for r, cells_of_row in enumerate(self.rows):
            cells = _distinct(table.rows[r].cells)
            for c, content in enumerate(cells_of_row):
                if c >= len(cells):
                    break
                cell = cells[c]
                paragraphs = [content] if isinstance(content, str) else list(content)
                cell.paragraphs[0].text = paragraphs[0] if paragraphs else ""
                for more in paragraphs[1:]:
                    if isinstance(more, Table):
                        more.add_to(cell)
                    else:
                        cell.add_paragraph(more)


def _distinct(cells: Sequence[Any]) -> list[Any]:
    out: list[Any] = []
    for cell in cells:
        if not out or cell._tc is not out[-1]._tc:
            out.append(cell)
    return out


def _add_footnote(path: Path, text: str) -> None:
    """Give a saved .docx a footnote holding ``text``, referenced from its first paragraph."""
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    footnotes = (
        f'<w:footnotes xmlns:w="{_W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        '</w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
        "</w:footnote></w:footnotes>"
    )
    files["word/footnotes.xml"] = footnotes.encode()
    rels = etree.fromstring(files["word/_rels/document.xml.rels"])
    etree.SubElement(
        rels, "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship",
        Id="rIdFootnotes",
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes",
        Target="footnotes.xml",
    )
    files["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True,
                                                            encoding="UTF-8", standalone=True)
    types = etree.fromstring(files["[Content_Types].xml"])
    etree.SubElement(
        types, "{http://schemas.openxmlformats.org/package/2006/content-types}Override",
        PartName="/word/footnotes.xml",
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
    )
    files["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8",
                                                  standalone=True)
    document = etree.fromstring(files["word/document.xml"])
    first = document.find(f"{_W}body/{_W}p")
    assert first is not None
    run = etree.SubElement(first, _W + "r")
    etree.SubElement(run, _W + "footnoteReference").set(_W + "id", "1")
    files["word/document.xml"] = etree.tostring(document, xml_declaration=True, encoding="UTF-8",
                                                standalone=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)


# -- the kits: rich values for docxtpl, and for chibo_docs -------------------------------------
class Kit:
    """Rich values written once, in chibo_docs' conventions."""

    def rich(self, text: str | None = None, **formatting: Any) -> Any:
        raise NotImplementedError

    def add(self, rich: Any, text: str, **formatting: Any) -> Any:
        raise NotImplementedError

    def paragraphs(self, items: Sequence[tuple[Any, str | None]]) -> Any:
        raise NotImplementedError

    def image(self, data: bytes, width_mm: float | None = None,
              height_mm: float | None = None) -> Any:
        raise NotImplementedError

    def subdoc(self, build: Callable[[Any], None] | None = None, path: Path | None = None) -> Any:
        raise NotImplementedError

    def listing(self, text: str) -> Any:
        raise NotImplementedError


class DocxtplKit(Kit):
    """docxtpl's objects (sizes in half points, ``font='eastAsia:…'``)."""

    def __init__(self, template: DocxTemplate, folder: Path) -> None:
        self.template = template
        self.folder = folder

    def _formatting(self, formatting: Mapping[str, Any]) -> dict[str, Any]:
        out = dict(formatting)
        if "size" in out:
            out["size"] = int(out["size"] * 2)
        if "east_asia_font" in out:
            out["font"] = "eastAsia:" + out.pop("east_asia_font")
        if "link" in out:
            out["url_id"] = self.template.build_url_id(out.pop("link"))
        if "position" in out:
            out[out.pop("position")] = True
        return out

    def rich(self, text: str | None = None, **formatting: Any) -> Any:
        return RichText(text, **self._formatting(formatting))

    def add(self, rich: Any, text: str, **formatting: Any) -> Any:
        rich.add(text, **self._formatting(formatting))
        return rich

    def paragraphs(self, items: Sequence[tuple[Any, str | None]]) -> Any:
        paragraphs = RichTextParagraph()
        for text, style in items:
            paragraphs.add(text, parastyle=style)
        return paragraphs

    def image(self, data: bytes, width_mm: float | None = None,
              height_mm: float | None = None) -> Any:
        return InlineImage(self.template, io.BytesIO(data),
                           width=Mm(width_mm) if width_mm else None,
                           height=Mm(height_mm) if height_mm else None)

    def subdoc(self, build: Callable[[Any], None] | None = None, path: Path | None = None) -> Any:
        if path is not None:
            return self.template.new_subdoc(str(path))
        sub = self.template.new_subdoc()
        assert build is not None
        build(sub)
        return sub

    def listing(self, text: str) -> Any:
        return Listing(text)


class ChiboKit(Kit):
    """chibo_docs' rich values (:mod:`chibo_docs.models.rich`)."""

    def __init__(self, template: Path) -> None:
        self.template = template

    def rich(self, text: str | None = None, **formatting: Any) -> Any:
        return models.RichText(text, **formatting) if text is not None else models.RichText()

    def add(self, rich: Any, text: str, **formatting: Any) -> Any:
        return rich + models.Run(text, **formatting)

    def paragraphs(self, items: Sequence[tuple[Any, str | None]]) -> Any:
        return models.RichParagraphs(*(models.RichParagraph(text, style=style)
                                       for text, style in items))

    def image(self, data: bytes, width_mm: float | None = None,
              height_mm: float | None = None) -> Any:
        return models.Image(data=data, width_mm=width_mm, height_mm=height_mm)

    def subdoc(self, build: Callable[[Any], None] | None = None, path: Path | None = None) -> Any:
        if path is not None:
            return models.Subdoc.from_path(path)
        # docxtpl's new_subdoc() starts from the template: its styles are there
        document = docx.Document(str(self.template))
        body = document.element.body
        for child in list(body):
            if child.tag != _W + "sectPr":
                body.remove(child)
        assert build is not None
        build(document)
        return models.Subdoc.from_document(document)

    def listing(self, text: str) -> Any:
        return models.Listing(text)


# -- the scripts -----------------------------------------------------------------------------
Context = Callable[[Kit, Path], Mapping[str, Any]]


@dataclass
class Script:
    """One script of docxtpl's suite: its template, its context(s), how docxtpl renders it."""

    name: str
    template: Callable[[Path], Template]
    contexts: Sequence[Context]
    autoescape: bool = False
    filters: Mapping[str, Callable[..., Any]] = field(default_factory=dict)


def _values_of(values: Mapping[str, Any]) -> Context:
    def context(kit: Kit, folder: Path) -> Mapping[str, Any]:
        return values
    return context


def _one(values: Mapping[str, Any]) -> list[Context]:
    return [_values_of(values)]


def _alerts(kit: Kit, folder: Path) -> Mapping[str, Any]:
    return {"alerts": [
        {"date": "2015-03-10", "desc": "Very critical alert", "type": "CRITICAL", "bg": "FF0000"},
        {"date": "2015-03-11", "desc": "Just a warning", "type": "WARNING", "bg": "FFDD00"},
        {"date": "2015-03-12", "desc": "Information", "type": "INFO", "bg": "8888FF"},
        {"date": "2015-03-13", "desc": "Debug trace", "type": "DEBUG", "bg": "FF00FF"},
    ]}


def _richtext(kit: Kit, folder: Path) -> Mapping[str, Any]:
    rt = kit.rich("an exemple of ")
    pieces: list[tuple[str, dict[str, Any]]] = [
        ("a rich text", {"style": "myrichtextstyle"}), (" with ", {}),
        ("some italic", {"italic": True}), (" and ", {}), ("some violet", {"color": "#ff00ff"}),
        (" and ", {}), ("some striked", {"strike": True}), (" and ", {}),
        ("some small", {"size": 7}), (" or ", {}), ("big", {"size": 30}), (" text.", {}),
        (" Et voilà ! ", {}), ("\n1st line", {}), ("\n2nd line", {}), ("\n3rd line", {}),
        ("\n\n<cool>", {}),
    ]
    for text, formatting in pieces:
        rt = kit.add(rt, text, **formatting)
    return {"example": rt}


def _richtextparagraph(kit: Kit, folder: Path) -> Mapping[str, Any]:
    rt = kit.rich("This works with ")
    rt = kit.add(rt, "Rich ", bold=True)
    rt = kit.add(rt, "Text ", italic=True)
    rt = kit.add(rt, "Strings", underline="single")
    rt = kit.add(rt, " too.")
    return {"example": kit.paragraphs([
        ("The rich text paragraph function allows paragraph styles to be added to text",
         "myrichparastyle"),
        ("Any built in paragraph style can be used", "IntenseQuote"),
        ("or you can add your own, unlocking all style options", "createdStyle"),
        ("To use, just create a style in your template word doc with the formatting you want "
         "and call it in the code.", "normal"),
        ("This allows for the use of", None),
        ("custom bullet\apoints", "SquareBullet"),
        ("Numbered Bullet Points", "BasicNumbered"),
        ("and Alpha Bullet Points.", "alphaBracketNumbering"),
        ("You can", "normal"), ("set the", "centerAlign"), ("text alignment", "rightAlign"),
        ("as well as the spacing between lines of text.\aIt also has no space between "
         "paragraphs of the same style.", "TightLineSpacing"),
        ("Unlike this one, which has extra large spacing between lines.", "WideLineSpacing"),
        ("You can also set the background colour of a line.", "LineShadingGreen"),
        (rt, "SquareBullet"),
    ])}


def _escape(kit: Kit, folder: Path) -> Mapping[str, Any]:
    return {
        "myvar": kit.rich('"less than" must be escaped : <, this can be done with RichText() or R()'),
        "myescvar": 'It can be escaped with a "|e" jinja filter in the template too : < ',
        "nlnp": kit.rich("Here is a multiple\nlines\nstring\aand some\aother\aparagraphs",
                         color="#ff00ff"),
        "mylisting": kit.listing("the listing\nwith\nsome\nlines\nand special chars : <>& ..."),
        "page_break": kit.rich("\f"),
        "new_listing": "\nThis is a new listing\nNow, does not require Listing() Object\n"
                       "Here is a \t tab\a\nHere is a new paragraph\a\nHere is a page break : "
                       "\f\nThat's it\n",
        "some_html": "HTTP/1.1 200 OK\nServer: Apache-Coyote/1.1\nContent-Language: zh-CN\n\n"
                      "<html>\n<head>\n    <title>Struts Problem Report</title>\n</head>\n"
                      "<body>\n...\n</body>\n</html>",
    }


def _escape_auto(kit: Kit, folder: Path) -> Mapping[str, Any]:
    return {
        "myvar": kit.rich('"less than" must be escaped : <, this can be done with RichText() or R()'),
        "myescvar": 'It can be escaped with a "|e" jinja filter in the template too : < ',
        "nlnp": kit.rich("Here is a multiple\nlines\nstring\aand some\aother\aparagraphs\aNOTE: "
                         "the current character styling is removed"),
        "mylisting": kit.listing("the listing\nwith\nsome\nlines\nand special chars : <>&"),
        "autoescape": """<, >, &, ", and '.""",
    }


def _sub_paragraphs(text: str) -> Callable[[Any], None]:
    def build(document: Any) -> None:
        document.add_paragraph(text)
    return build


def _subdoc(kit: Kit, folder: Path) -> Mapping[str, Any]:
    def build(document: Any) -> None:
        document.add_paragraph("This is a sub-document inserted into a bigger one")
        paragraph = document.add_paragraph("It has been ")
        paragraph.add_run("dynamically").style = "dynamic"
        paragraph.add_run(" generated with python by using ")
        paragraph.add_run("python-docx").italic = True
        paragraph.add_run(" library")
    return {"mysubdoc": kit.subdoc(build)}


def _header_footer(title: str, company: str) -> Context:
    def context(kit: Kit, folder: Path) -> Mapping[str, Any]:
        return {
            "title": title, "company_name": company, "date": "2016-03-17",
            "mysubdoc": kit.subdoc(_sub_paragraphs(
                "This is a sub-document to check it does not break header and footer")),
        }
    return context


def _annex(folder: Path) -> Path:
    """A sub-document file: a heading, a numbered list, a table and a picture."""
    document = docx.Document()
    document.add_paragraph("Phụ lục: danh sách", style="Heading 1")
    for item in ("Mục một", "Mục hai"):
        document.add_paragraph(item, style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(1, 1).text = "a", "d"
    document.add_picture(io.BytesIO(png(30, 30, (0, 120, 0))))
    path = folder / "annex.docx"
    document.save(str(path))
    return path


def _frameworks(kit: Kit, folder: Path) -> Mapping[str, Any]:
    return {
        "myimage": kit.image(png(60, 30), width_mm=20),
        "myimageratio": kit.image(JPEG_1x1, width_mm=30, height_mm=60),
        "frameworks": [
            {"image": kit.image(png(40, 20, (0, 0, 200)), height_mm=10), "desc": desc}
            for desc in ("The web framework for perfectionists with deadlines",
                         "Zope is a leading Open Source Application Server",
                         "Pyramid is a lightweight Python web framework")
        ],
    }


def _order(kit: Kit, folder: Path) -> Mapping[str, Any]:
    return {
        "customer_name": "Eric",
        "items": [
            {"desc": "Python interpreters", "qty": 2, "price": "FREE"},
            {"desc": "Django projects", "qty": 5403, "price": "FREE"},
            {"desc": "Guido", "qty": 1, "price": "100,000,000.00"},
        ],
        "in_europe": True, "is_paid": False, "company_name": "The World Wide company",
        "total_price": "100,000,000.00",
    }


def _nested(kit: Kit, folder: Path) -> Mapping[str, Any]:
    return {
        "dishes": [
            {"name": "Pizza", "ingredients": ["bread", "tomato", "ham", "cheese"]},
            {"name": "Hamburger", "ingredients": ["bread", "chopped steak", "cheese", "sauce"]},
        ],
        "authors": [
            {"name": "Saint-Exupery", "books": [{"title": "Le petit prince"},
                                                {"title": "L'aviateur"}]},
            {"name": "Barjavel", "books": [{"title": "Ravage"}, {"title": "La nuit des temps"}]},
        ],
    }


def _inline_image_and_subdoc(kit: Kit, folder: Path) -> Mapping[str, Any]:
    return {"subdoc": kit.subdoc(path=_annex(folder)), "image": kit.image(png(50, 50))}


def _filter_a(value: str, argument: str) -> str:
    return value + " " + argument


def _filter_b(value: float, argument: float) -> float:
    return value + argument


SCRIPTS: list[Script] = [
    Script("cellbg", lambda f: Template(body=["Alerts", Table([
        ["Date", "Type", "Description"],
        ["{%tr for a in alerts %}", "", ""],
        ["{% cellbg a.bg %}{{ a.date }}", "{% cellbg a.bg %}{{ a.type }}", "{{ a.desc }}"],
        ["{%tr endfor %}", "", ""],
    ])]), [_alerts]),
    Script("comments", lambda f: Template(body=[
        "A text {# an inline comment #}with a comment inside.",
        "{#p this whole paragraph is a comment #}",
        "The end.",
        Table([["{#tr a table row that is a comment #}", ""], ["a", "b"]]),
    ]), _one({})),
    Script("custom_jinja_filters", lambda f: Template(body=[
        "{{ base_value_string | my_filterA('world') }}",
        "{{ base_value_float | my_filterB(2.5) }}",
    ]), _one({"base_value_string": " Hello", "base_value_float": 1.5}),
        filters={"my_filterA": _filter_a, "my_filterB": _filter_b}),
    Script("doc_properties", lambda f: Template(
        body=["Body: {{ test }}"], title="Title {{ test }}", subject="{{ test }} subject",
        author="{{ test }}"), _one({"test": "HelloWorld"})),
    Script("core_properties", lambda f: Template(
        body=["{{ test }}"], title="{{ test }}"), _one({"test": "HelloWorld"})),
    Script("dynamic_table", lambda f: Template(body=[Table([
        ["", "{%tc for col in col_labels %}", "{{ col }}", "{%tc endfor %}"],
        ["{%tr for row in tbl_contents %}", "", "", ""],
        ["{{ row.label }}", "{%tc for col in row.cols %}", "{{ col }}", "{%tc endfor %}"],
        ["{%tr endfor %}", "", "", ""],
    ])]), _one({
        "col_labels": ["fruit", "vegetable", "stone", "thing"],
        "tbl_contents": [
            {"label": "yellow", "cols": ["banana", "capsicum", "pyrite", "taxi"]},
            {"label": "red", "cols": ["apple", "tomato", "cinnabar", "doubledecker"]},
            {"label": "green", "cols": ["guava", "cucumber", "aventurine", "card"]},
        ],
    })),
    Script("escape", lambda f: Template(body=[
        "{{r myvar }}", "{{ myescvar | e }}", "{{r nlnp }}", "{{ mylisting }}",
        "{{r page_break }}", "{{ new_listing }}", "{{ some_html | e }}",
    ]), [_escape]),
    Script("escape_auto", lambda f: Template(body=[
        "{{r myvar }}", "{{ myescvar }}", "{{r nlnp }}", "{{ mylisting }}", "{{ autoescape }}",
    ]), [_escape_auto], autoescape=True),
    Script("footnotes", lambda f: Template(
        body=["A text with a footnote."], footnote="{{ a_jinja_variable }}"),
        _one({"a_jinja_variable": "A Jinja variable!"})),
    Script("header_footer", lambda f: Template(
        header=["{{ title }}"], footer=["{{ company_name }} - {{ date }}"],
        body=["Body of the document", "{{p mysubdoc }}", "The end"]),
        [_header_footer("Header and footer test", "The World Wide company")]),
    Script("header_footer_entities", lambda f: Template(
        header=["{{ title }} & <entities> \"quoted\""], footer=["{{ company_name }} & co"],
        body=["Body with & < > entities"]), _one({"title": "Header and footer test"})),
    Script("header_footer_inline_image", lambda f: Template(
        header=["Logo: {{ inline_image }}"], body=["Body"]),
        [lambda kit, folder: {"inline_image": kit.image(png(50, 25), height_mm=10)}]),
    Script("header_footer_utf8", lambda f: Template(
        header=["{{ title }} 헤더"], footer=["{{ company_name }} - {{ date }}"],
        body=["유니코드 본문", "{{p mysubdoc }}"]), [_header_footer("헤더와 푸터", "세계적 회사")]),
    Script("header_footer_ko", lambda f: Template(
        header=["{{ title }}"], footer=["{{ company_name }}"], body=["{{p mysubdoc }}"]),
        [_header_footer("헤더와 푸터", "세계적 회사")]),
    Script("horizontal_merge", lambda f: Template(body=[Table([
        ["{% colspan 3 %}Spans three columns", "", ""],
        ["{%tc for i in ['a', 'b', 'c'] %}", "{% hm %}Merged by hm", "{%tc endfor %}"],
        ["x", "y", "z"],
    ])]), _one({})),
    Script("illegal_xml_chars", lambda f: Template(
        body=["{{ myvar }}", "{{ escaped }}"], header=["{{ hdr }}"], footer=["{{ ftr }}"],
        title="{{ prop }}"), _one({"myvar": "a\x01b", "escaped": "<c>\x01", "hdr": "header\x01",
                                   "ftr": "footer\x01", "prop": "property\x01"}),
        autoescape=True),
    Script("inline_image", lambda f: Template(body=[
        "Python logo: {{ myimage }}", "Ratio: {{ myimageratio }}",
        Table([["{%tr for f in frameworks %}", ""], ["{{ f.image }}", "{{ f.desc }}"],
               ["{%tr endfor %}", ""]]),
    ]), [_frameworks], autoescape=True),
    Script("inline_image_and_subdoc", lambda f: Template(body=["{{p subdoc }}", "{{ image }}"]),
           [_inline_image_and_subdoc, _inline_image_and_subdoc]),
    Script("invalid_xml_after_rendering", lambda f: Template(body=[
        "Criticality: {{ defect.criticality }}", "Source: {{ defect.source }}",
    ]), _one({"defect": {"criticality": "<select>", "source": "QA"}}), autoescape=True),
    Script("less_cells_after_loop", lambda f: Template(body=[Table([
        ["a", "b", "c", "d"],
        ["{%tc for x in ['1', '2'] %}", "{{ x }}", "{%tc endfor %}", "z"],
    ])]), _one({})),
    Script("merge_docx", lambda f: Template(body=["Master before", "{{p mysubdoc }}",
                                                   "Master after"]),
           [lambda kit, folder: {"mysubdoc": kit.subdoc(path=_annex(folder))}]),
    Script("merge_paragraph", lambda f: Template(body=[
        "My house is located", "{%- if living_in_town -%}", "in urban area", "{%- else -%}",
        "in countryside", "{%- endif -%}", "and I love it.",
    ]), _one({"living_in_town": True})),
    Script("multi_rendering", lambda f: Template(body=["{{ title }}", "{{ body }}"]), [
        _values_of({"title": f"Title {n}", "body": f"This is the body for {n}"})
        for n in ("ONE", "TWO", "THREE")
    ]),
    Script("nested_for", lambda f: Template(body=[
        "{%p for dish in dishes %}", "{{ dish.name }}:", "{%p for i in dish.ingredients %}",
        "- {{ i }}", "{%p endfor %}", "{%p endfor %}",
        Table([["{%tr for a in authors %}", ""],
               ["{{ a.name }}", ["{%p for b in a.books %}", "{{ b.title }}", "{%p endfor %}"]],
               ["{%tr endfor %}", ""]]),
    ]), [_nested]),
    Script("order", lambda f: Template(body=[
        "Dear {{ customer_name }},", "Here is your order:",
        Table([["Description", "Quantity", "Price"],
               ["{%tr for item in items %}", "", ""],
               ["{{ item.desc }}", "{{ item.qty }}", "{{ item.price }}"],
               ["{%tr endfor %}", "", ""],
               ["Total", "", "{{ total_price }}"]]),
        "{% if in_europe %}Delivery in Europe.{% else %}Delivery worldwide.{% endif %}",
        "{%p if is_paid %}", "Thank you for your payment.", "{%p else %}",
        "Please pay before delivery.", "{%p endif %}", "{{ company_name }}",
        # as Word types them: curly quotes around a string, & inside one, a guarded field
        "{% if customer_name == \u2018Eric\u2019 %}Hello Eric!{% endif %}",
        "{{ customer_name ~ \u201c & Co\u201d }} / {{ \u201cR&D\u201d }}",
        "Note: {{ note | default('none') }}",
    ]), [_order]),
    Script("preserve_spaces", lambda f: Template(body=[
        ["Are you ", "{{ tag_1 }}", " for spicy food ", "{{ tag_2 }}", " ?"],
        ["{{", " tag_1 ", "}} {{ tag_2", " }}", " end"],
    ]), _one({"tag_1": "looking", "tag_2": "too"})),
    Script("richtext", lambda f: Template(body=["Rich text: {{r example }}", "After."],
                                          character_styles=("myrichtextstyle",)), [_richtext]),
    Script("richtext_and_if", lambda f: Template(body=[
        "Before {%r if foobar %}{{r foobar }}{%r endif %} after",
    ]), [lambda kit, folder: {"foobar": kit.rich("Foobar!", color="#ff0000")}]),
    Script("richtext_eastAsia", lambda f: Template(body=[
        "{{r example }}", "{{r Chinese }}", "{{r simsun }}",
    ]), [lambda kit, folder: {
        "example": kit.rich("测试TEST", east_asia_font="Microsoft YaHei"),
        "Chinese": kit.rich("测试TEST", east_asia_font="微软雅黑"),
        "simsun": kit.rich("测试TEST", east_asia_font="SimSun"),
    }]),
    Script("richtextparagraph", lambda f: Template(
        body=["Before", "{{p example }}", "After"],
        paragraph_styles=("myrichparastyle", "createdStyle", "SquareBullet", "BasicNumbered",
                          "alphaBracketNumbering", "centerAlign", "rightAlign",
                          "TightLineSpacing", "WideLineSpacing", "LineShadingGreen")),
           [_richtextparagraph]),
    Script("subdoc", lambda f: Template(body=["Before", "{{p mysubdoc }}", "After"],
                                        character_styles=("dynamic",)), [_subdoc]),
    Script("template_error", lambda f: Template(body=["{{ test_variable }", "more"]),
           _one({"test_variable": "test variable value"})),
    Script("vertical_merge", lambda f: Template(body=[Table([
        ["Category", "Description", "Quantity"],
        ["{%tr for i in items %}", "", ""],
        ["{% vm %}{{ category }}", "{{ i.desc }}", "{{ i.qty }}"],
        ["{%tr endfor %}", "", ""],
        ["Total", "", "{{ total_price }}"],
    ])]), _one({
        "items": [{"desc": "Python interpreters", "qty": 2}, {"desc": "Django projects", "qty": 5403},
                  {"desc": "Guido", "qty": 1}],
        "total_price": "100,000,000.00", "category": "Book",
    })),
    Script("vertical_merge_nested", lambda f: Template(body=[Table([
        ["Outer", ["inner:", Table([
            ["{%tr for i in ['1', '2', '3'] %}", ""],
            ["{% vm %}Merged", "{{ i }}"],
            ["{%tr endfor %}", ""],
        ])]],
    ])]), _one({})),
    Script("word2016", lambda f: Template(body=[
        "[{{ test_space }}]", "[{{ test_tabs }}]", "[{{r test_space_r }}]", "[{{r test_tabs_r }}]",
    ]), [lambda kit, folder: {"test_space": "          ", "test_tabs": 5 * "\t",
                              "test_space_r": kit.rich("          "),
                              "test_tabs_r": kit.rich(5 * "\t")}]),
    Script("escaping_delimiters", lambda f: Template(body=[
        "{_%", "%_}", "{_{", "}_}", ["{", "_", "%"], ["%", "_", "}"], "{a_{hello", "{f_{",
    ]), _one({})),
]
"""The 36 scripts of docxtpl's suite that render a template, each with its template rebuilt."""

DELIBERATE: dict[str, str] = {
    "header_footer_entities": (
        "refused: the footer prints {{ company_name }}, which the context lacks; docxtpl prints "
        "a blank, chibo_docs names the footer, paragraph, tag and field (write "
        "{{ company_name | default('') }} to allow it)"
    ),
}
"""Scripts whose renderings differ on purpose, with the reason."""


# -- running ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Outcome:
    """How a script went: ``same``, ``deliberate`` (a listed difference) or ``different``."""

    name: str
    verdict: str
    docxtpl: str
    chibo_docs: str
    differences: tuple[str, ...] = ()
    lint_errors: tuple[str, ...] = ()
    """The linter's errors on the template (none expected on a template that renders)."""


def _docxtpl(script: Script, template: Path, folder: Path) -> list[bytes] | str:
    tpl = DocxTemplate(str(template))
    env = None
    if script.filters:
        env = jinja2.Environment(autoescape=script.autoescape)
        env.filters.update(script.filters)
    outputs = []
    try:
        for context in script.contexts:
            tpl.render(dict(context(DocxtplKit(tpl, folder), folder)), env,
                       autoescape=script.autoescape)
            buffer = io.BytesIO()
            tpl.save(buffer)
            outputs.append(buffer.getvalue())
    except Exception as exc:  # docxtpl refuses: a syntax error, invalid XML…
        return f"refused ({type(exc).__name__})"
    return outputs


def _chibo(script: Script, template: Path, folder: Path) -> list[bytes] | str:
    from chibo_docs.errors import ChiboDocsError

    outputs = []
    try:
        for context in script.contexts:
            values = dict(context(ChiboKit(template), folder))
            filters = {**FILTERS, **script.filters} if script.filters else None
            outputs.append(render_template_bytes(template, values, filters=filters))
    except ChiboDocsError as exc:
        return f"refused ({type(exc).__name__})"
    return outputs


def run_script(script: Script, folder: Path | None = None) -> Outcome:
    """Render ``script`` with docxtpl and with chibo_docs, and compare what a reader sees."""
    with tempfile.TemporaryDirectory() as scratch:
        where = folder or Path(scratch)
        template = script.template(where).save(where / f"{script.name}_tpl.docx")
        theirs = _docxtpl(script, template, where)
        ours = _chibo(script, template, where)
        filters = {**FILTERS, **script.filters} if script.filters else None
        lint_errors = tuple(
            f"{p.code} {p.tag}: {p.message}"
            for p in lint_template(template, filters=filters, layout=None)
            if p.severity == "error"
        )
    differences: list[str] = []
    if isinstance(theirs, str) or isinstance(ours, str):
        same = isinstance(theirs, str) and isinstance(ours, str)
        if not same:
            differences.append(f"docxtpl: {theirs if isinstance(theirs, str) else 'rendered'}; "
                               f"chibo_docs: {ours if isinstance(ours, str) else 'rendered'}")
    else:
        for a, b in zip(theirs, ours, strict=True):
            differences += compare(a, b)
    shown = ("rendered" if not isinstance(theirs, str) else theirs,
             "rendered" if not isinstance(ours, str) else ours)
    if not differences:
        verdict = "same"
    elif script.name in DELIBERATE:
        verdict = "deliberate"
    else:
        verdict = "different"
    return Outcome(script.name, verdict, *shown, tuple(differences), lint_errors)


def main() -> None:
    """Print the comparison table of the 36 scripts."""
    outcomes = [run_script(script) for script in SCRIPTS]
    print("| Script | docxtpl | chibo_docs | Verdict | Lint errors |")
    print("|---|---|---|---|---|")
    for o in outcomes:
        reason = f": {DELIBERATE[o.name]}" if o.verdict == "deliberate" else ""
        lint = "; ".join(o.lint_errors) or "none"
        print(f"| {o.name} | {o.docxtpl} | {o.chibo_docs} | {o.verdict}{reason} | {lint} |")
    counts = {v: sum(o.verdict == v for o in outcomes) for v in ("same", "deliberate", "different")}
    print(f"\n{len(outcomes)} scripts: {counts}")
    for o in outcomes:
        if o.verdict == "different":
            print(f"\n## {o.name}\n" + "\n".join(o.differences))


if __name__ == "__main__":
    main()
