"""Decorators that mark functions and classes as deprecated (FutureWarning)."""

import functools
import warnings
from typing import Any, Callable, Optional, TypeVar

from packaging import version as _version

_T = TypeVar("_T")


def _validate_versions(deprecated_version: str, removed_version: str) -> None:
    if _version.parse(deprecated_version) >= _version.parse(removed_version):
        raise ValueError(
            f"deprecated_version ({deprecated_version}) must be earlier than "
            f"removed_version ({removed_version})."
        )


def _message(name: str, deprecated_version: str, removed_version: str, text: Optional[str]) -> str:
    msg = (
        f"{name} has been deprecated in v{deprecated_version}. "
        f"This feature will be removed in v{removed_version}."
    )
    if text:
        msg += " " + text
    return msg


def deprecated_func(
    deprecated_version: str,
    removed_version: str,
    name: Optional[str] = None,
    text: Optional[str] = None,
) -> Callable[[_T], _T]:
    """Mark a function as deprecated: calling it emits a FutureWarning naming the versions."""
    _validate_versions(deprecated_version, removed_version)

    def decorator(func: Any) -> Any:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            warnings.warn(
                _message(name or func.__name__, deprecated_version, removed_version, text),
                FutureWarning,
                stacklevel=2,
            )
            return func(*args, **kwargs)

        return wrapper

    return decorator


def deprecated_class(
    deprecated_version: str,
    removed_version: str,
    name: Optional[str] = None,
    text: Optional[str] = None,
) -> Callable[[_T], _T]:
    """Mark a class as deprecated: constructing it emits a FutureWarning naming the versions."""
    _validate_versions(deprecated_version, removed_version)

    def decorator(cls: Any) -> Any:
        original_init = cls.__init__

        @functools.wraps(original_init)
        def wrapped_init(self: Any, *args: Any, **kwargs: Any) -> None:
            warnings.warn(
                _message(name or cls.__name__, deprecated_version, removed_version, text),
                FutureWarning,
                stacklevel=2,
            )
            original_init(self, *args, **kwargs)

        cls.__init__ = wrapped_init
        return cls

    return decorator
