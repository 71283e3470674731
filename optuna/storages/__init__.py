"""Storages: where studies and trials are kept (in memory by default)."""

from typing import Union

from optuna.storages._base import BaseStorage
from optuna.storages._in_memory import InMemoryStorage

__all__ = ["BaseStorage", "InMemoryStorage", "get_storage"]


def get_storage(storage: Union[None, str, BaseStorage]) -> BaseStorage:
    """Turn ``None``, a storage URL or a storage object into a storage object.

    Raises:
        ValueError: for a URL of an unsupported kind.
        TypeError: for anything that is neither a string nor a storage.
    """
    if storage is None:
        return InMemoryStorage()
    if isinstance(storage, BaseStorage):
        return storage
    if isinstance(storage, str):
        return _storage_from_url(storage)
    raise TypeError(
        f"storage must be None, a URL string or a BaseStorage, got {type(storage).__name__}."
    )


def _storage_from_url(url: str) -> BaseStorage:
    scheme = url.split(":", 1)[0].split("+", 1)[0].lower()
    if scheme in ("sqlite", "postgresql", "postgres", "mysql", "oracle", "mssql"):
        try:
            from optuna.storages._rdb.storage import RDBStorage
        except ImportError as e:
            raise ValueError(
                f"The storage URL '{url}' needs the RDB storage, which is not available: {e}"
            ) from e
        return RDBStorage(url)
    if scheme in ("redis", "rediss", "unix"):
        try:
            from optuna.storages._redis import RedisStorage
        except ImportError as e:
            raise ValueError(
                f"The storage URL '{url}' needs the Redis storage, which is not available: {e}"
            ) from e
        return RedisStorage(url)
    raise ValueError(
        f"Unsupported storage URL '{url}': expected sqlite://, postgresql://, mysql:// or "
        "redis://."
    )
