"""Our accessibility rules against the W3C ACT Rules test cases (shared corpus, read-only).

The floors are the agreement measured by benchmarks/act_rules.py minus a small
margin: a regression on any ACT rule fails here.
"""

from __future__ import annotations

import asyncio

import pytest

from audit.artifacts.browser import find_chromium
from audit.artifacts.page import Page
from audit.checks.accessibility.automated_audit import static_violations
from benchmarks.act_rules import STATIC_RULE_FOR_ACT, axe_agreement, load_cases, serve_act, static_fires

#: Measured: every static rule agrees on 100 % of its ACT cases.
STATIC_FLOOR = 0.9
#: Measured: axe-core agrees on 100 % of these rules' cases.
AXE_RULES = {"23a2a8": "image-alt", "c487ae": "link-name", "e086e5": "label", "97a4e1": "button-name"}
AXE_FLOOR = 0.95


@pytest.mark.parametrize(("act_id", "rule"), sorted(STATIC_RULE_FOR_ACT.items()))
def test_static_rule_agrees_with_act_cases(act_id, rule):
    cases = load_cases([act_id])
    assert len(cases) >= 7, f"ACT cases of {act_id} missing from the corpus"
    wrong = [f"{c.title} ({c.expected})" for c in cases if not c.agrees(static_fires(c, rule))]
    assert 1 - len(wrong) / len(cases) >= STATIC_FLOOR, f"{rule} disagrees with ACT {act_id} on {wrong}"


def test_static_rules_cover_both_outcomes():
    """The floors mean something only if the cases exercise failures and passes of every rule."""
    cases = load_cases(STATIC_RULE_FOR_ACT)
    fired = {(c.rule_id, static_fires(c, STATIC_RULE_FOR_ACT[c.rule_id])) for c in cases}
    assert all((act_id, True) in fired and (act_id, False) in fired for act_id in STATIC_RULE_FOR_ACT)


@pytest.mark.parametrize(("html", "rule", "count"), [
    # The tracking pixel in <noscript> is never shown to a visitor with scripts on.
    ('<noscript><img src="https://www.facebook.com/tr?id=1"></noscript>', "image-alt", 0),
    ('<img src="logo.png" style="display: none">', "image-alt", 0),
    ('<img src="blason.png" alt=" ">', "image-alt", 1),
    ('<div role="img" style="background: url(plan.png)"></div>', "image-alt", 1),
    ('<input type="image" src="ok.png">', "image-alt", 1),
    ('<a href="/"><svg><title>Accueil</title><path d=""/></svg></a>', "link-name", 0),
    ('<a href="/"><svg aria-hidden="true"><path d=""/></svg></a>', "link-name", 1),
    ('<a href="https://www.facebook.com/ville"><span class="icon-facebook" title="Facebook"></span></a>', "link-name", 0),
    ('<a href="/" aria-labelledby="t"><img src="x.png"></a><span id="t">Mairie</span>', "link-name", 0),
    ('<a href="/" aria-labelledby="t"><img src="x.png"></a><span id="t"> </span>', "link-name", 1),
    ('<span role="button" onclick="go()"></span>', "button-name", 1),
    ('<button type="submit"><img src="loupe.svg" alt="Rechercher"></button>', "button-name", 0),
    ('<label for="q" class="sr-only">Rechercher</label><input id="q" type="search">', "label", 0),
    ('<label for="q" style="display:none">Rechercher</label><input id="q" type="search">', "label", 1),
    ('<label>Commune <select id="c"><option>Lyon</option></select></label>', "label", 0),
    ('<label><select id="c"><option>Lyon</option></select></label>', "label", 1),
    ('<input type="text" placeholder="Votre adresse e-mail">', "label", 0),
    ('<h1>Mairie</h1><h3>Horaires</h3>', "heading-order", 1),
    ('<h1>Mairie</h1><div role="heading" aria-level="2">Horaires</div><h3>Lundi</h3>', "heading-order", 0),
])
def test_static_rules_on_commune_patterns(html, rule, count):
    page = Page.from_html("https://www.ville.fr/", f'<html lang="fr"><head><title>Mairie</title></head><body>{html}</body></html>')
    assert static_violations(page).get(rule, 0) == count


@pytest.mark.skipif(find_chromium() is None, reason="Chromium n'est pas installé (make setup l'installe)")
def test_axe_agrees_with_act_cases():
    cases = load_cases(AXE_RULES)
    with serve_act() as base_url:
        mapping, fired = asyncio.run(axe_agreement(cases, base_url))
    for act_id, axe_rule in AXE_RULES.items():
        assert axe_rule in mapping[act_id], f"axe-core no longer maps {axe_rule} to ACT {act_id}"
    assert len(fired) == len(cases)
    wrong = [f"{c.rule_id} {c.title}" for c, f in fired.items() if bool(f) != (c.expected == "failed")]
    assert 1 - len(wrong) / len(cases) >= AXE_FLOOR, wrong
