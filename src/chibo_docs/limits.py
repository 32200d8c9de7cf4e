"""Safety limits on reading .docx files and on rendering templates, in one place.

A .docx is a zip archive of XML parts; a template is Jinja code run on the data. Both can be
written to exhaust memory or time (a zip bomb, ``{{ 'A' * 1500000000 }}``, loops nested over
long lists). Each limit below is checked *before* the work it guards, and a refusal is a
:class:`~chibo_docs.errors.TemplateLimitError` that names the file, the part and (in a
template) the paragraph and tag, the limit and the amount found.

The defaults are far above what the built-in forms need. Measured on the three built-in
templates rendered with the bundled examples: at most 11 parts, 60 KB for the largest part,
70 KB in all, compression at most 18:1, 188 tags in a part, 260 steps of work, a rendered
part of 55 KB and a whole document of 64 KB (tests/test_safety_limits.py renders them all
with a twentieth of the limits).

>>> from chibo_docs.limits import LIMITS
>>> LIMITS.member_bytes // 2**20, LIMITS.string_length
(16, 1000000)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = ["LIMITS", "Limits"]

_MiB = 2**20


@dataclass(frozen=True)
class Limits:
    """The safety limits; :data:`LIMITS` holds the ones in force."""

    # -- reading a .docx (any zip member is checked from the zip directory, before reading,
    #    and again while it is read, in case the directory lies) -----------------------------
    zip_members: int = 2_000
    """Files in the archive. Word writes 10-30; each picture or embedded font adds one."""
    member_bytes: int = 16 * _MiB
    """Unpacked size of one file of the archive (a picture, an embedded font…)."""
    xml_part_bytes: int = 4 * _MiB
    """Unpacked size of one XML part (``word/document.xml``, a header, the styles…). Parsing
    and checking a part costs about 20 times its size in memory (measured: 285 MB for a
    15 MB body); the built-in templates' largest part is 60 KB, and 4 MiB holds a Word
    document of about 200 pages."""
    package_bytes: int = 64 * _MiB
    """Unpacked size of all the files of the archive together."""
    compression_ratio: int = 100
    """Unpacked size / packed size of one file, checked on files over 1 MiB unpacked. Word's
    XML packs about 5-20 to 1; a zip bomb about 1,000 to 1. Apache POI refuses OOXML parts
    over 100:1 too (``ZipSecureFile.setMinInflateRatio(0.01)``), from 100 KB on."""
    ratio_floor_bytes: int = 1 * _MiB
    """Files smaller than this unpacked are not held to :attr:`compression_ratio` (POI: 100 KB;
    larger here, as a small part cannot cost much memory whatever its ratio)."""

    # -- running a template (per render: the steps and the depth count across all parts) ---
    string_length: int = 1_000_000
    """Characters in a text a tag builds or prints (a ``*``, ``~``, ``%`` or a filter such
    as ``center``, ``replace`` or ``join``), about 300 printed pages."""
    list_length: int = 100_000
    """Items in a list a tag builds; the same as Jinja's own limit on ``range()``."""
    int_digits: int = 4_300
    """Decimal digits of a number a tag computes; Python's own limit for printing an integer
    (``sys.int_info.default_max_str_digits``)."""
    steps: int = 200_000
    """Work in one render: one step per loop iteration, per filter, operator or printed value,
    20 per call (a macro call costs Jinja about 20 loop iterations), and one per 1,000
    characters or items a filter, operator or method handles. The built-in forms take under
    1,000; 200,000 steps take 0.1 to 2 seconds."""
    call_depth: int = 50
    """Macros (or other calls) running inside one another: a macro that calls itself
    without end stops here, well before Python's own recursion limit."""
    nesting: int = 40
    """Brackets nested in one tag; Jinja's parser itself gives up at about 70."""
    block_nesting: int = 20
    """Blocks (``{% for %}``, ``{% if %}``, ``{% macro %}``…) open inside one another. Python
    compiles at most 20 loops inside one another, so this cannot be raised above 20."""
    part_output: int = 4_000_000
    """Characters of XML one rendered part (the body, a header…) may hold; the built-in forms'
    largest is 55,000."""
    tags: int = 5_000
    """Tags in one part of a template; the built-in templates have at most 188. Compiling
    costs about 20 KB of memory and 0.4 ms per tag."""
    output_bytes: int = 128 * _MiB
    """Unpacked size of the whole rendered document, checked before it is written."""

    # -- rich content put into a document (images, sub-documents) -------------------------
    image_bytes: int = 8 * _MiB
    """Size of one picture (PNG or JPEG) given as data. A scanned signature or seal at 300 dpi
    is 50 KB to 2 MB; a photo from a phone camera 3 to 6 MB."""
    image_mm: int = 600
    """Width or height of a picture on the page, in millimetres: an A3 page is 420 mm long;
    anything larger is a typing mistake (metres, or pixels taken for millimetres)."""
    rich_items: int = 2_000
    """Rich values (rich text, pictures, listings, sub-documents) one render may print. Each
    is resolved into XML after the part renders; the built-in forms print none."""
    subdocument_blocks: int = 20_000
    """Paragraphs and tables of the sub-documents put into one rendered document (about 500
    pages); the sub-documents are read with the limits above as well."""

    @property
    def directory_bytes(self) -> int:
        """The largest zip directory read: :attr:`zip_members` entries of 1 KiB each."""
        return self.zip_members * 1024


LIMITS: Final = Limits()
"""The limits in force."""
