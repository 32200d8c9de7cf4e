"""Document numbers: a register that gives consecutive numbers per issuer, type and year.

HD 36 numbers each type of document from 01 per issuer and term. :class:`NumberRegister`
(one SQLite file, safe for many processes) reserves the next number, then records it used
or voided (a voided number stays on record: gaps are audited, never silently reused);
:func:`numbered` gives a document without a number one for the time of a render.
"""

from __future__ import annotations

from chibo_docs.numbering.numbered import NUMBERED_TYPES, issuer_key, needs_number, numbered
from chibo_docs.numbering.register import NumberEntry, NumberRegister

__all__ = [
    "NUMBERED_TYPES",
    "NumberEntry",
    "NumberRegister",
    "issuer_key",
    "needs_number",
    "numbered",
]
