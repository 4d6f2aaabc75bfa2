"""Helpers shared by the instruction and label rules: value formats, secret names, paths, variables."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlint.knowledge.label_formats import is_email, is_git_hash, is_rfc3339, is_semver, is_spdx, is_url
from dlint.knowledge.secret_names import is_secret_name, words_of
from dlint.views.dockerfile.paths import basename, dequote, is_absolute, is_tar_name
from dlint.views.dockerfile.variables import variable_references

CHECKS = (is_url, is_rfc3339, is_spdx, is_git_hash, is_semver, is_email)


@pytest.mark.parametrize(
    ("check", "value", "valid"),
    [
        (is_spdx, "MIT", True),
        (is_spdx, "mit", True),
        (is_spdx, "(MIT OR Apache-2.0) AND BSD-3-Clause", True),
        (is_spdx, "GPL-2.0-or-later WITH Classpath-exception-2.0", True),
        (is_spdx, "LicenseRef-Company-1.0", True),
        (is_spdx, "MIT OR", False),
        (is_spdx, "MIT MIT", False),
        (is_spdx, "(MIT", False),
        (is_spdx, "MIT WITH MIT", False),
        (is_spdx, "Apache License 2.0", False),
        (is_semver, "0.0.0", True),
        (is_semver, "1.0.0-alpha.1+001", True),
        (is_semver, "1.0.0-01", False),
        (is_semver, "1.2", False),
        (is_url, "https://example.com", True),
        (is_url, "urn:isbn:0451450523", True),
        (is_url, "https://", False),
        (is_url, "example.com", False),
        (is_url, "https://exa mple.com", False),
        (is_rfc3339, "1985-04-12T23:20:50.52Z", True),
        (is_rfc3339, "1996-12-19T16:39:57-08:00", True),
        (is_rfc3339, "1996-12-19T16:39:57+25:00", False),
        (is_rfc3339, "2024-04-31T00:00:00Z", False),
        (is_git_hash, "abcdef0", True),
        (is_git_hash, "abcdefg", False),
        (is_email, "a.b+c@sub.example.org", True),
        (is_email, "Name <a@example.org>", True),
        (is_email, "a@", False),
        (is_email, "a b@example.org", False),
    ],
)
def test_value_formats(check, value: str, valid: bool) -> None:
    assert check(value) is valid


@given(st.text(max_size=60))
def test_value_checks_never_raise(text: str) -> None:
    for check in CHECKS:
        assert check(text) in (True, False)


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("AWS_SECRET_ACCESS_KEY", True),
        ("openai_api_key", True),
        ("npmToken", True),
        ("DB_PASSWD", True),
        ("POSTGRES_PASSWORD_FILE", False),
        ("TOKEN_URL", False),
        ("GPG_KEY", False),
        ("PASSENGER_VERSION", False),
        ("", False),
    ],
)
def test_secret_names(name: str, secret: bool) -> None:
    assert is_secret_name(name) is secret


def test_words_of_splits_snake_kebab_and_camel_case() -> None:
    assert words_of("dbPassword_FILE") == ["db", "password", "file"]
    assert words_of("my-api.key") == ["my", "api", "key"]


def test_variable_references_follow_docker_quoting() -> None:
    raw = """$A-${B:-x}'$C'"$D"\\$E${F"""
    assert [name for name, _, _ in variable_references(raw)] == ["A", "B", "D", "F"]
    assert [(start, end) for name, start, end in variable_references("x${LONG}y") if name == "LONG"] == [(1, 8)]
    assert list(variable_references("`$A $B", escape="`")) == [("B", 4, 6)]


def test_paths() -> None:
    assert dequote('"C:\\dir"') == "C:\\dir" and dequote("'/x") == "/x" and dequote('"') == ""
    assert basename("build\\foo\\bar.tar.gz") == "bar.tar.gz" and basename("dir/") == ""
    assert is_absolute("/x") and is_absolute("c:\\x") and is_absolute("D:/") and is_absolute("C:")
    assert not is_absolute("app") and not is_absolute("C") and not is_absolute("./x")
    assert is_tar_name("A.TAR.GZ") and is_tar_name("x.tgz") and not is_tar_name("x.zip")
