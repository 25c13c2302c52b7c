"""The `tallybook` command.

Each command lives in its own module and is imported lazily, so commands that
need no database (`extract`, `places`) start without loading Django.
"""

from __future__ import annotations

import importlib

import click

from tallybook import __version__

# command name -> "module:attribute"
COMMANDS: dict[str, str] = {
    "corroborate": "tallybook.cli.corroborate:corroborate",
    "demo": "tallybook.cli.demo:demo",
    "estimate": "tallybook.cli.estimate:estimate",
    "eval": "tallybook.cli.extract:evaluate",
    "extract": "tallybook.cli.extract:extract",
    "figures": "tallybook.cli.figures:figures",
    "ingest": "tallybook.cli.ingest:ingest",
    "init": "tallybook.cli.init:init",
    "link": "tallybook.cli.link:link",
    "live": "tallybook.cli.live:live",
    "keys": "tallybook.cli.people:keys",
    "people": "tallybook.cli.people:people",
    "openapi": "tallybook.cli.openapi:openapi",
    "places": "tallybook.cli.places:places",
    "publish": "tallybook.cli.publish:publish",
    "serve": "tallybook.cli.serve:serve",
    "sources": "tallybook.cli.sources:sources",
    "tally": "tallybook.cli.tally:tally",
    "token": "tallybook.cli.token:token",
    "users": "tallybook.cli.users:users",
    "verify": "tallybook.cli.verify:verify",
    "verify-release": "tallybook.cli.publish:verify_release",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        return getattr(importlib.import_module(module_name), attr)


@click.group(cls=LazyGroup)
@click.version_option(__version__, prog_name="tallybook")
def cli() -> None:
    """tallybook: sourced, bounded, checkable counts from messy reports."""


if __name__ == "__main__":
    cli()
