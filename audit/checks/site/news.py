"""Actualités : rubrique d'actualités, date de la plus récente et nombre d'articles des 90 derniers jours."""

from __future__ import annotations

import re
from collections.abc import Iterator
from copy import deepcopy
from datetime import date, datetime, timedelta
from urllib.parse import quote, urljoin, urlsplit

from lxml.html import HtmlElement

from audit.artifacts.page import Link, Page, region_of
from audit.artifacts.text import clean, fold, words_pattern
from audit.artifacts.urls import canonical, document_type
from audit.checks.common.dates import FoundDate, find_dates, parse_date, resolve
from audit.checks.framework.decide import confidence_of, evidence_of
from audit.checks.framework.evidence import excerpt
from audit.checks.framework.model import Answer, Observation, SiteFacts
from audit.checks.framework.observe import from_link
from audit.checks.site._blocks import lines

CRITERIA = ("site.news",)
NEEDS = frozenset({"html", "site_facts"})

#: Labels of a news section (link texts, page titles, section headings).
NEWS_WORDS = words_pattern(
    "actualites?", "actus?", "toute l'actualite", "toutes les actualites", "l'actu", "a la une", "quoi de neuf",
    "news", "infos? (?:de la |du )?(?:ville|commune|village|mairie|municipales?|locales?)", "flash infos?",
    "dernieres? (?:nouvelles|infos|informations|actualites)", "breves", "en bref", "communiques?(?: de presse)?",
    "nouvelles", "l'info", "les infos", "dernieres publications", "fil (?:d')?(?:infos?|actus?|actualites?)",
    "(?:la ville|la commune|la mairie|le village|la municipalite|votre (?:ville|commune|mairie)) vous informe",
)
#: Labels that look like news but are not a news section.
NEWS_TRAPS = words_pattern(
    "newsletters?", "lettre d'information", "abonnez-vous", "s'abonner", "inscri\\w*", "infos? pratiques",
    "informations pratiques", "infos? travaux", "infos? (?:trafic|route|collecte|dechets)",
    "publications? officielles?", "recueils? des actes", "actes administratifs",
)
#: Names of what lists dated items without being news: the agenda, council papers, official acts.
NOT_NEWS_CONTEXT = words_pattern(
    "agenda", "evenements?", "manifestations?", "a venir", "a l'affiche", "sorties", "animations", "calendrier",
    "que faire", "festivites", "rendez-vous", "comptes? rendus?", "proces-verba\\w+", "deliberations?", "arretes?",
    "recueils? des actes", "actes administratifs", "publications? officielles?", "bulletins?", "marches publics",
    "offres d'emploi", "documents?", "telechargements?", "enquetes? publiques?", "conseils? municipa\\w+",
)
#: Headings that name a news section only when they stand alone ("Infos", "Informations"): the dated
#: items below them must then confirm it.
SECTION_ONLY = re.compile(r"^(?:les |nos |vos )?(?:infos?|informations|nouvelles|derniers articles)\W*$")
#: A line that states when the page was updated is not a news title.
UPDATE_NOTICE = words_pattern("mis a jour", "mise a jour", "modifie le", "modifiee le", "derniere modification")
MAX_LINK_WORDS = 6
#: URL path segments of news pages and of event pages (whose dates are not news dates).
NEWS_PATH = re.compile(r"/(?:actualites?|actus?|news|a-la-une|breves|articles?|blog|posts?|nouvelles|communiques?|infos?)(?:[/_.-]|$)", re.I)
EVENT_PATH = re.compile(r"/(?:agenda|evenements?|events?|manifestations?|sorties?)(?:[/_.-]|$)", re.I)
ARTICLE_TYPES = frozenset({"newsarticle", "article", "blogposting", "reportagenewsarticle"})
PUBLISHED = words_pattern("publie le", "publiee le", "mis en ligne le", "date de publication", "posted on", "publie")
#: How many lines after an article's title its date line may stand when no label introduces it.
LINES_AROUND_TITLE = 4
#: How far up from an item link to look for its date before reaching the whole list.
MAX_CLIMB = 5
#: URL paths of news listings themselves (not items).
LISTING_PATH = re.compile(r"^/?(?:[\w-]+/)?(?:actualites?|actus?|news|a-la-une|breves|blog)/?$", re.I)
MAX_ITEMS = 60
#: What may stand before the date opening a news line: a bullet, "Publié le", "Le", a weekday.
LINE_LEAD = re.compile(
    r"^[\s*>|»·•-]*(?:(?:publie|publiee|mis en ligne|poste)e? (?:le )?|le |du )?"
    r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) )?"
)
#: Between the date and the title: " - ", " : ", " | ".
TITLE_LEAD = re.compile(r"^[\s|:,.)\]-]*")
#: A news line's title has at least this many letters (a date alone is a card's date, not an item).
MIN_TITLE_LETTERS = 10
LETTER = re.compile(r"[a-z]")
SITE_REGIONS = frozenset({"nav", "header", "footer"})
#: Elements holding an item's title: a date inside them is part of the title, not its publication date.
TITLE_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: A line this short holding one date after a separator is a card's meta line ("Vie locale · 20.11.2026").
META_LINE_CHARS = 50
META_SEPARATOR = re.compile(r"[|·•,:/–—-]\s*$")
NON_WORD = re.compile(r"[^a-z0-9]+")
#: Elements that may be a news card, and parents whose children are not cards.
CARD_TAGS = frozenset({"article", "div", "li", "section", "tr", "dd"})
SKIPPED_PARENTS = frozenset({"nav", "header", "footer", "head", "select", "form"})
#: A card longer than this is a page section, not one item.
MAX_CARD_CHARS = 1500
RECENT_DAYS = 90
#: The same title dated this close on two pages is one item (a listing's date and its page's date).
SAME_ITEM_DAYS = 3


def _labels_news(text: str) -> bool:
    folded = fold(text)
    return bool(folded) and bool(NEWS_WORDS.search(folded)) and not NEWS_TRAPS.search(folded)


def _section_link(page: Page) -> Iterator[Observation]:
    for link in page.links:
        if link.internal and len(link.folded.split()) <= MAX_LINK_WORDS and _labels_news(link.text):
            yield from_link("site.news", page, link, 0.85, kind="link")
            return


def _heading_text(node: HtmlElement) -> str:
    """The text of the first title heading inside a card, or ''."""
    for heading in node.iter(*TITLE_TAGS):
        text = clean(heading.text_content())
        if len(LETTER.findall(fold(text))) >= MIN_TITLE_LETTERS // 2:
            return text
    return ""


def _dated_line(folded: str) -> FoundDate | None:
    """The date a line states as a publication date: opening it ("20.11.2026", "Publié le 3 mars
    2026"), after "Publié le", or closing a short meta line ("Mairie · 20/11/2026"); not a date inside
    a sentence of the summary ("Coupure d'eau le 26 novembre")."""
    rest = folded[LINE_LEAD.match(folded).end() :]
    dates = find_dates(rest[:60])
    if dates and rest.startswith(dates[0].text):
        return dates[0]
    for match in PUBLISHED.finditer(folded):
        after = folded[match.end() : match.end() + 40]
        dates = find_dates(after)
        if dates and after.find(dates[0].text) <= 12:
            return dates[0]
    dates = find_dates(folded)
    if len(dates) == 1 and len(folded) <= META_LINE_CHARS and META_SEPARATOR.search(folded[: folded.find(dates[0].text)]):
        return dates[0]
    return None


def _is_title_link(link: HtmlElement) -> bool:
    """Whether a link's text is an item's title (not a date, an image or "Lire")."""
    return len(LETTER.findall(fold(link.text_content()))) >= MIN_TITLE_LETTERS


def _date_in(node: HtmlElement) -> FoundDate | None:
    """The publication date a news card shows: its ``<time>`` first, else its date line; never a date
    inside its title (headings, item links) or inside a sentence of its summary."""
    for time in node.iter("time"):
        if any(a.tag in TITLE_TAGS for a in time.iterancestors()):
            continue
        found = parse_date(time.get("datetime")) or parse_date(clean(time.text_content()))
        if found:
            return found
    node = deepcopy(node)
    for title in [el for el in node.iter(*TITLE_TAGS, "a") if el.tag != "a" or _is_title_link(el)]:
        if title is not node and title.getparent() is not None:
            title.drop_tree()
    for line, _ in lines(node):
        found = _dated_line(fold(line))
        if found:
            return found
    return None


def _item_key(url: str) -> str:
    """One key per item page, whatever the link's scheme, ``www.`` or trailing slash."""
    parts = urlsplit(canonical(url))
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}{'?' + parts.query if parts.query else ''}"


def title_key(title: str) -> str:
    """An item's title as the same item shows it everywhere: folded, without punctuation or a leading date."""
    folded = fold(title)
    rest = folded[LINE_LEAD.match(folded).end() :]
    dates = find_dates(rest[:40])
    if dates and rest.startswith(dates[0].text):
        folded = rest[len(dates[0].text) :]
    return " ".join(NON_WORD.sub(" ", folded).split())[:80]


def _items(links: list[Link]) -> list[tuple[str, FoundDate, str]]:
    """(item URL, date, title) of dated news cards: climb from each link to the block holding its date.
    The title is the card's heading when it has one ("Lire la suite" links), else the link's text."""
    items: dict[str, tuple[str, FoundDate, str]] = {}
    for link in links:
        if link.url in items:
            if not items[link.url][2]:  # the image link came first: keep the title's text
                items[link.url] = (link.url, items[link.url][1], link.text)
            continue
        path = urlsplit(link.url).path
        if not link.internal or link.document or EVENT_PATH.search(path) or LISTING_PATH.search(path):
            continue
        node = link.element
        for _ in range(MAX_CLIMB):
            node = node.getparent()
            if node is None:
                break
            urls = {a.get("href") for a in node.iter("a") if a.get("href")}
            if len(urls) > 3:  # reached the list holding several cards
                break
            found = _date_in(node)
            if found:
                items[link.url] = (link.url, found, _heading_text(node) or link.text)
                break
        if len(items) >= MAX_ITEMS:
            break
    return list(items.values())


def _may_title(folded: str) -> bool:
    """Whether the line after a date standing alone may be its item's title: not another dated line
    (the next item), nor an update notice. A title may mention a date ("Coupure le 6 novembre")."""
    rest = folded[LINE_LEAD.match(folded).end() :]
    dates = find_dates(rest[:40])
    return not (dates and rest.startswith(dates[0].text)) and not UPDATE_NOTICE.search(folded)


def _text_items(page: Page, root: HtmlElement, known: set[str],
                members: set[HtmlElement] | None = None) -> list[tuple[str, FoundDate, str]]:
    """News items without their own page, as old table-layout sites and one-page sites list them: lines
    opening with a dated title ("14/11/2026 - Cérémonie du 11 novembre"), the title on the next line
    when the date stands alone (``<p class="date">`` above an ``<h3>``), or the line before when the
    list puts titles above dates. Dates in `known` (already read from item links) are not counted
    twice; `members` keeps the lines of a section's elements."""
    items: list[tuple[str, FoundDate, str]] = []
    found_lines = lines(root)
    if members is not None:
        found_lines = [(line, owner) for line, owner in found_lines if owner in members]
    title_first: bool | None = None
    for index, (line, owner) in enumerate(found_lines):
        if owner.tag in SITE_REGIONS or region_of(owner) in SITE_REGIONS:
            continue
        folded = fold(line)
        rest = folded[LINE_LEAD.match(folded).end() :]
        dates = find_dates(rest[:40])
        if not dates or dates[0].year is None or not rest.startswith(dates[0].text):
            continue
        title, shown = TITLE_LEAD.sub("", rest[len(dates[0].text) :]), line
        if len(LETTER.findall(title)) < MIN_TITLE_LETTERS:
            # A date standing alone: the first one tells whether titles come after their dates or before.
            previous = found_lines[index - 1][0] if index else ""
            if title_first is None:
                title_first = _may_title(fold(previous)) and not _heads_news(previous)
            neighbour = previous if title_first else (found_lines[index + 1][0] if index + 1 < len(found_lines) else "")
            if _may_title(fold(neighbour)):
                title, shown = fold(neighbour), f"{line} {neighbour}"
        if len(LETTER.findall(title)) < MIN_TITLE_LETTERS or dates[0].iso() in known:
            continue
        items.append((f"{canonical(page.url)}#{quote(title[:40])}", dates[0], shown))
        if len(items) >= MAX_ITEMS:
            break
    return items


def _heads_news(text: str) -> bool:
    """Whether a heading names a news section ("Actualités", "À la une", or a bare "Infos")."""
    return _labels_news(text) or bool(SECTION_ONLY.match(fold(text)))


def _news_sections(page: Page) -> list[tuple[HtmlElement, set[HtmlElement]]]:
    """Sections of a page introduced by a news heading: the block holding the heading and its items
    (at least two links or two dates), and the elements of that block from the heading to the next
    heading of the same rank, so that a flat page ("Infos" then "Agenda" under one parent) gives each
    heading only its own part. Item titles nested deeper than the heading do not cut the section."""
    sections = []
    headings = page.tree.xpath("//h1|//h2|//h3|//h4")
    known = set(headings)
    for heading in headings:
        if not _heads_news(heading.text_content()):
            continue
        node = heading.getparent()
        while node is not None and node.tag not in ("body", "html") and sum(1 for _ in node.iter("a")) < 2 and (
            len(find_dates(fold(" ".join(node.itertext())))) < 2
        ):
            node = node.getparent()
        if node is None or node.tag == "html":
            continue
        level, depth = int(heading.tag[1]), sum(1 for _ in heading.iterancestors())
        members: set[HtmlElement] = set()
        started = False
        for el in node.iter():
            if el is heading:
                started = True
            elif started and el in known and int(el.tag[1]) <= level and (
                sum(1 for _ in el.iterancestors()) <= depth
            ):
                break
            if started:
                members.add(el)
        sections.append((node, members))
    return sections


def _json_ld_published(node: object) -> str | None:
    if isinstance(node, dict):
        kinds = node.get("@type")
        kinds = [k.lower() for k in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(k, str)]
        if ARTICLE_TYPES & set(kinds) and isinstance(node.get("datePublished"), str):
            return node["datePublished"]
        children = list(node.values())
    elif isinstance(node, list):
        children = node
    else:
        return None
    for child in children:
        found = _json_ld_published(child)
        if found:
            return found
    return None


def _article_date(page: Page) -> tuple[FoundDate, str] | None:
    """The publication date of an article page, and how it was read."""
    for key in ("article:published_time", "og:article:published_time", "date", "dc.date", "dcterms.created"):
        found = parse_date(page.meta.get(key))
        if found:
            return found, f'<meta property="{key}" content="{page.meta[key]}">'
    for block in page.json_ld:
        found = parse_date(_json_ld_published(block))
        if found:
            return found, f"schema.org datePublished {found.iso()}"
    for time in page.tree.iter("time"):
        found = parse_date(time.get("datetime")) or parse_date(clean(time.text_content()))
        if found:
            return found, excerpt(page.text, clean(time.text_content()) or None)
    for match in PUBLISHED.finditer(page.folded):
        after = page.folded[match.end() : match.end() + 40]
        dates = find_dates(after)
        if dates and after.find(dates[0].text) <= 12:
            return dates[0], excerpt(page.text, match.group(0))
    h1 = next((fold(text) for level, text in page.headings if level == 1 and text), "")
    found_lines = [fold(line) for line, _ in lines(page.tree)] if h1 else []
    at = next((i for i, line in enumerate(found_lines) if line == h1), None)
    if at is not None:
        # The date line just below the title, else just above it; never a date in the title or the text.
        for line in [*found_lines[at + 1 : at + 1 + LINES_AROUND_TITLE], *found_lines[max(at - 2, 0) : at][::-1]]:
            found = _dated_line(line)
            if found:
                return found, excerpt(page.text, found.text)
    return None


def _is_listing(page: Page) -> bool:
    h1 = [text for level, text in page.headings if level == 1]
    return any(_labels_news(t) for t in [page.title, *h1]) or bool(
        LISTING_PATH.search(urlsplit(page.url).path)
    )


def _is_article(page: Page) -> bool:
    """A single news item: published-time meta, a schema.org article, or a page under a news path."""
    if page.is_home or _is_listing(page):
        return False
    if page.meta.get("article:published_time") or any(_json_ld_published(b) for b in page.json_ld):
        return True
    return bool(NEWS_PATH.search(urlsplit(page.url).path.rstrip("/")))


def _context(first: HtmlElement) -> str:
    """The heading a group of cards stands under: the nearest heading before it, climbing up."""
    node: HtmlElement | None = first
    for _ in range(MAX_CLIMB):
        if node is None:
            break
        for sibling in node.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str):
                continue
            if sibling.tag in TITLE_TAGS:
                return clean(sibling.text_content())
            inner = sibling.xpath(".//h1|.//h2|.//h3|.//h4")
            if inner:
                return clean(inner[-1].text_content())
        node = node.getparent()
    return ""


def _card(card: HtmlElement, base: str) -> tuple[str, FoundDate, str] | None:
    """(item URL or page anchor, publication date, title) of one card: a heading or a title link,
    and a publication date outside the title; a card pointing to an event or a document is not news."""
    text = fold(card.text_content())
    if len(text) > MAX_CARD_CHARS or not (find_dates(text) or card.find(".//time") is not None):
        return None
    hrefs = {a.get("href") for a in card.iter("a") if a.get("href")}
    if len(hrefs) > 3:
        return None
    links = [a for a in card.iter("a") if a.get("href") and not a.get("href").startswith(("#", "mailto:", "tel:"))]
    url = urljoin(base, links[0].get("href")) if links else ""
    if url and (EVENT_PATH.search(urlsplit(url).path) or document_type(url)):
        return None
    title = _heading_text(card) or next((clean(a.text_content()) for a in links if _is_title_link(a)), "")
    if not title:
        return None
    found = _date_in(card)
    if found is None or found.year is None:
        return None
    return (url or f"{canonical(base)}#{quote(title_key(title)[:40])}"), found, title


def _card_items(page: Page) -> list[tuple[str, FoundDate, str]]:
    """News items read from the page's structure, whatever the section is called: repeated cards
    (``<article>`` elements, or siblings of one tag and class) each with a title and a publication
    date, outside the site's menus and not under an agenda or official-papers heading."""
    h1 = next((text for level, text in page.headings if level == 1 and text), "")
    page_context = f"{h1} {'' if page.is_home else page.title}"
    if NOT_NEWS_CONTEXT.search(fold(page_context)):
        return []
    items: list[tuple[str, FoundDate, str]] = []
    for parent in page.tree.iter():
        if not isinstance(parent.tag, str) or parent.tag in SKIPPED_PARENTS:
            continue
        groups: dict[tuple[str, str], list[HtmlElement]] = {}
        for child in parent:
            if isinstance(child.tag, str) and child.tag in CARD_TAGS:
                groups.setdefault((child.tag, child.get("class") or ""), []).append(child)
        for group in groups.values():
            if len(group) < 2 or region_of(group[0]) in SITE_REGIONS:
                continue
            cards = [found for found in (_card(card, page.url) for card in group[:MAX_ITEMS]) if found]
            if len(cards) >= 2 and not NOT_NEWS_CONTEXT.search(fold(_context(group[0]))):
                items += cards
    return items


def _value(items: list[tuple[str, FoundDate, str]]) -> list[list[str]]:
    """Items as [key, ISO date, title key]: the key is the item's page when it has one."""
    return [[u if "#" in u else _item_key(u), d.iso(), title_key(t)] for u, d, t in items]


def observe(page: Page) -> Iterator[Observation]:
    yield from _section_link(page)
    if _is_listing(page) and not page.is_home:
        yield Observation("site.news", page.url, excerpt(page.title or page.text[:100]), "listing", strength=0.9)
        content = [link for link in page.links if link.region in ("main", "body")]
        items = _items(content)
        items += _text_items(page, page.tree, {found.iso() for _, found, _ in items})
    else:
        article = _article_date(page) if _is_article(page) else None
        if article:
            found, cut = article
            h1 = next((text for level, text in page.headings if level == 1 and text), page.title)
            yield Observation("site.news", page.url, cut, "article", strength=0.8,
                              value=_value([(page.url, found, h1)]))
            return
        items = []
        for block, members in _news_sections(page):
            linked = _items([link for link in page.links if link.element in members])
            items += linked + _text_items(page, block, {found.iso() for _, found, _ in linked}, members)
        items += _items([link for link in page.links if link.region in ("main", "body", "aside")
                               and NEWS_PATH.search(urlsplit(link.url).path)])
    items = list({url: (url, found, title) for url, found, title in reversed(items)}.values())[::-1]
    if items:
        url, found, title = items[0]
        yield Observation("site.news", page.url, excerpt(f"{title} — {found.text}"), "items", strength=0.8,
                          value=_value(items))
    known = {_item_key(url) for url, _, _ in items} | {title_key(title) for _, _, title in items}
    cards = [c for c in _card_items(page) if _item_key(c[0]) not in known and title_key(c[2]) not in known]
    if cards:
        url, found, title = cards[0]
        yield Observation("site.news", page.url, excerpt(f"{title} — {found.text}"), "cards", strength=0.7,
                          value=_value(cards))


def _crawl_date(site: SiteFacts | None) -> date | None:
    if site is None or not site.crawled_at:
        return None
    try:
        return datetime.fromisoformat(site.crawled_at.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _same_item(title: str, when: date, seen: dict[str, date]) -> bool:
    """Whether an item of this title was already counted a few days apart (a card and its page)."""
    other = seen.get(title)
    return bool(title) and other is not None and abs((other - when).days) <= SAME_ITEM_DAYS


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    crawled = _crawl_date(site)
    dated: dict[str, date] = {}
    titles: dict[str, date] = {}
    backed: list[Observation] = []
    # An article's own page gives its date first; cards on listings fill in the rest. One item seen on
    # several pages (same page, or same title a few days apart) counts once.
    for obs in sorted(observations, key=lambda o: o.kind != "article"):
        past = False
        for key, iso, title in obs.value or ():
            when = resolve(iso, crawled)
            if when is None or (crawled is not None and when > crawled + timedelta(days=1)):
                continue  # a future date is an event, not news
            past = True
            if key in dated or _same_item(title, when, titles):
                continue
            dated[key] = when
            titles.setdefault(title, when)
        # Repeated dated cards prove news only when some are past (else they are the agenda).
        if obs.kind != "cards" or past:
            backed.append(obs)
    latest = max(dated.values(), default=None)
    recent = None
    if crawled is not None:
        recent = sum(1 for when in dated.values() if crawled - timedelta(days=RECENT_DAYS) <= when <= crawled)
    value = {"latest": latest.isoformat() if latest else None, "recent_count": recent}
    combined = confidence_of(backed)
    if backed and (combined >= 0.5 or dated):
        return {"site.news": Answer("present", evidence_of(backed), confidence=combined, value=value)}
    return {"site.news": Answer("absent", [], confidence=0.7 * (1 - combined / 2), value=value)}
