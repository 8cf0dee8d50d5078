"""Council broadcast and council records: wording variants and traps."""

import pytest

from tests.conftest import as_pages, audit_pages, followed

SITE = "https://www.ville-exemple.fr"
HOME = (SITE + "/", "<html><head><title>Accueil</title></head><body><main><p>Bienvenue</p></main></body></html>")


def page(body: str, title: str = "Ville d'Exemple", path: str = "/page") -> tuple[str, str]:
    return (SITE + path, f"<html><head><title>{title}</title></head><body>{body}</body></html>")


def answer(criterion: str, *pages: tuple[str, str]) -> dict:
    result = audit_pages([HOME, *pages])[criterion]
    if result["status"] == "present":
        assert result["evidence"] and all(e["url"] and e["excerpt"] for e in result["evidence"])
    return result


#: What the juror finds on the page the link leads to.
MINUTES_PAGE = '<ul><li><a href="/docs/pv-2025-03-12.pdf">Séance du 12 mars 2025 (PDF)</a></li></ul>'


#: What the juror finds on the page the link leads to.
VIDEO_PAGE = '<iframe title="Séance du conseil" src="https://www.youtube.com/embed/abc123"></iframe>'


BROADCAST = [
    ("youtube on council page",
     page('<main><h1>Le conseil municipal</h1><iframe src="https://www.youtube.com/embed/x"></iframe></main>', "Conseil municipal"), "present"),
    ("dailymotion captioned", page('<main><figure><iframe src="https://www.dailymotion.com/embed/video/x1"></iframe>'
                                   "<figcaption>Séance du conseil municipal du 4 avril</figcaption></figure></main>"), "present"),
    ("retransmission link", followed(page('<nav><a href="/live">Retransmission du conseil municipal</a></nav>'), VIDEO_PAGE), "present"),
    ("replay link", page('<main><a href="https://www.youtube.com/watch?v=abc">Revoir le conseil municipal du 12 mars</a></main>'), "present"),
    ("sentence live", page("<main><p>Les séances du Conseil Municipal sont retransmises en direct sur notre chaîne YouTube.</p></main>"), "present"),
    ("facebook live sentence", page("<main><p>Suivez le conseil municipal en direct sur Facebook Live.</p></main>"), "present"),
    ("trap tourism video on home", page('<main><h2>Conseil municipal du 12 mars</h2><p>Ordre du jour en mairie.</p>'
                                        '<section><h2>Découvrir la ville</h2><p>' + "Texte. " * 120 + '</p>'
                                        '<iframe src="https://www.youtube.com/embed/tourisme"></iframe></section></main>'), "absent"),
    ("trap festival video under a menu naming the council",
     page('<div id="menu"><a href="/conseil">Conseil municipal</a></div><div id="contenu"><h2>Fête du village</h2>'
          '<p>Revivez le feu d’artifice en vidéo :</p><iframe src="https://www.youtube.com/embed/f" title="Fête 2024"></iframe></div>'), "absent"),
    ("trap landscape film in its own section beside a short home page naming the council",
     page('<div class="contenu"><section><h2>En un clic</h2> <ul><li><a href="/conseil">Conseil municipal</a></li></ul>'
          '</section> <section><h2>Le bourg vu du ciel</h2><iframe src="https://www.youtube.com/embed/d" '
          'title="Film aérien, 2025"></iframe></section></div>'), "absent"),
    ("council session video in its own section",
     page('<main><section><h2>Agenda</h2><p>Marché de Noël</p></section><section><h2>Revoir la séance</h2>'
          '<iframe src="https://www.youtube.com/embed/s" title="Conseil municipal du 3 décembre"></iframe></section></main>'),
     "present"),
    ("trap youtube channel footer", page('<footer><a href="https://www.youtube.com/@ville">YouTube</a></footer>'), "absent"),
    ("trap youth council video", page('<main><h1>Conseil municipal des jeunes</h1><iframe src="https://www.youtube.com/embed/y"></iframe></main>',
                                      "Conseil municipal des jeunes"), "absent"),
    ("trap negated", page("<main><p>Les séances du conseil municipal ne sont pas retransmises en direct.</p></main>"), "absent"),
]


@pytest.mark.parametrize("name,page_,expected", BROADCAST, ids=[c[0] for c in BROADCAST])
def test_council_broadcast(name, page_, expected):
    assert answer("edemocracy.council_broadcast", *as_pages(page_))["status"] == expected


RECORDS = [
    ("pdf minutes", page('<main><a href="/docs/pv.pdf">Procès-verbal du conseil municipal du 12 mars 2024</a></main>'), "present"),
    ("deliberations menu", followed(page('<nav><a href="/deliberations">Délibérations</a></nav>'), MINUTES_PAGE), "present"),
    ("compte rendu du conseil", followed(page('<main><a href="/cr">Compte-rendu du Conseil Municipal</a></main>'), MINUTES_PAGE), "present"),
    ("ordre du jour", followed(page('<main><a href="/odj">Ordre du jour du prochain conseil</a></main>'), MINUTES_PAGE), "present"),
    ("recueil des actes", followed(page('<footer><a href="/raa">Recueil des actes administratifs</a></footer>'), MINUTES_PAGE), "present"),
    ("publication des actes", followed(page('<nav><a href="/actes">Publication des actes</a></nav>'), MINUTES_PAGE), "present"),
    ("dated pdf on council page", page('<main><h1>Séances du conseil</h1><ul><li><a href="/f/2024-03-12.pdf">12 mars 2024</a></li></ul></main>',
                                       "Séances du conseil municipal"), "present"),
    ("bare compte rendu on council page", page('<main><h1>Conseil municipal</h1><a href="/cr-mars">Compte rendu</a></main>'), "present"),
    ("title page", page("<main><h1>Comptes rendus des conseils municipaux</h1>" + MINUTES_PAGE + "</main>"), "present"),
    ("trap title page with nothing published", page("<main><h1>Comptes rendus des conseils municipaux</h1></main>"), "absent"),
    ("trap school council", page('<main><a href="/ecole.pdf">Compte rendu du conseil d’école</a></main>'), "absent"),
    ("trap association AG", page('<main><a href="/ag.pdf">Procès-verbal de l’assemblée générale de l’association</a></main>'), "absent"),
    ("trap news sentence", page("<main><p>Par délibération du 3 mai, le conseil a fixé les tarifs.</p></main>"), "absent"),
    ("trap posted on paper", page("<main><p>Le compte rendu du conseil municipal est affiché en mairie.</p></main>"), "absent"),
    ("trap rules of procedure pdf", page('<main><a href="/ri.pdf">Règlement intérieur du conseil municipal</a></main>'), "absent"),
    ("trap council link only", page('<nav><a href="/conseil">Conseil municipal</a></nav>'), "absent"),
]


@pytest.mark.parametrize("name,page_,expected", RECORDS, ids=[c[0] for c in RECORDS])
def test_council_records(name, page_, expected):
    assert answer("edemocracy.council_records", *as_pages(page_))["status"] == expected
