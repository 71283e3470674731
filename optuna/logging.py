"""Logging for optuna, built on the standard library logger named ``optuna``.

A coloured handler writing to stderr is attached to the ``optuna`` logger the first time any
optuna logger is requested. Library users change the amount of output with
:func:`set_verbosity`, or remove the handler with :func:`disable_default_handler` and let the
records propagate to their own logging configuration.
"""

import logging
import sys
import threading
from logging import CRITICAL, DEBUG, ERROR, FATAL, INFO, WARN, WARNING  # noqa: F401
from typing import Optional

import colorlog

__all__ = [
    "CRITICAL",
    "DEBUG",
    "ERROR",
    "FATAL",
    "INFO",
    "WARN",
    "WARNING",
    "create_default_formatter",
    "disable_default_handler",
    "disable_propagation",
    "enable_default_handler",
    "enable_propagation",
    "get_logger",
    "get_verbosity",
    "set_verbosity",
]

_ROOT_NAME = "optuna"
_lock = threading.Lock()
_default_handler: Optional[logging.StreamHandler] = None


def create_default_formatter() -> "colorlog.ColoredFormatter":
    """Return the coloured formatter used by the default handler.

    Colours are only written when standard error is a terminal, so that logs redirected to
    a file stay plain text.
    """
    return colorlog.ColoredFormatter(
        "%(log_color)s[%(levelname)1.1s %(asctime)s]%(reset)s %(message)s", stream=sys.stderr
    )


def _root_logger() -> logging.Logger:
    return logging.getLogger(_ROOT_NAME)


def _configure_root_once() -> None:
    global _default_handler
    with _lock:
        if _default_handler is not None:
            return
        _default_handler = logging.StreamHandler(sys.stderr)
        _default_handler.setFormatter(create_default_formatter())
        root = _root_logger()
        root.addHandler(_default_handler)
        root.setLevel(logging.INFO)
        root.propagate = False


def get_logger(name: str) -> logging.Logger:
    """Return a logger under the ``optuna`` hierarchy, configuring the default handler once."""
    _configure_root_once()
    return logging.getLogger(name)


def get_verbosity() -> int:
    """Return the level of the ``optuna`` logger (e.g. ``optuna.logging.INFO``)."""
    _configure_root_once()
    return _root_logger().getEffectiveLevel()


def set_verbosity(verbosity: int) -> None:
    """Set the level of the ``optuna`` logger, e.g. ``optuna.logging.WARNING``."""
    _configure_root_once()
    _root_logger().setLevel(verbosity)


def disable_default_handler() -> None:
    """Detach the default stderr handler from the ``optuna`` logger."""
    _configure_root_once()
    assert _default_handler is not None
    _root_logger().removeHandler(_default_handler)


def enable_default_handler() -> None:
    """Attach the default stderr handler to the ``optuna`` logger again."""
    _configure_root_once()
    assert _default_handler is not None
    _root_logger().addHandler(_default_handler)


def disable_propagation() -> None:
    """Stop records of the ``optuna`` logger from reaching the root logger."""
    _configure_root_once()
    _root_logger().propagate = False


def enable_propagation() -> None:
    """Let records of the ``optuna`` logger reach the root logger's handlers as well."""
    _configure_root_once()
    _root_logger().propagate = True
