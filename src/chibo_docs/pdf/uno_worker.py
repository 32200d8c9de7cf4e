"""The server side of :class:`chibo_docs.pdf.warm.WarmConverter`, run under a Python with ``uno``.

This file is run in place, as a script, by the Python that has LibreOffice's ``uno`` module
(on Debian ``/usr/bin/python3`` with ``python3-uno``), which is usually not the Python of
chibo_docs. It imports only the standard library, ``uno`` and unoserver's ``UnoConverter``
(which does the document loading and PDF export), never chibo_docs. unoserver is a dependency
of chibo_docs, not of that Python: ``--unoserver`` names its package folder, and the worker
imports that one package from there (nothing else of chibo_docs' environment is put on its
path).

It starts LibreOffice (as its child, so both share the caller's process group) listening on
a private named pipe, connects to it, then serves XML-RPC on a free localhost port and
writes that port to the ``--ready`` file. It exits when LibreOffice exits.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import threading
import time
from typing import Any
from xmlrpc.server import SimpleXMLRPCServer

__all__ = ["main"]


def _import_unoserver(folder: str) -> None:
    """Import the package in ``folder`` as ``unoserver`` (its submodules then import from there)."""
    spec = importlib.util.spec_from_file_location(
        "unoserver", os.path.join(folder, "__init__.py"), submodule_search_locations=[folder]
    )
    if spec is None or spec.loader is None:
        sys.exit(f"unoserver cannot be imported from {folder!r}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["unoserver"] = module
    spec.loader.exec_module(module)


def _connect(pipe: str, soffice: subprocess.Popen[bytes], limit: float) -> Any:
    """Return a unoserver ``UnoConverter`` attached to LibreOffice over ``pipe``."""
    import uno
    from com.sun.star.connection import NoConnectException
    from unoserver import converter

    class PipeConverter(converter.UnoConverter):  # type: ignore[misc]
        """unoserver's converter, attached over a named pipe instead of a TCP port."""

        def __init__(self) -> None:
            self.local_context = uno.getComponentContext()
            self.resolver = self.local_context.ServiceManager.createInstanceWithContext(
                "com.sun.star.bridge.UnoUrlResolver", self.local_context
            )
            self.context = self.resolver.resolve(
                f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"
            )
            self.service = self.context.ServiceManager
            self.desktop = self.service.createInstanceWithContext(
                "com.sun.star.frame.Desktop", self.context
            )
            self.filter_service = self.service.createInstanceWithContext(
                "com.sun.star.document.FilterFactory", self.context
            )
            self.type_service = self.service.createInstanceWithContext(
                "com.sun.star.document.TypeDetection", self.context
            )
            self.temp_dir = None
            self._export_filters = None
            self._import_filters = None

    deadline = time.monotonic() + limit
    while True:
        try:
            return PipeConverter()
        except NoConnectException:
            if soffice.poll() is not None:
                sys.exit(f"LibreOffice exited with code {soffice.returncode} while starting")
            if time.monotonic() > deadline:
                sys.exit(f"LibreOffice did not accept a connection within {limit:g} s")
            time.sleep(0.05)


def main(argv: list[str] | None = None) -> int:
    """Serve conversions until LibreOffice exits."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--unoserver", metavar="DIR", help="the unoserver package's folder")
    parser.add_argument("--pipe", required=True)
    parser.add_argument("--ready", required=True)
    parser.add_argument("--start-timeout", type=float, default=60.0)
    parser.add_argument("soffice", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    if args.unoserver:
        _import_unoserver(args.unoserver)
    accept = f"--accept=pipe,name={args.pipe};urp;StarOffice.ComponentContext"
    soffice = subprocess.Popen([*args.soffice, accept], stdin=subprocess.DEVNULL)
    conv = _connect(args.pipe, soffice, args.start_timeout)
    conv.get_available_import_filters()  # cache the filter lists before the first request
    conv.get_available_export_filters()

    server = SimpleXMLRPCServer(("127.0.0.1", 0), allow_none=True, logRequests=False)

    def convert(inpath: str, outpath: str, infilter: str | None) -> bool:
        conv.convert(inpath=inpath, outpath=outpath, infiltername=infilter, update_index=True)
        return True

    def office_alive() -> bool:
        """Return whether LibreOffice still answers over the UNO bridge."""
        try:
            conv.desktop.getFrames()
        except Exception:
            return False
        return soffice.poll() is None

    server.register_function(convert)  # type: ignore[arg-type]
    server.register_function(office_alive)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    tmp = args.ready + ".tmp"
    with open(tmp, "w", encoding="utf-8") as out:
        json.dump({"port": server.server_address[1], "soffice": soffice.pid}, out)
    os.replace(tmp, args.ready)
    code = soffice.wait()
    print(f"LibreOffice exited with code {code}", file=sys.stderr)
    return 0 if code == 0 else 3


if __name__ == "__main__":
    sys.exit(main())
