"""Signal names Docker accepts for ``STOPSIGNAL`` (DF050), from moby's signal package
(github.com/moby/sys, ``signal/signal_linux.go`` and ``ParseSignal``): a name from the
Linux table, upper or lower case, with or without the ``SIG`` prefix, or a number other
than 0. BuildKit parses the value when it builds, so any other value fails the build."""

from __future__ import annotations

LINUX_SIGNALS = frozenset(
    {
        "ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL", "INT", "IO", "IOT", "KILL",
        "PIPE", "POLL", "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS", "TERM", "TRAP", "TSTP",
        "TTIN", "TTOU", "URG", "USR1", "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ", "RTMIN", "RTMAX",
        *(f"RTMIN+{n}" for n in range(1, 16)),
        *(f"RTMAX-{n}" for n in range(1, 15)),
    }
)  # fmt: skip


def signal_name(value: str) -> str:
    """The name as Docker looks it up: upper case, ``SIG`` removed."""
    return value.upper().removeprefix("SIG")


def valid_signal(value: str) -> bool:
    """Whether Docker's ``ParseSignal`` accepts ``value``."""
    text = value.strip()
    sign = text[:1] in ("+", "-")
    if text[sign:].isdigit() and text.isascii():  # Go's strconv.Atoi: one optional sign
        return int(text) != 0
    return signal_name(text) in LINUX_SIGNALS
