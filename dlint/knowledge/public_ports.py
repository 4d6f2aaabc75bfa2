"""Ports that exist to be reached from other hosts (DC015): a reverse proxy's 80/443, mail
and VPN ports. Correct a port here when a service you publish on purpose is reported."""

from __future__ import annotations

from dlint.regex import regex
from dlint.views.compose.ports import PortBinding

#: reverse proxies and load balancers, by a word of their image's last name part or of the
#: service name (``traefik``, ``nginxproxy/nginx-proxy``, ``envoyproxy/envoy``, a service
#: ``frontend-proxy``): their HTTP and HTTPS ports are the way into the application
PROXY_WORDS = frozenset({"traefik", "nginx", "caddy", "haproxy", "envoy", "proxy"})
#: ports a reverse proxy serves the public on: HTTP, HTTPS (also QUIC on 443/udp)
PROXY_PORTS = frozenset({80, 443})
#: ports that exist to be reached from other hosts, whatever the service (IANA
#: service names registry): mail — SMTP 25, submissions 465, submission 587, POP3 110,
#: POP3S 995, IMAP 143, IMAPS 993, ManageSieve 4190 — and VPN — OpenVPN 1194 (udp or
#: tcp), IKE 500/udp and IPsec NAT traversal 4500/udp, WireGuard's 51820/udp
PUBLIC_PORTS: dict[int, frozenset[str]] = {
    **{port: frozenset({"tcp"}) for port in (25, 465, 587, 110, 995, 143, 993, 4190)},
    1194: frozenset({"tcp", "udp"}),
    500: frozenset({"udp"}),
    4500: frozenset({"udp"}),
    51820: frozenset({"udp"}),
}
_NAME_WORD = regex(r"[a-z0-9]+")


def _is_proxy(service) -> bool:
    from dlint.knowledge.compose_images import image_name

    image = image_name(service)
    names = [service.name.lower(), image.rsplit("/", 1)[-1] if image else ""]
    return any(word in PROXY_WORDS for name in names for word in _NAME_WORD.findall(name))


def meant_public(service, bound: PortBinding) -> bool:
    """The published port exists to be reached from other hosts: every host port of the
    item is a mail or VPN port (:data:`PUBLIC_PORTS`) for its protocol, or 80/443 of a
    reverse proxy (:data:`PROXY_WORDS`)."""
    if bound.published is None:
        return False
    first, last = bound.published
    if last - first > 10:
        return False
    ports = range(first, last + 1)
    if all(bound.protocol in PUBLIC_PORTS.get(port, ()) for port in ports):
        return True
    return all(port in PROXY_PORTS for port in ports) and _is_proxy(service)
