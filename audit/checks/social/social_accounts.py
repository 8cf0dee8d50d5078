"""Réseaux sociaux : comptes de la commune (Facebook, X, Instagram, YouTube, LinkedIn, autres) liés depuis le site."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from audit.artifacts.page import Link, Page
from audit.artifacts.text import fold
from audit.artifacts.urls import host_of
from audit.checks.common.builders import BUILDER_HANDLES
from audit.checks.framework.decide import evidence_of
from audit.checks.framework.evidence import excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts
from audit.checks.framework.observe import from_link
from audit.checks.social._social_vocab import (
    FOLLOW_WORDS,
    MAKER_CREDIT,
    OTHER_OWNER,
    OTHERS_PAGE,
    OWN_ACCOUNT,
    block_context,
    link_sentence,
    names_site,
    owner_of,
    site_tokens,
)

CRITERIA = (
    "social.facebook", "social.x_twitter", "social.instagram", "social.youtube", "social.linkedin",
    "social.other_networks",
)
NEEDS = frozenset({"html"})

#: Network → criterion it answers.
CRITERION_OF = {
    "facebook": "social.facebook", "x_twitter": "social.x_twitter", "instagram": "social.instagram",
    "youtube": "social.youtube", "dailymotion": "social.youtube", "vimeo": "social.youtube",
    "linkedin": "social.linkedin", "mastodon": "social.other_networks", "bluesky": "social.other_networks",
    "tiktok": "social.other_networks", "threads": "social.other_networks", "flickr": "social.other_networks",
    "pinterest": "social.other_networks", "snapchat": "social.other_networks",
    "whatsapp": "social.other_networks", "telegram": "social.other_networks",
}

#: Host → network (subdomains included, e.g. ``fr-fr.facebook.com``).
NETWORK_HOSTS = {
    "facebook.com": "facebook", "fb.com": "facebook", "fb.me": "facebook",
    "twitter.com": "x_twitter", "x.com": "x_twitter",
    "instagram.com": "instagram", "instagr.am": "instagram",
    "youtube.com": "youtube", "dailymotion.com": "dailymotion", "vimeo.com": "vimeo",
    "linkedin.com": "linkedin",
    "bsky.app": "bluesky", "tiktok.com": "tiktok", "threads.net": "threads", "threads.com": "threads",
    "flickr.com": "flickr", "pinterest.com": "pinterest", "pinterest.fr": "pinterest",
    "snapchat.com": "snapchat", "whatsapp.com": "whatsapp", "t.me": "telegram", "telegram.me": "telegram",
}
#: Hosts of Mastodon instances that do not say "mastodon" in their name (French public sector first).
MASTODON_HOSTS = (
    "social.numerique.gouv.fr", "piaille.fr", "mamot.fr", "framapiaf.org", "mas.to", "mstdn.fr",
    "mastodon.social", "mastodon.online", "pouet.chapril.org", "toot.aquilenet.fr", "social.sciences.re",
    "eldritch.cafe", "diaspodon.fr", "mastouille.fr", "pleroma.fr", "h4.io", "piaille.fr",
)
_MASTODON_HOST_WORDS = re.compile(r"mastodon|mstdn|toot|piaille|pouet|social\.")
_MASTODON_TEXT = re.compile(r"(?<![a-z])(?:mastodon|fediverse|fedivers)(?![a-z])")
_MASTODON_PATH = re.compile(r"^/@(\w[\w.]*)/?$|^/users/(\w[\w.]*)/?$")

#: First path segments that are actions, share intents or site pages, never an account.
NOT_ACCOUNTS = {
    "facebook": frozenset(
        "sharer sharer.php share share.php dialog plugins login login.php tr home.php help policies privacy "
        "legal hashtag watch photo.php photo permalink.php story.php events search marketplace gaming l.php "
        "v2.0 v3.0 business ads settings reel reels video.php videos notes".split()
    ),
    "x_twitter": frozenset(
        "intent share home search hashtag i login signup widgets tos privacy explore settings messages "
        "notifications compose".split()
    ),
    "instagram": frozenset("p reel reels tv explore accounts direct stories about legal developer".split()),
    "youtube": frozenset(
        "watch embed shorts results feed redirect t about howyoutubeworks premium account v attribution_link "
        "kids music live signin logout upload yt creators ads t.co".split()
    ),
    "dailymotion": frozenset("video embed search player legal signin signup cdn".split()),
    "vimeo": frozenset("upload join log_in login search features watch about help blog ondemand".split()),
    "linkedin": frozenset("shareArticle sharing cws feed login signup jobs pulse posts help legal".lower().split()),
    "bluesky": frozenset("intent search settings".split()),
    "pinterest": frozenset("pin search ideas today login".split()),
}
#: Tabs of a Facebook page: the link still names the page (posts and photos of a page do not).
FACEBOOK_PAGE_TABS = frozenset({"about", "photos", "videos", "timeline", "community", "events", "info"})
#: Combined strength from which an account is the commune's.
THRESHOLD = 0.5
#: A paragraph longer than this is running text.
PROSE_CHARS = 100
FB_PAGE_DIVS = "//*[@data-href][contains(concat(' ', normalize-space(@class), ' '), ' fb-page ')]"
_HANDLE = re.compile(r"^[\w.\-]{2,80}$")
_DIGITS = re.compile(r"^\d+$")


@dataclass(frozen=True, slots=True)
class Account:
    network: str
    url: str
    key: str


def _account(url: str, href: str, text: str, rel: str) -> Account | None:
    """The social account a link URL names, or None (share intents, posts, roots, videos)."""
    parts = urlsplit(url)
    host = host_of(url)
    network = next((n for h, n in NETWORK_HOSTS.items() if host == h or host.endswith("." + h)), None)
    segments = [s for s in parts.path.split("/") if s]
    query = parse_qs(parts.query)
    if network is None:
        return _mastodon(url, host, segments, text, rel)
    if network == "x_twitter" and "#!/" in href:
        segments = [s for s in href.split("#!/", 1)[1].split("?")[0].split("/") if s]
    if network == "x_twitter" and segments[:2] in (["intent", "follow"], ["intent", "user"]) and query.get("screen_name"):
        segments = query["screen_name"][:1]
    if network == "facebook" and segments and segments[0] == "plugins" and query.get("href"):
        return _account(query["href"][0], query["href"][0], text, rel)
    if not segments or segments[0].lower() in NOT_ACCOUNTS.get(network, ()):
        if not (network == "facebook" and parts.path == "/profile.php" and query.get("id")):
            return None
    path = _account_path(network, segments, query, parts.path)
    if path is None:
        return None
    canonical_host = {"facebook": "www.facebook.com", "x_twitter": "x.com", "instagram": "www.instagram.com",
                      "youtube": "www.youtube.com", "linkedin": "www.linkedin.com"}.get(network, parts.hostname or host)
    if network == "x_twitter" and host == "twitter.com":
        canonical_host = "twitter.com"
    return Account(network, f"https://{canonical_host}{path}", f"{network}:{path.lower().rstrip('/')}")


def _account_path(network: str, segments: list[str], query: dict[str, list[str]], path: str) -> str | None:
    """The account part of a network URL path, or None when the path names no account."""
    first = segments[0]
    if network == "facebook":
        if path == "/profile.php":
            return f"/profile.php?id={query['id'][0]}" if query.get("id") else None
        if first in ("pages", "groups", "people", "pg") and len(segments) >= 2:
            return "/" + "/".join(segments[: 3 if first in ("pages", "people") and len(segments) >= 3 else 2])
        if not _HANDLE.match(first):
            return None
        return f"/{first}" if len(segments) == 1 or segments[1].lower() in FACEBOOK_PAGE_TABS else None
    if network == "x_twitter":
        # X caps new handles at 15 characters, but older and vanity ones are longer: any word is a handle.
        return f"/{first}" if re.match(r"^\w{1,50}$", first) and len(segments) == 1 else None
    if network == "instagram":
        return f"/{first}" if _HANDLE.match(first) and len(segments) <= 2 else None
    if network == "youtube":
        if first.startswith("@"):
            return f"/{first}"
        if first in ("channel", "c", "user") and len(segments) >= 2:
            return f"/{first}/{segments[1]}"
        if first == "playlist":
            return f"/playlist?list={query['list'][0]}" if query.get("list") else None
        return f"/{first}" if len(segments) == 1 and _HANDLE.match(first) else None
    if network == "dailymotion":
        if first == "playlist" and len(segments) >= 2:
            return f"/playlist/{segments[1]}"
        return f"/{first}" if _HANDLE.match(first) else None
    if network == "vimeo":
        if first in ("channels", "showcase", "groups") and len(segments) >= 2:
            return f"/{first}/{segments[1]}"
        return f"/{first}" if not _DIGITS.match(first) and _HANDLE.match(first) else None
    if network == "linkedin":
        if first in ("company", "school", "showcase", "in", "groups") and len(segments) >= 2:
            return f"/{first}/{segments[1]}"
        return None
    if network == "bluesky":
        return f"/profile/{segments[1]}" if first == "profile" and len(segments) >= 2 else None
    if network in ("tiktok", "threads"):
        return f"/{first}" if first.startswith("@") and len(first) > 1 else None
    if network == "flickr":
        if first in ("photos", "people", "groups") and len(segments) >= 2:
            return f"/{first}/{segments[1]}"
        return None
    if network == "pinterest":
        return f"/{first}" if _HANDLE.match(first) and len(segments) <= 2 else None
    if network == "snapchat":
        if first == "add" and len(segments) >= 2:
            return f"/add/{segments[1]}"
        return f"/{first}" if first.startswith("@") else None
    if network == "whatsapp":
        return f"/channel/{segments[1]}" if first == "channel" and len(segments) >= 2 else None
    if network == "telegram":
        if first in ("share", "joinchat", "addstickers", "iv", "s") or len(segments) != 1:
            return None
        return f"/{first}" if _HANDLE.match(first) else None
    return None


def _mastodon(url: str, host: str, segments: list[str], text: str, rel: str) -> Account | None:
    """A Mastodon (or other fediverse) profile: ``/@user`` on an instance named so, or labelled so."""
    path = "/" + "/".join(segments)
    match = _MASTODON_PATH.match(path)
    if not match:
        return None
    known = host in MASTODON_HOSTS or _MASTODON_HOST_WORDS.search(host)
    if not (known or _MASTODON_TEXT.search(text) or "me" in rel.split()):
        return None
    user = match.group(1) or match.group(2)
    return Account("mastodon", f"https://{urlsplit(url).hostname}/@{user}", f"mastodon:{host}/@{user.lower()}")


def _in_prose(link: Link) -> bool:
    """Whether the link sits in a sentence of running text (an article), rather than an icon list."""
    for ancestor in list(link.element.iterancestors())[:3]:
        if ancestor.tag == "p" and len(ancestor.text_content()) > PROSE_CHARS:
            return True
    return False


def _strength(page: Page, link: Link, account: Account, tokens: frozenset[str], context: str, sentence: str) -> float:
    """How much this link alone shows the account is the commune's own.

    Site-wide places (header, menu, footer, sidebar, or anywhere on the home page
    outside its main content) and "Suivez-nous" blocks are deliberate; a link in
    an inner page's content is often someone else's, unless its name is the site's
    or its own sentence claims it ("la chaîne YouTube de la commune", "notre page").
    Labels naming an association or another body are not the commune's, nor
    the content of a page about them ("Associations"), nor an account in a credit line ("Site réalisé par …", "Webmaster : …").
    """
    in_content = link.region in ("main", "body")
    about_others = any(level == 1 and OTHERS_PAGE.search(fold(text)) for level, text in page.headings)
    if MAKER_CREDIT.search(sentence) and not OWN_ACCOUNT.search(sentence):
        return 0.0
    if OTHER_OWNER.search(link.folded) or (in_content and (about_others or OTHER_OWNER.search(sentence))) or (
        in_content and OTHER_OWNER.search(context) and not FOLLOW_WORDS.search(context)
    ):
        return 0.2
    if link.region in ("header", "nav", "footer", "aside"):
        strength = 0.9
    elif OWN_ACCOUNT.search(sentence):
        strength = 0.7  # the commune speaking of its own account, like a "Suivez-nous" block
    elif _in_prose(link):
        strength = 0.55 if page.is_home else 0.45
    elif page.is_home:
        strength = 0.8 if link.region == "body" else 0.7
    else:
        strength = 0.45
    if FOLLOW_WORDS.search(link.folded) or FOLLOW_WORDS.search(context) or OWN_ACCOUNT.search(sentence):
        strength += 0.15
    if names_site(account.url.rsplit("/", 1)[-1], tokens):
        strength += 0.15
    if account.network == "linkedin" and "/in/" in account.url:
        strength -= 0.2  # a person's profile (often the mayor's), not the commune's page
    return max(0.0, min(0.97, strength))


def _candidates(page: Page) -> Iterator[tuple[Account, Observation]]:
    tokens = site_tokens(page)
    for link in page.links:
        if not link.url.startswith("http") or link.internal:
            continue
        account = _account(link.url, link.href, link.folded, link.rel)
        if account and account.key.rsplit("/", 1)[-1].lstrip("@") in BUILDER_HANDLES:
            continue  # the site builder's own account, left in its template
        if account:
            context, sentence = block_context(link), link_sentence(link)
            owner = owner_of(link, account.url.rsplit("/", 1)[-1], sentence, context)
            strength = _strength(page, link, account, tokens, context, sentence)
            obs = from_link(CRITERION_OF[account.network], page, link, strength,
                            kind=f"{account.network}:{owner}", value=account.url, weigh_region=False)
            yield account, obs
    # Facebook page plugins: an iframe of plugins/page.php, or the SDK's <div class="fb-page" data-href="...">.
    plugins = [(e.url, e.element) for e in page.embeds if "/plugins/" in e.url]
    plugins += [(el.get("data-href"), el) for el in page.tree.xpath(FB_PAGE_DIVS)]
    for url, el in plugins:
        account = _account(url, url, "", "")
        if account and account.network == "facebook":
            yield account, Observation(
                "social.facebook", page.url, excerpt(f"Module Facebook de page → {url}"),
                kind="facebook:", locator=locator(el), strength=0.85, value=account.url,
            )


def observe(page: Page) -> Iterator[Observation]:
    """One observation per account linked from the page (its strongest link)."""
    best: dict[str, Observation] = {}
    for account, obs in _candidates(page):
        if account.key not in best or obs.strength > best[account.key].strength:
            best[account.key] = obs
    yield from best.values()


def _network(obs: Observation) -> str:
    return obs.kind.split(":", 1)[0]


def _owner(group: list[Observation]) -> str:
    """Whose account a group of sightings names: the commune as soon as one sighting says so."""
    owners = {o.kind.split(":", 1)[1] for o in group}
    return "commune" if "commune" in owners else "other" if owners == {"other"} else ""


def _account_key(obs: Observation) -> str:
    return f"{_network(obs)}:{str(obs.value).lower()}"


def _score(observations: list[Observation]) -> float:
    """Strength of one account over the site: its best sighting, plus a little for each other page."""
    strengths = sorted((o.strength for o in observations), reverse=True)
    pages = len({o.url for o in observations})
    return min(0.99, strengths[0] + 0.05 * min(pages - 1, 4))


def _ranked(observations: list[Observation], criterion: str) -> list[tuple[float, str, list[Observation]]]:
    """Accounts likely the commune's for `criterion`, best first.

    An account named for the commune or the mairie comes before unnamed ones, even
    when those are in a footer on every page (an intercommunal portal's); accounts
    named for another body (agglomeration, tourism office...) are left out.
    """
    accounts: dict[str, list[Observation]] = defaultdict(list)
    for obs in observations:
        if obs.criterion == criterion:
            accounts[_account_key(obs)].append(obs)
    ranked = [(_score(group), key, group) for key, group in accounts.items() if _owner(group) != "other"]
    return sorted(ranked, key=lambda r: (_owner(r[2]) != "commune", -r[0], -len(r[2]), r[1]))


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    for criterion in CRITERIA:
        ranked = [r for r in _ranked(observations, criterion) if r[0] >= THRESHOLD]
        if criterion == "social.other_networks":
            chosen: dict[str, tuple[float, str, list[Observation]]] = {}
            for score, key, group in ranked:
                chosen.setdefault(_network(group[0]), (score, key, group))
            if chosen:
                picks = sorted(chosen.values(), key=lambda r: -r[0])
                evidence = evidence_of([max(g, key=lambda o: o.strength) for _, _, g in picks])
                answers[criterion] = Answer(
                    "present", evidence, confidence=picks[0][0], value=[g[0].value for _, _, g in picks],
                )
                continue
        elif ranked:
            score, _key, group = ranked[0]
            answers[criterion] = Answer("present", evidence_of(group), confidence=score, value=group[0].value)
            continue
        seen = [o for o in observations if o.criterion == criterion]
        answers[criterion] = Answer("absent", [], confidence=0.8 if not seen else 0.6)
    return answers
