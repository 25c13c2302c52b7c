"""Django apps by domain: persistence, services (every write), selectors (reads), views."""
