"""Where dlint and its rule pages live on the web (the reports link to them)."""

from __future__ import annotations

INFORMATION_URI = "https://github.com/dlint-project/dlint"
DOCS_BASE_URI = f"{INFORMATION_URI}/blob/main"


def rule_page(code: str) -> str:
    """The URL of rule ``code``'s generated page (``rules/<CODE>.md``)."""
    return f"{DOCS_BASE_URI}/rules/{code}.md"
