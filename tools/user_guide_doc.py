"""Generate the parts of docs/huong-dan.md that come from the code: real messages, every rule.

Run ``python -m tools.user_guide_doc docs/huong-dan.md`` to refresh the file; a test fails
when the file is stale. Three parts:

- ``example``: what ``chibo-docs validate`` prints for the example minutes with three mistakes
  (a date that does not exist, an absence without its reason, more votes than voters), in
  Vietnamese and as JSON, run for real;
- ``rules``: every rule, its level and its source, in Vietnamese;
- ``messages``: every message about a value of the data (pydantic's error types and our own
  validators'), in Vietnamese, with the values shown as ``…``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from chibo_docs.cli import main
from chibo_docs.i18n import translate, using
from chibo_docs.resources import examples_dir
from chibo_docs.rules.registry import RULES
from chibo_docs.rules.type_errors import TYPE_ERRORS
from tools.data_model_doc import splice

__all__ = ["MISTAKES", "PARTS", "bad_minutes", "generated", "refresh"]

MISTAKES = (
    ("  start: 2021-04-26 14:00", "  start: 2021-04-31 14:00"),
    (", reason: đi công tác tại huyện Phong Thổ}", "}"),
    ("      approve: 11", "      approve: 14"),
)
"""The three mistakes put into the example minutes: a bad date, a missing reason, a vote."""

_LEVELS = {"E": "lỗi", "W": "cảnh báo", "-": "định nghĩa"}


def _markers(name: str) -> tuple[str, str]:
    return (f"<!-- BEGIN GENERATED {name}: python -m tools.user_guide_doc docs/huong-dan.md -->",
            f"<!-- END GENERATED {name} -->")


@contextlib.contextmanager
def bad_minutes() -> Iterator[Path]:
    """A folder holding the example minutes with the three mistakes, as ``bien-ban.yaml``."""
    with tempfile.TemporaryDirectory() as folder:
        text = (examples_dir() / "bien-ban-2021-04.yaml").read_text(encoding="utf-8")
        for old, new in MISTAKES:
            text = text.replace(old, new, 1)
        path = Path(folder) / "bien-ban.yaml"
        path.write_text(text, encoding="utf-8")
        yield path


def _run(*args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(list(args))
    return out.getvalue()


def example() -> str:
    """The report and the JSON of ``chibo-docs validate`` on the example with three mistakes."""
    with bad_minutes() as path:
        here = Path.cwd()
        os.chdir(path.parent)
        try:
            text = _run("validate", path.name, "--lang", "vi")
            problems = json.loads(_run("validate", path.name, "--json", "--lang", "vi"))
        finally:
            os.chdir(here)
    first = {k: problems["problems"][2][k] for k in
             ("code", "severity", "path", "dotted", "field", "message", "values", "source", "line")}
    shown = json.dumps({"file": problems["file"], "problems": [first, "…"]}, ensure_ascii=False, indent=2)
    return f"```text\n$ chibo-docs validate bien-ban.yaml\n{text}```\n\n```json\n{shown}\n```\n"


def rules() -> str:
    """Every rule: id, level, what it says and its source, in Vietnamese."""
    with using("vi"):
        rows = ["| Mã | Mức | Quy tắc | Căn cứ |", "|---|---|---|---|"]
        rows += [f"| {r.id} | {_LEVELS[r.level]} | {translate(r.text, {})} | {translate(r.source, {})} |"
                 for r in RULES.values()]
    return "\n".join(rows) + "\n"


def _blanked(msgid: str) -> str:
    """The Vietnamese message with each value shown as ``…``."""
    with using("vi"):
        text = translate(msgid, dict.fromkeys(re.findall(r"{(\w+)}", msgid), "…"))
    return text.replace("|", "\\|")


def messages() -> str:
    """Every message about a value of the data, by code, in Vietnamese."""
    rows = ["| Mã | Thông báo (… là giá trị cụ thể) |", "|---|---|"]
    rows += [f"| `{code}` | {_blanked(msgid)} |" for code, msgid in sorted(TYPE_ERRORS.items())]
    return "\n".join(rows) + "\n"


PARTS = {"example": example, "rules": rules, "messages": messages}
"""The generated parts, by name."""


def refresh(path: Path) -> bool:
    """Rewrite the generated parts of ``path``; return whether it changed."""
    text = path.read_text(encoding="utf-8")
    new = text
    for name, make in PARTS.items():
        new = splice(new, *_markers(name), make())
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def generated(name: str, text: str) -> str:
    """The generated part ``name`` as it stands in ``text``."""
    begin, end = _markers(name)
    return text.split(begin + "\n", 1)[1].split(end, 1)[0]


if __name__ == "__main__":  # pragma: no cover
    changed = refresh(Path(sys.argv[1]))
    print("updated" if changed else "up to date")
