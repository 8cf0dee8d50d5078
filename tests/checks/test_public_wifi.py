"""Public Wi-Fi: wording variants and traps."""

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
WIFI_PAGE = '<p>Le réseau est gratuit et ouvert à tous, sans inscription, dans la médiathèque et sur la place de la mairie.</p>'

WIFI = [
    ("trap campers' wifi", page("<main><h2>Aire naturelle</h2><p>Sanitaires, aire de jeux, wifi gratuit à l'accueil pour les campeurs.</p></main>"), "absent"),
    ("wifi public menu", followed(page('<nav><a href="/wifi">Wifi public</a></nav>'), WIFI_PAGE), "present"),
    ("wi-fi gratuit sentence", page("<main><p>Un accès Wi-Fi gratuit est proposé place de la Mairie.</p></main>"), "present"),
    ("WIFI4EU badge", page('<footer><img src="/img/wifi4eu-logo.png" alt="WiFi4EU"></footer>'), "present"),
    ("hotspots", page('<main><h2>Les bornes Wi‑Fi de la ville</h2>' + WIFI_PAGE + '</main>'), "present"),
    ("trap hotspots heading alone", page('<main><h2>Les bornes Wi‑Fi de la ville</h2></main>'), "absent"),
    ("hotel de ville", page("<main><p>Wifi gratuit dans le hall de l'hôtel de ville.</p></main>"), "present"),
    ("internet gratuit", followed(page('<main><a href="/net">Accès internet gratuit à la médiathèque</a></main>'), WIFI_PAGE), "present"),
    ("trap camping", page("<main><p>Camping des Pins : piscine, wifi gratuit, animations.</p></main>"), "absent"),
    ("trap gite", page('<main><a href="/gite">Gîte de la Forêt – wifi gratuit</a></main>'), "absent"),
    ("trap biodiversity hotspot", page("<main><p>Ce marais est un hotspot de biodiversité.</p></main>"), "absent"),
    ("trap negation", page("<main><p>Le wifi public n'est pas encore disponible.</p></main>"), "absent"),
]

@pytest.mark.parametrize("name,page_,expected", WIFI, ids=[c[0] for c in WIFI])
def test_public_wifi(name, page_, expected):
    assert answer("inclusion.public_wifi", *as_pages(page_))["status"] == expected


def test_sentence_broken_by_line_break_still_reads():
    pages = [page("<main><p>Salle polyvalente<br>Accès <strong>WIFI GRATUIT</strong> pour tous</p></main>")]
    assert answer("inclusion.public_wifi", *pages)["status"] == "present"
