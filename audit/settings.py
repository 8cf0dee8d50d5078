"""Scrapy settings of the audit crawler. Any of them can be overridden with ``-s NAME=VALUE``."""

BOT_NAME = "commune-audit"
SPIDER_MODULES = ["audit.spiders"]
NEWSPIDER_MODULE = "audit.spiders"

# --- identity and politeness -------------------------------------------------
#: Named in the user agent, "CommuneAuditBot/0.1 (+AUDIT_CONTACT_URL)"; -s USER_AGENT=... replaces it all.
AUDIT_CONTACT_URL = "https://github.com/villes-internet/commune-audit"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 10
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.5
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 0
RETRY_TIMES = 1
REDIRECT_MAX_TIMES = 10
COOKIES_ENABLED = True
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
DNS_TIMEOUT = 20

# Many sites crawled at once: pick from the scheduler what the downloader can take.
SCHEDULER_PRIORITY_QUEUE = "scrapy.pqueues.DownloaderAwarePriorityQueue"

# --- the audit -----------------------------------------------------------------
AUDIT_MAX_PAGES = 300
AUDIT_MAX_DEPTH = 8
#: Pages per URL shape (numbers and query values erased): caps calendars and pagination.
AUDIT_MAX_PER_PATTERN = 25
AUDIT_MAX_LINKS_PER_PAGE = 1000
#: Linked documents of the site (PDF, office files) checked with a HEAD request, never downloaded.
AUDIT_MAX_DOCUMENT_CHECKS = 50
AUDIT_OUTPUT_DIR = "reports"

# --- the browser (scrapy-playwright + system Chromium) ----------------------------
#: "auto": render when Chromium is installed; "off": static HTML only (--no-browser).
AUDIT_BROWSER = "auto"
#: Executable to launch; empty means ``chromium`` on PATH.
AUDIT_CHROMIUM_PATH = ""
#: "key": the home page and key pages (statement, contact, démarches, payment, e-democracy); "all": every page.
AUDIT_RENDER = "key"
#: Pages rendered per site at most (the home page's mobile rendering is extra).
AUDIT_RENDER_MAX = 10
ADDONS = {"audit.spiders.identity.IdentityAddon": 0, "audit.artifacts.browser.BrowserAddon": 10}

#: Longest Retry-After (seconds) honoured on 429/503 before giving up on the page.
AUDIT_MAX_RETRY_AFTER = 120
#: For a public self-audit service: refuse start URLs on loopback or private addresses too.
AUDIT_REFUSE_PRIVATE_START = False
#: Comma-separated CIDR ranges exempt from the address policy (e.g. "127.0.0.0/8" for tests of the service).
AUDIT_ALLOW_NETWORKS = ""

DOWNLOADER_MIDDLEWARES = {
    "audit.spiders.guard.SiteGuardMiddleware": 50,
    "audit.spiders.retry_after.RetryAfterMiddleware": 560,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "audit.spiders.robots.OriginRobotsTxtMiddleware": 100,
}
ITEM_PIPELINES = {
    "audit.pipelines.AuditJsonPipeline": 300,
}
EXTENSIONS = {
    "audit.spiders.progress.Progress": 500,
}
AUDIT_PROGRESS = True

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
