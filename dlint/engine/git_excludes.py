"""The ignore files git reads besides ``.gitignore``: a repository's
``info/exclude`` and the user's excludes file (``core.excludesFile``, else
``$XDG_CONFIG_HOME/git/ignore`` or ``~/.config/git/ignore``). Found by reading
git's config files, never by running git; both hold patterns relative to the
top of the work tree."""

from __future__ import annotations

import os
from pathlib import Path


def _read(path: Path) -> str | None:
    from dlint.reading import read_regular_text

    try:
        return read_regular_text(path)
    except OSError:
        return None


def git_dir(top: Path) -> Path | None:
    """The common git directory of the work tree ``top``: ``top/.git``, or where a
    ``.git`` file (``gitdir: …``, worktrees and submodules) and its ``commondir`` point."""
    dot_git = top / ".git"
    if dot_git.is_dir():
        return dot_git
    text = _read(dot_git)
    if text is None or not text.startswith("gitdir:"):
        return None
    directory = top / text[len("gitdir:"):].strip()
    common = _read(directory / "commondir")
    return directory / common.strip() if common and common.strip() else directory


def _config_value(text: str) -> str:
    """A git config value: quotes removed, ``#``/``;`` comments outside them dropped,
    ``\\"``, ``\\\\``, ``\\t``, ``\\n`` read."""
    out: list[str] = []
    quoted = False
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            out.append({"t": "\t", "n": "\n"}.get(text[index + 1], text[index + 1]))
            index += 2
            continue
        if char == '"':
            quoted = not quoted
        elif char in "#;" and not quoted:
            break
        else:
            out.append(char)
        index += 1
    return "".join(out).strip()


def core_excludes_file(text: str) -> str | None:
    """The last ``core.excludesFile`` value in the git config ``text``, if any."""
    section = None
    value = None
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("["):
            end = line.find("]")
            section = line[1:end].strip().lower() if end > 0 else None
            line = line[end + 1 :].strip() if end > 0 else ""
        if not line or line[0] in "#;" or section != "core":
            continue
        key, equals, rest = line.partition("=")
        if equals and key.strip().lower() == "excludesfile":
            value = _config_value(rest)
    return value


def _home() -> Path | None:
    home = os.path.expanduser("~")
    return None if home == "~" else Path(home)


def _user_config_files() -> list[Path]:
    """git's system and global config files, in the order git reads them."""
    files = [] if os.environ.get("GIT_CONFIG_NOSYSTEM") else [Path("/etc/gitconfig")]
    if os.environ.get("GIT_CONFIG_GLOBAL"):
        return [*files, Path(os.environ["GIT_CONFIG_GLOBAL"])]
    home = _home()
    xdg = os.environ.get("XDG_CONFIG_HOME") or (str(home / ".config") if home else "")
    if xdg:
        files.append(Path(xdg) / "git" / "config")
    if home is not None:
        files.append(home / ".gitconfig")
    return files


def _default_excludes_file() -> Path | None:
    xdg = os.environ.get("XDG_CONFIG_HOME")
    if xdg:
        return Path(xdg) / "git" / "ignore"
    home = _home()
    return home / ".config" / "git" / "ignore" if home else None


def excludes_files(top: Path) -> list[Path]:
    """The user's excludes file, then ``info/exclude``, for the work tree ``top``
    (lowest precedence first; files that do not exist are left out by the reader)."""
    common = git_dir(top)
    configured = None
    for config in [*_user_config_files(), *([common / "config"] if common else [])]:
        text = _read(config)
        if text is not None and (found := core_excludes_file(text)) is not None:
            configured = found
    files: list[Path] = []
    if configured:
        home = _home()
        if configured.startswith("~/") and home is not None:
            files.append(home / configured[2:])
        else:
            files.append(top / configured)  # an absolute path stays absolute
    elif (default := _default_excludes_file()) is not None:
        files.append(default)
    if common is not None:
        files.append(common / "info" / "exclude")
    return files
