"""What to visit first: links pointing at grid topics outrank the rest.

A juror looks for démarches, paiement, accessibilité, the council and the
legal pages; so does the spider, so that a small page budget still reaches them.
"""

from __future__ import annotations

from audit.artifacts.page import Link, Page
from audit.artifacts.text import fold, words_pattern

#: Topic words, in link text or URL, each with its weight.
TOPICS: dict[str, float] = {
    "demarches?|e-?services?|teleservices?|services? en ligne|guichet": 5,
    "paiement|payer|payfip|tipi|regler": 5,
    "accessibilite|declaration d'accessibilite|rgaa": 5,
    "portail famille|espace famille|espace citoyens?|kiosque": 5,
    "conseil municipal|deliberations?|proces-verbaux|proces-verbal|comptes? rendus?|seances?": 4,
    "budget|finances|budget participatif|participation|concertation|consultation|je participe": 4,
    "contact|nous contacter|ecrire au maire|elus|le maire": 4,
    "mentions legales|donnees personnelles|confidentialite|rgpd|cookies": 4,
    "plan du site|sitemap": 3,
    "urbanisme|etat civil|rendez-vous|signaler|signalement|listes electorales": 4,
    "actualites?|actus?|agenda|evenements|newsletter|lettre d'information": 3,
    "associations|annuaire|equipements|mediatheque|bibliotheque|emploi|recrutement|marches publics": 2,
    "numerique|wifi|open ?data|donnees ouvertes": 2,
}
#: Pages worth rendering in the browser: where JavaScript often hides what the grid asks about.
KEY_PAGES = words_pattern(
    "accessibilite", "contact", "contactez-nous", "demarches?", "e-services?", "teleservices?",
    "paiement", "payer", "portail famille", "espace citoyens?", "participation", "participez",
    "je participe", "consultations?", "concertation", "budget participatif", "democratie",
)
_COMPILED = [(words_pattern(pattern), weight) for pattern, weight in TOPICS.items()]
_REGION_BONUS = {"nav": 1.0, "header": 1.0, "footer": 1.0}


def link_score(link: Link) -> float:
    """How promising a link is for the grid: topic weight plus a bonus for menus and footers."""
    haystack = f"{link.folded} {fold(link.url.replace('-', ' ').replace('_', ' ').replace('/', ' '))}"
    score = max((weight for pattern, weight in _COMPILED if pattern.search(haystack)), default=0.0)
    return score + _REGION_BONUS.get(link.region, 0.0)


def is_key_page(page: Page) -> bool:
    """Whether a fetched page is a key page to render: by its title, first heading or URL."""
    first_heading = page.headings[0][1] if page.headings else ""
    path = page.url.split("://", 1)[-1].split("/", 1)[-1].replace("-", " ").replace("_", " ").replace("/", " ")
    return bool(KEY_PAGES.search(fold(f"{page.title} {first_heading} {path}")))


def request_priority(score: float, depth: int) -> int:
    """Scrapy priority (higher first): topic score dominates, then shallower pages."""
    return int(score * 10) - depth
