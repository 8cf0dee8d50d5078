"""What makes the service safe to put on the internet: address checks, rate limits, security headers.

The address rule is the crawler's own (:mod:`audit.spiders.addresses`): here it
is applied when the form is submitted, so the visitor reads why at once; the
worker applies it again to every request, every redirect and, through
:class:`~audit.spiders.addresses.PublicOnlyResolver`, at connection time.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Sequence
from urllib.parse import urlsplit

from audit.spiders.addresses import AddressPolicy, Network, is_internal

#: Service pages: only the service's own stylesheet and progress script, no framing, forms post here only.
SERVICE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
#: Reports: what ``report.html`` itself declares (inline CSS, embedded screenshots), and no script at all.
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


async def address_refusal(url: str, allowed: Sequence[Network] = ()) -> str | None:
    """Why the service will not audit `url` (a French sentence for the visitor), or None.

    Every address the host name resolves to must be public (the crawl may connect to any of them).
    """
    host = urlsplit(url).hostname or ""
    addresses = await AddressPolicy(set(), True, allowed).addresses(host)
    if not addresses:
        return f"L'adresse « {host} » est introuvable : vérifiez qu'elle est bien écrite."
    internal = [a for a in addresses if is_internal(a, allowed)]
    if internal:
        return (f"L'adresse « {host} » mène à un réseau privé ou réservé ({', '.join(internal)}) : "
                "ce service n'audite que des sites publics, accessibles depuis internet.")
    return None


class RateLimiter:
    """At most `limit` submissions per client in any window of `window` seconds (sliding window)."""

    def __init__(self, limit: int, window: float = 3600.0) -> None:
        self.limit = limit
        self.window = window
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def retry_after(self, client: str, now: float | None = None) -> int:
        """0 when `client` may submit now (the submission is counted); otherwise seconds to wait."""
        now = time.monotonic() if now is None else now
        hits = self._hits[client]
        while hits and now - hits[0] >= self.window:
            hits.popleft()
        if len(hits) >= self.limit:
            return max(1, int(self.window - (now - hits[0])) + 1)
        hits.append(now)
        if len(self._hits) > 10_000:  # forget idle clients so memory stays bounded
            for key in [k for k, v in self._hits.items() if not v]:
                del self._hits[key]
        return 0
