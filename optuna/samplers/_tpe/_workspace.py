"""Reusable scratch buffers for the large temporaries of the density evaluations.

Evaluating TPE's mixtures creates arrays of ``P * m * K`` floats per trial. Allocating them
afresh makes the C allocator hand memory back to the OS and fault it in again at every trial,
which costs as much as the arithmetic itself; keeping one buffer per thread avoids that.
"""

import math
import threading
from typing import Any, Dict, Tuple

import numpy as np

_local = threading.local()


def scratch(name: str, shape: Tuple[int, ...], dtype: Any) -> np.ndarray:
    """Return an uninitialized array of ``shape`` that stays valid until the next call with
    the same ``name`` in this thread."""
    try:
        buffers: Dict[str, np.ndarray] = _local.buffers
    except AttributeError:
        buffers = _local.buffers = {}
    size = math.prod(shape)
    buffer = buffers.get(name)
    if buffer is None or buffer.size < size or buffer.dtype != dtype:
        buffer = buffers[name] = np.empty(
            max(size, 2 * (0 if buffer is None else buffer.size)), dtype
        )
    return buffer[:size].reshape(shape)
