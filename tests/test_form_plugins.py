"""A form shipped by a separate, installed package is found through the entry point and renders.

The package is built here, installed with pip (offline, no build isolation) into a fresh venv
that sees this checkout and its dependencies through a .pth file, and used from that venv.
"""

from __future__ import annotations

import site
import subprocess
import textwrap
import venv
from pathlib import Path

import pytest

from chibo_docs.layout.builder import Header, Title, build_docx
from tests.support.form_specs import resolution
from tests.support.paths import REPO

pytestmark = pytest.mark.usefixtures("english")  # the tests read the English messages


def _make_plugin(root: Path, template: bytes) -> Path:
    pkg = root / "chibo_forms_demo"
    (pkg / "chibo_forms_demo" / "forms").mkdir(parents=True)
    (pkg / "pyproject.toml").write_text(
        textwrap.dedent(
            """
            [build-system]
            requires = []
            build-backend = "backend"
            backend-path = ["."]

            [project]
            name = "chibo-forms-demo"
            version = "1.0"
            """
        ),
        encoding="utf-8",
    )
    (pkg / "backend.py").write_text(_BACKEND, encoding="utf-8")
    (pkg / "chibo_forms_demo" / "__init__.py").write_text(
        "from pathlib import Path\n\n\n"
        "def forms_folder() -> Path:\n"
        "    return Path(__file__).parent / 'forms'\n",
        encoding="utf-8",
    )
    forms = pkg / "chibo_forms_demo" / "forms"
    (forms / "giay-moi-mau.docx").write_bytes(template)
    (forms / "giay-moi-mau.toml").write_text(
        'id = "giay-moi-mau"\ntitle = "Giấy mời dự sinh hoạt chi bộ mẫu"\n'
        'document_type = "GM"\nmodel = "chibo_forms_demo.model:Invitation"\n',
        encoding="utf-8",
    )
    (pkg / "chibo_forms_demo" / "model.py").write_text(
        "from pydantic import BaseModel\n\n\nclass Invitation(BaseModel):\n"
        "    number: int\n    title: str\n",
        encoding="utf-8",
    )
    return pkg


_BACKEND = """
# A minimal PEP 517 backend, so that pip installs the plug-in offline with no build tools.
import base64, hashlib, pathlib, zipfile

NAME, VERSION = "chibo_forms_demo", "1.0"
DIST = f"{NAME}-{VERSION}.dist-info"
META = {
    "METADATA": "Metadata-Version: 2.1\\nName: chibo-forms-demo\\nVersion: 1.0\\n",
    "WHEEL": "Wheel-Version: 1.0\\nGenerator: backend\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
    "entry_points.txt": "[chibo_docs.forms]\\ndemo = chibo_forms_demo:forms_folder\\n",
}


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    name = f"{NAME}-{VERSION}-py3-none-any.whl"
    root = pathlib.Path(__file__).parent
    files = {p.relative_to(root).as_posix(): p.read_bytes()
             for p in sorted((root / NAME).rglob("*")) if p.is_file()}
    files.update({f"{DIST}/{k}": v.encode() for k, v in META.items()})
    record = []
    with zipfile.ZipFile(pathlib.Path(wheel_directory) / name, "w") as wheel:
        for path, data in files.items():
            wheel.writestr(path, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            record.append(f"{path},sha256={digest.decode()},{len(data)}")
        record.append(f"{DIST}/RECORD,,")
        wheel.writestr(f"{DIST}/RECORD", "\\n".join(record) + "\\n")
    return name
"""


def _venv_with_chibo_docs(root: Path) -> Path:
    """A fresh venv that sees this checkout's chibo_docs and its dependencies through a .pth."""
    env_dir = root / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    paths = [str(REPO / "src"), *site.getsitepackages()]
    (Path(purelib) / "chibo_docs_dev.pth").write_text("\n".join(paths) + "\n", encoding="utf-8")
    return python


def _template() -> bytes:
    """A conformant giấy mời whose number and trích yếu come from the plug-in's model."""
    return build_docx(
        resolution(
            header=Header(
                upper_line="ĐẢNG BỘ SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
                issuer="CHI BỘ TRUNG TÂM KỸ THUẬT TÀI NGUYÊN",
                number_line="Số {{ '%02d' % number }}-GM/CB",
                date_line="Lai Châu, ngày 20 tháng 4 năm 2021",
            ),
            title=Title("GIẤY MỜI", "{{ title }}"),
        )
    )


_RENDER = """
import sys
from chibo_docs import get_form, render_docx
from chibo_docs.ooxml import visible_text
form = get_form("giay-moi-mau")
data = form.model(number=3, title="dự sinh hoạt chi bộ mẫu tháng 4 năm 2021")
print(visible_text(render_docx(data, sys.argv[1], form=form)))
"""


@pytest.mark.slow
def test_an_installed_package_form_is_listed_with_its_origin_and_renders(tmp_path: Path) -> None:
    pkg = _make_plugin(tmp_path, _template())
    python = _venv_with_chibo_docs(tmp_path)
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-index", "--no-build-isolation",
         "--no-deps", str(pkg)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    done = subprocess.run(
        [str(python), "-m", "chibo_docs", "forms"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("giay-moi-mau"))
    assert line.split("\t") == [
        "giay-moi-mau", "GM", "Giấy mời dự sinh hoạt chi bộ mẫu", "package chibo-forms-demo"
    ]
    out = tmp_path / "out.docx"
    rendered = subprocess.run(
        [str(python), "-c", _RENDER, str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert rendered.returncode == 0, rendered.stderr
    assert "Số 03-GM/CB | Lai Châu, ngày 20 tháng 4 năm 2021" in rendered.stdout
    assert "dự sinh hoạt chi bộ mẫu tháng 4 năm 2021" in rendered.stdout.splitlines()
    assert out.is_file()
