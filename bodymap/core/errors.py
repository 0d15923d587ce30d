"""Errors that mean "the user asked for something wrong", reported in one line."""

from __future__ import annotations


class UserError(Exception):
    """Bad input from a person (a typo, a value out of range): exit status 2, no traceback."""


class DataError(Exception):
    """A shipped or edited data file is malformed; the message names file, entry and field."""
