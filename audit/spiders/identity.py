"""How the crawler introduces itself: a user agent naming the tool and a contact URL."""

from __future__ import annotations

from scrapy.settings import BaseSettings

BOT = "CommuneAuditBot/0.1"


def user_agent(contact_url: str) -> str:
    return f"{BOT} (+{contact_url})"


class IdentityAddon:
    """Builds ``USER_AGENT`` from ``AUDIT_CONTACT_URL``, unless the user set ``USER_AGENT`` itself."""

    def update_settings(self, settings: BaseSettings) -> None:
        if settings.getpriority("USER_AGENT") <= settings.getpriority("AUDIT_CONTACT_URL"):
            settings.set("USER_AGENT", user_agent(settings.get("AUDIT_CONTACT_URL")), priority="cmdline")
