"""Hostile trees and files (reproductions of ../shared/robustness, inputs made here):
FIFOs, devices, symlink loops, UTF-16, Compose includes of such files, deep or huge
Compose values, hostile config files. Every run ends, within a memory cap, with an
exact message and status, and changes no file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sandbox import run_dlint, snapshot

DOCKERFILE = "FROM alpine:3.20\nUSER app\n"
FINDING = "FROM alpine\nUSER app\n"  # DL3006 on line 1


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _check(tmp_path: Path, *args: str, select: str = "DL3006"):
    before = snapshot(tmp_path)
    run = run_dlint("check", "-q", "--select", select, *args, cwd=tmp_path)
    assert snapshot(tmp_path) == before
    return run.returncode, run.stdout.decode(), run.stderr.decode()


# -- reading: regular files only --------------------------------------------------------


def test_a_fifo_named_dockerfile_is_reported_and_the_rest_linted(tmp_path: Path) -> None:
    _write(tmp_path, {"ok/Dockerfile": FINDING})
    (tmp_path / "fifo").mkdir()
    os.mkfifo(tmp_path / "fifo" / "Dockerfile")
    assert _check(tmp_path, ".") == (
        2,
        "ok/Dockerfile:1:6: DL3006 [warning] base image alpine has no tag: name a version tag so builds are repeatable\n",
        "dlint: fifo/Dockerfile: not a regular file (a FIFO), not read\n",
    )


def test_fifos_named_gitignore_env_and_dockerignore_are_not_read(tmp_path: Path) -> None:
    _write(tmp_path, {"Dockerfile": FINDING, "compose.yaml": "services:\n  web:\n    image: nginx:${TAG:-1}\n"})
    for name in (".gitignore", ".env", ".dockerignore"):
        os.mkfifo(tmp_path / name)
    assert _check(tmp_path, ".", select="DL3006,DC001") == (
        1,
        "Dockerfile:1:6: DL3006 [warning] base image alpine has no tag: name a version tag so builds are repeatable\n",
        "",
    )


def test_a_dockerfile_linked_to_a_device_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").symlink_to("/dev/zero")
    assert _check(tmp_path, ".") == (2, "", "dlint: Dockerfile: not a regular file (a device), not read\n")


@pytest.mark.parametrize("key", ["include", "extends"])
def test_compose_include_or_extends_of_a_device_or_fifo_is_a_finding(tmp_path: Path, key: str) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    for target in ("/dev/zero", "pipe.yaml"):
        text = (
            f"include:\n  - {target}\nservices:\n  a:\n    image: nginx:1\n"
            if key == "include"
            else f"services:\n  a:\n    image: nginx:1\n    extends:\n      file: {target}\n      service: b\n"
        )
        _write(tmp_path, {"compose.yaml": text})
        status, out, err = _check(tmp_path, "compose.yaml", select="DC004")
        what = "included file" if key == "include" else "extended file"
        assert (status, err) == (1, "")
        assert out.startswith(f"compose.yaml:{2 if key == 'include' else 5}:") and f"DC004 [error] {what} {target} does not exist or cannot be read" in out


def test_a_utf16_dockerfile_is_named_utf16(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_bytes("FROM alpine:3.20\n".encode("utf-16"))
    assert _check(tmp_path, "Dockerfile") == (
        2,
        "",
        "dlint: Dockerfile: UTF-16 text (it starts with a UTF-16 byte order mark); dlint reads UTF-8: "
        "convert it, for example with `iconv -f UTF-16 -t UTF-8 Dockerfile > Dockerfile.utf8`\n",
    )


# -- walking: symlink loops ---------------------------------------------------------


def test_symlink_loops_lint_each_file_once_and_end(tmp_path: Path) -> None:
    _write(tmp_path, {"one/Dockerfile": FINDING, "two/a/Dockerfile": FINDING})
    (tmp_path / "one" / "loop").symlink_to("..")
    (tmp_path / "two" / "a" / "back").symlink_to("../..")
    (tmp_path / "two" / "b").symlink_to("a")
    status, out, err = _check(tmp_path, ".")
    assert (status, err) == (1, "")
    assert out.splitlines() == [
        "one/Dockerfile:1:6: DL3006 [warning] base image alpine has no tag: name a version tag so builds are repeatable",
        "two/a/Dockerfile:1:6: DL3006 [warning] base image alpine has no tag: name a version tag so builds are repeatable",
    ]


# -- Compose: one bad file costs only itself, bounded work ------------------------------


def test_a_huge_number_in_one_compose_file_hides_no_other_finding(tmp_path: Path) -> None:
    _write(tmp_path, {
        "good/compose.yaml": "services:\n  web:\n    image: nginx\n",
        "bad/compose.yaml": "x-big: " + "1" * 4301 + "\nservices:\n  web:\n    image: nginx:1\n",
    })
    assert _check(tmp_path, "good/compose.yaml", "bad/compose.yaml", select="DC001") == (
        1,
        "good/compose.yaml:3:12: DC001 [warning] image nginx of service web has no tag, so Compose pulls latest; pin a version\n",
        "",
    )


def test_deeply_nested_interpolation_defaults_are_one_finding(tmp_path: Path) -> None:
    nested = "${A:-" * 487 + "x" + "}" * 487
    _write(tmp_path, {"compose.yaml": f"services:\n  web:\n    image: nginx:1\n    environment:\n      X: '{nested}'\n"})
    assert _check(tmp_path, "compose.yaml", select="DC003") == (
        1,
        "compose.yaml:5:171: DC003 [error] interpolation nested more than 32 levels deep; dlint treats the value as unknown\n",
        "",
    )


def test_a_depends_on_chain_of_a_thousand_services_is_checked_for_cycles(tmp_path: Path) -> None:
    services = "".join(f"  s{i}:\n    image: nginx:1\n    depends_on: [s{i + 1}]\n" for i in range(1000))
    _write(tmp_path, {"compose.yaml": f"services:\n{services}  s1000:\n    image: nginx:1\n    depends_on: [s0]\n"})
    status, out, err = _check(tmp_path, "compose.yaml", select="DC032")
    assert (status, err) == (1, "")
    assert out.startswith("compose.yaml:3004:18: DC032 [error] dependency cycle: s0 -> s1 -> s2 -> ")
    assert out.endswith(" -> s1000 -> s0 (depends_on of service s1000 closes it)\n")


def test_deep_yaml_is_linted_fixed_and_dumped_without_a_traceback(tmp_path: Path) -> None:
    depth = 990
    _write(tmp_path, {"compose.yaml": "version: '3'\nservices:\n  a:\n    image: nginx:1\nx-deep: " + "[" * depth + "]" * depth + "\n"})
    assert _check(tmp_path, "compose.yaml", select="DC002") == (0, "", "")
    fixed = run_dlint("check", "-q", "--select", "DC010", "--fix", "compose.yaml", cwd=tmp_path)
    assert (fixed.returncode, fixed.stderr) == (0, b"")
    assert (tmp_path / "compose.yaml").read_text().startswith("services:\n")
    _write(tmp_path, {"compose.yaml": "services:\n  a:\n    image: nginx:1\n    command: " + "[" * depth + "]" * depth + "\n"})
    dumped = run_dlint("debug", "compose", "compose.yaml", cwd=tmp_path)
    assert (dumped.returncode, dumped.stdout) == (2, b"")
    assert dumped.stderr.startswith(b"dlint: compose.yaml: the model is nested too deeply to print as JSON (")


def test_an_unclosed_quote_in_a_large_env_file_is_read_once(tmp_path: Path) -> None:
    _write(tmp_path, {"compose.yaml": "services:\n  web:\n    image: nginx:${TAG}\n", ".env": 'A="x\n' + "y\n" * 300_000})
    assert _check(tmp_path, "compose.yaml", select="DC001")[0] == 0


# -- config files ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (".hadolint.yaml", "ignored:\n  - &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
            f"  - &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)),
         ".hadolint.yaml:1:1: not valid YAML: aliases expand to more than 100,000 nodes (an alias bomb?); the file was not read further"),
        (".dlint.toml", "select = " + "[" * 2000 + "]" * 2000 + "\n", ".dlint.toml: not read: its arrays or tables are nested too deeply"),
        (".dlint.yaml", "select: " + "[" * 1100 + "]" * 1100 + "\n",
         ".dlint.yaml:1:1008: not valid YAML: YAML syntax error: exceeded maximum nesting depth (while increasing flow level started at line 1)"),
        (".dlint.yaml", "1: 2\n", ".dlint.yaml: unknown key 1"),
        (".dlint.yaml", "fail-on: !!int notanint\n", ".dlint.yaml: fail-on: 'notanint' is not one of error, warning, info, style, none"),
        (".dlint.yaml", "ignore: [" + ", ".join(["averyveryverylongrulename"] * 50) + "]\nselect: 7\n",
         ".dlint.yaml: select: expected a list of strings, got 7"),
        (".dlint.toml", "fail-on = [" + ", ".join(['"x"'] * 500) + "]\n",
         ".dlint.toml: fail-on: ['x', 'x', 'x', 'x', 'x', 'x', ...] is not one of error, warning, info, style, none"),
    ],
)
def test_hostile_config_files_are_errors_naming_file_and_key(tmp_path: Path, name: str, text: str, message: str) -> None:
    _write(tmp_path, {"Dockerfile": DOCKERFILE, name: text})
    run = run_dlint("check", "-q", "Dockerfile", cwd=tmp_path)
    assert (run.returncode, run.stdout) == (2, b"")
    assert run.stderr.decode() == f"dlint: {tmp_path / message}\n"


def test_a_toml_config_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    _write(tmp_path, {"Dockerfile": FINDING})
    (tmp_path / ".dlint.toml").write_bytes(b'\xef\xbb\xbfselect = ["DL3006"]\n')
    run = run_dlint("check", "-q", "Dockerfile", cwd=tmp_path)
    assert (run.returncode, run.stderr) == (1, b"")
    assert run.stdout == b"Dockerfile:1:6: DL3006 [warning] base image alpine has no tag: name a version tag so builds are repeatable\n"
