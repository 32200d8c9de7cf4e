"""Forms: a template (.docx) and its manifest; the registry of them; skeletons and copies.

Forms come from the built-in ``templates/`` folder, from folders named by the caller or by
``CHIBO_DOCS_FORMS_PATH``, and from installed packages (entry point group ``chibo_docs.forms``).
A form of a folder may take the place of another (``overrides`` in its manifest);
:func:`copy_form` makes such a copy of a built-in form, to customise it in Word.
"""

from __future__ import annotations

from chibo_docs.forms.copying import copy_form
from chibo_docs.forms.registry import Form, FormRegistry, load_folder
from chibo_docs.forms.skeleton import build_skeleton, new_form

__all__ = ["Form", "FormRegistry", "build_skeleton", "copy_form", "load_folder", "new_form"]
