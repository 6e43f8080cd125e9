"""docs/design.md, the map of the house, names every package and top-level module of aieng."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DESIGN = REPO / "docs" / "design.md"


def test_the_design_page_names_every_package_and_module() -> None:
    text = DESIGN.read_text(encoding="utf-8")
    src = REPO / "src" / "aieng"
    packages = [p.name for p in src.iterdir() if p.is_dir() and (p / "__init__.py").exists()]
    modules = [p.name for p in src.glob("*.py") if not p.name.startswith("__")]
    missing = [f"{p}/" for p in packages if f"{p}/" not in text]
    missing += [m for m in modules if m not in text]
    assert not missing, f"docs/design.md does not place {missing}: add them to its floors"


def test_the_readme_points_at_the_design_page_of_the_repository() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "docs/design.md" in readme
    assert "../shared" not in readme  # a clone from the repository has no such folder
