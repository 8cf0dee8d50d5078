"""Technologies du site : CMS ou éditeur, bibliothèques, mesure d'audience (empreintes Wappalyzer)."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import html as lxml_html

from audit.checks import _fingerprints as fp
from audit.decide import evidence_of
from audit.evidence import excerpt, locator
from audit.model import Answer, Evidence, Observation, SiteFacts
from audit.observe import link_excerpt
from audit.page import Page
from audit.text import fold, words_pattern
from audit.urls import host_of

CRITERIA = ("site.technology",)
NEEDS = frozenset({"html", "site_facts"})

#: Dataset categories that name what the site is built with (CMS, blogs, page builders, static generators).
BUILDER_CATEGORIES = frozenset({"CMS", "Blogs", "Page builders", "Static site generator"})
#: Category given to an agency or vendor named by a credit link ("Réalisation : Agence X").
CREDIT_CATEGORY = "Éditeur / agence (mention de réalisation)"

#: How much each kind of fingerprint proves on its own.
SOURCE_STRENGTH = {"meta": 0.95, "headers": 0.9, "script": 0.85, "html": 0.8, "url": 0.8, "credit": 0.75}

#: A footer credit naming who built the site.
CREDIT_WORDS = words_pattern(
    "realise par", "realisation", "conception", "concu par", "cree par", "creation", "developpe par",
    "developpement", "propulse par", "powered by", "made by", "webdesign", "web design", "agence web",
    "site (?:internet |web )?(?:realise|cree|concu|developpe)",
)
#: Credits that are not about building the site.
CREDIT_TRAPS = words_pattern("heberge", "hebergement", "hebergeur", "credits? photos?", "photos?", "illustrations?")


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
    return fold(before)[-40:]


def _credits(page: Page) -> Iterator[Observation]:
    """External footer links whose text, or the words just before them, credit the site's maker."""
    for link in page.links:
        if link.internal or not link.url or link.region not in ("footer", "body", "aside"):
            continue
        context = f"{_text_before(link.element)} {link.folded}"
        if CREDIT_WORDS.search(context) and not CREDIT_TRAPS.search(context):
            name = link.text if 0 < len(link.text) <= 40 else host_of(link.url)
            yield Observation(
                criterion="site.technology", url=page.url, excerpt=link_excerpt(link), kind="credit",
                locator=locator(link.element), strength=SOURCE_STRENGTH["credit"],
                value={"name": name, "version": "", "credit": True},
            )
            return


def observe(page: Page) -> Iterator[Observation]:
    """Home page: every static fingerprint and the maker's credit; other pages: the generator meta only."""
    if page.is_home:
        raw = lxml_html.tostring(page.tree, encoding="unicode")
        detections = list(fp.match_page(page.url, page.meta, page.scripts, page.inline_scripts, raw))
        detections += fp.match_headers(page.headers)
        yield from _credits(page)
    else:
        detections = list(fp.match_meta(page.meta, ("generator",)))
    seen: set[str] = set()
    for detection in sorted(detections, key=lambda d: -SOURCE_STRENGTH[_source(d)]):
        if detection.name not in seen:
            seen.add(detection.name)
            yield _observation(page.url, detection)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    mine = list(observations)
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
        categories = [CREDIT_CATEGORY] if name in credits else data.category_names(name)
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
