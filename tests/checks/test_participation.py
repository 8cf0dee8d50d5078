"""Consultation, participatory budget and citizen bodies: wording variants and traps."""

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
BODY_PAGE = '<p>Élus pour deux ans, ses membres se réunissent une fois par mois et portent des projets pour le quartier.</p>'


#: What the juror finds on the page the link leads to.
BUDGET_CALL_PAGE = '<p>Déposez vos projets du 1er février au 31 mars 2026 : 50 000 € sont réservés aux idées des habitants.</p>'


#: What the juror finds on the page the link leads to.
CONSULTATION_PAGE = '<p>Donnez votre avis jusqu’au 15 mars 2026 :</p><form action="/avis" method="post"><label>Votre avis <textarea name="avis"></textarea></label><button>Envoyer</button></form>'


CONSULTATION = [
    ("menu je participe", followed(page('<nav><a href="/participer">Je participe</a></nav>'), CONSULTATION_PAGE), "present"),
    ("concertation link", followed(page('<main><a href="/plu">Concertation sur le PLU</a></main>'), CONSULTATION_PAGE), "present"),
    ("consultation citoyenne title", page("<main><h1>Consultation citoyenne</h1>" + CONSULTATION_PAGE + "</main>", "Consultation citoyenne"), "present"),
    ("trap consultation title, empty page", page("<main><h1>Consultation citoyenne</h1></main>", "Consultation citoyenne"), "absent"),
    ("sondage en ligne", followed(page('<nav><a href="/sondage">Sondage : votre avis sur le marché</a></nav>'), CONSULTATION_PAGE), "present"),
    ("decidim host", page('<main><a href="https://decidim.ville-exemple.fr/">Plateforme</a></main>'), "present"),
    ("cap collectif", page('<main><a href="https://ville.cap-collectif.com/">Participer</a></main>'), "present"),
    ("google form survey", page('<main><p>Répondez à notre <a href="https://docs.google.com/forms/d/e/x/viewform">questionnaire</a></p></main>'), "present"),
    ("survey form on consultation page",
     page('<main><h1>Questionnaire : vos besoins en mobilité</h1><form><input type="radio" name="a"><input type="radio" name="a">'
          '<textarea name="b"></textarea></form></main>', "Questionnaire mobilité"), "present"),
    ("CONSULTATION uppercase no accent", followed(page('<nav><a href="/c">DEMOCRATIE PARTICIPATIVE</a></nav>'), CONSULTATION_PAGE), "present"),
    ("trap legal consultation", page('<main><a href="/avocat">Consultations juridiques gratuites</a></main>'), "absent"),
    ("trap infant consultation", page("<main><h2>Consultation de nourrissons (PMI)</h2></main>"), "absent"),
    ("trap procurement DCE", page('<main><a href="/dce.pdf">Dossier de consultation des entreprises</a></main>'), "absent"),
    ("trap paper survey", page("<main><p>Un questionnaire est à déposer en mairie avant le 30 juin.</p></main>"), "absent"),
    ("trap gendarmerie scheme", page('<main><a href="/pc">Participation citoyenne avec la gendarmerie</a></main>'), "absent"),
    ("trap registration form", page('<main><a href="https://forms.gle/abc">Inscription au repas des aînés</a></main>'), "absent"),
    ("trap cadastre", page('<main><p>Consultation du cadastre sur rendez-vous.</p></main>'), "absent"),
    ("trap paper survey next sentence",
     page("<main><h2>Sondage sur la restauration scolaire</h2><p>Chaque famille a reçu un coupon avec le journal municipal."
          "</p><p>Merci de le rapporter rempli au secrétariat avant les vacances.</p></main>"), "absent"),
    ("trap paper questionnaire in wrapper",
     page("<main><div class='titre'><h3>Enquête auprès des familles</h3></div><div><p>Le questionnaire papier est "
          "disponible à l'accueil de la mairie.</p></div></main>"), "absent"),
    ("trap survey inserted in magazine",
     page("<main><h2>Votre avis compte !</h2><p>Un questionnaire est encarté dans le magazine de mars ; "
          "glissez-le dans la boîte aux lettres de la mairie.</p></main>"), "absent"),
    ("trap teaser of a paper survey, its title linking to the news item",
     page('<main><article><h3><a href="/actus/cantine">Restauration scolaire : votre avis compte</a></h3>'
          "<p>Un questionnaire papier est remis à chaque famille par l'école.</p></article></main>"), "absent"),
    ("trap breadcrumb of a paper survey's page",
     page('<nav class="fil"><a href="/">Accueil</a> › Salle des fêtes : donnez votre avis</nav>'
          "<main><h1>Salle des fêtes : donnez votre avis</h1><p>Le formulaire est disponible à l'accueil de la mairie ; "
          "merci de le rapporter rempli avant la fin du mois.</p></main>", "Salle des fêtes", "/actus/salle"), "absent"),
    ("paper survey with online alternative",
     page("<main><h2>Questionnaire mobilité</h2><p>À retourner en mairie, ou à remplir directement en ligne.</p></main>"),
     "present"),
    ("paper survey with survey link",
     page('<main><h2>Consultation des habitants</h2><p>Déposez le formulaire papier en mairie ou répondez '
          '<a href="https://framaforms.org/avis-bourg">ici</a>.</p></main>'), "present"),
    ("trap news about another town's concertation",
     page("<main><h1>Concertation : comment Brest associe ses habitants</h1><p>Publié le 3 février 2025</p>"
          "<p>Lors d'un colloque, les élus ont découvert la concertation menée à Brest.</p></main>",
          "Concertation : comment Brest associe ses habitants", "/actus/2025/colloque-brest"), "absent"),
    ("news with own call to answer",
     page("<main><h1>Aménagement du bourg : votre avis compte</h1><p>12/05/2025</p>"
          "<p>Répondez au <a href=\"https://framaforms.org/bourg\">questionnaire en ligne</a> avant le 30 juin.</p></main>",
          "Aménagement du bourg", "/actualites/bourg"), "present"),
    ("trap news with a call to answer and no online questionnaire",
     page("<main><h1>Aménagement du bourg : votre avis compte</h1><p>12/05/2025</p>"
          "<p>Répondez au questionnaire avant le 30 juin.</p></main>", "Aménagement du bourg", "/actualites/bourg"), "absent"),
]


@pytest.mark.parametrize("name,page_,expected", CONSULTATION, ids=[c[0] for c in CONSULTATION])
def test_consultation(name, page_, expected):
    assert answer("edemocracy.consultation", *as_pages(page_))["status"] == expected


BUDGET = [
    ("menu link", followed(page('<nav><a href="/bp">Budget participatif</a></nav>'), BUDGET_CALL_PAGE), "present"),
    ("plural heading", page("<main><h1>Budgets participatifs 2024</h1>" + BUDGET_CALL_PAGE + "</main>"), "present"),
    ("trap plural heading alone", page("<main><h1>Budgets participatifs 2024</h1></main>"), "absent"),
    ("trap a neighbouring town's budget in the news list",
     page("<main><h1>Actualités</h1><article><h2>Chez nos voisins : Vernoux ouvre son budget participatif</h2>"
          "<p>Publié le 2 mars 2026</p><p>La commune voisine réserve 80 000 € aux projets de ses habitants : déposez vos "
          "idées sur sa plateforme jusqu'au 30 avril.</p></article></main>", "Actualités", "/actualites/"), "absent"),
    ("vote call", followed(page('<main><a href="/vote">Votez pour vos projets !</a></main>'), BUDGET_CALL_PAGE), "present"),
    ("url only", [page('<main><a href="/budget-participatif">En savoir plus</a></main>'),
                  page("<main><h1>Budget participatif</h1>" + BUDGET_CALL_PAGE + "</main>", "Budget participatif",
                       "/budget-participatif")], "present"),
    ("trap ideas, no scheme", followed(page('<nav><a href="/idees">Idées de projets : budget participatif</a></nav>'),
                                       "<p>Nous réfléchissons à un budget participatif pour les prochaines années.</p>"),
     "absent"),
    ("body sentence", page("<main><p>La deuxième édition du budget participatif est lancée : déposez vos idées.</p></main>"), "present"),
    ("trap department", page("<main><p>Le Département lance son budget participatif départemental.</p></main>"), "absent"),
    ("trap collegians", page('<main><a href="/x">Budget participatif des collégiens</a></main>'), "absent"),
    ("trap negation", page("<main><p>La commune n'a pas encore de budget participatif.</p></main>"), "absent"),
    ("trap plain budget", page('<nav><a href="/budget">Budget primitif 2024</a></nav>'), "absent"),
    ("trap news article on another town",
     page("<main><article><h1>Budget participatif : retour sur l'expérience de Quimperlé</h1><time datetime='2025-03-02'>"
          "2 mars 2025</time><p>Quimperlé a financé douze projets grâce à son budget participatif. Aucune décision "
          "n'a été prise chez nous.</p></article></main>", "Budget participatif à Quimperlé", "/actus/budget-quimperle"),
     "absent"),
    ("trap dated article outside a news path",
     page("<main><h1>Sortie du club des aînés</h1><p>Publié le mardi 8 octobre 2024</p><p>Le guide a présenté les "
          "réalisations du budget participatif de la ville de Nantes.</p></main>", path="/sortie-club-aines.html"), "absent"),
    ("trap schema.org news article",
     ("https://www.ville-exemple.fr/journal/rencontre-elus",
      '<html><head><title>Budgets citoyens : rencontre des élus</title><script type="application/ld+json">'
      '{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle", "datePublished": "2025-01-10"}]}'
      "</script></head><body><main><h1>Budgets citoyens : rencontre des élus</h1></main></body></html>"), "absent"),
    ("trap teasers of a news list",
     page('<main><h1>Toute l’actualité</h1><div class="card"><h2><a href="/actualites/bp-voisins">Budget participatif '
          ': l’idée fait son chemin ailleurs</a></h2><span>4 avril 2025</span></div><article><h3>Le budget citoyen '
          'de Rennes</h3><time>1 avril 2025</time><p>Un reportage.</p></article></main>', "Actualités", "/actualites/"),
     "absent"),
    ("trap skip link on an article about another town",
     page('<a href="#contenu">Aller au contenu</a><main id="contenu"><h1>Le budget participatif vu de Lorient</h1>'
          "<p>Publié le 5 juin 2025</p><p>Lorient a retenu huit projets.</p></main>", "Lorient",
          "/actualites/budget-participatif-vu-de-lorient"), "absent"),
    ("teaser calling to vote", page('<main><article><h3><a href="/news/bp-2025">Budget participatif : votez '
                                    'jusqu’au 15 mai !</a></h3><time>2 mai 2025</time></article></main>'), "present"),
    ("news item showing own scheme",
     page("<main><h1>Budget participatif 2025</h1><p>Publié le 10/01/2025</p><p>Déposez vos projets sur la plateforme "
          "avant le 31 mars.</p></main>", "Budget participatif 2025", "/actualites/budget-participatif-2025"), "present"),
    ("news item linking to the dedicated page",
     page('<main><h1>Lancement de la saison 2</h1><p>Publié le 10/01/2025</p><p>Tout savoir sur '
          '<a href="/participer/budget-participatif">le budget participatif</a>.</p></main>', path="/actus/saison-2"),
     "present"),
    ("dated page with its own calendar",
     page("<main><h1>Budget participatif 2026</h1><p>1er février 2026 : ouverture du dépôt des idées.</p></main>",
          "Budget participatif 2026", "/actualites/bp-2026"), "present"),
    ("dedicated section page", page("<main><h1>Le budget participatif</h1><p>Chaque année, 50 000 euros sont consacrés "
                                    "aux idées des habitants.</p></main>", "Budget participatif",
                                    "/ma-ville/budget-participatif"), "present"),
]


@pytest.mark.parametrize("name,page_,expected", BUDGET, ids=[c[0] for c in BUDGET])
def test_participatory_budget(name, page_, expected):
    assert answer("edemocracy.participatory_budget", *as_pages(page_))["status"] == expected


BODIES = [
    ("conseils de quartier", followed(page('<nav><a href="/cq">Conseils de quartier</a></nav>'), BODY_PAGE), "present"),
    ("CMJ abbreviation", followed(page('<nav><a href="/cmj">CMJ</a></nav>'), BODY_PAGE), "present"),
    ("conseil municipal des jeunes", page("<main><h1>Conseil Municipal des Jeunes</h1>" + BODY_PAGE + "</main>"), "present"),
    ("trap council heading alone", page("<main><h1>Conseil Municipal des Jeunes</h1></main>"), "absent"),
    ("conseil municipal d'enfants", followed(page('<main><a href="/cme">Conseil municipal d’enfants</a></main>'), BODY_PAGE), "present"),
    ("conseil des sages", followed(page('<footer><a href="/sages">Le Conseil des Sages</a></footer>'), BODY_PAGE), "present"),
    ("comite consultatif", page("<main><p>Le comité consultatif des usagers s'est réuni.</p></main>"), "present"),
    ("conseil citoyen", followed(page('<main><a href="/cc">Conseil citoyen</a></main>'), BODY_PAGE), "present"),
    ("trap council commission", page('<main><a href="/com">Commission des finances</a><a href="/cm">Conseil municipal</a></main>'), "absent"),
    ("trap constitutional council", page("<main><p>Le Conseil constitutionnel a validé la loi.</p></main>"), "absent"),
    ("trap ended body under its heading",
     page("<main><h2>Comité consultatif de la vie associative</h2><p>Installé en 2010, ce comité a cessé de se réunir "
          "en 2020 et n’a jamais été reconstitué.</p></main>"), "absent"),
    ("trap youth council put to sleep",
     page("<main><h3>Le CMJ</h3><p>Faute de volontaires, le conseil des jeunes est en sommeil depuis la rentrée 2023."
          "</p></main>"), "absent"),
    ("trap body no longer existing, described first",
     page("<main><h2>Conseil des aînés</h2><p>Le conseil des aînés réunissait douze retraités de la commune. "
          "Il n’existe plus depuis le renouvellement du conseil municipal.</p></main>"), "absent"),
    ("trap ended body on its own page",
     page("<main><h1>Conseils de quartier</h1><p>Les conseils de quartiers ont été supprimés par délibération du 4 mars "
          "2021.</p></main>", "Conseils de quartier"), "absent"),
    ("recreated body is alive",
     page("<main><h2>Conseil des sages</h2><p>Dissous en 2015, le conseil des sages a été recréé en 2022 ; il se réunit "
          "chaque trimestre en mairie.</p></main>"), "present"),
    ("ended body with a live successor",
     page("<main><h2>Instances participatives</h2><p>Les comités de quartier, supprimés en 2018, ont été remplacés par un "
          "conseil citoyen.</p></main>"), "present"),
    ("ended body beside a live one",
     page("<main><h2>Conseil des jeunes et conseils de quartier</h2><p>Les conseils de quartier ont été dissous en 2020."
          "</p><p>Le conseil municipal des jeunes compte dix-huit élus de 9 à 14 ans.</p></main>"), "present"),
    ("body that removed something is alive",
     page("<main><h1>Conseil municipal des jeunes</h1><p>Le conseil municipal des jeunes a supprimé les gobelets "
          "jetables à la cantine et a fermé le débat sur le skatepark.</p></main>", "Conseil municipal des jeunes"),
     "present"),
    ("suspended for the summer is still alive",
     page("<main><h2>Conseil municipal des enfants</h2><p>Les séances sont suspendues pendant les vacances scolaires."
          "</p></main>"), "present"),
    ("ended body with a contact to join the new one",
     page("<main><h2>Conseil des sages</h2><p>L’ancien conseil a pris fin avec le mandat précédent. Pour rejoindre le "
          "nouveau conseil des sages, écrivez à sages@ville-exemple.fr.</p></main>"), "present"),
]


@pytest.mark.parametrize("name,page_,expected", BODIES, ids=[c[0] for c in BODIES])
def test_citizen_bodies(name, page_, expected):
    assert answer("edemocracy.citizen_bodies", *as_pages(page_))["status"] == expected


@pytest.mark.parametrize("target,expected", [
    ("<main><h1>Conseil des sages</h1><p>Le conseil des sages a été dissous à la fin du mandat précédent.</p></main>",
     "absent"),
    ("<main><h1>Le conseil des sages</h1><p>Il n’a pas été reconduit après 2020 : il n’existe plus.</p></main>", "absent"),
    ("<main><h1>Conseil des sages</h1><p>Douze habitants de plus de 60 ans y siègent et se réunissent chaque mois.</p>"
     "</main>", "present"),
])
def test_menu_link_to_a_page_saying_the_body_has_ended(target, expected):
    """The juror follows the menu link: a page saying the body was dissolved makes the link void."""
    menu = '<nav><a href="/vie-municipale/conseil-des-sages">Conseil des sages</a></nav>'
    pages = [page(f"{menu}<main><p>Bienvenue</p></main>", path="/accueil"),
             page(f"{menu}{target}", "Conseil des sages", "/vie-municipale/conseil-des-sages")]
    assert answer("edemocracy.citizen_bodies", *pages)["status"] == expected


def test_menu_link_repeated_on_every_page_counts_once():
    """A weak footer sentence repeated on many pages must not add up to present."""
    footer = "<footer><p>Une consultation publique sera organisée.</p></footer>"
    pages = [page(f"<main><p>Article {i}</p></main>{footer}", path=f"/a{i}") for i in range(6)]
    result = answer("edemocracy.consultation", *pages)
    assert result["status"] == "absent"


def test_news_item_counts_once_whatever_its_teasers():
    """An article about another town, announced on the home page and in the news list, stays weak."""
    teaser = ('<main><article><h3><a href="/actualites/bp-lannion">Le budget participatif de Lannion</a></h3>'
              "<time>3 mars 2025</time></article></main>")
    article = page("<main><h1>Le budget participatif de Lannion</h1><p>3 mars 2025</p><p>Lannion ouvre son budget "
                   "participatif aux lycéens.</p></main>", "Le budget participatif de Lannion", "/actualites/bp-lannion")
    result = answer("edemocracy.participatory_budget", page(teaser, path="/actualites/"), page(teaser, path="/"),
                    article)
    assert result["status"] == "absent"
