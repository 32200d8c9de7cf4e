"""The README's Python example runs as written (paths pointed at the examples and a temp dir)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chibo_docs.resources import examples_dir
from tests.support.paths import REPO


@pytest.mark.libreoffice
def test_the_readme_python_example_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    code = re.findall(r"```python\n(.*?)```", readme, flags=re.S)[0]
    code = code.replace('"examples/', f'"{examples_dir()}/').replace('"out/', f'"{tmp_path}/')
    exec(compile(code, "README.md", "exec"), {})
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {"nghi-quyet.docx", "bien-ban.docx", "nghi-quyet.pdf", "ho-so.pdf"}


def test_the_readme_any_template_example_runs(tmp_path: Path) -> None:
    import docx

    from chibo_docs.ooxml.text import visible_text

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    code = re.findall(r"```python\n(.*?)```", readme, flags=re.S)[1]
    template = docx.Document()
    template.add_paragraph("Kính gửi: {{ to }}. {{ note }}")
    template.save(str(tmp_path / "thu-moi.docx"))
    code = code.replace('"thu-moi.docx"', f'"{tmp_path}/thu-moi.docx"').replace(
        '"out/', f'"{tmp_path}/out/')
    exec(compile(code, "README.md", "exec"), {})
    assert visible_text(tmp_path / "out" / "thu-moi.docx") == "Kính gửi: Chi bộ A & B. Khẩn"
