"""Every setting and every command is documented."""

from pathlib import Path

from tallybook.cli.main import COMMANDS
from tallybook.config import SETTINGS

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_every_setting_is_documented():
    text = (DOCS / "settings.md").read_text()
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in text]
    assert not missing, f"document these settings in docs/settings.md: {missing}"


def test_every_command_is_documented():
    text = (DOCS / "cli.md").read_text()
    missing = [name for name in COMMANDS if f"`tallybook {name}" not in text]
    assert not missing, f"document these commands in docs/cli.md: {missing}"
