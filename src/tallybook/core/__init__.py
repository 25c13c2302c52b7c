"""The pipeline as plain Python: no Django, no database driver, no engine.

Frozen dataclasses in, frozen dataclasses out. An import-linter contract
(pyproject.toml) keeps it that way.
"""
