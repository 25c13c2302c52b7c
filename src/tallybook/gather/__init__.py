"""Getting sources in: files, downloads, and reading them in a sandbox.

Plain Python that may do I/O; no Django.
"""
