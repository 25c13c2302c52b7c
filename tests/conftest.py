"""Fixtures shared by the whole suite."""

import pytest

from tallybook.apps.sources.archive import Archive


@pytest.fixture(autouse=True)
def archive(settings, tmp_path, tmp_path_factory) -> Archive:
    """Every test gets its own empty archive folder, and its own data folder: test
    workers in parallel each have their own database, and the demo keeps its accounts'
    passwords in the data folder, so a shared one let one worker's demo overwrite
    another's."""
    settings.ARCHIVE_DIR = tmp_path / "archive"
    settings.DATA_DIR = tmp_path_factory.mktemp("data")  # beside tmp_path, not in it
    return Archive(settings.ARCHIVE_DIR)


@pytest.fixture
def article_html() -> bytes:
    """A short news page (fictional) with chrome around its article."""
    return (
        b"<!doctype html><html><head><title>Twelve detained in Rasht (fictional)</title>"
        b'<meta property="og:site_name" content="Caspian Courier">'
        b'<meta property="article:published_time" content="2023-02-14">'
        b"</head><body><nav>Home | World</nav><article><h1>Twelve detained in Rasht</h1>"
        b"<p>FICTIONAL: written for tallybook's tests.</p>"
        b"<p>Security forces detained twelve students in Rasht on Sunday after a night of "
        b"protests, according to the Caspian Student Council, which said the students were "
        b"taken to an unknown location and that their families had not been told.</p>"
        b"<p>The council said at least 40 people had been arrested in Gilan province since "
        b"the start of the month.</p></article><footer>Copyright</footer></body></html>"
    )


@pytest.fixture
def user_with_role(django_user_model):
    """Make a signed-up user holding one role: user_with_role("analyst")."""

    def make(role: str, username: str | None = None):
        return django_user_model.objects.create_user(
            username or role, password="a-long-passphrase-9", role=role
        )

    return make
