"""Forms: a template (.docx) and its manifest; the registry of them; skeletons of new ones.

Forms come from the built-in ``templates/`` folder, from folders named by the caller or by
``CHIBO_DOCS_FORMS_PATH``, and from installed packages (entry point group ``chibo_docs.forms``).
"""

from __future__ import annotations

from chibo_docs.forms.registry import Form, FormRegistry, load_folder
from chibo_docs.forms.skeleton import build_skeleton, new_form

__all__ = ["Form", "FormRegistry", "build_skeleton", "load_folder", "new_form"]
