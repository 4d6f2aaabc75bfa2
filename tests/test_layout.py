"""The package layout: rule folders hold only rules, rules do not import each other, views
and facts sit below the rules (see the README's "Layout")."""

from __future__ import annotations

from pathlib import Path

import dlint
from dlint.engine.registry import FOLDER_OF_KIND, catalogue
from test_import_cycles import import_graph

PACKAGE = Path(dlint.__file__).resolve().parent
RULE_FOLDERS = sorted(set(FOLDER_OF_KIND.values()))


def _is_rule_module(module: str) -> bool:
    parts = module.split(".")
    return len(parts) == 4 and parts[:2] == ["dlint", "rules"] and parts[2] in RULE_FOLDERS


def test_rule_folders_hold_only_rules() -> None:
    rules = {entry.module for entry in catalogue()}
    for folder in RULE_FOLDERS:
        modules = {f"dlint.rules.{folder}.{path.stem}" for path in (PACKAGE / "rules" / folder).glob("*.py") if path.stem != "__init__"}
        assert modules - rules == set(), folder
        assert not [path for path in (PACKAGE / "rules" / folder).iterdir() if path.is_dir() and path.name != "__pycache__"], folder


def test_every_rule_is_in_the_folder_of_its_kind() -> None:
    for entry in catalogue():
        assert entry.kind is not None and entry.module.split(".")[2] == FOLDER_OF_KIND[entry.kind], entry.module


def test_no_rule_imports_another_rule() -> None:
    graph = import_graph()
    imports = {module: sorted(name for name in imported if _is_rule_module(name)) for module, imported in graph.items() if _is_rule_module(module)}
    assert {module: names for module, names in imports.items() if names} == {}


def test_views_and_knowledge_sit_below_the_rules() -> None:
    """Views read models and parsers (never facts or rules); facts may read views, never rules."""
    graph = import_graph()
    above = {"dlint.views": ("dlint.knowledge", "dlint.rules"), "dlint.knowledge": ("dlint.rules",)}
    reaching_up = {
        module: sorted(name for name in imported if name.startswith(forbidden))
        for layer, forbidden in above.items()
        for module, imported in graph.items()
        if module == layer or module.startswith(layer + ".")
    }
    assert {module: names for module, names in reaching_up.items() if names} == {}


def test_the_layout_test_sees_a_rule_importing_a_rule() -> None:
    assert _is_rule_module("dlint.rules.compose.dc001_compose_image_tag")
    assert not _is_rule_module("dlint.rules.bases")
    assert not _is_rule_module("dlint.rules.compose")
