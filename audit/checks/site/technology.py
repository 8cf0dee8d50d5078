"""Technologies du site : CMS ou éditeur, bibliothèques, mesure d'audience (empreintes Wappalyzer)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import html as lxml_html

from audit.artifacts.page import Page
from audit.artifacts.text import clean, fold, words_pattern
from audit.artifacts.urls import host_of
from audit.checks.common.builders import builder_of
from audit.checks.framework.decide import evidence_of
from audit.checks.framework.evidence import excerpt, locator
from audit.checks.framework.model import Answer, Evidence, Observation, SiteFacts
from audit.checks.framework.observe import link_excerpt
from audit.checks.site import _fingerprints as fp
from audit.checks.site._blocks import fold_mapped, original

CRITERIA = ("site.technology",)
NEEDS = frozenset({"html", "site_facts"})

#: Dataset categories that name what the site is built with (CMS, blogs, page builders, static generators).
BUILDER_CATEGORIES = frozenset({"CMS", "Blogs", "Page builders", "Static site generator"})
#: Category given to an agency or vendor named by a credit link ("Réalisation : Agence X").
CREDIT_CATEGORY = "Éditeur / agence (mention de réalisation)"

#: How much each kind of fingerprint proves on its own; "credit" names a known maker, "agency" an unknown one.
SOURCE_STRENGTH = {
    "meta": 0.95, "headers": 0.9, "script": 0.85, "html": 0.8, "url": 0.8, "credit": 0.8, "agency": 0.65,
}

#: Words of a maker's credit: "Conception et réalisation :", "Site réalisé par", "Propulsé par", "Création -".
_MAKER_WORDS = r"conception(?: graphique)?|realisation|creation|developpement|webdesign|web design|design|graphisme" \
               r"|integration"
CREDIT_LEAD = re.compile(
    rf"(?<![a-z])(?:(?:{_MAKER_WORDS})(?: ?(?:,|et|&|/) ?(?:{_MAKER_WORDS}|hebergement|maintenance))*"
    r"(?: (?:du|de ce) site(?: (?:internet|web))?)? ?(?::|-|par) ?"
    r"|(?:(?:ce |le )?site(?: (?:internet|web|officiel))? )?(?:realise|cree|concu|developpe|propulse|fabrique|fait)e?s?"
    r" (?:par|avec|sous|grace a) ?"
    r"|(?:powered|made|designed|built) (?:by|with) ?)"
)
#: Credit words right before a link ("Réalisation : <a>").
CREDIT_LEAD_END = re.compile(CREDIT_LEAD.pattern + "$")
#: Credits that are not about building the site: hosting, photographs, videos, illustrations.
CREDIT_TRAPS = re.compile(r"(?:heberge|hebergement|hebergeur|photo|illustration|video|film|logo|texte|redaction)\w*"
                          r"\W{0,3}$")
#: French public-sector web vendors and commune site builders, as named in credits (folded) -> name shown.
KNOWN_MAKERS = {
    "stratis": "Stratis", "kosmos": "Kosmos", "imio": "iMio", "neopse": "Neopse", "inovagora": "Inovagora",
    "ingeniweb": "Ingeniweb", "lumiplan": "Lumiplan", "reflexe": "Réflexe", "campagnol": "Campagnol",
    "localeo": "Localeo", "e-monsite": "e-monsite", "net15": "Net15", "e-magineurs": "e-magineurs",
    "ametys": "Ametys", "jalios": "Jalios", "ovidentia": "Ovidentia", "cantico": "Cantico", "wix": "Wix",
    "jimdo": "Jimdo", "wordpress": "WordPress", "joomla": "Joomla", "drupal": "Drupal", "spip": "SPIP",
    "typo3": "TYPO3 CMS", "webflow": "Webflow", "squarespace": "Squarespace", "site123": "SITE123",
}
#: A credit naming a known maker, linked or not: "Conception et réalisation : Stratis".
MAKER_CREDIT = re.compile(
    rf"{CREDIT_LEAD.pattern}[^.|\n]{{0,25}}?(?<![a-z0-9])(?P<maker>{'|'.join(map(re.escape, KNOWN_MAKERS))})(?![a-z0-9])"
)
#: Pages where credits are written out besides the home page: legal notice, credits, about the site.
CREDIT_PAGE = words_pattern("mentions legales", "informations legales", "credits", "a propos du site")
MAX_AGENCY_CHARS = 40
#: A declared generator: its name, then an optional version ("Jimdo Creator", "Hugo 0.121.1", "Jekyll v4.3.2").
GENERATOR = re.compile(r"^(?P<name>[^\d<>]{2,40}?)(?:\s+v?(?P<version>\d[\w.\-]*))?$")
#: What follows the name and version: a dash and a slogan, a URL, a build number in brackets.
GENERATOR_TAIL = re.compile(r"\s+(?:--?|–|—|\|)\s.*|\s*[(\[].*|\s+(?:https?://|www\.).*")


def _source(detection: fp.Detection) -> str:
    if detection.source.startswith("<meta"):
        return "meta"
    if detection.source.startswith("<script"):
        return "script"
    if detection.source.startswith("en-tête"):
        return "headers"
    return "url" if detection.source.startswith("adresse") else "html"


def _observation(page_url: str, detection: fp.Detection) -> Observation:
    kind = _source(detection)
    return Observation(
        criterion="site.technology", url=page_url, excerpt=excerpt(f"{detection.source} : {detection.excerpt}"),
        kind=kind, strength=SOURCE_STRENGTH[kind] * detection.confidence / 100,
        value={"name": detection.name, "version": detection.version},
    )


def _text_before(link_element) -> str:
    """The few words just before a link ("Réalisation : <a>"), folded."""
    previous = link_element.getprevious()
    if previous is not None:
        own = previous.text_content() if isinstance(previous.tag, str) else ""  # comments have no text
        before = own + (previous.tail or "")
    else:
        parent = link_element.getparent()
        before = (parent.text or "") if parent is not None else ""
    return fold(before)[-40:].strip()


def _credit(page: Page, name: str, kind: str, excerpt_text: str, element=None) -> Observation:
    return Observation(
        criterion="site.technology", url=page.url, excerpt=excerpt_text, kind=kind,
        locator=locator(element) if element is not None else None, strength=SOURCE_STRENGTH[kind],
        value={"name": name, "version": "", "credit": True},
    )


def _credits(page: Page, regions: tuple[str, ...]) -> Iterator[Observation]:
    """The maker's credit: a known vendor named after credit words (linked or not), else an outside link
    introduced by, or worded as, a credit ("Réalisation : <a>Agence X</a>", "<a>Site réalisé par X</a>")."""
    for match in MAKER_CREDIT.finditer(page.folded):
        if not CREDIT_TRAPS.search(page.folded[max(0, match.start() - 30) : match.start()]):
            name = KNOWN_MAKERS[match.group("maker")]
            yield _credit(page, name, "credit", excerpt(page.text, match.group(0)))
            return
    for link in page.links:
        if link.internal or not link.url or link.region not in regions:
            continue
        before = _text_before(link.element)
        lead = CREDIT_LEAD_END.search(before)
        if lead and not CREDIT_TRAPS.search(before[: lead.start()]):
            name = link.text
        else:
            text = clean(link.text)
            folded, origin = fold_mapped(text)
            lead = CREDIT_LEAD.match(folded)
            if not lead or lead.end() == len(folded) or CREDIT_TRAPS.search(before):
                continue
            name = original(text, origin, lead.end(), len(folded))
        name = name if 0 < len(name) <= MAX_AGENCY_CHARS else host_of(link.url)
        yield _credit(page, name, "agency", link_excerpt(link), link.element)
        return


def _generator(url: str, declared: str, shown: str) -> Observation | None:
    """An observation for a tool the site declares it was made with (a generator meta, a feed's ``<generator>``).

    Static generators and small builders are often missing from the dataset,
    but the site says what made it: the name, its version apart.
    """
    match = GENERATOR.match(GENERATOR_TAIL.sub("", clean(declared)))
    if match is None:
        return None
    return Observation("site.technology", url, excerpt(shown), kind="meta", strength=SOURCE_STRENGTH["meta"],
                       value={"name": match.group("name").strip(), "version": match.group("version") or "",
                              "credit": True})


def _declared_generator(page: Page, detections: list[fp.Detection]) -> Observation | None:
    """The generator meta of `page` when no fingerprint already names it."""
    content = clean(page.meta.get("generator", ""))
    if not content or any(_source(d) == "meta" for d in detections):
        return None
    return _generator(page.url, content, f'<meta name="generator" content="{content}">')


def _builder_links(page: Page) -> Iterator[Observation]:
    """A link to a site builder's own site (« Créé avec Google Sites », Wix's privacy policy): the site is built on it."""
    for link in page.links:
        name = None if link.internal else builder_of(link.url)
        if name:
            yield _credit(page, name, "credit", link_excerpt(link), link.element)
            return


def observe(page: Page) -> Iterator[Observation]:
    """Home page: every static fingerprint and the maker's credit; other pages: the generator meta only."""
    if page.is_home:
        raw = lxml_html.tostring(page.tree, encoding="unicode")
        detections = list(fp.match_page(page.url, page.meta, page.scripts, page.inline_scripts, raw))
        detections += fp.match_headers(page.headers)
        yield from _credits(page, ("footer", "body", "aside"))
    else:
        detections = list(fp.match_meta(page.meta, ("generator",)))
        if CREDIT_PAGE.search(" ".join([page.folded_title, *(fold(t) for level, t in page.headings if level == 1)])):
            yield from _credits(page, ("footer", "body", "aside", "main"))
    declared = _declared_generator(page, detections)
    if declared is not None:
        yield declared
    if page.is_home:
        yield from _builder_links(page)
    seen: set[str] = set()
    for detection in sorted(detections, key=lambda d: -SOURCE_STRENGTH[_source(d)]):
        if detection.name not in seen:
            seen.add(detection.name)
            yield _observation(page.url, detection)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    mine = list(observations)
    if site is not None:
        home = site.final_url or site.start_url
        declared = (_generator(home, text, f"Flux du site : <generator>{text}</generator>") for text in site.feed_generators)
        mine += [o for o in declared if o is not None]
    if site is not None and site.home_headers:
        home = site.final_url or site.start_url
        mine += [_observation(home, d) for d in fp.match_headers(site.home_headers)]
    data = fp.dataset()
    by_name: dict[str, list[Observation]] = {}
    versions: dict[str, str] = {}
    credits: set[str] = set()
    for obs in mine:
        name = obs.value["name"]
        by_name.setdefault(name, []).append(obs)
        versions[name] = versions.get(name) or obs.value.get("version") or ""
        if obs.value.get("credit"):
            credits.add(name)
    value = []
    builders: list[Observation] = []
    for name in fp.with_implied(by_name):
        categories = data.category_names(name) or ([CREDIT_CATEGORY] if name in credits else [])
        value.append({"name": name, "version": versions.get(name) or None, "categories": categories})
        if name in credits or BUILDER_CATEGORIES & set(categories):
            builders += by_name.get(name) or [o for n in _implying(name, by_name, data) for o in by_name[n]]
    value.sort(key=lambda t: (not (BUILDER_CATEGORIES & set(t["categories"]) or t["name"] in credits), t["name"].lower()))
    if builders:
        confidence = max(o.strength for o in builders)
        evidence: list[Evidence] = evidence_of(builders)
        return {"site.technology": Answer("present", evidence, confidence=confidence, value=value)}
    # Many commune sites run on an in-house or unfingerprinted CMS: "absent" is never sure.
    return {"site.technology": Answer("absent", [], confidence=0.6 if value else 0.5, value=value or None)}


def _implying(name: str, by_name: dict[str, list[Observation]], data: fp.Dataset) -> list[str]:
    """Technologies seen on the site that imply `name` (Elementor implies WordPress)."""
    return [seen for seen in by_name if name in fp.with_implied([seen])]
