"""Consentement aux cookies : outil de gestion du consentement chargé et traceurs tiers référencés.

With the browser, the requests a rendered page makes before any interaction
(we never click) tell which third parties and trackers load before consent.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from audit.artifacts.page import Page
from audit.artifacts.text import fold, words_pattern
from audit.artifacts.urls import host_matches, host_of
from audit.checks.framework.decide import evidence_of
from audit.checks.framework.evidence import element_excerpt, excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts

CRITERIA = ("site.cookie_consent",)
NEEDS = frozenset({"html", "site_facts", "rendered", "network"})

#: Consent managers: (name, pattern on script / stylesheet / iframe URLs, pattern on inline scripts).
CONSENT_TOOLS: tuple[tuple[str, str, str | None], ...] = (
    ("tarteaucitron", r"tarteaucitron", r"tarteaucitron\s*\.\s*(?:init|job|user)"),
    ("Axeptio", r"axept\.io|axeptio", r"axeptioSettings|_axcb"),
    ("Didomi", r"privacy-center\.org|didomi", r"didomiConfig|didomiOnReady"),
    ("Cookiebot", r"cookiebot\.(?:com|eu)", r"Cookiebot(?:CallBack|\.consent)|CookieConsent\.renew"),
    ("OneTrust", r"cookielaw\.org|onetrust|optanon", r"OptanonWrapper|OneTrust\.|OnetrustActiveGroups"),
    ("Klaro", r"klaro(?:[.-][a-z-]+)*\.js|kiprotect\.com", r"klaroConfig"),
    ("Complianz", r"complianz|/cmplz", r"complianz|cmplz_"),
    ("CookieYes", r"cookieyes\.com|cookie-law-info", r"cookieyes|cli_cookiebar|CLI_ACCEPT"),
    ("Orejime", r"orejime", r"orejime"),
    ("Usercentrics", r"usercentrics\.eu|usercentrics", r"usercentrics"),
    ("Sirdata", r"consentframework\.com|sddan\.com", r"sddan\.cmp"),
    ("Quantcast Choice", r"quantcast\.mgr\.consensu\.org|cmp\.quantcast\.com", r"__tcfapi.*quantcast"),
    ("iubenda", r"iubenda\.com", r"_iub\.csConfiguration"),
    ("Cookie Notice", r"/cookie-notice/", r"cnArgs"),
    ("Borlabs Cookie", r"borlabs-cookie", r"BorlabsCookie"),
    ("GDPR Cookie Compliance", r"gdpr-cookie-compliance", r"moove_frontend_gdpr"),
    ("Real Cookie Banner", r"real-cookie-banner", r"realCookieBanner"),
    ("EU Cookie Compliance", r"eu[-_]cookie[-_]compliance", r"eu_cookie_compliance"),
    ("CookieFirst", r"cookiefirst\.com", None),
    ("Cookie Script", r"cookie-script\.com", None),
    ("CookieHub", r"cookiehub\.(?:net|eu|com)", None),
    ("Consentmanager", r"consentmanager\.net", None),
    ("Osano", r"osano\.com|cookieconsent(?:\.min)?\.js", r"cookieconsent\.initialise"),
    ("TrustArc", r"trustarc\.com|truste\.com", None),
    ("Termly", r"termly\.io", None),
    ("TrustCommander", r"trustcommander|privacy\.commander1\.com", None),
)
_TOOL_URL = [(name, re.compile(url, re.I)) for name, url, _ in CONSENT_TOOLS]
_TOOL_INLINE = [(name, re.compile(inline)) for name, _, inline in CONSENT_TOOLS if inline]

#: Markup a consent manager leaves in the static page (id or class fragments).
TOOL_MARKUP = {
    "tarteaucitronroot": "tarteaucitron", "tarteaucitronalertbig": "tarteaucitron", "orejime": "Orejime",
    "axeptio_overlay": "Axeptio", "didomi-host": "Didomi", "cybotcookiebotdialog": "Cookiebot",
    "onetrust-consent-sdk": "OneTrust", "cmplz-cookiebanner": "Complianz", "cookie-law-info-bar": "CookieYes",
    "eu-cookie-compliance": "EU Cookie Compliance", "fr-consent-banner": "DSFR (gestionnaire de consentement)",
}
_MARKUP = re.compile("|".join(re.escape(frag) for frag in TOOL_MARKUP))
#: A home-made banner: a block named cookie / consent whose buttons accept AND refuse or customise.
_BANNER_NAME = re.compile(r"cookie|consent|rgpd|gdpr")
_BANNER_TAGS = frozenset({"div", "section", "aside", "dialog", "form"})
#: One XPath pre-selects the few elements whose id or class may matter ("ookie" matches Cookie and cookie).
_NAME_FRAGMENTS = ("ookie", "OOKIE", "onsent", "rgpd", "RGPD", "gdpr", "tarteaucitron", "orejime", "axeptio", "didomi",
                   "ybot", "onetrust")
_CANDIDATES_XPATH = "//*[" + " or ".join(
    f"contains(@id, '{frag}') or contains(@class, '{frag}')" for frag in _NAME_FRAGMENTS
) + "]"
BANNER_ACCEPT = words_pattern("accepter", "j'accepte", "tout accepter", "accept", "accept all", "ok pour moi", "autoriser")
BANNER_CHOICE = words_pattern(
    "refuser", "tout refuser", "je refuse", "personnaliser", "parametrer", "gerer mes choix", "mes preferences",
    "continuer sans accepter", "reject", "decline", "customi[sz]e",
)
HOMEMADE_BANNER = "bandeau de consentement (sans outil connu)"

#: Third-party trackers by host (a host or any of its sub-domains).
TRACKER_HOSTS = {
    "google-analytics.com": "Google Analytics", "analytics.google.com": "Google Analytics",
    "googletagmanager.com": "Google Tag Manager", "doubleclick.net": "Google Ads (DoubleClick)",
    "googleadservices.com": "Google Ads", "googlesyndication.com": "Google AdSense",
    "connect.facebook.net": "Meta Pixel / Facebook SDK", "matomo.cloud": "Matomo", "piwik.pro": "Piwik PRO",
    "xiti.com": "AT Internet (Xiti)", "aticdn.net": "AT Internet / Piano", "ati-host.net": "AT Internet",
    "pa-cd.com": "Piano Analytics", "hotjar.com": "Hotjar", "clarity.ms": "Microsoft Clarity",
    "mc.yandex.ru": "Yandex Metrica", "snap.licdn.com": "LinkedIn Insight", "analytics.tiktok.com": "TikTok Pixel",
    "static.ads-twitter.com": "X (Twitter) Ads", "addthis.com": "AddThis", "sharethis.com": "ShareThis",
    "wysistat.com": "Wysistat", "wysistat.net": "Wysistat", "estat.com": "Médiamétrie eStat",
    "eulerian.net": "Eulerian", "crazyegg.com": "Crazy Egg", "mouseflow.com": "Mouseflow",
    "quantserve.com": "Quantcast", "scorecardresearch.com": "comScore", "stats.wp.com": "Jetpack Stats",
    "heapanalytics.com": "Heap", "cdn.segment.com": "Segment",
}
#: Tracker hosts named as such in an inline script (the usual loader snippets).
_HOST_IN_SCRIPT = re.compile(r"(?:https?:)?(?:\\?/){2}([a-z0-9][a-z0-9.-]*\.[a-z]{2,})", re.I)
_META_PIXEL = re.compile(r"facebook\.com/tr\b|fbq\(\s*['\"]init", re.I)
#: Self-hosted Matomo / Piwik: the loader script, or the ``_paq`` snippet with its tracker URL.
_MATOMO_SRC = re.compile(r"/(?:matomo|piwik)\.(?:js|php)\b", re.I)
_MATOMO_SNIPPET = re.compile(r"_paq\b")
_MATOMO_URL = re.compile(r"\bu\s*=\s*[\"']((?:https?:)?//[^\"']+)", re.I)
INLINE_LIMIT = 20_000


def _tool_observations(page: Page) -> Iterator[Observation]:
    for el in page.tree.iter("script", "link", "iframe"):
        url = el.get("src") or el.get("href") or ""
        if not url or (el.tag == "link" and "stylesheet" not in (el.get("rel") or "").lower()):
            continue
        for name, pattern in _TOOL_URL:
            if pattern.search(url):
                yield Observation("site.cookie_consent", page.url, element_excerpt(el), "tool",
                                  locator(el), 0.9, name)
                break
    for script in page.inline_scripts:
        for name, pattern in _TOOL_INLINE:
            match = pattern.search(script[:INLINE_LIMIT])
            if match:
                yield Observation("site.cookie_consent", page.url, excerpt(script, match.group(0)), "tool",
                                  None, 0.85, name)
                break
    marked = banner = False
    for el in page.tree.xpath(_CANDIDATES_XPATH):
        names = f"{el.get('id') or ''} {el.get('class') or ''}".lower()
        match = None if marked else _MARKUP.search(names)
        if match:
            marked = True
            yield Observation("site.cookie_consent", page.url, element_excerpt(el), "tool", locator(el), 0.8,
                              TOOL_MARKUP[match.group(0)])
        elif not banner and el.tag in _BANNER_TAGS and _BANNER_NAME.search(names):
            buttons = " ".join(fold(b.text_content() or b.get("value") or "") for b in el.iter("button", "a", "input"))
            if BANNER_ACCEPT.search(buttons) and BANNER_CHOICE.search(buttons):
                banner = True
                yield Observation("site.cookie_consent", page.url, element_excerpt(el), "tool", locator(el), 0.65,
                                  HOMEMADE_BANNER)


def _tracker(url: str) -> tuple[str, str] | None:
    """(host, tracker name) when the absolute or protocol-relative `url` points at a known tracker host."""
    url = "https:" + url if url.startswith("//") else url
    host = host_matches(url, tuple(TRACKER_HOSTS))
    if not host:
        return None
    name = "Google Analytics (gtag.js)" if "/gtag/js" in url else TRACKER_HOSTS[host]
    return host_of(url), name


def _tracker_observations(page: Page) -> Iterator[Observation]:
    found: dict[str, tuple[str, str, str | None]] = {}  # host -> (name, excerpt, locator)
    for el in page.tree.iter("script", "iframe", "img"):
        url = (el.get("src") or "").strip()
        if not url:
            continue
        hit = _tracker(url)
        if el.tag == "img" and _META_PIXEL.search(url):
            hit = ("facebook.com", "Meta Pixel")
        elif el.tag == "script" and not hit and _MATOMO_SRC.search(url):
            hit = (host_of(url if "//" in url else page.url), "Matomo")
        if hit and hit[0] not in found:
            found[hit[0]] = (hit[1], element_excerpt(el), locator(el))
    for script in page.inline_scripts:
        head = script[:INLINE_LIMIT]
        hits = [h for h in (_tracker("https://" + m.group(1).lower()) for m in _HOST_IN_SCRIPT.finditer(head)) if h]
        if _META_PIXEL.search(head):
            hits.append(("facebook.com", "Meta Pixel"))
        if _MATOMO_SNIPPET.search(head):
            url = _MATOMO_URL.search(head)
            hits.append((host_of(url.group(1) if url.group(1).startswith("http") else "https:" + url.group(1))
                         if url else host_of(page.url), "Matomo"))
        for host, name in hits:
            found.setdefault(host, (name, excerpt(head, host.split(".")[0]), None))
    for host, (name, cut, where) in found.items():
        yield Observation("site.cookie_consent", page.url, cut, "tracker", where, 0.9, {"host": host, "name": name})


def _network_observations(page: Page) -> Iterator[Observation]:
    """Third-party hosts the rendered page requested on its own, and consent tools among them."""
    site_host = host_of(page.url)
    hosts: dict[str, str] = {}
    for url in page.requests:
        host = host_of(url)
        if not host or host == site_host or host.endswith("." + site_host) or not url.startswith("http"):
            continue
        hosts.setdefault(host, url)
        for name, pattern in _TOOL_URL:
            if pattern.search(url):
                yield Observation("site.cookie_consent", page.url, excerpt(f"requête du navigateur : {url}"), "tool",
                                  None, 0.9, name)
                break
    for host, url in hosts.items():
        hit = _tracker(url)
        yield Observation("site.cookie_consent", page.url, excerpt(f"requête avant consentement : {url}"), "request",
                          None, 0.9, {"host": host, "name": hit[1] if hit else None})


def observe(page: Page) -> Iterator[Observation]:
    seen: set[object] = set()
    network = _network_observations(page) if page.rendered else ()
    for obs in (*_tool_observations(page), *_tracker_observations(page), *network):
        key = obs.value if obs.kind == "tool" else (obs.kind, obs.value["host"])
        if key not in seen:
            seen.add(key)
            yield obs


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    tools = [o for o in observations if o.kind == "tool"]
    trackers: dict[str, dict[str, str]] = {}
    for obs in observations:
        if obs.kind == "tracker":
            trackers.setdefault(obs.value["host"], obs.value)
    tracker_list = sorted(trackers.values(), key=lambda t: t["host"])
    value: dict[str, object] = {"tool": None, "trackers": tracker_list}
    requests = {o.value["host"]: o.value for o in observations if o.kind == "request"}
    if any(o.kind == "request" for o in observations) or site is not None and site.pages_rendered:
        early = sorted((r for r in requests.values() if r["name"]), key=lambda r: r["host"])
        value["before_consent"] = {
            "third_party_hosts": sorted(requests),
            "trackers": early,
            "trackers_before_consent": bool(early),
        }
    if tools:
        # A known tool beats a home-made banner; then the tool seen on most pages.
        counts = Counter(o.value for o in tools)
        tool = max(counts, key=lambda n: (n != HOMEMADE_BANNER, counts[n]))
        mine = [o for o in tools if o.value == tool]
        value["tool"] = tool
        return {"site.cookie_consent": Answer(
            "present", evidence_of(mine), confidence=max(o.strength for o in mine), value=value,
        )}
    # A tag manager may inject the consent tool at run time, which static HTML cannot see.
    tag_manager = any(t["name"] == "Google Tag Manager" for t in tracker_list)
    confidence = 0.55 if tag_manager else 0.8 if tracker_list else 0.7
    evidence = evidence_of([o for o in observations if o.kind == "tracker"])
    return {"site.cookie_consent": Answer("absent", evidence, confidence=confidence, value=value)}
