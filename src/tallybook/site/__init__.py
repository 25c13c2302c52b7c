"""The Django project: settings, URLs, WSGI entry point."""

import os


def setup() -> None:
    """Configure Django for code that runs outside manage.py (the CLI)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tallybook.site.settings")
    import django

    django.setup()
