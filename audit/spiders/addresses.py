"""Address policy: the crawl never fetches an internal address the user did not ask for.

A page may link or redirect to ``127.0.0.1:8080``, a private 10.x host or a
link-local metadata service. Only the origins the user gave as start URLs may
be internal; any other URL whose host resolves to a loopback, private,
link-local or reserved address is refused. For a public self-audit service,
``AUDIT_REFUSE_PRIVATE_START`` refuses internal start URLs as well, and
:class:`PublicOnlyResolver` checks the address again when the connection is
made, so a name that resolves to a public address when checked and to an
internal one when connecting (DNS rebinding) is still refused.
``AUDIT_ALLOW_NETWORKS`` (comma-separated CIDR ranges) lifts the rule for
those ranges only (tests serving sites on 127.0.0.1).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

from audit.artifacts.urls import origin

WEB_SCHEMES = frozenset({"http", "https"})
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
#: NAT64 prefixes: the last 32 bits are an IPv4 address (64:ff9b::7f00:1 reaches 127.0.0.1).
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def parse_networks(text: str | Iterable[str] | None) -> tuple[Network, ...]:
    """CIDR ranges from ``"127.0.0.0/8, ::1/128"`` or a list; raise ValueError on a malformed one."""
    items = text.split(",") if isinstance(text, str) else list(text or ())
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in items if item.strip())


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (IPv4-mapped, 6to4, Teredo, NAT64), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if any(ip in net for net in _NAT64):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_internal(address: str, allowed: Sequence[Network] = ()) -> bool:
    """Whether `address` is not a public unicast address: loopback, private, link-local (cloud metadata
    169.254.169.254), CGNAT 100.64/10, multicast, reserved, documentation, unspecified, their IPv6
    equivalents, and IPv6 addresses carrying such an IPv4 address. Ranges in `allowed` are never internal.
    """
    ip = ipaddress.ip_address(address)
    if any(ip.version == net.version and ip in net for net in allowed):
        return False
    if ip.version == 6:
        inner = _embedded_ipv4(ip)
        if inner is not None:  # judged on the IPv4 address it reaches (::ffff:0:0/96 itself is "reserved")
            return is_internal(str(inner))
    return (
        not ip.is_global or ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved
        or ip.is_multicast or ip.is_unspecified
    )


class AddressPolicy:
    def __init__(self, asked_origins: set[str], refuse_private_start: bool = False,
                 allowed_networks: Sequence[Network] = ()) -> None:
        self.asked = {o.lower() for o in asked_origins}
        self.refuse_private_start = refuse_private_start
        self.allowed = tuple(allowed_networks)
        self._resolved: dict[str, list[str]] = {}

    async def addresses(self, host: str) -> list[str]:
        """IP addresses of `host` (cached); an IP literal is its own address; [] when it does not resolve."""
        try:
            return [str(ipaddress.ip_address(host.strip("[]")))]
        except ValueError:
            pass
        if host not in self._resolved:
            loop = asyncio.get_running_loop()
            try:
                infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
            except (OSError, UnicodeError):
                infos = []
            self._resolved[host] = sorted({info[4][0] for info in infos})
        return self._resolved[host]

    async def refusal(self, url: str) -> str | None:
        """Why `url` must not be fetched (in French), or None when it may be."""
        parts = urlsplit(url)
        if parts.scheme not in WEB_SCHEMES:
            return f"schéma « {parts.scheme} » refusé : {url}"
        asked = origin(url).lower() in self.asked
        if asked and not self.refuse_private_start:
            return None
        internal = [a for a in await self.addresses(parts.hostname or "") if is_internal(a, self.allowed)]
        if internal:
            return f"adresse interne refusée ({', '.join(internal)}) : {url}"
        return None


def public_only_resolver() -> type:
    """Scrapy's caching resolver, refusing internal addresses when the connection is made.

    Set as ``TWISTED_DNS_RESOLVER = "audit.spiders.addresses.PublicOnlyResolver"`` (the self-audit
    service does): the address checked is the one the connection uses, and it stays cached, so the
    name cannot be rebound to an internal address between the policy's check and the connection.
    Built lazily so that importing this module does not import Twisted.
    """
    from scrapy.resolver import CachingThreadedResolver
    from twisted.internet import defer
    from twisted.internet.error import DNSLookupError

    class _PublicOnlyResolver(CachingThreadedResolver):
        allowed: tuple[Network, ...] = ()

        @classmethod
        def from_crawler(cls, crawler: Any, reactor: Any) -> "_PublicOnlyResolver":
            resolver = super().from_crawler(crawler, reactor)
            resolver.allowed = parse_networks(crawler.settings.get("AUDIT_ALLOW_NETWORKS"))
            return resolver

        def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Any:  # noqa: N802 - Twisted's name
            def check(address: str) -> str:
                if is_internal(address, self.allowed):
                    raise DNSLookupError(f"adresse interne refusée ({address}) : {name}")
                return address

            try:
                return defer.maybeDeferred(check, str(ipaddress.ip_address(name.strip("[]"))))
            except ValueError:
                pass
            return super().getHostByName(name, timeout).addCallback(check)

    return _PublicOnlyResolver


def __getattr__(name: str) -> Any:
    """``PublicOnlyResolver`` is built on first access (see :func:`public_only_resolver`)."""
    if name == "PublicOnlyResolver":
        globals()[name] = cls = public_only_resolver()
        return cls
    raise AttributeError(name)
