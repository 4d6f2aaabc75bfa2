"""The error of settings that cannot be used, in a module of its own so that the
modules checking settings need not import :mod:`dlint.engine.config`."""


class ConfigError(Exception):
    """A config file or option that cannot be used; the message names the key."""
