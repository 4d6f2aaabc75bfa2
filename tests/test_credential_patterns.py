"""The credential shapes of dlint/knowledge/credentials.py: one token of each kind is found,
and the literal markers that let a scan skip a pattern never hide one."""

from __future__ import annotations

from dlint.knowledge.credentials import CREDENTIAL_MARKERS, CREDENTIAL_PATTERNS, credentials_in

#: one made-up token of each shape, in the order of CREDENTIAL_PATTERNS (random-looking tails:
#: a run of one character is a stand-in, which is not reported)
TOKENS = [
    "AKIAQ3EGPNXT7K2LMZ4W",
    "ghp_" + "k2Lm9QzX4wT7bN1vR8sY3hJ6dF0gC5aE2uIoPq",
    "github_pat_" + "11ABCDEFG0aZ9yX8wV7uT6sR5qP4",
    "glpat-" + "x7Yk2LmN9pQr4StUv8Wz",
    "xoxb-" + "2048-9a8b7c6d5e4f",
    "AIza" + "Sy3k9XmQ2vL8pN4rT7wZ1cB6dF0gH5jK2mQ",
    "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc",
    "npm_" + "k2Lm9QzX4wT7bN1vR8sY3hJ6dF0gC5aE2uIo",
    "dckr_pat_" + "k2Lm9QzX4wT7bN1vR8sY3hJ6dF0",
    "pypi-AgEIcHlwaS5vcmc" + "k2Lm9QzX4wT7bN1vR8sY3hJ6dF0gC5aE2uIoPqk2Lm9QzX4wT7bN1",
    "SG." + "k2Lm9QzX4wT7bN1vR8sY3h" + "." + "k2Lm9QzX4wT7bN1vR8sY3hJ6dF0gC5aE2uIoPqZ1x2c",
    "sk-ant-api03-" + "k2Lm9QzX4wT7bN1vR8sY3hJ6dF0gC5aE2uIoPqZ1x2c",
    "sk-proj-" + "k2Lm9QzX4wT7bN1vR8sY3hJ6dF0gC5aE2uIoPqZ1x2c",
    "hf_" + "kLmQzXwTbNvRsYhJdFgCaEuIoPqZxcvBnM",
    "-----BEGIN OPENSSH PRIVATE KEY-----",
]


def test_every_shape_has_markers_and_a_token() -> None:
    assert len(CREDENTIAL_MARKERS) == len(CREDENTIAL_PATTERNS) == len(TOKENS)


def test_each_token_is_found_as_what_it_is() -> None:
    for token, (pattern, what), markers in zip(TOKENS, CREDENTIAL_PATTERNS, CREDENTIAL_MARKERS, strict=True):
        assert pattern.search(token), token
        assert any(marker in token for marker in markers), token
        assert credentials_in(f"RUN export TOKEN={token}\n") == [(17, 17 + pattern.search(token).end(), what)]
