"""Where dlint and its rule pages live on the web (the reports link to them)."""

from __future__ import annotations

INFORMATION_URI = "https://github.com/dlint-project/dlint"
DOCS_BASE_URI = f"{INFORMATION_URI}/blob/main"


def rule_page(code: str) -> str:
    """The URL of rule ``code``'s generated page (``rules/<CODE>.md``); for a ShellCheck
    code (``SC2086``), its page on ShellCheck's wiki."""
    if is_shellcheck_code(code):
        return f"https://www.shellcheck.net/wiki/{code}"
    if not code.startswith(("DL", "DF", "DC", "DX")):  # a plugin's rule: its own page, else dlint's plugin docs
        from dlint.engine.plugins import documentation_url

        return documentation_url(code) or f"{INFORMATION_URI}#plugins"
    return f"{DOCS_BASE_URI}/rules/{code}.md"


def is_shellcheck_code(code: str) -> bool:
    """``SC`` and four digits: a finding of the ShellCheck family."""
    return len(code) == 6 and code.startswith("SC") and code[2:].isdigit()
