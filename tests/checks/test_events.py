"""site.events: agenda sections under their many names, and the look-alikes a juror would not count."""

import pytest

from tests.conftest import audit_pages

HOME = "https://www.ville-exemple.fr/"


def _page(body: str, head: str = "") -> list[tuple[str, str]]:
    return [(HOME, f"<html><head>{head}</head><body>{body}</body></html>")]


@pytest.mark.parametrize("body, head", [
    ('<nav><a href="/agenda">Agenda</a></nav>', ""),
    ('<nav><a href="/agenda">AGENDA</a></nav>', ""),
    ('<nav><ul><li><a href="/evts">Événements</a></li></ul></nav>', ""),
    ('<nav><a href="/evts">Evenements</a></nav>', ""),
    ('<header><a href="/culture/fetes">Fêtes et manifestations</a></header>', ""),
    ('<footer><a href="/cal">Calendrier des manifestations</a></footer>', ""),
    ('<main><a href="/agenda">Voir tout l’agenda</a></main>', ""),
    ('<h1>Agenda des sorties</h1>', "<title>Agenda - Ville</title>"),
    ('<iframe src="https://openagenda.com/agendas/123/embeds/456/events"></iframe>', ""),
    ('<p>Concert</p>', '<script type="application/ld+json">{"@context":"https://schema.org","@type":"MusicEvent","name":"Concert"}</script>'),
    ('<nav><a href="/sortir">Sortir</a></nav><h1>Sortir à Exemple</h1>', "<title>Sortir</title>"),
])
def test_agenda_is_present(body: str, head: str) -> None:
    answer = audit_pages(_page(body, head))["site.events"]
    assert answer["status"] == "present"
    assert answer["evidence"] and answer["confidence"] >= 0.5


@pytest.mark.parametrize("body", [
    '<nav><a href="/a21">Agenda 21</a></nav>',
    '<nav><a href="/a2030">Agenda 2030 et développement durable</a></nav>',
    '<footer><a href="/adap">Agenda d’Accessibilité Programmée (Ad’AP)</a></footer>',
    '<main><a href="/demarches/manif">Déclaration de manifestation</a></main>',
    '<main><a href="/demarches/ast">Autorisation de sortie du territoire</a></main>',
    '<main><a href="/salles">Location de salles pour vos événements</a></main>',
    '<main><p>Les manifestations de la semaine ont été annulées.</p></main>',
    '<nav><a href="/sortir">Sortir</a></nav>',
    '<iframe src="https://www.youtube.com/embed/abc"></iframe>',
])
def test_look_alikes_are_absent(body: str) -> None:
    assert audit_pages(_page(body))["site.events"]["status"] == "absent"
