"""Conseil municipal en ligne : retransmission vidéo des séances, comptes rendus et délibérations publiés."""

from __future__ import annotations

import re
from itertools import islice

from lxml.html import HtmlElement

from audit.artifacts.page import Page
from audit.artifacts.text import fold, words_pattern
from audit.artifacts.urls import host_matches, is_web
from audit.checks.common.civic_vocab import (
    COUNCIL, COUNCIL_PHRASES, Feature, decide_feature, observe_feature, sighting,
)
from audit.checks.framework.evidence import element_excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts
from audit.checks.framework.observe import from_link

CRITERIA = ("edemocracy.council_broadcast", "edemocracy.council_records")
NEEDS = frozenset({"html"})

_COUNCIL = "|".join(COUNCIL_PHRASES)
_MONTHS = r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre"

# ------------------------------------------------------------------------ records
RECORD_NAMES = words_pattern(
    r"proces-?verba(?:l|ux)", r"pv (?:du |des |de la |de )?(?:conseils?|cm|seances?)",
    r"comptes?[- ]rendus? (?:du |des |de la |de )?(?:conseils?|cm|seances?|reunions? du conseil)",
    r"comptes?[- ]rendus? (?:sommaires?|succincts?|integra(?:l|ux)|analytiques?)",
    r"deliberations?", r"registres? des deliberations", r"extraits? (?:du registre|des deliberations)",
    r"ordres? du jour (?:du |des |de la )?(?:conseils?|cm|seances?|prochain conseil)",
    r"recueils? des actes(?: administratifs)?", r"publications? des actes", r"actes publies",
    r"actes (?:administratifs|reglementaires|de la commune|de la ville|du conseil|de la collectivite)",
    r"(?:convocations?|syntheses?|decisions) (?:du |des |de la )?(?:conseils? municipa(?:l|ux)|seances? du conseil)",
)
#: Minutes of other bodies (schools, associations, the prefecture) and records only posted on paper.
RECORD_TRAPS = words_pattern(
    r"conseils? d'(?:ecoles?|administration|etablissement|exploitation)", r"assemblees? generales?", r"associations?",
    r"coproprietes?", r"syndicats?", r"comites? des fetes", r"bornage", r"infractions?", r"constats?", r"prefectures?",
    r"(?:affiches?|consultables?|disponibles?) (?:en|a la) mairie", r"tableau d'affichage", r"panneaux? d'affichage",
    r"conseils? (?:municipa(?:l|ux) )?(?:des |d')?(?:jeunes|enfants)", r"conseils? de quartiers?",
    r"conseils? des sages", r"cmj", r"reglements? interieurs?", "trombinoscope", r"composition du conseil",
)
RECORD_MENTIONS = words_pattern(
    rf"(?:proces-?verba(?:l|ux)|comptes?[- ]rendus?|deliberations|ordres? du jour) (?:du |des |de la |de )?(?:{_COUNCIL})",
)
RECORD_URLS = re.compile(
    r"proces-?verba|deliberations?|comptes?[-_]rendus?[-_](?:du[-_])?(?:conseil|cm)|[/_-](?:pv|cr)[-_]?cm"
    r"|(?:pv|cr)[-_](?:du[-_])?conseil|ordre[-_]du[-_]jour|recueil[-_]des[-_]actes"
)
RECORDS = Feature(
    "edemocracy.council_records", RECORD_NAMES, mentions=RECORD_MENTIONS, traps=RECORD_TRAPS, urls=RECORD_URLS,
    url_strength=0.6, text_strength=0.35,
)
#: On a council page, even a bare "Compte rendu" or a dated document is a record.
BARE_RECORD = words_pattern(
    r"^(?:comptes?[- ]rendus?|ordres? du jour|pv|proces-?verba(?:l|ux)|convocations?|seances?)\b",
    rf"\d{{1,2}}(?:er)? (?:{_MONTHS})(?: \d{{4}})?", r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", r"20\d\d-\d\d-\d\d",
)
COUNCIL_DOCUMENT = words_pattern(_COUNCIL, r"cm", r"seances?", r"conseils?")

# ---------------------------------------------------------------------- broadcast
_LIVE = (
    r"retransmi(?:s|se|ses|ssion|ssions)|en direct|en live|live|replay|en video|en streaming|streaming|webtv|web-tv"
    r"|diffusee?s? (?:en direct|en ligne|sur (?:internet|youtube|dailymotion|la chaine|notre chaine))"
    r"|(?:chaine )?youtube|dailymotion|facebook live|(?:revoir|regarder|visionner) (?:la|les) (?:video|seance)s?"
)
BROADCAST_NAMES = words_pattern(
    rf"(?:{_LIVE}) (?:du |des |de la |de |en direct (?:du |des ))?(?:{_COUNCIL}|conseils?|seances?)",
    rf"(?:{_COUNCIL}|seances?)(?: [a-z0-9']+){{0,4}} (?:{_LIVE})",
    rf"videos? (?:du |des |de la )?(?:{_COUNCIL}|conseils?|seances?)",
    rf"(?:revoir|suivre|regarder|voir) (?:le |les |la )?(?:dernier |derniere )?(?:{_COUNCIL}|conseils?|seances?)",
)
BROADCAST_MENTIONS = words_pattern(
    rf"(?:{_COUNCIL})[^.!?]{{0,120}}(?:{_LIVE})", rf"(?:{_LIVE})[^.!?]{{0,120}}(?:{_COUNCIL})",
)
BROADCAST_TRAPS = words_pattern(r"visio-?conferences?", r"huis clos", r"comptes? rendus?", r"proces-?verba(?:l|ux)")
BROADCAST = Feature(
    "edemocracy.council_broadcast", BROADCAST_NAMES, mentions=BROADCAST_MENTIONS, traps=BROADCAST_TRAPS,
    heading_strength=0.7, text_strength=0.6,
)
VIDEO_HOSTS = (
    "youtube.com", "youtube-nocookie.com", "youtu.be", "dailymotion.com", "dai.ly", "vimeo.com", "twitch.tv",
    "dacast.com", "vodalys.com", "streamlike.com", "livestream.com", "kalyzee.com", "webtv.fr", "vimeo.tv",
)
VIDEO_URL = re.compile(r"facebook\.com/.*(?:video|live)|fb\.watch|[/.](?:live|webtv|streaming|stream)[/.]|//player\.")
SHARE_URL = re.compile(r"sharer|/share|intent/|addtoany|sharethis")
#: Text around an embed: beyond this size the container is a whole page region, not the video's caption.
CAPTION_CHARS = 600
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: A video's own section or figure: its caption ends there, the neighbouring sections are other topics.
SECTIONS = frozenset({"section", "article", "figure"})
#: Containers of the whole page: their text is everything, menus included.
PAGE_CONTAINERS = frozenset({"html", "body", "main"})


def is_council_page(page: Page) -> bool:
    """The page's title or h1 speaks of the council or its records."""
    h1 = " ".join(fold(text) for level, text in page.headings if level == 1)
    for text in (page.folded_title, h1):
        if sighting(COUNCIL, text, RECORD_TRAPS) or sighting(RECORD_NAMES, text, RECORD_TRAPS):
            return True
    return False


def _record_documents(page: Page, council_page: bool) -> list[Observation]:
    """Council documents linked as files: "PV du conseil municipal du 12 mars 2024" (PDF)."""
    best: Observation | None = None
    for link in page.links:
        if link.document not in ("pdf", "office"):
            continue
        context = f"{link.folded} {fold(link.url)}"
        if RECORD_TRAPS.search(link.context):
            continue
        if RECORD_NAMES.search(context) and COUNCIL_DOCUMENT.search(context):
            strength = 0.9
        elif COUNCIL.search(context) or (council_page and (RECORD_NAMES.search(context) or BARE_RECORD.search(context))):
            strength = 0.85
        else:
            continue
        if best is None or strength > best.strength:
            best = from_link(RECORDS.criterion, page, link, strength, "document")
    return [best] if best else []


def _bare_record_links(page: Page) -> list[Observation]:
    """On a council page, links named "Compte rendu", "Ordre du jour" or with a meeting date."""
    for link in page.links:
        if link.region in ("nav", "header", "footer") or not BARE_RECORD.search(link.folded):
            continue
        if not RECORD_TRAPS.search(link.context):
            return [from_link(RECORDS.criterion, page, link, 0.75, "council-page")]
    return []


def _video_url(url: str) -> bool:
    return is_web(url) and not SHARE_URL.search(url) and bool(host_matches(url, VIDEO_HOSTS) or VIDEO_URL.search(url))


def _caption(el: HtmlElement) -> str:
    """The folded text that presents an embedded video: its title, its small wrappers, the lines just before it.

    Wrappers count up to the video's own section: a container of several
    headings holds other topics (a "Conseil municipal" menu entry beside a
    drone film is not the film's caption).
    """
    parts = [fold(el.get("title")), fold(el.get("aria-label"))]
    sibling, seen = el.getprevious(), 0
    while sibling is not None and seen < 3:
        if isinstance(sibling.tag, str):
            parts.append(fold(sibling.text_content())[:CAPTION_CHARS])
            seen += 1
            if sibling.tag in HEADINGS:
                break
        sibling = sibling.getprevious()
    node = el.getparent()
    while node is not None and node.tag not in PAGE_CONTAINERS:
        text = fold(node.text_content())
        if len(text) > CAPTION_CHARS or len(list(islice(node.iter(*HEADINGS), 2))) > 1:
            break
        parts.append(text)
        if node.tag in SECTIONS:
            break
        node = node.getparent()
    return " | ".join(p for p in parts if p)


def _broadcast_videos(page: Page, council_page: bool) -> list[Observation]:
    """A video embedded on a council page, or whose caption names the council."""
    videos = [(e.element, e.url) for e in page.embeds if _video_url(e.url)]
    videos += [(v, v.get("src") or "") for v in page.tree.iter("video")]
    for element, url in videos:
        caption = _caption(element)
        if council_page or sighting(COUNCIL, caption, BROADCAST_TRAPS):
            return [Observation(BROADCAST.criterion, page.url, element_excerpt(element), "video",
                                locator=locator(element), strength=0.9)]
    return []


def _broadcast_links(page: Page, council_page: bool) -> list[Observation]:
    """Links to a video host whose text or surroundings name the council (a replay, a live)."""
    for link in page.links:
        if not _video_url(link.url):
            continue
        context = link.context
        if sighting(COUNCIL, context, BROADCAST_TRAPS) or (council_page and link.region not in ("nav", "header", "footer")
                                                             and re.search(r"seance|video|direct|replay|live", context)):
            return [from_link(BROADCAST.criterion, page, link, 0.85, "video-link")]
    return []


def observe(page: Page) -> list[Observation]:
    council_page = is_council_page(page)
    found = observe_feature(page, RECORDS) + observe_feature(page, BROADCAST)
    found += _record_documents(page, council_page)
    if council_page:
        found += _bare_record_links(page)
    return found + _broadcast_videos(page, council_page) + _broadcast_links(page, council_page)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    return {c: decide_feature(observations, c) for c in CRITERIA}
