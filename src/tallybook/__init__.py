"""tallybook: sourced, bounded, checkable counts from messy reports."""

__version__ = "0.1.0"
