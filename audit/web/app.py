"""The self-audit web application (Starlette): a form, a progress page, the report, earlier audits.

Routes (pages in French; ``/api/`` answers JSON):

- ``GET /``: the form (site address, optional commune name and INSEE code);
- ``POST /audits`` (form) or ``POST /api/audits`` (JSON): queue an audit; 303 to its page
  (202 with its id for the API); 400 for an unusable or non-public address, 403 without the
  shared secret, 429 past the per-client rate limit, 503 when the queue is full;
- ``GET /audits/{id}``: progress while queued or running, then the report (``report.html``
  with download links and the earlier audits of the same site);
- ``GET /audits/{id}/etat`` and ``GET /api/audits/{id}``: the job's state as JSON;
- ``GET /audits/{id}/audit.json`` and ``GET /audits/{id}/grille.xlsx``: downloads.

Every response carries a strict Content-Security-Policy: service pages may load
only the service's stylesheet and progress script, reports no script at all.
"""

from __future__ import annotations

import contextlib
import hmac
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from audit.reports.render import stylesheet
from audit.reports.site_html import render_site
from audit.spiders.addresses import Network
from audit.spiders.sites import normalise_url
from audit.web.history import earlier_audits
from audit.web.jobs import DONE, FAILED, QUEUED, RUNNING, Job, JobQueue, JobStore
from audit.web.safety import REPORT_CSP, SECURITY_HEADERS, SERVICE_CSP, RateLimiter, address_refusal
from audit.web.worker import OUT_DIR

INSEE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$")
TOKEN_COOKIE = "audit_code"


@dataclass
class ServiceConfig:
    """What ``audit serve`` was started with."""

    data_dir: Path
    workers: int = 1
    max_pages: int = 100
    time_budget: float = 300.0
    token: str | None = None
    allow_networks: tuple[Network, ...] = ()
    rate_limit: int = 10
    rate_window: float = 3600.0
    max_queue: int = 20
    db_url: str | None = None
    browser: bool = False
    crawl_settings: dict[str, str] = field(default_factory=dict)

    @property
    def limits_text(self) -> str:
        """The caps in French, for the pages: « 100 pages du site en 5 minutes »."""
        minutes = self.time_budget / 60
        duration = (f"{minutes:g}".replace(".", ",") + " minute" + ("s" if minutes > 1 else "")) if minutes >= 1 \
            else f"{self.time_budget:g} secondes"
        return f"{self.max_pages} page{'s' if self.max_pages > 1 else ''} du site en {duration}"

    def worker_settings(self) -> dict[str, str]:
        """Scrapy settings of every audit: the caps and the address policy cannot be overridden."""
        settings = {"LOG_LEVEL": "WARNING", **self.crawl_settings}
        settings.update({
            "AUDIT_MAX_PAGES": str(self.max_pages),
            "AUDIT_TIME_BUDGET": str(self.time_budget),
            "AUDIT_REFUSE_PRIVATE_START": "True",
            "AUDIT_ALLOW_NETWORKS": ",".join(str(n) for n in self.allow_networks),
            "TWISTED_DNS_RESOLVER": "audit.spiders.addresses.PublicOnlyResolver",
            "AUDIT_BROWSER": "auto" if self.browser else "off",
        })
        return settings


class Refused(Exception):
    """A submission the service will not queue: HTTP status, French message, optional Retry-After."""

    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


class SecurityHeaders:
    """ASGI middleware: the service's CSP (unless the response set its own) and the other security headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", SERVICE_CSP.encode()))
                for name, value in SECURITY_HEADERS.items():
                    if name.lower().encode() not in names:
                        headers.append((name.lower().encode(), value.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def templates() -> Environment:
    """The service's Jinja2 templates (autoescape on)."""
    return Environment(
        loader=PackageLoader("audit.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True,
    )


def create_app(config: ServiceConfig) -> Starlette:
    """The web application; its lifespan runs the audit queue's dispatcher."""
    store = JobStore(config.data_dir)
    queue = JobQueue(store, config.workers, config.time_budget)
    limiter = RateLimiter(config.rate_limit, config.rate_window)
    env = templates()
    css = (str(stylesheet()) + "\n" + files("audit.web").joinpath("static/service.css").read_text(encoding="utf-8"))
    script = files("audit.web").joinpath("static/progress.js").read_text(encoding="utf-8")

    def page(name: str, status: int = 200, headers: dict[str, str] | None = None, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(token_required=bool(config.token), config=config, **context),
                            status_code=status, headers=headers)

    def authorised(request: Request, form: dict[str, str] | None = None) -> bool:
        if not config.token:
            return True
        given = [request.cookies.get(TOKEN_COOKIE, "")]
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            given.append(auth[7:].strip())
        if form:
            given.append(form.get("code", ""))
        return any(g and hmac.compare_digest(g.encode(), config.token.encode()) for g in given)

    async def home(request: Request) -> Response:
        return page("form.html.j2", values={})

    async def submit(request: Request, data: dict[str, str]) -> Job:
        """Validate and queue one audit; raise :class:`Refused` with the visitor's message."""
        if not authorised(request, data):
            raise Refused(403, "Code d'accès manquant ou incorrect : ce service est réservé.")
        client = request.client.host if request.client else "inconnu"
        wait = limiter.retry_after(client)
        if wait:
            minutes = max(1, (wait + 59) // 60)
            raise Refused(429, f"Trop de demandes depuis votre connexion : vous pourrez lancer un nouvel audit "
                               f"dans {minutes} minute{'s' if minutes > 1 else ''}.", wait)
        try:
            url, scheme_given = normalise_url(data.get("url", "")[:2000])
        except ValueError as exc:
            raise Refused(400, f"Adresse du site invalide : {exc}.") from None
        name = " ".join(data.get("name", "").split())[:120]
        insee = data.get("insee", "").strip().upper()
        if insee and not INSEE.match(insee):
            raise Refused(400, "Code INSEE invalide : il compte cinq caractères, par exemple 35238 ou 2A004.")
        refusal = await address_refusal(url, config.allow_networks)
        if refusal:
            raise Refused(400, refusal)
        # The client's address is used for the rate limit only, never stored with the audit.
        job = Job(id=store.new_id(), url=url, scheme_given=scheme_given, name=name, insee=insee,
                  settings=config.worker_settings(), db=config.db_url or "")
        for other_id in [*queue.running, *queue.queued]:
            other = store.load(other_id)
            if other is not None and other.site == job.site:
                return other  # the same site is already being audited: follow that audit
        if len(queue.queued) >= config.max_queue:
            raise Refused(503, f"Le service est très demandé : {len(queue.queued)} audits attendent déjà. "
                               "Réessayez dans quelques minutes.", 60)
        queue.submit(job)
        return job

    def _retry(exc: Refused) -> dict[str, str] | None:
        return {"Retry-After": str(exc.retry_after)} if exc.retry_after else None

    async def submit_form(request: Request) -> Response:
        form = await request.form()
        data = {k: v for k, v in form.items() if isinstance(v, str)}
        try:
            job = await submit(request, data)
        except Refused as exc:
            values = {k: data.get(k, "") for k in ("url", "name", "insee")}
            return page("form.html.j2", exc.status, _retry(exc), error=exc.message, values=values)
        response = RedirectResponse(f"/audits/{job.id}", status_code=303)
        if config.token:
            response.set_cookie(TOKEN_COOKIE, data.get("code", "") or request.cookies.get(TOKEN_COOKIE, ""),
                                httponly=True, samesite="strict", secure=request.url.scheme == "https")
        return response

    async def submit_api(request: Request) -> Response:
        try:
            body = await request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return JSONResponse({"erreur": "corps JSON attendu : {\"url\": \"https://…\"}"}, 400)
        data = {k: str(v) for k, v in body.items() if k in ("url", "name", "insee", "code") and v is not None}
        try:
            job = await submit(request, data)
        except Refused as exc:
            return JSONResponse({"erreur": exc.message}, exc.status, headers=_retry(exc))
        return JSONResponse({**state_of(job), "page": f"/audits/{job.id}"}, 202)

    def state_of(job: Job) -> dict[str, Any]:
        progress = store.progress(job.id)
        return {
            "id": job.id, "url": job.url, "etat": job.state, "pages": int(progress.get("pages") or 0),
            "avant": queue.ahead(job.id), "en_cours": len(queue.running), "message": job.message,
            "temps_ecoule": bool(progress.get("time_spent")),
        }

    def find(request: Request) -> Job | Response:
        if not authorised(request):
            return page("message.html.j2", 403, title="Accès réservé",
                        message="Ce service est réservé : saisissez le code d'accès sur la page d'accueil.")
        job = store.load(request.path_params["job_id"])
        if job is None:
            return page("message.html.j2", 404, title="Audit introuvable",
                        message="Aucun audit ne correspond à cette adresse. Il a peut-être été supprimé.")
        return job

    async def job_state(request: Request) -> Response:
        job = find(request)
        if isinstance(job, Response):
            return JSONResponse({"erreur": "audit introuvable ou accès refusé"}, job.status_code)
        return JSONResponse(state_of(job), headers={"Cache-Control": "no-store"})

    async def job_page(request: Request) -> Response:
        job = find(request)
        if isinstance(job, Response):
            return job
        if job.state in (QUEUED, RUNNING):
            return page("progress.html.j2", job=job, state=state_of(job), host=urlsplit(job.url).netloc,
                        headers={"Cache-Control": "no-store"})
        result = store.result(job.id)
        if job.state == FAILED or result is None:
            return page("message.html.j2", title="L'audit n'a pas abouti",
                        message=f"L'audit de {job.url} n'a pas abouti : {job.message or 'raison inconnue'}.")
        folder, audit = result
        html = render_site(audit, folder)
        nav = env.get_template("report_nav.html.j2").render(job=job, has_grid=(store.folder(job.id) / OUT_DIR / "grid.xlsx").exists())
        history = env.get_template("report_history.html.j2").render(
            job=job, earlier=earlier_audits(store, job, audit, config.db_url),
            progress=store.progress(job.id), db=bool(config.db_url))
        html = _insert(html, "<header>", nav, before=True)
        html = _insert(html, "<main>", history, before=False)
        return HTMLResponse(html, headers={"Content-Security-Policy": REPORT_CSP})

    async def download_json(request: Request) -> Response:
        job = find(request)
        if isinstance(job, Response):
            return job
        result = store.result(job.id) if job.state == DONE else None
        if result is None:
            return page("message.html.j2", 404, title="Fichier indisponible", message="Cet audit n'est pas terminé.")
        folder, _audit = result
        return FileResponse(folder / "audit.json", media_type="application/json",
                            filename=f"audit-{folder.name}.json")

    async def download_grid(request: Request) -> Response:
        job = find(request)
        if isinstance(job, Response):
            return job
        path = store.folder(job.id) / OUT_DIR / "grid.xlsx"
        if job.state != DONE or not path.is_file():
            return page("message.html.j2", 404, title="Fichier indisponible", message="Cet audit n'est pas terminé.")
        result = store.result(job.id)
        slug = result[0].name if result else "site"
        return FileResponse(path, filename=f"grille-{slug}.xlsx",
                            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    async def static_css(request: Request) -> Response:
        return Response(css, media_type="text/css; charset=utf-8", headers={"Cache-Control": "max-age=3600"})

    async def static_js(request: Request) -> Response:
        return Response(script, media_type="text/javascript; charset=utf-8", headers={"Cache-Control": "max-age=3600"})

    async def favicon(request: Request) -> Response:
        return Response(status_code=204, headers={"Cache-Control": "max-age=86400"})

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        queue.start()
        try:
            yield
        finally:
            await queue.stop()

    app = Starlette(
        routes=[
            Route("/", home),
            Route("/audits", submit_form, methods=["POST"]),
            Route("/api/audits", submit_api, methods=["POST"]),
            Route("/audits/{job_id}", job_page),
            Route("/audits/{job_id}/etat", job_state),
            Route("/api/audits/{job_id}", job_state),
            Route("/audits/{job_id}/audit.json", download_json),
            Route("/audits/{job_id}/grille.xlsx", download_grid),
            Route("/static/service.css", static_css),
            Route("/static/progress.js", static_js),
            Route("/favicon.ico", favicon),
        ],
        lifespan=lifespan,
    )
    app.add_middleware(SecurityHeaders)
    app.state.queue = queue
    app.state.store = store
    return app


def _insert(html: str, marker: str, fragment: str, before: bool) -> str:
    """Put trusted service markup before or after the first `marker` of the report (after ``<body>`` if absent)."""
    if marker not in html:
        marker, before = "<body>", False
    head, sep, tail = html.partition(marker)
    return head + (fragment + sep if before else sep + fragment) + tail

