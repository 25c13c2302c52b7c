import pytest

from tallybook.apps.sources import services as source_services

from .corpus import make_corpus


@pytest.fixture
def corpus(db, monkeypatch):
    """The fictional publishing corpus; claims are written by hand, not extracted."""
    monkeypatch.setattr(source_services, "AFTER_INGEST", [])
    return make_corpus()


@pytest.fixture
def key_path(tmp_path):
    return tmp_path / "keys" / "release-key.pem"
