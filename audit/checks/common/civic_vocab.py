"""Shared machinery and vocabulary of the e-democracy and inclusion checks.

Most of these criteria are recognised the same way a juror reads a page: a link
whose text names the feature, a page whose title or main heading names it, a
link to a known vendor, and, more weakly, a sentence of body text. A `Feature`
holds one criterion's vocabulary; `observe_feature` turns one page into at most
a handful of observations; `decide_feature` combines them per site, counting a
menu link repeated on every page once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import islice
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from audit.artifacts.page import Link, Page, region_of
from audit.artifacts.text import clean, fold, words_pattern
from audit.artifacts.urls import canonical, document_type, host_matches, host_of, is_web
from audit.checks.common.dates import ISO_DATE, NUMERIC_DATE, TEXT_DATE
from audit.checks.framework.decide import confidence_of, evidence_of
from audit.checks.framework.evidence import excerpt, locator
from audit.checks.framework.model import Answer, Observation
from audit.checks.framework.observe import REGION_WEIGHT, from_link

#: A sentence saying the feature does not exist (yet): "n'est pas encore disponible".
NEGATION = words_pattern(
    r"n'(?:est|sont|existe|existent|a|ont|offre|propose|dispose|y a)? ?(?:pas|plus|jamais|aucune?)",
    r"ne (?!manquez|ratez|oubliez|hesitez|tardez)(?:[a-z']+ ){0,3}(?:pas|plus|jamais)", "pas encore",
    r"(?:bientot|prochainement|sous peu) (?:disponibles?|en ligne|mise?s? en place|ouvert(?:e|s|es)?|accessibles?|lance(?:e|s|es)?)",
    r"(?:sera|seront) (?:bientot|prochainement|tres prochainement)",
    r"en cours de (?:construction|preparation|mise en place|creation|refonte)",
)
#: A statement that a body or a service no longer exists, or was never recreated: "a été dissous", "a pris fin".
DEFUNCT = words_pattern(
    r"dissou(?:s|te|tes)", r"(?:depuis|apres) (?:la|sa|leur) (?:dissolution|suppression|disparition|fermeture)",
    r"(?:a|ont) ete (?:supprime|arrete|abandonne|ferme|interrompu)(?:e|s|es)?", r"(?:est|sont) supprimee?s?",
    r"supprimee?s? (?:en|depuis|par|lors|le|la|au|a la|avec|faute)", r"n'existe(?:nt)? plus",
    r"(?:a|ont) (?:pris fin|disparu|ferme ses portes|ferme leurs portes|ferme definitivement)",
    r"(?:a|ont) cesse",
    r"(?:est|sont) (?:definitivement )?(?:fermee?s?|arretee?s?|abandonnee?s?) definitivement", r"fermeture definitive",
    r"n'(?:a|ont) (?:pas|jamais) ete (?:recree|reconduit|renouvele|relance|reconstitue|remplace|reinstalle|reactive)\w*",
    r"n'(?:a|ont) jamais (?:vu le jour|fonctionne|ete (?:mise?s? en place|installee?s?|creee?s?))",
    r"(?:il )?n'y a plus", r"ne (?:se reuni(?:t|ssent)|fonctionne(?:nt)?|siege(?:nt)?|propose(?:nt)?|assure(?:nt)?"
    r"|accueille(?:nt)?|existe(?:nt)?) plus", r"n'(?:est|sont) plus (?:actifs?|actives?|en (?:activite|place|service|fonction)"
    r"|assuree?s?|proposee?s?|organisee?s?|reunie?s?)",
    r"(?:mise?s? )?en sommeil", r"remplace(?:e|s|es)? par",
    r"(?:est|sont|a ete|ont ete|reste|restent) suspendue?s?(?! (?:pendant|durant|le temps|pour|a|de|entre|du|en|jusqu'au? \d))",
)
#: Successors: what comes after "remplacé par" is alive.
_SUCCESSOR = words_pattern(r"remplace(?:e|s|es)? par", r"(?:a|ont) laisse (?:la )?place a", r"au profit d(?:e|u|es)")
#: Signs that a body or service is alive, written beside a past one: it meets, it was recreated, it can be reached.
ALIVE = words_pattern(
    r"se reuni(?:t|ssent|ra|ront)", r"prochaine?s? (?:reunions?|seances?|sessions?|permanences?|ateliers?|rencontres?|elections?)",
    r"(?:a|ont) ete (?:recree|relance|reactive|reconstitue|reinstalle|renouvele)(?:e|s|es)?",
    r"(?:recree|relance|reactive|reconstitue)(?:e|s|es)? en \d{4}", r"(?:de nouveau|a nouveau) (?:actif|active|en place|ouvert)",
    r"(?:tous les|chaque) (?:lundis?|mardis?|mercredis?|jeudis?|vendredis?|samedis?|dimanches?|mois|semaines?|trimestres?)",
    r"(?:les|le) (?:lundis?|mardis?|mercredis?|jeudis?|vendredis?|samedis?) (?:de|des|entre|a partir de) \d",
    r"inscrive[zs]-vous", r"inscriptions? (?:ouvertes?|en cours|jusqu)", r"candidate[zr]", r"rejoigne[zr]",
    r"[a-z0-9._-]+@[a-z0-9-]+\.[a-z.]+", r"0\d(?:[ .]?\d\d){4}",
)
#: The subject of a sentence refers to what the heading above names: "Il a été dissous", "Cette permanence a pris fin".
_ANAPHORA = re.compile(
    r"(?:^|, )(?:il|elle|ils|elles|celui-ci|celle-ci|ceux-ci|celles-ci|cette|cet|ces|ce [a-z]+"
    r"|le (?:service|dispositif|lieu)|l'instance|la permanence|l'atelier|les ateliers)(?![a-z])"
)
#: What stands just before a negated sign of life: "il ne se réunit plus", "n'a pas été relancé".
_NEGATED_BEFORE = re.compile(r"(?:^|[^a-z])(?:n'|ne |pas |plus |jamais |sans )[^.;]{0,20}$")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
#: "Conseil municipal" as the council itself, not the children's or youth council.
COUNCIL_PHRASES = (
    r"conseils? municipa(?:l|ux)(?! (?:des |d')?(?:jeunes|enfants|ados|adolescents|juniors?))",
    r"conseils? communa(?:l|ux)(?! (?:des |d')?(?:jeunes|enfants))",
    r"seances? (?:du|des) conseils?(?! (?:des |d')?(?:jeunes|enfants|sages|quartiers?|ecoles?)|"
    r" (?:metropolitain|communautaire|departemental|regional|syndical|d'agglomeration|de (?:la )?(?:metropole|communaute)))",
    r"seances? publiques? du conseil(?! (?:metropolitain|communautaire|departemental|regional|syndical))",
    r"assemblees? deliberantes?",
)
#: The commune's council, not the métropole's, the communauté's or the Département's.
COUNCIL = words_pattern(*COUNCIL_PHRASES)
_INVISIBLE = frozenset({"script", "style", "noscript", "template"})
_BLOCKS = frozenset({
    "p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article",
    "aside", "footer", "header", "nav", "main", "blockquote", "figcaption", "caption", "address", "body",
    "form", "label", "summary", "details",
})
#: Children that make their parent a container of separate blocks, not one sentence.
_STRUCTURE = _BLOCKS | {"ul", "ol", "dl", "table", "tbody", "tr", "figure"} - {"label"}
#: How many characters either side of a match decide whether a trap or a negation applies.
CONTEXT_CHARS = 160
#: At most this many body-text sightings are examined per page and criterion.
MAX_TEXT_BLOCKS = 6

#: Path of one news item, not of the listing: /actualites/<slug>, /news/..., /blog/..., a dated /2024/05/<slug>.
NEWS_ITEM_PATH = re.compile(
    r"/(?:actualites?|actus?|news|blog|breves|a-la-une|nouvelles|communiques?|en-bref|posts?)/"
    r"(?!(?:page|categories|categorie|category|tags?|rubriques?|archives?)(?:/|$)|index\.\w+$)[^/]+"
    r"|/(?:19|20)\d\d/(?:0?[1-9]|1[0-2])/[^/]+"
)
#: schema.org types of a dated article.
ARTICLE_TYPES = frozenset({"newsarticle", "article", "blogposting", "reportagenewsarticle"})
#: What may stand before the publication date under an article's title: "Publié le mardi".
_DATE_LEAD = re.compile(
    r"(?:(?:publie(?:e)?|mis en ligne|poste|date de publication)\s*(?:le|:)?\s*)?"
    r"(?:(?:lun|mar|mercre|jeu|vendre|same)di |dimanche )?"
)
#: A link that is a downloadable document even without a file extension: "(PDF, 2 Mo)".
DOCUMENT_TEXT = words_pattern(r"pdf", r"\d+(?:[.,]\d+)? ?(?:ko|mo|kb|mb)", r"telecharger", r"docx?", "odt")
#: Headings that open a new section.
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: How much of a section is read for its modalities.
SECTION_CHARS = 2000
#: Kind of the observations made in news about a topic (see `Feature.news_strength`).
NEWS_KIND = "news-item"
#: Kind of the mark left by a page about the feature that says it has ended (see `decide_feature`).
ENDED_KIND = "ended-page"
#: Kind of the mark left by a page about the feature that does not deliver it (see `delivery`).
HOLLOW_KIND = "hollow-page"
#: What a link naming the feature proves when the page it leads to was not read: a promise, not the service.
UNVERIFIED_STRENGTH = 0.45
#: What can show that a section delivers a feature (see `Feature.delivery`).
DELIVERY_KINDS = frozenset({"document", "form", "service", "contact", "media", "dated", "prose"})
#: What publishing documents looks like: the documents themselves, or a link to the outside service holding them.
#: A date or a sentence about them ("le budget a été voté le 8 avril") publishes nothing.
PUBLISHED = frozenset({"document", "service"})
#: An online service: a form to fill in, or a link to the platform running it; a paper coupon is not one.
ONLINE_SERVICE = frozenset({"form", "service"})
#: Online form and survey services: a link to one, in a section naming the feature, is a form to fill in.
FORM_SERVICE_HOSTS = (
    "forms.gle", "framaforms.org", "typeform.com", "surveymonkey.com", "surveymonkey.fr", "forms.office.com",
    "sphinxonline.com", "sphinxonline.net", "evalandgo.com", "eval-and-go.com", "dragnsurvey.com",
    "questionpro.com", "jotform.com", "tally.so", "limesurvey.net", "wooclap.com", "forms.app",
)
#: A sentence of its own about the feature (kind "prose"): a few words, not only its name.
PROSE_CHARS = 30
#: Wording that sends the reader elsewhere instead of delivering: "sur demande", "renseignez-vous en mairie".
#: Words that say a scheme is another town's: news "from our neighbours" is not the commune's own.
NEIGHBOURS = words_pattern(
    "chez nos voisins", r"(?:villes?|communes?|municipalites?) (?:voisines?|limitrophes?|jumelles?|amies?)",
    r"(?:nos|notre) voisins? d[e']", r"a l'instar d[e']", "ailleurs en france",
)
REFERRAL = words_pattern(
    r"sur (?:simple )?demande", r"(?:adressez|renseignez|rapprochez)-vous", r"s'adresser (?:a|en|au|aupres)",
    r"(?:contactez|contacter|appelez|joindre) (?:la mairie|le secretariat|l'accueil|nos services|les services)",
    r"(?:disponibles?|consultables?|(?:tenue?s?|mise?s?) a (?:la )?disposition(?: du public)?) (?:en|a la|au) "
    r"(?:mairie|secretariat|accueil)",
    r"aupres (?:de la mairie|du secretariat|de l'accueil|des services)", r"a (?:la|votre) disposition en mairie",
)
#: Wording of an idea or a plan, not a running service: "nous réfléchissons à", "à l'étude", "pourrait voir le jour".
PLANNED = words_pattern(
    r"(?:nous )?reflechi(?:ssons|t|ssent)", r"a l'etude", r"(?:est|sont) envisagee?s?", r"en projet", r"idees? de projets?",
    r"pourrai(?:t|ent) (?:voir le jour|etre (?:mise?s? en place|cree|lance)\w*)", r"dans les (?:prochaines|annees a venir)",
)
#: Share buttons and plugins: an outgoing link that is not a service.
_SHARE_LINK = re.compile(r"sharer|/share|intent/|sharearticle|addthis|mailto:\?|/plugins/")
_PHONE_OR_MAIL = re.compile(r"[a-z0-9._-]+@[a-z0-9-]+\.[a-z.]+|0\d(?:[ .]?\d\d){4}|\+33 ?\d")


@dataclass(frozen=True)
class Feature:
    """One criterion's vocabulary and how much each kind of sighting proves.

    `names` are what a link text or a page title says (folded); `mentions` what
    body text says (defaults to `names`); `traps` cancel a sighting when they
    occur near it; `hosts` are vendor hosts; `urls` match a link's folded URL.

    `news_strength`, when set, caps what a news item proves (an article page, a
    teaser in a news list): news about a topic is not the commune offering it,
    unless the item shows the commune's own scheme (`own`: "votez", "déposez vos
    projets"). `offline` are modalities that, anywhere in the section of a
    heading or a sentence, make the feature offline-only ("à déposer en mairie"),
    unless the section also offers it online (`online` words, a form, a link out).
    `documents` is False when a link to a PDF or an office file cannot be the feature.
    `delivery` lists what, in the section of a page or heading naming the
    feature, shows the feature itself rather than its name (see `DELIVERY_KINDS`):
    a page titled "Finances" proves budget documents only when it links some.
    `others` name another body whose offer a link or a sentence may be (the
    Département's data portal, the Agglo's job offers): such a sighting does not
    count, unless `mine` says it is the commune's own too ("la mairie recrute
    via..."); `other_hosts` recognise such a body by the host a link leads to.
    """

    criterion: str
    names: re.Pattern[str]
    mentions: re.Pattern[str] | None = None
    traps: re.Pattern[str] | None = None
    hosts: tuple[str, ...] = ()
    urls: re.Pattern[str] | None = None
    link_strength: float = 0.9
    title_strength: float = 0.85
    heading_strength: float = 0.6
    host_strength: float = 0.9
    url_strength: float = 0.6
    text_strength: float = 0.3
    news_strength: float | None = None
    own: re.Pattern[str] | None = None
    offline: re.Pattern[str] | None = None
    online: re.Pattern[str] | None = None
    documents: bool = True
    others: re.Pattern[str] | None = None
    mine: re.Pattern[str] | None = None
    other_hosts: re.Pattern[str] | None = None
    delivery: frozenset[str] = DELIVERY_KINDS

    def __post_init__(self) -> None:
        _FEATURES.append(self)


#: Every feature the checks define, in import order: their vocabularies screen a page's links together.
_FEATURES: list[Feature] = []


@dataclass(frozen=True)
class _Screen:
    """All features' link vocabularies compiled together: one name pattern, one URL pattern, one host set."""

    names: re.Pattern[str]
    urls: re.Pattern[str]
    hosts: frozenset[str]


_screens: dict[int, _Screen] = {}


def _screen() -> _Screen:
    """The compiled screen of the features defined so far (checks are all imported before pages flow)."""
    screen = _screens.get(len(_FEATURES))
    if screen is None:
        names = "|".join(f"(?:{f.names.pattern})" for f in _FEATURES)
        urls = "|".join(f"(?:{f.urls.pattern})" for f in _FEATURES if f.urls is not None) or r"(?!)"
        screen = _screens[len(_FEATURES)] = _Screen(
            re.compile(names), re.compile(urls), frozenset(h for f in _FEATURES for h in f.hosts))
    return screen


def candidate_links(page: Page) -> list[Link]:
    """The links of `page` that some feature's name, URL pattern or vendor host matches, found in one pass.

    A link no feature vocabulary matches proves no feature: each feature then
    reads only these few links instead of every link of the page.
    """
    screen = _screen()
    return page.derived("civic-links", lambda: [
        link for link in page.links
        if (link.folded and screen.names.search(link.folded))
        or (link.url and screen.urls.search(link.folded_url))
        or (screen.hosts and is_web(link.url) and host_matches(link.url, screen.hosts))
    ])


def window(context: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> str:
    """The part of `context` around a match, cut at sentence ends so a neighbour's words do not count."""
    before = context[max(0, start - chars):start]
    after = context[end:end + chars]
    cut = max(before.rfind(". "), before.rfind("! "), before.rfind("? "))
    if cut >= 0:
        before = before[cut + 2:]
    stop = min((i for i in (after.find(". "), after.find("! "), after.find("? ")) if i >= 0), default=len(after))
    return before + context[start:end] + after[:stop]


def sighting(pattern: re.Pattern[str], context: str, traps: re.Pattern[str] | None) -> re.Match[str] | None:
    """The first match of `pattern` in folded `context` that no trap, negation or end next to it cancels."""
    for match in pattern.finditer(context):
        near = window(context, match.start(), match.end())
        if traps is not None and traps.search(near):
            continue
        if NEGATION.search(near) or is_defunct(near, near.find(match.group(0))):
            continue
        return match
    return None


def is_defunct(sentence: str, at: int = 0) -> bool:
    """Folded `sentence` says that what is named at offset `at` has ended ("dissous en 2019", "a pris fin").

    A successor ("remplacés par le conseil des enfants") named before `at` is
    alive, and so is anything the sentence shows meeting or reachable.
    """
    if DEFUNCT.search(sentence) is None or shows_alive(sentence):
        return False
    successor = _SUCCESSOR.search(sentence)
    return not (successor is not None and successor.end() <= at)


def shows_alive(text: str) -> bool:
    """Folded `text` shows something alive (see `ALIVE`), not negated ("il ne se réunit plus")."""
    return any(not _NEGATED_BEFORE.search(text[max(0, m.start() - 30):m.start()]) for m in ALIVE.finditer(text))


def defunct_section(feature: Feature, page: Page, members: list[HtmlElement]) -> bool:
    """The section of a sighting says that what it names no longer exists, and nothing in it shows it alive.

    A sentence of the section that names the feature, or speaks of what the
    heading or the previous sentence names ("Il n'a pas été recréé"), states its
    end. The sighting stands when the section shows something alive (a meeting,
    a contact, a form, a mail link) or names, without an end, another body or
    service than the ended one ("Les conseils de quartier ont été supprimés ; le
    conseil des jeunes compte douze élus").
    """
    body = [m for m in members if m.tag not in _HEADINGS]
    text = fold(" ".join(m.text_content() for m in body))[:SECTION_CHARS]
    if not DEFUNCT.search(text) or shows_alive(text):
        return False
    if any(next(m.iter("form"), None) is not None or any(
            (a.get("href") or "").strip().lower().startswith(("mailto:", "tel:")) for a in m.iter("a")) for m in body):
        return False
    names = [p for p in (feature.names, feature.mentions) if p is not None]
    headings = fold(" ".join(m.text_content() for m in members if m.tag in _HEADINGS))
    previous = {_name_key(m.group(0)) for p in names for m in p.finditer(headings)}
    ended: set[str] = set()
    alive: set[str] = set()
    for sentence in _SENTENCE_END.split(text):
        named = [m for p in names for m in p.finditer(sentence)]
        if not named and _ANAPHORA.search(sentence) and DEFUNCT.search(sentence):
            ended |= previous
        for match in named:
            key = _name_key(match.group(0))
            if is_defunct(sentence, match.start()):
                ended.add(key)
            elif not NEGATION.search(sentence) and not (feature.traps and feature.traps.search(sentence)):
                alive.add(key)
        if named:
            previous = {_name_key(m.group(0)) for m in named}
    return bool(ended) and not alive - ended


def _name_key(name: str) -> str:
    """A name without its plural marks, so "conseils de quartiers" and "conseil de quartier" are one body."""
    return re.sub(r"(?<=[a-z])[sx](?![a-z])", "", name)


def belongs_elsewhere(feature: Feature, context: str, url: str = "") -> bool:
    """Folded `context`, or the host of an outside `url`, names another body than the commune, and not as its own."""
    if feature.mine is not None and feature.mine.search(context):
        return False
    if feature.others is not None and feature.others.search(context):
        return True
    return bool(feature.other_hosts is not None and url and is_web(url) and feature.other_hosts.search(host_of(url)))


def link_of_another(feature: Feature, link: Link) -> bool:
    """`link` leads to another body's offer: its text, its sentence or its outside host name that body.

    The enclosing block counts only when it holds no other link, so a footer
    listing partners beside the commune's own pages does not taint them.
    """
    return belongs_elsewhere(feature, link.own_block, "" if link.internal else link.url)


def link_is_trapped(link: Link, traps: re.Pattern[str] | None) -> bool:
    return traps is not None and bool(traps.search(link.context))


def matching_blocks(page: Page, pattern: re.Pattern[str]) -> Iterator[HtmlElement]:
    """The innermost block elements whose visible text matches `pattern`, in document order."""
    if not pattern.search(page.folded):
        return iter(())
    body = page.tree.find("body")
    return islice(_innermost(page, body if body is not None else page.tree, pattern), MAX_TEXT_BLOCKS)


def _innermost(page: Page, node: HtmlElement, pattern: re.Pattern[str]) -> Iterator[HtmlElement]:
    """Descend to the smallest elements holding a whole match.

    A match that only exists across several blocks (a menu item followed by an
    article) is a coincidence of concatenated text, not a sentence: dropped.
    """
    found = False
    for child in node.iterchildren():
        if not isinstance(child.tag, str) or child.tag in _INVISIBLE:
            continue
        if pattern.search(page.folded_text(child)):
            found = True
            yield from _innermost(page, child, pattern)
    if not found and not any(isinstance(c.tag, str) and c.tag in _STRUCTURE for c in node.iterchildren()):
        while node.tag not in _BLOCKS and node.getparent() is not None:
            node = node.getparent()
        yield node


# ------------------------------------------------------------------ news items and sections


def _is_article_ld(node: object) -> bool:
    """A schema.org article with a publication date, at any depth of a JSON-LD block."""
    if isinstance(node, list):
        return any(_is_article_ld(n) for n in node)
    if not isinstance(node, dict):
        return False
    kinds = node.get("@type")
    kinds = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []
    if node.get("datePublished") and ARTICLE_TYPES & {str(k).lower() for k in kinds}:
        return True
    return _is_article_ld(node.get("@graph"))


def _opens_with_date(folded: str) -> bool:
    """`folded` text starts with a date, maybe after "Publié le"."""
    rest = folded[_DATE_LEAD.match(folded).end():]
    return any(p.match(rest) for p in (TEXT_DATE, NUMERIC_DATE, ISO_DATE))


def _element_siblings(el: HtmlElement, preceding: bool = False) -> Iterator[HtmlElement]:
    return (s for s in el.itersiblings(preceding=preceding) if isinstance(s.tag, str))


def _dated_title(h1: HtmlElement) -> bool:
    """The main heading stands right next to a publication date, as on an article page."""
    if _opens_with_date(fold(h1.tail or "")):
        return True
    node = h1
    if next(_element_siblings(h1), None) is None and h1.getparent() is not None:
        node = h1.getparent()
    after = next(_element_siblings(node), None)
    before = next(_element_siblings(h1, preceding=True), None)
    for near in (after, before):
        if near is None:
            continue
        if near.tag == "time" or next(near.iter("time"), None) is not None:
            return True
        text = fold(near.text_content())
        if _opens_with_date(text[:80]) and (near is after or len(text) <= 60):
            return True
    return False


def is_news_item(page: Page) -> bool:
    """A single news article: published-time meta, schema.org article, news path, or a dated main heading."""
    if page.is_home:
        return False
    if page.meta.get("article:published_time") or any(_is_article_ld(b) for b in page.json_ld):
        return True
    if NEWS_ITEM_PATH.search(fold(urlsplit(page.url).path)):
        return True
    h1 = next(page.tree.iter("h1"), None)
    return h1 is not None and _dated_title(h1)


def is_news_url(url: str) -> bool:
    """`url` is a news item page (not a listing, not an attached document)."""
    return is_web(url) and document_type(url) is None and bool(NEWS_ITEM_PATH.search(fold(urlsplit(url).path)))


def news_key(url: str) -> str:
    """One news item whatever the link to it: canonical URL without fragment nor trailing slash."""
    return canonical(url).split("#", 1)[0].rstrip("/")


def is_document(link: Link) -> bool:
    """A link to a PDF or office file, by its extension or by what its text announces."""
    return link.document is not None or bool(DOCUMENT_TEXT.search(link.folded))


def teaser_target(page: Page, el: HtmlElement) -> str | None:
    """The news item that `el` announces (a teaser of a news list): its link to a news page, or its dated card."""
    for anchor in [*el.iter("a"), *el.iterancestors("a")]:
        url = urljoin(page.url, (anchor.get("href") or "").strip())
        if is_news_url(url):
            return news_key(url)
    card = next(el.iterancestors("article"), None)
    if card is not None and next(card.iter("time"), None) is not None and next(card.iter("h1"), None) is None:
        return f"{news_key(page.url)} {locator(card)}"
    return None


def _heading_rank(el: HtmlElement) -> int:
    """The highest heading level `el` is or holds (1 for h1), 7 when it holds none."""
    if el.tag in _HEADINGS:
        return int(el.tag[1])
    return min((int(h.tag[1]) for h in el.iter(*_HEADINGS)), default=7)


def section_of(el: HtmlElement) -> list[HtmlElement]:
    """The elements a reader takes as one section with `el`: from its heading to the next heading.

    A heading's section runs until a heading of the same or a higher level; a
    sentence's section starts at the heading above it. When `el` stands alone in
    a wrapper (``<header><h2>…</h2></header>``), the wrapper's neighbours count.
    """
    heading = el.tag in _HEADINGS
    stop = int(el.tag[1]) if heading else 6
    node, members = el, [el]
    for _ in range(3):
        members = [node]
        if not heading:
            for prev in _element_siblings(node, preceding=True):
                members.insert(0, prev)
                if _heading_rank(prev) <= 6:
                    break
        for nxt in _element_siblings(node):
            if _heading_rank(nxt) <= stop:
                break
            members.append(nxt)
        parent = node.getparent()
        if len(members) > 1 or parent is None or parent.tag in ("body", "main", "article", "section"):
            break
        node = parent
    return members


def _page_section(page: Page) -> list[HtmlElement]:
    """What the page is about: the section of its h1, else its main content."""
    h1 = next(page.tree.iter("h1"), None)
    if h1 is not None:
        return section_of(h1)
    main = next(page.tree.iter("main"), None)
    body = page.tree.find("body")
    return [main if main is not None else body if body is not None else page.tree]


def _section_text(members: list[HtmlElement]) -> str:
    return fold(" ".join(m.text_content() for m in members))[:SECTION_CHARS]


def _offered_online(feature: Feature, page: Page, members: list[HtmlElement], text: str) -> bool:
    """The section also offers the feature online: online wording, a questionnaire form, a link out."""
    if feature.online is not None and feature.online.search(text):
        return True
    for member in members:
        for node in member.iter("form", "a"):
            if node.tag == "form":
                if next(node.iter("textarea", "select"), None) is not None or len(
                        [i for i in node.iter("input") if (i.get("type") or "").lower() in ("radio", "checkbox")]) >= 2:
                    return True
                continue
            if _in_heading(node):
                continue
            url = urljoin(page.url, (node.get("href") or "").strip())
            if not is_web(url) or document_type(url) is not None:
                continue
            if host_matches(url, feature.hosts) or fold(urlsplit(url).netloc) != fold(urlsplit(page.url).netloc):
                return True
            if feature.names.search(fold(node.text_content())):
                return True
    return False


def _in_heading(node: HtmlElement) -> bool:
    """`node` stands in a heading: a teaser's title link names an item, it offers nothing."""
    return any(ancestor.tag in _HEADINGS for ancestor in node.iterancestors())


def offline_only(feature: Feature, page: Page, members: list[HtmlElement]) -> bool:
    """The section says the feature only works offline ("à déposer en mairie") and offers no online way."""
    if feature.offline is None:
        return False
    text = _section_text(members)
    return bool(feature.offline.search(text)) and not _offered_online(feature, page, members, text)


def _ruled_out(feature: Feature, page: Page, members: list[HtmlElement]) -> bool:
    """The section of a sighting makes it void: offline only, or ended."""
    return offline_only(feature, page, members) or defunct_section(feature, page, members)


def delivery(feature: Feature, page: Page, members: list[HtmlElement]) -> str | None:
    """What in `members`, a section naming the feature, delivers it (as an excerpt), or None.

    A title or a heading is only a name: a "Finances" page that sends readers
    to the town hall, a "Marchés publics" page with nothing on it, do not
    deliver. The section must hold one of the feature's `delivery` kinds: a
    document link, a form to fill in, a link to an outside service naming the
    feature, a way to reach someone, a video, a dated item, online wording
    (`Feature.online`), or a description of its own that neither sends the
    reader elsewhere ("sur demande", "adressez-vous à la mairie") nor says it
    does not exist or is only planned ("nous réfléchissons à").
    """
    kinds = feature.delivery
    body = [m for m in members if m.tag not in _HEADINGS]
    for member in body:
        for node in member.iter("a", "form", "iframe", "video", "embed", "object", "time"):
            found = _delivering_node(feature, page, node, kinds)
            if found:
                return found
    raw = clean(" ".join(m.text_content() for m in body))[:SECTION_CHARS * 2]
    text = fold(raw)
    for kind, pattern in (("contact", _PHONE_OR_MAIL), ("dated", TEXT_DATE), ("dated", NUMERIC_DATE), ("dated", ISO_DATE)):
        match = pattern.search(text) if kind in kinds else None
        if match:
            return excerpt(raw, match.group(0)) if len(raw) == len(text) else excerpt(raw)
    if feature.online is not None and feature.online.search(text):
        return excerpt(raw, feature.online.search(text).group(0)) if len(raw) == len(text) else excerpt(raw)
    if "prose" in kinds and len(text) >= PROSE_CHARS and not any(
            p.search(text) for p in (REFERRAL, PLANNED, NEGATION)):
        return excerpt(raw)
    return None


def _delivering_node(feature: Feature, page: Page, node: HtmlElement, kinds: frozenset[str]) -> str | None:
    """The excerpt of `node` when it is one of `kinds` of delivery (see `delivery`)."""
    if node.tag == "time":
        return excerpt(clean(node.text_content()) or node.get("datetime", "")) if "dated" in kinds else None
    if node.tag in ("iframe", "video", "embed", "object"):
        source = node.get("src") or node.get("data") or ""
        return excerpt(f"{node.tag} {source}".strip()) if "media" in kinds else None
    if node.tag == "form":
        return excerpt(f"Formulaire : {clean(node.text_content())}") if "form" in kinds and _fillable(node) else None
    href = (node.get("href") or "").strip()
    text = clean(node.text_content()) or clean(node.get("title") or "")
    shown = excerpt(f"{text} → {href}" if text else href)
    if href.lower().startswith(("mailto:", "tel:")):
        return shown if "contact" in kinds and "?" not in href else None
    url = urljoin(page.url, href)
    if not is_web(url):
        return None
    if "form" in kinds and (host_matches(url, FORM_SERVICE_HOSTS) or "docs.google.com/forms" in url):
        return shown
    if document_type(url) is not None or DOCUMENT_TEXT.search(fold(text)):
        return shown if "document" in kinds else None
    if "service" not in kinds or host_of(url) == host_of(page.url) or _SHARE_LINK.search(url.lower()):
        return None
    named = feature.names.search(fold(text)) or (feature.urls is not None and feature.urls.search(fold(url)))
    return shown if host_matches(url, feature.hosts) or named else None


def _fillable(form: HtmlElement) -> bool:
    """A form a visitor fills in: a text area, a choice, or two fields or more (not a lone search box)."""
    if (form.get("role") or "").lower() == "search":
        return False
    if next(form.iter("textarea", "select"), None) is not None:
        return True
    fields = [i for i in form.iter("input") if (i.get("type") or "text").lower() not in ("hidden", "submit", "button", "image", "reset")]
    return len(fields) >= 2


def owns_scheme(feature: Feature, text: str) -> bool:
    """`text` (folded) shows the commune's own scheme: a call to vote, to send projects..."""
    return feature.own is not None and sighting(feature.own, text, feature.traps) is not None


def _as_news(feature: Feature, obs: Observation, item: str) -> Observation:
    """`obs` seen in news about the topic: weak, and counted once per news item."""
    return replace(obs, kind=NEWS_KIND, strength=min(obs.strength, feature.news_strength or 0.0), value=item)


# ------------------------------------------------------------------ sightings


def text_observation(
    feature: Feature, page: Page, news_item: bool,
) -> Observation | None:
    """An observation for the first body-text sentence naming the feature that no trap or negation cancels.

    A sentence sending the reader elsewhere ("tenus à la disposition du public en
    mairie") names the feature without offering it. A breadcrumb names the page it
    stands on, so that page's own section judges it. Headings are not sentences: `heading_observations` reads them, with what their section delivers.
    """
    pattern, traps = feature.mentions or feature.names, feature.traps
    seen: set[HtmlElement] = set()  # the elements themselves: an id() of a freed lxml proxy is reused
    for block in matching_blocks(page, pattern):
        if block in seen or block.tag in _HEADINGS:
            continue
        seen.add(block)
        raw = clean(block.text_content())
        match = sighting(pattern, fold(raw), traps)
        if match is None or REFERRAL.search(window(fold(raw), match.start(), match.end())) or _ruled_out(
                feature, page, section_of(block)):
            continue
        if (block.tag == "nav" or region_of(block) == "nav") and _ruled_out(feature, page, _page_section(page)):
            continue
        if belongs_elsewhere(feature, window(fold(raw), match.start(), match.end())):
            continue
        obs = Observation(
            criterion=feature.criterion, url=page.url, excerpt=excerpt(raw, match.group(0)), kind="text",
            locator=locator(block), strength=feature.text_strength * REGION_WEIGHT.get(region_of(block), 0.85),
            value=_linked_target(page, block, match.group(0)),
        )
        if feature.news_strength is not None:
            item = teaser_target(page, block) or (news_key(page.url) if news_item else None)
            if item and not owns_scheme(feature, fold(raw)):
                return _as_news(feature, obs, item)
        return obs
    return None


def _linked_target(page: Page, block: HtmlElement, name: str) -> str | None:
    """The page of the site that a link of `block` whose text holds `name` leads to (a menu item read as text)."""
    for anchor in block.iter("a"):
        if name in fold(anchor.text_content()):
            url = urljoin(page.url, (anchor.get("href") or "").strip())
            return news_key(url) if is_web(url) and urlsplit(url).netloc == urlsplit(page.url).netloc else None
    return None


def heading_observations(feature: Feature, page: Page, news_item: bool) -> list[Observation]:
    """Observations for a page whose title or h1 names the feature (strong), else an h2/h3 (weaker).

    On a news item, or for a teaser of a news list, the sighting is news about the topic (weak).
    """
    pattern, traps = feature.names, feature.traps
    news = feature.news_strength is not None
    if sighting(pattern, page.folded_title, traps) and not belongs_elsewhere(feature, page.folded_title) and not _ruled_out(
            feature, page, _page_section(page)):
        proof = delivery(feature, page, _page_section(page))
        if proof is None:
            return [Observation(feature.criterion, page.url, excerpt(f"Titre de la page : {page.title}"), HOLLOW_KIND,
                                strength=0.0, value=news_key(page.url))]
        obs = Observation(feature.criterion, page.url, excerpt(f"Titre de la page : {page.title} — {proof}"), "title",
                          strength=feature.title_strength, value=news_key(page.url))
        return [_as_news(feature, obs, news_key(page.url)) if news and news_item else obs]
    for tags, strength, kind in (
        (("h1",), feature.title_strength, "title"), (("h2", "h3"), feature.heading_strength, "heading"),
    ):
        for heading in page.tree.iter(*tags):
            text = clean(heading.text_content())
            if not sighting(pattern, fold(text), traps) or belongs_elsewhere(feature, fold(text)) or _ruled_out(
                    feature, page, section_of(heading)):
                continue
            proof = delivery(feature, page, _page_section(page) if kind == "title" else section_of(heading))
            if proof is None and kind == "title":
                return [Observation(feature.criterion, page.url, excerpt(f"{heading.tag} : {text}"), HOLLOW_KIND,
                                    strength=0.0, value=news_key(page.url))]
            if proof is None:
                continue
            obs = Observation(feature.criterion, page.url, excerpt(f"{heading.tag} : {text} — {proof}"), kind,
                              locator=locator(heading), strength=strength,
                              value=news_key(page.url) if kind == "title" else None)
            item = (teaser_target(page, heading) or (news_key(page.url) if news_item else None)) if news else None
            if item and not owns_scheme(feature, fold(text)):
                obs = _as_news(feature, obs, item)
            return [obs]
    return []


def link_strength(feature: Feature, link: Link) -> tuple[float, str]:
    """How much `link` alone proves `feature`, and which kind of sighting it is.

    The cheap tests (host, name, URL) come first: most links name nothing, and
    only a link that does is read for traps and for another body's name.
    """
    if not link.folded and not link.url:
        return 0.0, ""
    if not feature.documents and is_document(link):
        return 0.0, ""
    if feature.hosts and is_web(link.url) and host_matches(link.url, feature.hosts):
        strength, kind = feature.host_strength, "host"
    elif link.folded and sighting(feature.names, link.folded, feature.traps):
        strength, kind = feature.link_strength, "link"
    elif feature.urls is not None and link.url and not link.href.startswith("#") and feature.urls.search(link.folded_url):
        strength, kind = feature.url_strength, "url"
    else:
        return 0.0, ""
    if link_is_trapped(link, feature.traps) or link_of_another(feature, link):
        return 0.0, ""
    return strength, kind


def _news_link_item(feature: Feature, page: Page, link: Link, kind: str, news_item: bool) -> str | None:
    """The news item a content link belongs to: a teaser of a news item, or a link out of a news article.

    Menu and header links are deliberate, vendor links prove by themselves, and a
    news article linking to a page of the site or naming the own scheme is not just news.
    """
    if feature.news_strength is None or link.region in ("nav", "header") or kind == "host":
        return None
    if owns_scheme(feature, link.context):
        return None
    if link.internal and is_news_url(link.url):
        return news_key(link.url)
    if news_item and link.region != "footer" and not link.internal:
        return news_key(page.url)
    return None


def best_link(feature: Feature, page: Page, news_item: bool) -> Observation | None:
    """The strongest link naming or pointing at the feature on `page`."""
    best: Observation | None = None
    for link in candidate_links(page):
        strength, kind = link_strength(feature, link)
        if not strength:
            continue
        target = news_key(link.url) if link.internal and not is_document(link) else None
        obs = from_link(feature.criterion, page, link, strength, kind, value=target)
        item = _news_link_item(feature, page, link, kind, news_item)
        if item:
            obs = _as_news(feature, obs, item)
        if best is None or obs.strength > best.strength:
            best = obs
    return best


def observe_feature(page: Page, feature: Feature) -> list[Observation]:
    """Links, headings and body text of `page` naming `feature`: at most three observations.

    A news item that shows the commune's own scheme (`Feature.own`) is read as any other page.
    """
    news_item = feature.news_strength is not None and is_news_item(page) and not owns_scheme(
        feature, _section_text(_page_section(page))
    )
    found = heading_observations(feature, page, news_item)
    if not found and _ended_page(feature, page):
        found.append(Observation(feature.criterion, page.url, excerpt(f"Titre de la page : {page.title}"), ENDED_KIND,
                                 strength=0.0, value=news_key(page.url)))
    link = best_link(feature, page, news_item)
    if link is not None:
        found.append(link)
    if feature.text_strength:
        text = text_observation(feature, page, news_item)
        if text is not None:
            found.append(text)
    return found


def _ended_page(feature: Feature, page: Page) -> bool:
    """The page's title or h1 names the feature, and the section of its h1 says it has ended."""
    h1 = next(page.tree.iter("h1"), None)
    named = sighting(feature.names, page.folded_title, feature.traps) or (
        h1 is not None and sighting(feature.names, fold(h1.text_content()), feature.traps))
    return bool(named) and defunct_section(feature, page, _page_section(page))


def decide_feature(observations: list[Observation], criterion: str, threshold: float = 0.5) -> Answer:
    """Present when the distinct sightings of `criterion` reach `threshold` together.

    A menu or footer link repeated on every page is one sighting, not one per
    page: observations are merged by excerpt, keeping the strongest. News about
    the topic counts once per news item, however many teasers announce it. A
    link to a page saying the feature has ended ("le conseil des sages a été
    dissous"), or to a page about it that delivers nothing (see `delivery`),
    does not count, nor does a sentence on such a page: the juror who follows
    it finds nothing. A link to a page of
    the site that was not read, or whose title does not name the feature, is a
    promise: it counts only with another sighting beside it. A menu item read
    both as a link and as text is one sighting of the page it leads to.
    """
    ended = {o.value for o in observations if o.criterion == criterion and o.kind in (ENDED_KIND, HOLLOW_KIND)}
    delivered = {o.value for o in observations if o.criterion == criterion and o.kind == "title"}
    distinct: dict[str, Observation] = {}
    for obs in observations:
        if obs.criterion != criterion or obs.kind in (ENDED_KIND, HOLLOW_KIND):
            continue
        if obs.kind in ("link", "url", "text") and obs.value in ended:
            continue
        if obs.kind == "text" and news_key(obs.url) in ended:
            continue
        promise = obs.kind in ("link", "url", "text") and obs.value is not None
        if promise and obs.value not in delivered:
            obs = replace(obs, strength=min(obs.strength, UNVERIFIED_STRENGTH))
        key = f"{NEWS_KIND} {obs.value}" if obs.kind == NEWS_KIND else f"to {obs.value}" if promise else fold(obs.excerpt)
        if key not in distinct or obs.strength > distinct[key].strength:
            distinct[key] = obs
    mine = list(distinct.values())
    combined = confidence_of(mine)
    if mine and combined >= threshold:
        return Answer("present", evidence_of(mine), confidence=combined)
    return Answer("absent", [], confidence=0.7 * (1.0 - combined / 2))
