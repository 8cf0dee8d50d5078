"""A large commune-like static site for the crawl benchmark.

Every page carries what real commune sites carry: a header with a search form,
a mega-menu of every section and topic, a breadcrumb, dated news, PDF links,
related-news links, pagination and a footer with legal and social links.
Pages weigh 20-30 KB and hold a few hundred links, so link extraction and
parsing cost what they cost on a real site.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

SECTIONS: dict[str, list[str]] = {
    "Ma mairie": ["Le maire", "Les élus", "Le conseil municipal", "Les délibérations", "Le budget", "Les services municipaux",
                  "Les marchés publics", "Offres d'emploi", "Les publications", "Le magazine municipal", "Les arrêtés",
                  "L'intercommunalité", "Les jumelages", "Les élections", "Le recensement"],
    "Démarches": ["État civil", "Cartes d'identité et passeports", "Urbanisme", "Cimetière", "Listes électorales",
                  "Recensement citoyen", "Location de salles", "Occupation du domaine public", "Objets trouvés",
                  "Paiement en ligne", "Signaler un problème", "Attestation d'accueil", "Débits de boissons",
                  "Animaux", "Déchets et encombrants"],
    "Enfance et jeunesse": ["Petite enfance", "Crèches", "Assistantes maternelles", "Écoles", "Restauration scolaire",
                            "Accueil périscolaire", "Centre de loisirs", "Portail famille", "Point information jeunesse",
                            "Conseil municipal des jeunes", "Séjours d'été", "Relais petite enfance", "Transport scolaire",
                            "Aide aux devoirs", "Collèges et lycées"],
    "Solidarité": ["CCAS", "Seniors", "Portage de repas", "Handicap", "Logement social", "France Services",
                   "Aide numérique", "Santé", "Maison médicale", "Prévention", "Aide alimentaire", "Emploi et insertion",
                   "Mutuelle communale", "Plan canicule", "Violences intrafamiliales"],
    "Cadre de vie": ["Travaux", "Voirie", "Propreté", "Espaces verts", "Environnement", "Stationnement",
                     "Transports", "Eau et assainissement", "Éclairage public", "Plan local d'urbanisme",
                     "Risques majeurs", "Police municipale", "Tranquillité publique", "Marchés forains", "Cimetières"],
    "Culture": ["Médiathèque", "Conservatoire", "École d'arts plastiques", "Cinéma", "Théâtre", "Patrimoine",
                "Musée", "Archives municipales", "Saison culturelle", "Festival d'été", "Fête de la musique",
                "Journées du patrimoine", "Expositions", "Lecture publique", "Éducation artistique"],
    "Sports et loisirs": ["Équipements sportifs", "Piscine", "Gymnases", "Stades", "Associations sportives",
                          "Pass sport", "Base de loisirs", "Randonnées", "Parcs et jardins", "Aires de jeux",
                          "Skatepark", "Tennis", "Fête du sport", "Forum des associations", "Annuaire des associations"],
    "Économie": ["Commerces", "Marchés", "Entreprises", "Zones d'activité", "Tourisme", "Office de tourisme",
                 "Hébergements", "Restaurants", "Artisanat", "Agriculture", "Emploi local", "Création d'entreprise",
                 "Centre-ville", "Foires", "Numérique"],
}
FOOTER = ["Contact", "Plan du site", "Mentions légales", "Données personnelles", "Gestion des cookies",
          "Accessibilité : partiellement conforme", "Presse", "Newsletter", "Annuaire des services", "Horaires",
          "Venir en mairie", "Marchés publics", "Recrutement", "Agenda", "Communiqués de presse", "Kiosque", "Publications",
          "Foire aux questions", "Flux RSS", "Crédits"]
SOCIAL = ["https://www.facebook.com/villedebenchville", "https://x.com/benchville", "https://www.instagram.com/benchville/",
          "https://www.youtube.com/@benchville", "https://www.linkedin.com/company/ville-de-benchville/"]
SUBJECTS = ["Travaux de voirie", "Conseil municipal", "Fête de quartier", "Médiathèque", "Piscine", "Marché de Noël",
            "Collecte des déchets", "Budget participatif", "Rentrée scolaire", "Concert", "Exposition", "Plan vélo"]
PREDICATES = ["le calendrier est publié", "ce qui change en {m}", "les inscriptions sont ouvertes",
              "retour en images", "une réunion publique le {d}", "nouveaux horaires", "appel à projets",
              "les résultats sont connus", "la ville recrute des bénévoles", "programme du mois"]
SENTENCES = [
    "La municipalité poursuit la rénovation des équipements publics afin d'améliorer l'accueil des habitants.",
    "Les services techniques interviendront du lundi au vendredi entre 8 h et 17 h ; la circulation sera alternée.",
    "Les familles peuvent inscrire leurs enfants au centre de loisirs depuis le portail famille ou à l'accueil de la mairie.",
    "Une réunion publique se tiendra à la salle polyvalente pour présenter le projet et recueillir l'avis des riverains.",
    "Le conseil municipal a adopté à l'unanimité la délibération relative aux tarifs des services périscolaires.",
    "La médiathèque propose des ateliers numériques gratuits chaque mercredi après-midi, sur inscription.",
    "Les associations sportives et culturelles seront présentes au forum de rentrée le premier samedi de septembre.",
    "Afin de préserver la tranquillité de tous, le brûlage des déchets verts est interdit toute l'année.",
    "Le marché forain s'installe chaque jeudi matin sur la place de l'Hôtel-de-Ville, avec une cinquantaine d'exposants.",
    "Le centre communal d'action sociale accompagne les personnes âgées isolées grâce à un service de visites à domicile.",
]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
NEWS_PER_LISTING = 20
RELATED_LINKS = 50
PDF_LINKS = 8
LATEST = date(2026, 11, 20)


def slugify(text: str) -> str:
    table = str.maketrans("àâäéèêëîïôöùûüçœ'’ :", "aaaeeeeiioouuuco--- ", "")
    words = "".join(c if c.isalnum() or c == "-" else "-" for c in text.lower().translate(table))
    return "-".join(w for w in words.split("-") if w)


def french_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


class SiteBuilder:
    """Writes the site under `root`: ``index.html`` per folder, extensionless files for pages."""

    def __init__(self, root: Path, pages: int, seed: int = 7) -> None:
        self.root = root
        self.rng = random.Random(seed)
        self.topics = [(section, slugify(section), topic, slugify(topic))
                       for section, topics in SECTIONS.items() for topic in topics]
        fixed = 1 + len(SECTIONS) + len(self.topics) + len(FOOTER)
        # Articles plus their listing pages fill what the fixed pages leave.
        self.n_news = max(NEWS_PER_LISTING, (pages - fixed) * NEWS_PER_LISTING // (NEWS_PER_LISTING + 1))
        self.n_listings = -(-self.n_news // NEWS_PER_LISTING)
        self.news = [self._news_item(i) for i in range(self.n_news)]
        self.menu = self._menu()
        self.footer = self._footer()

    @property
    def page_count(self) -> int:
        return 1 + len(SECTIONS) + len(self.topics) + len(FOOTER) + self.n_listings + self.n_news

    def _news_item(self, i: int) -> tuple[str, str, date]:
        day = LATEST - timedelta(days=i // 3)
        predicate = self.rng.choice(PREDICATES).format(m=MONTHS[day.month - 1], d=french_date(day + timedelta(days=9)))
        title = f"{self.rng.choice(SUBJECTS)} : {predicate}"
        return f"/actualites/{day.year}/{slugify(title)}-{i}", title, day

    def _menu(self) -> str:
        parts = ['<nav class="mega-menu" aria-label="Menu principal"><ul class="menu">']
        for section, topics in SECTIONS.items():
            sslug = slugify(section)
            items = "".join(f'<li class="menu-item"><a href="/{sslug}/{slugify(t)}" class="menu-link">{t}</a></li>'
                            for t in topics)
            parts.append(f'<li class="menu-item has-children"><a href="/{sslug}/" class="menu-link">{section}</a>'
                         f'<div class="mega-panel"><p class="mega-title">{section}</p><ul class="sub-menu">{items}</ul></div></li>\n')
        parts.append('<li class="menu-item"><a href="/actualites/" class="menu-link">Actualités</a></li></ul></nav>\n')
        return "".join(parts)

    def _footer(self) -> str:
        links = "".join(f'<li><a href="/{slugify(label.split(":")[0])}">{label}</a></li>' for label in FOOTER)
        social = "".join(f'<li><a href="{url}" rel="noopener">{url.split("/")[2]}</a></li>' for url in SOCIAL)
        return (f'<footer class="site-footer"><div class="footer-contact"><p>Hôtel de ville, 1 place de la République, '
                f'99400 Benchville — Tél. 01 99 00 40 40 — du lundi au vendredi de 8 h 30 à 17 h 30.</p></div>'
                f'<ul class="footer-links">{links}</ul><ul class="footer-social">{social}</ul></footer>\n')

    def _paragraphs(self, count: int) -> str:
        return "".join("<p>" + " ".join(self.rng.sample(SENTENCES, 4)) + "</p>\n" for _ in range(count))

    def _related(self, i: int) -> str:
        picks = [self.news[(i * 7 + k * 37) % self.n_news] for k in range(RELATED_LINKS)]
        items = "".join(f'<li><a href="{url}">{title}</a> <time datetime="{day.isoformat()}">{french_date(day)}</time></li>'
                        for url, title, day in picks)
        return f'<aside class="related"><h2>À lire aussi</h2><ul>{items}</ul></aside>\n'

    def _documents(self, i: int) -> str:
        items = "".join(f'<li><a href="/wp-content/uploads/{2026 - k % 3}/{(i + k) % 12 + 1:02d}/document-{i}-{k}.pdf">'
                        f'Compte rendu n° {i}-{k} (PDF, {100 + k * 37} Ko)</a></li>' for k in range(PDF_LINKS))
        return f'<section class="documents"><h2>Documents</h2><ul>{items}</ul></section>\n'

    def _page(self, title: str, crumbs: list[tuple[str, str]], body: str) -> str:
        crumb = " › ".join(f'<a href="{href}">{label}</a>' for href, label in crumbs)
        return (
            '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{title} – Ville de Benchville</title>'
            '<link rel="stylesheet" href="/wp-content/themes/benchville/style.css?ver=4.1">'
            '<script src="/wp-includes/js/jquery/jquery.min.js"></script>'
            '<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}</script></head>\n'
            '<body><header class="site-header"><a href="/" class="logo">Ville de Benchville</a>'
            '<form role="search" action="/" method="get"><label for="s">Rechercher</label>'
            '<input type="search" id="s" name="s"><button>OK</button></form>\n'
            f'{self.menu}</header>\n<main id="main"><nav class="breadcrumb" aria-label="Fil d\'Ariane">{crumb}</nav>\n'
            f'<h1>{title}</h1>\n{body}</main>\n{self.footer}</body></html>\n'
        )

    def _write(self, url_path: str, html: str) -> None:
        path = self.root / url_path.strip("/")
        if url_path.endswith("/"):
            path = path / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")

    def build(self) -> int:
        """Write every page; return the number of HTML pages."""
        home = [("/", "Accueil")]
        latest = "".join(f'<article><h2><a href="{u}">{t}</a></h2><time datetime="{d.isoformat()}">{french_date(d)}</time></article>'
                         for u, t, d in self.news[:12])
        self._write("/", self._page("Accueil", home, latest + self._paragraphs(3) + self._related(0)))
        for n, (section, topics) in enumerate(SECTIONS.items()):
            sslug = slugify(section)
            items = "".join(f'<li><a href="/{sslug}/{slugify(t)}">{t}</a></li>' for t in topics)
            self._write(f"/{sslug}/", self._page(section, home + [(f"/{sslug}/", section)],
                                                 f"<ul>{items}</ul>" + self._paragraphs(4) + self._related(n)))
        for n, (section, sslug, topic, tslug) in enumerate(self.topics):
            crumbs = home + [(f"/{sslug}/", section), (f"/{sslug}/{tslug}", topic)]
            self._write(f"/{sslug}/{tslug}", self._page(topic, crumbs, self._paragraphs(8) + self._documents(n) + self._related(n)))
        for n, label in enumerate(FOOTER):
            href = f"/{slugify(label.split(':')[0])}"
            self._write(href, self._page(label, home + [(href, label)], self._paragraphs(5) + self._related(n)))
        for k in range(self.n_listings):
            chunk = self.news[k * NEWS_PER_LISTING:(k + 1) * NEWS_PER_LISTING]
            items = "".join(f'<article><h2><a href="{u}">{t}</a></h2><p>Publié le <time datetime="{d.isoformat()}">'
                            f'{french_date(d)}</time></p><p>{self.rng.choice(SENTENCES)}</p></article>\n' for u, t, d in chunk)
            pager = "".join(f'<a href="{_listing(p)}">{p + 1}</a> ' for p in range(max(0, k - 5), min(self.n_listings, k + 6)))
            nav = f'<nav class="pagination">{pager}<a href="{_listing(self.n_listings - 1)}">Dernière page</a></nav>'
            self._write(_listing(k), self._page("Actualités", home + [("/actualites/", "Actualités")], items + nav))
        for i, (url, title, day) in enumerate(self.news):
            body = (f'<p class="date">Publié le <time datetime="{day.isoformat()}">{french_date(day)}</time></p>'
                    + self._paragraphs(4) + self._documents(i) + self._related(i))
            self._write(url, self._page(title, home + [("/actualites/", "Actualités"), (url, title)], body))
        (self.root / "robots.txt").write_text("User-agent: *\nDisallow: /wp-admin/\n", encoding="utf-8")
        return self.page_count


def _listing(k: int) -> str:
    return "/actualites/" if k == 0 else f"/actualites/page/{k + 1}/"
