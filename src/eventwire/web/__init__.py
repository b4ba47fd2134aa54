"""The dashboard and JSON API: thin read-only web front ends over ``eventwire.store.query``."""

from eventwire.web.app import create_app

__all__ = ["create_app"]
