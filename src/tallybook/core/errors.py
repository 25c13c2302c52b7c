"""Errors that core raises for bad input.

Every refusal names the reason in words a user can act on; the caller adds
the name of the input (file path or URL) when it reports the error.
"""


class InputRejected(ValueError):
    """An input that tallybook will not read, with the reason why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
