"""Decorators that mark functions and classes as experimental."""

import functools
import warnings
from typing import Any, Callable, Optional, TypeVar

from optuna.exceptions import ExperimentalWarning

_T = TypeVar("_T")


def _warning_text(name: str, version: str) -> str:
    return (
        f"{name} is experimental (supported from v{version}). "
        "The interface can change in the future."
    )


def warn_experimental_argument(option_name: str) -> None:
    """Warn that the argument ``option_name`` is experimental."""
    warnings.warn(
        f"Argument ``{option_name}`` is an experimental feature. "
        "The interface can change in the future.",
        ExperimentalWarning,
        stacklevel=3,
    )


def experimental_func(version: str, name: Optional[str] = None) -> Callable[[_T], _T]:
    """Mark a function as experimental: calling it emits :class:`ExperimentalWarning`."""

    def decorator(func: Any) -> Any:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            warnings.warn(
                _warning_text(name or func.__name__, version), ExperimentalWarning, stacklevel=2
            )
            return func(*args, **kwargs)

        return wrapper

    return decorator


def experimental_class(version: str, name: Optional[str] = None) -> Callable[[_T], _T]:
    """Mark a class as experimental: constructing it emits :class:`ExperimentalWarning`."""

    def decorator(cls: Any) -> Any:
        original_init = cls.__init__

        @functools.wraps(original_init)
        def wrapped_init(self: Any, *args: Any, **kwargs: Any) -> None:
            warnings.warn(
                _warning_text(name or cls.__name__, version), ExperimentalWarning, stacklevel=2
            )
            original_init(self, *args, **kwargs)

        cls.__init__ = wrapped_init
        return cls

    return decorator
