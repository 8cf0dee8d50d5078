"""URL helpers: canonical form, site identity, document types (the crawl's trap rules are in `audit.spiders.url_rules`)."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from w3lib.url import canonicalize_url

#: Query parameters that carry sessions or tracking, never content.
SESSION_PARAMS = frozenset({
    "jsessionid", "phpsessid", "sid", "sessionid", "session_id", "aspsessionid", "cfid",
    "cftoken", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content",
    "fbclid", "gclid", "xtor", "s_cid",
})
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sid)=[^/?#]*", re.I)

#: Link targets that are documents: recorded as evidence, never downloaded.
DOCUMENT_EXTENSIONS = {
    "pdf": "pdf", "doc": "office", "docx": "office", "odt": "office", "xls": "office",
    "xlsx": "office", "ods": "office", "ppt": "office", "pptx": "office", "odp": "office",
    "rtf": "office", "csv": "data", "json": "data", "xml": "data", "zip": "archive",
    "rar": "archive", "7z": "archive", "gz": "archive",
}
#: Media and binaries: neither pages nor documents worth recording.
MEDIA_EXTENSIONS = frozenset(
    "jpg jpeg png gif webp svg ico bmp tif tiff mp3 mp4 avi mov wmv webm ogg wav flac "
    "mkv m4a m4v css js woff woff2 ttf eot otf exe dmg apk iso bin".split()
)


@lru_cache(maxsize=16_384)
def canonical(url: str) -> str:
    """Canonical form used for de-duplication: no fragment, no session ids, sorted query."""
    parts = urlsplit(_PATH_SESSION.sub("", url))
    query = "&".join(
        pair for pair in parts.query.split("&")
        if pair and pair.split("=", 1)[0].lower() not in SESSION_PARAMS
    )
    url = canonicalize_url(urlunsplit((parts.scheme, parts.netloc, parts.path, query, "")), keep_fragments=False)
    bare = {pair for pair in query.split("&") if pair and "=" not in pair}
    if not bare:
        return url
    # canonicalize_url writes a bare key as "key=": SPIP's "spip.php?article12" must stay as the site wrote it.
    base, _, sorted_query = url.partition("?")
    return base + "?" + "&".join(pair[:-1] if pair.endswith("=") and pair[:-1] in bare else pair
                                 for pair in sorted_query.split("&"))


def host_key(host: str | None) -> str:
    """Host without a leading ``www.``, lower-case: ``www.ville.fr`` and ``ville.fr`` are one site."""
    host = (host or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def site_key(url: str) -> str:
    """Identity of the site a URL belongs to: host (``www.`` folded) and explicit port."""
    parts = urlsplit(url)
    port = parts.port
    default = {"http": 80, "https": 443}.get(parts.scheme)
    suffix = f":{port}" if port and port != default else ""
    return host_key(parts.hostname) + suffix


def extension(url: str) -> str:
    """Lower-case file extension of the URL path, or ''."""
    path = urlsplit(url).path
    last = path.rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[-1].lower() if "." in last else ""


def document_type(url: str) -> str | None:
    """``pdf``, ``office``, ``data`` or ``archive`` when the URL names a document, else None."""
    return DOCUMENT_EXTENSIONS.get(extension(url))


def is_media(url: str) -> bool:
    return extension(url) in MEDIA_EXTENSIONS


def is_web(url: str) -> bool:
    """An http(s) URL (page artifacts hold absolute URLs, so the prefix says it)."""
    return url[:8].lower().startswith(("http://", "https://"))


def origin(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


@lru_cache(maxsize=16_384)
def host_of(url: str) -> str:
    """Lower-case host name of `url`, without ``www.`` (cached: checks ask it of every link)."""
    try:
        return host_key(urlsplit(url).hostname)
    except ValueError:
        return ""


@lru_cache(maxsize=16_384)
def host_matches(url: str, hosts: tuple[str, ...] | frozenset[str]) -> str | None:
    """The entry of `hosts` that `url`'s host is, or is a subdomain of (``payfip.gouv.fr``).

    Cached per (URL, vocabulary): menus repeat the same links on every page.
    """
    labels = host_of(url).split(".")
    for i in range(len(labels)):
        suffix = ".".join(labels[i:])
        if suffix in hosts:
            return suffix
    return None
