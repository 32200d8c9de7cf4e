"""Where the components of a document are: header block, title block, body, signature block."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chibo_docs.layout.profiles import LayoutProfile
from chibo_docs.ooxml.formatting import Para
from chibo_docs.ooxml.tags import literal

__all__ = ["Structure"]

_SIGNATURE_STARTS = ("Nơi nhận", "T/M", "T/L", "TM.", "KT.", "K/T", "TL.")


class Structure:
    """Where the components of a document are: header block, title block, body, signature."""

    def __init__(
        self, paras: Sequence[Para], profile: LayoutProfile, *, first_is_table: bool
    ) -> None:
        self.paras = list(paras)
        self.profile = profile
        self.kind: str | None = None
        titles = {t.title for t in profile.document_types.values() if t.title}
        if first_is_table:
            header = [i for i, p in enumerate(self.paras) if p.cell and p.cell.table == 1]
            start = header[-1] + 1 if header else 0
        else:
            header, start = [], 0
        self.type_name = next(
            (i for i in self._top(start) if _norm(self.paras[i].text) in titles), None
        )
        if self.type_name is None and first_is_table:
            self.type_name = next(
                (i for i in self._top(start) if not self.paras[i].is_tag_only), None
            )
        if not first_is_table:
            end = self.type_name if self.type_name is not None else min(len(self.paras), 8)
            header = list(range(end))
        self.header = [self.paras[i] for i in header]
        self.excerpt: list[Para] = []
        self.separator: Para | None = None
        after = self.type_name + 1 if self.type_name is not None else start
        for i in self._top(after):
            p = self.paras[i]
            after = i
            if re.fullmatch(r"-{3,}", p.text.strip()):
                self.separator = p
                after = i + 1
                break
            if p.ppr.get("jc") != "center" or len(self.excerpt) >= 3 or self.type_name is None:
                break
            self.excerpt.append(p)
            after = i + 1
        self.body_start = after
        self.signature_start = self._signature_start(after)

    def _top(self, start: int) -> list[int]:
        """Return the indices from ``start`` of non-empty paragraphs outside tables."""
        return [
            i
            for i in range(start, len(self.paras))
            if self.paras[i].cell is None and self.paras[i].text.strip()
        ]

    def _signature_start(self, start: int) -> int:
        for i in range(start, len(self.paras)):
            text = literal(self.paras[i].text).strip()
            pr = self.profile
            titles = pr.minutes_left_titles + pr.minutes_right_titles + pr.confirmation_titles
            if text.startswith(_SIGNATURE_STARTS) or text in titles:
                table = self._table(i)
                while table is not None and i > start and self._table(i - 1) == table:
                    i -= 1
                return i
        return len(self.paras)

    def _table(self, i: int) -> int | None:
        cell = self.paras[i].cell
        return cell.table if cell else None

    @property
    def body(self) -> list[Para]:
        """Return the body paragraphs between the title block and the signature block."""
        return self.paras[self.body_start : self.signature_start]

    @property
    def signature(self) -> list[Para]:
        """Return the paragraphs from the signature block to the end."""
        return self.paras[self.signature_start :]

    def infer_kind(self) -> str | None:
        """Return the document type code read from the type name or the number line."""
        if self.type_name is not None:
            doc_type = self.profile.type_for_title(_norm(self.paras[self.type_name].text))
            if doc_type:
                return doc_type.code
        for p in self.header:
            found = re.match(r"Số\s*:?\s*[^-]*-(\w+)/", literal(p.text).strip())
            if found and found.group(1) in self.profile.document_types:
                return found.group(1)
        return None


def _norm(text: str) -> str:
    return " ".join(text.split())
