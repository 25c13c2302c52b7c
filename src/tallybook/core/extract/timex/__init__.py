"""Time expressions near a count, resolved against the publication date.

Only the short phrases found here are interpreted (no dateparser over whole
texts): explicit dates and ranges (`dates`), relative days and weeks
(`relative`), periods (`..periods`), and the cues of a running total ("as of
12 July", "since September"); `find` reads a sentence and says what each
expression times.
"""

from .expr import TimeExpr
from .find import find_times

__all__ = ["TimeExpr", "find_times"]
