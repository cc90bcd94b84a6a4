"""``kronika serve``: read, search and check the record in a browser, and a JSON API."""

from kronika.web.app import create_app

__all__ = ["create_app"]
