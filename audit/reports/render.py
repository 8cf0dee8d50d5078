"""The Jinja2 environment of the HTML reports (autoescape on) and their inline SVG charts."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from audit.reports.common import COLOURS, STATUSES
from audit.reports.values import link


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("audit.reports", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True,
    )
    env.globals["link"] = link
    return env


@cache
def stylesheet() -> Markup:
    """The shared CSS, inlined in every report (trusted: it ships with the package)."""
    return Markup(files("audit.reports").joinpath("templates/style.css").read_text(encoding="utf-8"))


def status_bar(counts: dict[str, int], width: int = 220, height: int = 14) -> Markup:
    """A stacked bar of present / absent / unknown counts; decorative, the numbers are printed beside it."""
    total = sum(counts.get(s, 0) for s in STATUSES) or 1
    x = 0.0
    rects = []
    for status in STATUSES:
        w = width * counts.get(status, 0) / total
        if w:
            rects.append(Markup('<rect x="{:.1f}" y="0" width="{:.1f}" height="{}" fill="#{}"/>').format(x, w, height, COLOURS[status]))
        x += w
    return Markup('<svg class="bar" aria-hidden="true" focusable="false" width="{0}" height="{1}" viewBox="0 0 {0} {1}">'
                  '{2}<rect x="0" y="0" width="{0}" height="{1}" fill="none" stroke="#555"/></svg>').format(
        width, height, Markup("").join(rects))
