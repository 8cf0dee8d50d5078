"""A "light" generated site for the benchmarks: pages of about 25 KB of French text with about 45 links each.

Lighter than `commune_site` (no mega-menu of 230 links): what a plain article
page of a small commune's site looks like. Built in memory for `static_server`.
Page ``i`` links to pages ``i+1``, ``2i+1`` and ``2i+2`` (every page is reached,
at a depth of about log2 of the page count), to 37 pages drawn at random, and
to the first 5 pages (the menu).
"""

from __future__ import annotations

import random

from commune_site import SENTENCES, SUBJECTS, slugify

MENU = ["Ma mairie", "Démarches", "Actualités", "Agenda", "Contact"]
RANDOM_LINKS = 37
#: Target size of a page's text, in bytes.
TEXT_BYTES = 21_500


def _url(i: int) -> str:
    return "/" if i == 0 else f"/articles/{slugify(SUBJECTS[i % len(SUBJECTS)])}-{i}"


def _page(i: int, pages: int, rng: random.Random) -> bytes:
    targets = [t for t in (i + 1, 2 * i + 1, 2 * i + 2) if t < pages]
    targets += [rng.randrange(pages) for _ in range(RANDOM_LINKS + 3 - len(targets))]
    links = "".join(f'<li><a href="{_url(t)}">{SUBJECTS[t % len(SUBJECTS)]} ({t})</a></li>' for t in targets)
    menu = "".join(f'<li><a href="{_url(k % pages)}">{label}</a></li>' for k, label in enumerate(MENU, start=1))
    paragraphs: list[str] = []
    size = 0
    while size < TEXT_BYTES:
        paragraph = "<p>" + " ".join(rng.sample(SENTENCES, 5)) + "</p>\n"
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8"))
    title = "Accueil" if i == 0 else f"{SUBJECTS[i % len(SUBJECTS)]} ({i})"
    html = (f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>{title} – Ville de Légère</title></head>\n'
            f'<body><header><nav><ul>{menu}</ul></nav></header>\n<main><h1>{title}</h1>\n{"".join(paragraphs)}'
            f'<aside><h2>À lire aussi</h2><ul>{links}</ul></aside></main>\n'
            '<footer><p>Mairie de Légère, 2 rue de la Mairie, 99500 Légère.</p></footer></body></html>\n')
    return html.encode("utf-8")


def light_site(pages: int, seed: int = 11) -> dict[str, tuple[str, bytes]]:
    """The site's files by URL path: `pages` HTML pages (the home page first) and robots.txt."""
    rng = random.Random(seed)
    html = "text/html; charset=utf-8"
    files = {_url(i): (html, _page(i, pages, rng)) for i in range(pages)}
    files["/robots.txt"] = ("text/plain; charset=utf-8", b"User-agent: *\nDisallow: /wp-admin/\n")
    return files
