"""Address policy: the crawl never fetches an internal address the user did not ask for.

A page may link or redirect to ``127.0.0.1:8080``, a private 10.x host or a
link-local metadata service. Only the origins the user gave as start URLs may
be internal; any other URL whose host resolves to a loopback, private,
link-local or reserved address is refused. For a public self-audit service,
``AUDIT_REFUSE_PRIVATE_START`` refuses internal start URLs as well.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from audit.urls import origin

WEB_SCHEMES = frozenset({"http", "https"})


def is_internal(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast
        or ip.is_unspecified or (ip.version == 6 and ip.ipv4_mapped is not None and is_internal(str(ip.ipv4_mapped)))
    )


class AddressPolicy:
    def __init__(self, asked_origins: set[str], refuse_private_start: bool = False) -> None:
        self.asked = {o.lower() for o in asked_origins}
        self.refuse_private_start = refuse_private_start
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
        internal = [a for a in await self.addresses(parts.hostname or "") if is_internal(a)]
        if internal:
            return f"adresse interne refusée ({', '.join(internal)}) : {url}"
        return None
