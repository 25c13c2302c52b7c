"""Command line: thin click commands over core and the services."""
