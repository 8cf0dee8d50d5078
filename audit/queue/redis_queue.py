"""The shared list of sites in Redis, a reliable queue with leases.

Keys (prefix ``audit``):

- ``audit:entries``  hash slug → JSON entry (the site as read from the input file, its slug, the run label);
- ``audit:pending``  list of slugs waiting, taken from the left;
- ``audit:leases``   sorted set slug → lease deadline (milliseconds, Redis server clock);
- ``audit:tokens``   hash slug → token of the worker holding the lease;
- ``audit:done``     set of slugs whose ``audit.json`` is written;
- ``audit:failed``   hash slug → reason (malformed entry, or the crawl failed too often);
- ``audit:attempts`` hash slug → crawls started that did not end with a result.

Every change of state is one Lua script, so it is atomic however many workers run. Taking a
site first puts back every expired lease (a worker killed with SIGKILL stops renewing its
own), so no site is lost and none is held by two workers: a site is crawled by one worker
at a time, and once in ``done`` it is never given out again. Deadlines use the Redis
server's clock, never the workers' clocks.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from typing import Any

import redis

from audit.spiders.sites import InputError, SiteInput

PREFIX = "audit"
#: Crawls of one site that may end without a result before it is set aside in ``failed``.
MAX_ATTEMPTS = 3
#: A site's folder name, as `audit.spiders.sites.SiteInput.slug` makes it.
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")

_ADD = """
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  redis.call('RPUSH', KEYS[2], ARGV[1])
  return 1
end
return 0
"""

_CLAIM = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for _, slug in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)) do
  redis.call('ZREM', KEYS[3], slug)
  redis.call('HDEL', KEYS[4], slug)
  redis.call('LPUSH', KEYS[1], slug)
end
while true do
  local slug = redis.call('LPOP', KEYS[1])
  if not slug then return false end
  if redis.call('SISMEMBER', KEYS[5], slug) == 0 and redis.call('HEXISTS', KEYS[6], slug) == 0
      and not redis.call('ZSCORE', KEYS[3], slug) then
    redis.call('ZADD', KEYS[3], now + tonumber(ARGV[1]), slug)
    redis.call('HSET', KEYS[4], slug, ARGV[2])
    return {slug, redis.call('HGET', KEYS[2], slug) or ''}
  end
end
"""

_RENEW = """
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
return 1
"""

#: KEYS: leases, tokens, done, failed, attempts, pending; ARGV: slug, token, outcome, reason.
_END = """
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
if ARGV[3] == 'done' then
  redis.call('SADD', KEYS[3], ARGV[1])
elseif ARGV[3] == 'failed' then
  redis.call('HSET', KEYS[4], ARGV[1], ARGV[4])
elseif redis.call('HINCRBY', KEYS[5], ARGV[1], 1) >= tonumber(ARGV[5]) then
  redis.call('HSET', KEYS[4], ARGV[1], ARGV[4])
else
  redis.call('RPUSH', KEYS[6], ARGV[1])
end
return 1
"""


class QueueError(InputError):
    """The queue cannot be used (the message is for the user, in French)."""


@dataclass(frozen=True)
class Lease:
    """A site taken from the queue by one worker, until its deadline unless renewed."""

    slug: str
    token: str
    payload: str


def entry_payload(site: SiteInput, slug: str, label: str | None) -> str:
    """The JSON a queue entry holds: everything needed to audit the site as ``audit run`` would."""
    return json.dumps({
        "url": site.url, "name": site.name, "insee": site.insee, "extra": site.extra,
        "scheme_given": site.scheme_given, "slug": slug, "label": label,
    }, ensure_ascii=False, sort_keys=True)


def parse_entry(payload: str) -> tuple[SiteInput, str, str | None]:
    """``(site, slug, label)`` of a queue entry; ValueError (in French) when it is malformed."""
    try:
        data = json.loads(payload)
    except ValueError:
        raise ValueError("entrée qui n'est pas du JSON") from None
    if not isinstance(data, dict):
        raise ValueError("entrée qui n'est pas un objet JSON")
    url, slug, label = data.get("url"), data.get("slug"), data.get("label")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise ValueError("adresse « url » absente ou invalide")
    if not isinstance(slug, str) or not SLUG.fullmatch(slug):
        raise ValueError("nom de dossier « slug » absent ou invalide")
    extra = data.get("extra") or {}
    if not isinstance(extra, dict) or label is not None and not isinstance(label, str):
        raise ValueError("champs « extra » ou « label » invalides")
    site = SiteInput(url=url, name=str(data.get("name") or ""), insee=str(data.get("insee") or ""),
                     extra={str(k): str(v) for k, v in extra.items()}, scheme_given=bool(data.get("scheme_given", True)))
    return site, slug, label


def shown_url(url: str) -> str:
    """The queue URL without its password, for messages."""
    parts = redis.connection.parse_url(url) if url.startswith(("redis://", "rediss://", "unix://")) else {}
    if parts.get("password"):
        return url.replace(f":{parts['password']}@", ":***@", 1)
    return url


class SiteQueue:
    """The site list of one Redis database."""

    def __init__(self, client: redis.Redis, url: str) -> None:
        self.client = client
        self.url = url
        self.keys = {name: f"{PREFIX}:{name}" for name in
                     ("entries", "pending", "leases", "tokens", "done", "failed", "attempts")}
        self._add = client.register_script(_ADD)
        self._claim = client.register_script(_CLAIM)
        self._renew = client.register_script(_RENEW)
        self._end = client.register_script(_END)

    @classmethod
    def connect(cls, url: str) -> SiteQueue:
        """Connect to ``redis://HOST:PORT/DB`` and check that the server answers; QueueError otherwise."""
        if not url.startswith(("redis://", "rediss://", "unix://")):
            raise QueueError(f"adresse de file d'attente invalide « {url} » : la forme attendue est redis://HÔTE:PORT/BASE")
        try:
            client = redis.Redis.from_url(url, decode_responses=True, socket_connect_timeout=5, socket_timeout=30)
            client.ping()
        except (redis.RedisError, ValueError) as exc:
            raise QueueError(f"file d'attente inaccessible {shown_url(url)} : {exc}") from None
        return cls(client, url)

    def call(self, action: Any, *args: Any, **kwargs: Any) -> Any:
        """Run one Redis call; a lost connection becomes a QueueError."""
        try:
            return action(*args, **kwargs)
        except redis.RedisError as exc:
            raise QueueError(f"file d'attente inaccessible {shown_url(self.url)} : {exc}") from None

    def put(self, entries: list[tuple[str, str]]) -> int:
        """Add ``(slug, payload)`` entries not already known to this queue; return how many were added."""
        pipe = self.client.pipeline(transaction=False)
        for slug, payload in entries:
            self._add(keys=[self.keys["entries"], self.keys["pending"]], args=[slug, payload], client=pipe)
        return sum(self.call(pipe.execute))

    def claim(self, lease_seconds: float) -> Lease | None:
        """Take the next site for `lease_seconds` (putting back expired leases first); None when none waits."""
        token = secrets.token_hex(8)
        k = self.keys
        found = self.call(self._claim, keys=[k["pending"], k["entries"], k["leases"], k["tokens"], k["done"], k["failed"]],
                          args=[int(lease_seconds * 1000), token])
        if not found:
            return None
        slug, payload = found
        return Lease(slug=slug, token=token, payload=payload)

    def renew(self, lease: Lease, lease_seconds: float) -> bool:
        """Push the lease's deadline back; False when the lease was lost (expired and taken by another worker)."""
        return bool(self.call(self._renew, keys=[self.keys["leases"], self.keys["tokens"]],
                              args=[lease.slug, lease.token, int(lease_seconds * 1000)]))

    def _finish(self, lease: Lease, outcome: str, reason: str = "") -> bool:
        k = self.keys
        return bool(self.call(self._end, keys=[k["leases"], k["tokens"], k["done"], k["failed"], k["attempts"], k["pending"]],
                              args=[lease.slug, lease.token, outcome, reason, MAX_ATTEMPTS]))

    def done(self, lease: Lease) -> bool:
        """The site's result is written: never give it out again. False when the lease had been lost."""
        return self._finish(lease, "done")

    def fail(self, lease: Lease, reason: str) -> bool:
        """Set the site aside for good (a malformed entry): it is not retried."""
        return self._finish(lease, "failed", reason)

    def retry(self, lease: Lease, reason: str) -> bool:
        """The crawl ended without a result: back in the queue, or set aside after MAX_ATTEMPTS."""
        return self._finish(lease, "retry", reason)

    def counts(self) -> dict[str, int]:
        """Sites per state: ``total``, ``pending``, ``leased``, ``done``, ``failed``."""
        k = self.keys
        pipe = self.client.pipeline(transaction=True)
        pipe.hlen(k["entries"]).llen(k["pending"]).zcard(k["leases"]).scard(k["done"]).hlen(k["failed"])
        total, pending, leased, done, failed = self.call(pipe.execute)
        return {"total": total, "pending": pending, "leased": leased, "done": done, "failed": failed}

    def finished(self) -> bool:
        """Nothing waiting and nothing leased: every site is done or set aside."""
        counts = self.counts()
        return counts["pending"] == 0 and counts["leased"] == 0
