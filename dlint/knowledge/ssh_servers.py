"""SSH servers in images (DF044): the packages that install one and the commands that start
one, from the distributions' package indexes (Debian/Ubuntu ``openssh-server``,
``dropbear``/``dropbear-bin``; Alpine ``openssh-server``, ``dropbear``; Fedora/RHEL
``openssh-server``; openSUSE ``openssh-server``) and OpenSSH's sshd(8).

Alpine's ``openssh`` meta package and Debian's ``ssh`` pull a server too, but they are
mostly installed for the client (``git`` over SSH): only a started server counts then."""

from __future__ import annotations

#: package names whose only purpose is an SSH server
SERVER_PACKAGES = frozenset({"openssh-server", "dropbear", "dropbear-bin", "openssh-server-pam", "tinyssh"})

#: programs that are SSH servers
SERVER_PROGRAMS = frozenset({"sshd", "dropbear", "tinysshd"})

#: the service names ``service``/``rc-service``/``systemctl`` start an SSH server under
SERVICE_NAMES = frozenset({"ssh", "sshd", "dropbear"})

SSH_PORT = "22"


def package_name(word: str) -> str:
    """``openssh-server`` for ``openssh-server=1:9.2p1-2``, ``openssh-server~9``, ``openssh-server-9.6``
    is left as it is (an RPM NVR is not split)."""
    for separator in ("=", "<", ">", "~"):
        word = word.split(separator, 1)[0]
    return word.split(":", 1)[0] if word.count(":") == 1 and "/" not in word else word
