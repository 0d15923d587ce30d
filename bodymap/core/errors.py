"""Errors that mean "the user asked for something wrong", reported in one line."""

from __future__ import annotations


class UserError(Exception):
    """Bad input from a person (a typo, a value out of range): exit status 2, no traceback."""


class DataError(Exception):
    """A shipped or edited data file is malformed; the message names file, entry and field."""


class StorageError(Exception):
    """The machine could not store what was asked (a full disk, an I/O error): not the
    person's mistake, so exit status 1, but still one plain line and no traceback."""
