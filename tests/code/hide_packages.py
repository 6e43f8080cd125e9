"""Run aieng as if some distributions were not installed: ``python hide_packages.py SPEC ARGS…``.

SPEC is a JSON file: ``{"distributions": [...], "modules": [...], "script": null}``. Each
distribution is hidden from ``importlib.metadata`` (what :mod:`aieng.extras` reads) and each
module from ``import`` (importing it raises ModuleNotFoundError, as when it is absent), so
a command that forgot to check its extra fails on the import, and the test sees it. Then it runs
``aieng ARGS…``, or the Python file ``script`` with ARGS as its argv.
"""

from __future__ import annotations

import importlib.abc
import json
import re
import runpy
import sys
from importlib import metadata
from pathlib import Path


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


class _Absent(importlib.abc.MetaPathFinder):
    """Asked first for every import: a hidden module is not found, as if never installed.

    Not ``sys.modules[name] = None``: libraries test ``"pyarrow" in sys.modules`` to learn
    whether a module was imported, and a None there would tell them it was.
    """

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.partition(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


def main() -> None:
    spec = json.loads(Path(sys.argv[1]).read_text())
    hidden = {_normal(name) for name in spec["distributions"]}
    real = metadata.distribution

    def distribution(name: str) -> metadata.Distribution:
        if _normal(name) in hidden:
            raise metadata.PackageNotFoundError(name)
        return real(name)

    metadata.distribution = distribution  # type: ignore[assignment]
    sys.meta_path.insert(0, _Absent(set(spec["modules"])))
    args = sys.argv[2:]
    if spec.get("script"):
        sys.argv = [spec["script"], *args]
        runpy.run_path(spec["script"], run_name="__main__")
        return
    from aieng.cli.main import main as aieng

    sys.argv = ["aieng", *args]
    aieng()


if __name__ == "__main__":
    main()
