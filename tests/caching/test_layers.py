"""The layers hold: the core imports no app, the two content apps never import each other, no app
imports governance, and production code uses no private Django or Wagtail attribute."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("organizations", "treatments", "search", "netportal.governance", "netportal.caching")
# Framework internals that broke, or could break, on an upgrade (issue 14's list and their kin).
PRIVATE_FRAMEWORK_ATTRIBUTES = re.compile(
    r"\._wagtail_[a-z_]+|\._find_for_request|_get_raw_host\(|\._csp_config|_get_connection_pool|\._client\b"
    r"|\._class\b|\._request\b|paginator\.count\s*=|get_view_restrictions\s*="
)


def python_files(folder):
    return [path for path in (ROOT / folder).rglob("*.py") if "migrations" not in path.parts]


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def imports_of(folder, forbidden):
    return sorted(
        f"{path.relative_to(ROOT)} imports {module}"
        for path in python_files(folder)
        for module in imported_modules(path)
        if any(module == name or module.startswith(name + ".") for name in forbidden)
    )


def test_the_core_imports_no_app():
    assert imports_of("netportal/core", APPS) == []


@pytest.mark.parametrize(("app", "other"), [("treatments", "organizations"), ("organizations", "treatments")])
def test_treatments_and_organizations_never_import_each_other(app, other):
    assert imports_of(app, [other]) == []


@pytest.mark.parametrize("app", ["organizations", "treatments", "search", "netportal/caching"])
def test_no_app_imports_governance(app):
    assert imports_of(app, ["netportal.governance"]) == []


def test_the_caching_app_imports_no_content_app():
    assert imports_of("netportal/caching", ["organizations", "treatments", "search", "netportal.governance"]) == []


def test_production_code_uses_no_private_framework_attribute():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for folder in ("netportal", "organizations", "treatments", "search")
        for path in python_files(folder)
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if PRIVATE_FRAMEWORK_ATTRIBUTES.search(line)
    ]
    assert found == []


def test_every_portal_page_type_keeps_its_view_restrictions_in_the_cache():
    from wagtail.models import get_page_models

    from netportal.core.models import CachedViewRestrictionsMixin

    portal_pages = [model for model in get_page_models() if not model.__module__.startswith("wagtail")]
    assert portal_pages
    assert [model for model in portal_pages if not issubclass(model, CachedViewRestrictionsMixin)] == []
