"""Django settings. Every value a user may change comes from `tallybook.config`."""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url

from tallybook import config

DATA_DIR: Path = config.data_dir()
DATA_DIR.mkdir(parents=True, exist_ok=True)
ARCHIVE_DIR = DATA_DIR / "archive"


def _secret_key() -> str:
    key = config.get("TALLYBOOK_SECRET_KEY")
    if key:
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = config.get("TALLYBOOK_DEBUG") == "1"
ALLOWED_HOSTS = [h.strip() for h in config.get("TALLYBOOK_ALLOWED_HOSTS").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "tallybook.apps.accounts",
    "tallybook.apps.audit",
    "tallybook.apps.places",
    "tallybook.apps.sources",
    "tallybook.apps.claims",
    "tallybook.apps.incidents",
    "tallybook.apps.people",
    "tallybook.apps.publishing",
    "tallybook.apps.api",
    "tallybook.apps.live",
    "tallybook.apps.workspace",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "tallybook.apps.api.middleware.MethodNotAllowedEnvelope",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "tallybook.site.urls"
WSGI_APPLICATION = "tallybook.site.wsgi.application"
ASGI_APPLICATION = "tallybook.site.asgi.application"  # `tallybook serve` (uvicorn)
# The live board: which broker joins server processes, and how often each re-reads events.
LIVE_BROKER = config.get("TALLYBOOK_LIVE_BROKER")
LIVE_POLL_SECONDS = config.get_int("TALLYBOOK_LIVE_POLL")
LIVE_SUBMIT_PER_MINUTE = config.get_int("TALLYBOOK_LIVE_SUBMIT_PER_MINUTE")
LIVE_STREAMS_PER_ADDRESS = config.get_int("TALLYBOOK_LIVE_STREAMS_PER_ADDRESS")

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database() -> dict:
    url = config.get("DATABASE_URL")
    if url:
        db = dj_database_url.parse(url, conn_max_age=60)
        if db["ENGINE"] == "django.db.backends.sqlite3":
            db.setdefault("OPTIONS", {}).update(_SQLITE_OPTIONS)
        return db
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "tallybook.sqlite3"),
        "OPTIONS": dict(_SQLITE_OPTIONS),
    }


# WAL lets readers (the web view) work while the CLI writes; IMMEDIATE takes
# the write lock at BEGIN, so two writers queue instead of failing mid-way.
_SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
}

DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# A small machine: keep hashing strong but not minutes-long per login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise serves from it once `collectstatic` fills it
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
