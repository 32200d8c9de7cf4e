"""Write the caller's files: whole or not at all, with normal modes, failures in the caller's terms.

Every file chibo_docs writes for its caller (.docx, PDF, dossier, skeleton, manifest, demo
report) goes through :func:`atomic_output`:

* missing parent folders are created (like ``mkdir -p``);
* the content goes to a temporary file beside the destination, renamed over it at the end,
  so readers see the old file or the whole new one, and a failure leaves nothing behind;
* a new file gets the mode ``open()`` would give it (``0o666`` less the umask, applied by
  the kernel: the process umask is never changed, which would not be thread-safe); a
  replaced file keeps its permission bits;
* any :class:`OSError` becomes an :class:`~chibo_docs.errors.OutputError` naming the
  caller's path and what to do, never the temporary file.

Intermediate files live in a :func:`scratch_folder`, whose failures are a
:class:`~chibo_docs.errors.TempFolderError` naming the temporary folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from chibo_docs.errors import NAME_MAX, ChiboDocsError, OutputError, TempFolderError

__all__ = [
    "atomic_output",
    "check_destination",
    "install_file",
    "output_error",
    "prepare_folder",
    "scratch_folder",
    "write_atomically",
]

StrPath = str | os.PathLike[str]

_SUFFIX = ".tmp"
_TOKEN_HEX = 8  # hex digits of the random part of a temporary name
_ATTEMPTS = 100  # random names tried before giving up (each clash is 1 in 4 billion)
_NEW_FILE_MODE = 0o666  # what open() asks for; the kernel takes the umask away


def _shown(path: Path) -> str:
    """Return ``path`` as the caller gave it, or the working folder for ``"."``."""
    return os.path.abspath(path) if str(path) == "." else str(path)


def _file_in_the_way(path: Path) -> Path | None:
    """Return the first part of ``path`` that exists and is not a folder, if any."""
    for part in reversed((path, *path.parents)):
        try:
            mode = os.stat(part).st_mode
        except OSError:
            return None
        if not stat.S_ISDIR(mode):
            return part
    return None


def output_error(exc: OSError, dest: Path, *, culprit: Path | None = None) -> OutputError:
    """Return the :class:`OutputError` for ``exc``, raised while writing ``dest``.

    >>> output_error(IsADirectoryError(21, "Is a directory"), Path("out")).errno
    21
    """
    if isinstance(exc, OutputError):
        return exc
    code = exc.errno
    if code == errno.ENOTDIR:
        culprit = _file_in_the_way(dest.parent) or culprit
    elif code in (errno.EACCES, errno.EPERM, errno.EROFS) and culprit is None:
        culprit = dest.parent
    elif code == errno.ENAMETOOLONG and culprit is None:
        culprit = dest
    return OutputError(
        str(dest),
        code,
        culprit=_shown(culprit) if culprit is not None else None,
        detail=exc.strerror or str(exc),
    )


def prepare_folder(folder: StrPath, *, dest: StrPath | None = None) -> Path:
    """Create ``folder`` and its missing parents; return it.

    Raises:
        OutputError: a part of the path is a file, or a folder cannot be created (read-only,
            forbidden, full); it names ``dest`` (default: ``folder``) and the part to blame.
    """
    target = Path(folder)
    named = Path(dest) if dest is not None else target
    if target.is_dir():
        return target
    missing: list[Path] = []
    current = target
    while True:
        try:
            mode = os.stat(current).st_mode
        except (FileNotFoundError, NotADirectoryError):
            if current.parent == current:  # pragma: no cover - the root always exists
                break
            missing.append(current)
            current = current.parent
            continue
        except OSError as exc:
            raise output_error(exc, named, culprit=current) from exc
        if not stat.S_ISDIR(mode):
            raise OutputError(str(named), errno.ENOTDIR, culprit=_shown(current))
        break
    for part in reversed(missing):
        try:
            os.mkdir(part)
        except FileExistsError:
            if not part.is_dir():
                raise OutputError(str(named), errno.ENOTDIR, culprit=_shown(part)) from None
        except OSError as exc:
            culprit = part if exc.errno == errno.ENAMETOOLONG else part.parent
            raise output_error(exc, named, culprit=culprit) from exc
    return target


def check_destination(dest: StrPath) -> Path:
    """Prepare to write the file ``dest`` later: create its folder, refuse a folder or a long name.

    Long jobs call it first, so that a bad destination fails before the work, not after.

    Raises:
        OutputError: as :func:`prepare_folder`, or ``dest`` is a folder or its name too long.
    """
    target = Path(dest)
    _prepare(target)
    return target


def _prepare(target: Path) -> int | None:
    """Check and create what writing ``target`` needs; return the mode of the file it replaces."""
    if len(os.fsencode(target.name)) > NAME_MAX:
        raise OutputError(str(target), errno.ENAMETOOLONG, culprit=str(target))
    prepare_folder(target.parent, dest=target)
    return _existing_mode(target)


def _existing_mode(target: Path) -> int | None:
    """Return the permission bits of the file ``target`` replaces, ``None`` when it is new."""
    try:
        info = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise output_error(exc, target) from exc
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(str(target), errno.EISDIR, culprit=str(target))
    return stat.S_IMODE(info.st_mode) & 0o777


def _clip(name: str, size: int) -> str:
    """Return the longest start of ``name`` that takes at most ``size`` bytes.

    >>> _clip("nghị-quyết.docx", 6)
    'nghị'
    """
    return os.fsencode(name)[:size].decode("utf-8", "ignore") if size > 0 else ""


def _temporary(target: Path) -> tuple[int, Path]:
    """Create a new temporary file beside ``target``; return its descriptor and path."""
    room = NAME_MAX - len(".") - len(".") - _TOKEN_HEX - len(_SUFFIX)
    stem = _clip(target.name, room)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    for _ in range(_ATTEMPTS):
        name = f".{stem}.{secrets.token_hex(_TOKEN_HEX // 2)}{_SUFFIX}"
        temporary = target.with_name(name)
        try:
            return os.open(temporary, flags, _NEW_FILE_MODE), temporary
        except FileExistsError:
            continue
        except OSError as exc:
            raise output_error(exc, target) from exc
    raise OutputError(str(target), errno.EEXIST, detail="no free temporary name beside it")


@contextlib.contextmanager
def atomic_output(dest: StrPath, *, durable: bool = False) -> Iterator[BinaryIO]:
    """Yield a binary stream whose content becomes the file ``dest`` when the block ends well.

    Missing folders are created. A new file gets ``0o666`` less the umask; a replaced file
    keeps its permission bits. When the block raises, nothing is left and an existing
    ``dest`` is untouched. With ``durable``, the data reaches the disk before the rename.
    An :class:`OSError` raised in the block counts as a failure to write ``dest``.

    Raises:
        OutputError: ``dest`` cannot be written, naming it and what to do.
    """
    target = Path(dest)
    mode = _prepare(target)
    handle, temporary = _temporary(target)
    try:
        with os.fdopen(handle, "wb") as stream:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(stream.fileno(), mode)
            yield stream
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(exc, ChiboDocsError):
            raise
        raise output_error(exc, target) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def write_atomically(dest: StrPath, content: bytes) -> Path:
    """Write ``content`` to the file ``dest`` as :func:`atomic_output` does; return ``dest``.

    Raises:
        OutputError: ``dest`` cannot be written, naming it and what to do.
    """
    with atomic_output(dest) as stream:
        stream.write(content)
    return Path(dest)


def install_file(made: Path, dest: StrPath) -> Path:
    """Copy the intermediate file ``made`` to ``dest`` as :func:`atomic_output` does.

    Raises:
        OutputError: ``dest`` cannot be written.
    """
    with open(made, "rb") as source, atomic_output(dest) as stream:
        shutil.copyfileobj(source, stream, 1 << 20)
    return Path(dest)


def _inside(path: object, folder: Path) -> bool:
    if not isinstance(path, str | os.PathLike):
        return False
    try:
        return Path(os.path.abspath(path)).is_relative_to(folder)
    except (TypeError, ValueError):
        return False


@contextlib.contextmanager
def scratch_folder(prefix: str) -> Iterator[Path]:
    """Yield a new private folder for intermediate files; remove it and its content after.

    A failure to create it, or to write in it (an :class:`OutputError` or an
    :class:`OSError` about a path inside it) becomes a :class:`TempFolderError`.
    """
    try:
        folder = Path(tempfile.mkdtemp(prefix=prefix)).absolute()
    except OSError as exc:
        where = tempfile.tempdir or os.environ.get("TMPDIR") or "/tmp"  # noqa: S108
        raise TempFolderError(where, exc.errno, detail=exc.strerror) from exc
    try:
        yield folder
    except OSError as exc:
        paths = (
            (exc.path,) if isinstance(exc, OutputError) else (exc.filename, exc.filename2)
        )
        if any(_inside(p, folder) for p in paths) and not isinstance(exc, TempFolderError):
            raise TempFolderError(
                str(folder.parent), exc.errno, detail=exc.strerror
            ) from exc
        raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)
