"""Choosing the best ``k`` of a set of multi-objective observations (MOTPE's split).

Points are taken front by front in non-dominated order. When the last front needed does not
fit whole, its points are chosen greedily by hypervolume contribution (two objectives) or by
crowding distance (three or more).
"""

import numpy as np

from optuna.study._multi_objective import _is_pareto_front


def select_best(losses: np.ndarray, k: int) -> np.ndarray:
    """Return the indices of ``k`` best rows of ``losses`` (shape ``(n, M)``, minimized)."""
    remaining = np.arange(len(losses))
    chosen = []
    n_chosen = 0
    while n_chosen < k and len(remaining):
        on_front = _is_pareto_front(losses[remaining])
        front = remaining[on_front]
        if n_chosen + len(front) > k:
            keep = _tie_break(losses[front], k - n_chosen)
            chosen.append(front[keep])
            break
        chosen.append(front)
        n_chosen += len(front)
        remaining = remaining[~on_front]
    return np.concatenate(chosen) if chosen else np.empty(0, dtype=np.int64)


def _tie_break(front: np.ndarray, k: int) -> np.ndarray:
    """Indices of ``k`` points of a front that spread it best."""
    finite = np.where(np.isfinite(front), front, np.nan)
    if len(front) <= k:
        return np.arange(len(front))
    if front.shape[1] == 2 and not np.isnan(finite).any():
        return _greedy_hypervolume_2d(front, k)
    return np.argsort(-_crowding_distance(np.nan_to_num(finite)), kind="stable")[:k]


def _greedy_hypervolume_2d(front: np.ndarray, k: int) -> np.ndarray:
    """Drop, one at a time, the point whose exclusive hypervolume is smallest."""
    span = front.max(axis=0) - front.min(axis=0)
    reference = front.max(axis=0) + 0.1 * np.where(span > 0, span, 1.0)
    order = np.lexsort((front[:, 1], front[:, 0]))
    kept = list(order)
    while len(kept) > k:
        points = front[kept]
        right_x = np.append(points[1:, 0], reference[0])
        upper_y = np.insert(points[:-1, 1], 0, reference[1])
        contribution = (right_x - points[:, 0]) * (upper_y - points[:, 1])
        del kept[int(np.argmin(contribution))]
    return np.asarray(kept, dtype=np.int64)


def _crowding_distance(points: np.ndarray) -> np.ndarray:
    n, n_objectives = points.shape
    distance = np.zeros(n)
    for j in range(n_objectives):
        order = np.argsort(points[:, j], kind="stable")
        values = points[order, j]
        span = values[-1] - values[0]
        distance[order[[0, -1]]] = np.inf
        if span > 0 and n > 2:
            distance[order[1:-1]] += (values[2:] - values[:-2]) / span
    return distance
