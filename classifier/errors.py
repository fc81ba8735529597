"""Errors a user can fix. The CLI prints them as one line and exits with `exit_code`."""


class UserError(Exception):
    exit_code = 1


class DataError(UserError):
    """Labelled data or an input file is missing or malformed."""

    exit_code = 2


class ConfigError(UserError):
    exit_code = 2


class ModelError(UserError):
    """A model folder is missing, damaged, tampered with or from another version."""

    exit_code = 3
