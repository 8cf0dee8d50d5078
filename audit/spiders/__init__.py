"""Spiders: the commune spider crawls one or many commune sites politely."""
