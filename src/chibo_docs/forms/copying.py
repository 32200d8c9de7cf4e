"""Copy a form into a forms folder, to change it in Word: the way to customise a built-in form.

The built-in forms are written by ``tools/build_templates.py``; editing them in place would be
undone by the next build. A copy lives in a folder of the author's own (given with ``--forms``
or ``CHIBO_DOCS_FORMS_PATH``): the .docx byte for byte, and a manifest with the same title,
type and model. By default the copy takes the original's place (``overrides = "<id>"`` in its
manifest, written out so that it can be seen and removed): every command given that folder
then uses the copy, chosen by the original's id or by its model. With ``keep_original`` the
copy is a second form beside the original, chosen by its own id.
"""

from __future__ import annotations

import os
from pathlib import Path

from chibo_docs.errors import FormError, os_reason
from chibo_docs.forms.registry import Form, manifest_line
from chibo_docs.i18n import message, using
from chibo_docs.output_files import write_atomically

__all__ = ["copy_form"]

_ID_FORBIDDEN = set('/\\:*?"<>|') | {os.sep}


def copy_form(
    form: Form,
    folder: str | os.PathLike[str],
    *,
    form_id: str | None = None,
    title: str | None = None,
    keep_original: bool = False,
    lang: str | None = None,
) -> tuple[Path, Path]:
    """Copy ``form`` into ``folder`` as ``<id>.docx`` and ``<id>.toml``; return both paths.

    ``form_id`` is the copy's id (default: the original's) and ``title`` its title (default:
    the original's). The copy overrides the original unless ``keep_original``, which needs an
    id of its own. Missing folders are created; existing files are not overwritten. Errors
    read in ``lang`` (``"vi"`` or ``"en"``; default: the language in force).

    Raises:
        FormError: a file already exists, the id cannot be a file name, or ``keep_original``
            is asked without a new id.
        OutputError: a file cannot be written (read-only folder, full disk…), naming it.
    """
    with using(lang):
        return _copy(form, Path(folder), form_id, title, keep_original)


def _copy(
    form: Form, dest: Path, form_id: str | None, title: str | None, keep_original: bool
) -> tuple[Path, Path]:
    new_id = form_id or form.id
    if keep_original and new_id == form.id:
        raise FormError(
            message("a copy kept beside form {form!r} needs an id of its own; give one (--id)",
                    form=form.id)
        )
    if new_id in (".", "..") or _ID_FORBIDDEN & set(new_id) or new_id != new_id.strip():
        raise FormError(
            message("form id {form!r} cannot be a file name; use letters, digits and '-' (e.g. "
                    "'nghi-quyet-tinh')", form=new_id)
        )
    docx, manifest = dest / f"{new_id}.docx", dest / f"{new_id}.toml"
    for target in (docx, manifest):
        if target.exists():
            raise FormError(
                message("{file!r} already exists; choose another id or folder", file=str(target))
            )
    try:
        data = form.template.read_bytes()
    except OSError as exc:
        raise FormError(
            message("the template of form {form!r} cannot be read ({reason}): {file!r}",
                    form=form.id, reason=os_reason(exc), file=str(form.template))
        ) from None
    write_atomically(docx, data)
    write_atomically(manifest, _manifest(form, new_id, title, keep_original).encode("utf-8"))
    return docx, manifest


def _manifest(form: Form, new_id: str, title: str | None, keep_original: bool) -> str:
    """The copy's manifest, with comments (Vietnamese, then English) saying what it is."""
    source = f"{form.id!r} ({form.origin})"
    lines = [
        f"# Bản sao của mẫu {source}, để sửa bằng Word.",
        f"# A copy of the form {source}, to edit in Word.",
        manifest_line("id", new_id),
        manifest_line("title", title or form.title),
        manifest_line("document_type", form.document_type),
        manifest_line("model", form.model_name),
    ]
    if form.profile != "HD36":
        lines.append(manifest_line("profile", form.profile))
    if not keep_original:
        if new_id == form.id:
            keep = "đổi mã (id) và xóa dòng dưới để giữ cả hai"
            keep_en = "give it another id and delete the line below to keep both"
        else:
            keep = "xóa dòng dưới để giữ cả hai, chọn mẫu này bằng mã của nó"
            keep_en = "delete the line below to keep both, choosing this one by its id"
        lines += [
            f"# Mẫu này thay cho mẫu {form.id!r}; {keep}.",
            f"# This form takes the place of {form.id!r}; {keep_en}.",
            manifest_line("overrides", form.id),
        ]
    return "\n".join(lines) + "\n"
