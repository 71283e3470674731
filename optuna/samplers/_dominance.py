"""Non-dominated sorting and crowding distance for the evolutionary samplers.

Everything works on a *loss matrix* (one row per solution, one column per objective, lower is
better; see :func:`optuna.study._multi_objective._loss_matrix`) and, optionally, a vector of
total constraint violations (``0`` for a feasible solution, ``> 0`` otherwise).
"""

import math
from typing import Any, Optional, Sequence

import numpy as np

from optuna.study._multi_objective import _is_pareto_front

# Above this many solutions the pairwise domination matrix (n * n * n_objectives booleans)
# is replaced by repeated Pareto-front extraction.
_MATRIX_LIMIT = 2000


def _constraint_violation(constraints: Optional[Sequence[float]]) -> float:
    """Total violation of one solution: the sum of its positive constraint values.

    A solution without recorded constraints counts as infinitely violating.
    """
    if constraints is None:
        return math.inf
    total = 0.0
    for c in constraints:
        c = float(c)
        if c > 0.0:
            total += c
        elif math.isnan(c):
            return math.inf
    return total


def _pareto_ranks(losses: np.ndarray, n_needed: Optional[int] = None) -> np.ndarray:
    """Front index (0 = non-dominated) of every row of ``losses``.

    Sorting stops once the fronts found hold at least ``n_needed`` rows; the remaining rows
    get the rank after the last front computed.
    """
    n = len(losses)
    ranks = np.full(n, -1, dtype=np.int64)
    if n == 0:
        return ranks
    n_needed = n if n_needed is None else min(n_needed, n)
    # NaN cannot be compared; treat it as the worst possible loss.
    losses = np.where(np.isnan(losses), np.inf, losses)

    if n <= _MATRIX_LIMIT:
        # dominates[i, j]: row i is <= row j everywhere and < somewhere.
        column = losses[:, 0]
        le = column[:, None] <= column[None, :]
        lt = column[:, None] < column[None, :]
        for k in range(1, losses.shape[1]):
            column = losses[:, k]
            le &= column[:, None] <= column[None, :]
            lt |= column[:, None] < column[None, :]
        dominates = le & lt
        n_dominators = dominates.sum(axis=0)
        remaining = np.ones(n, dtype=bool)
        rank = 0
        n_ranked = 0
        while n_ranked < n_needed:
            front = remaining & (n_dominators == 0)
            ranks[front] = rank
            remaining &= ~front
            n_ranked += int(front.sum())
            n_dominators = n_dominators - dominates[front].sum(axis=0)
            rank += 1
        ranks[remaining] = rank
        return ranks

    remaining_idx = np.arange(n)
    rank = 0
    n_ranked = 0
    while n_ranked < n_needed and len(remaining_idx):
        on_front = _is_pareto_front(losses[remaining_idx])
        ranks[remaining_idx[on_front]] = rank
        n_ranked += int(on_front.sum())
        remaining_idx = remaining_idx[~on_front]
        rank += 1
    ranks[remaining_idx] = rank
    return ranks


def _constrained_ranks(
    losses: np.ndarray, violations: Optional[np.ndarray], n_needed: Optional[int] = None
) -> np.ndarray:
    """Front index of every row under constrained domination.

    Feasible rows (violation 0) are sorted by Pareto domination and come first. Infeasible
    rows follow, ordered by total violation: a smaller violation dominates a larger one, and
    rows with equal violations share a front.
    """
    if violations is None:
        return _pareto_ranks(losses, n_needed)
    n = len(losses)
    feasible = violations <= 0.0
    ranks = np.empty(n, dtype=np.int64)
    feasible_idx = np.flatnonzero(feasible)
    next_rank = 0
    if len(feasible_idx):
        feasible_ranks = _pareto_ranks(losses[feasible_idx], n_needed)
        ranks[feasible_idx] = feasible_ranks
        next_rank = int(feasible_ranks.max()) + 1
    infeasible_idx = np.flatnonzero(~feasible)
    if len(infeasible_idx):
        _, dense = np.unique(violations[infeasible_idx], return_inverse=True)
        ranks[infeasible_idx] = next_rank + dense.reshape(-1)
    return ranks


def _crowding_distance(losses: np.ndarray) -> np.ndarray:
    """Crowding distance of each row of ``losses`` (the rows of one front).

    For every objective the extreme rows get an infinite distance and the others the
    normalized gap between their two neighbours; the per-objective values are summed.
    """
    return _crowding_distances_by_front(losses, np.zeros(len(losses), dtype=np.int64))


def _crowding_distances_by_front(losses: np.ndarray, fronts: np.ndarray) -> np.ndarray:
    """Crowding distance of every row of ``losses`` within its own front (``fronts[i]``)."""
    n, n_objectives = losses.shape
    distances = np.zeros(n)
    if n == 0:
        return distances
    for k in range(n_objectives):
        column = losses[:, k]
        order = np.lexsort((column, fronts))
        values = column[order]
        front_of = fronts[order]
        is_first = np.empty(n, dtype=bool)
        is_first[0] = True
        np.not_equal(front_of[1:], front_of[:-1], out=is_first[1:])
        is_last = np.empty(n, dtype=bool)
        is_last[-1] = True
        is_last[:-1] = is_first[1:]
        starts = np.flatnonzero(is_first)
        ends = np.flatnonzero(is_last)
        spans = np.repeat(values[ends] - values[starts], ends - starts + 1)
        contribution = np.zeros(n)
        if n > 2:
            with np.errstate(invalid="ignore", divide="ignore"):
                gaps = (values[2:] - values[:-2]) / spans[1:-1]
            gaps[~np.isfinite(gaps)] = 0.0
            contribution[1:-1] = gaps
        contribution[is_first | is_last] = np.inf
        distances[order] += contribution
    return distances


def _select_elites(losses: np.ndarray, violations: Optional[np.ndarray], n_select: int) -> Any:
    """Pick ``n_select`` rows by (constrained) non-dominated sorting, then crowding distance.

    Returns ``(indices, ranks, crowding)``: the chosen row indices (in selection order) and,
    for each of them, its front index and the crowding distance within its front.
    """
    n = len(losses)
    n_select = min(n_select, n)
    ranks = _constrained_ranks(losses, violations, n_select)
    # The fronts needed to reach n_select rows, and their crowding distances.
    counts = np.bincount(ranks)
    last_rank = int(np.searchsorted(np.cumsum(counts), n_select))
    considered = np.flatnonzero(ranks <= last_rank)
    crowding = np.zeros(n)
    crowding[considered] = _crowding_distances_by_front(losses[considered], ranks[considered])
    # Whole fronts first; the last front is truncated, keeping its least crowded rows
    # (ties: earlier rows).
    order = np.lexsort((-crowding[considered], ranks[considered]))
    indices = considered[order[:n_select]]
    return indices, ranks[indices], crowding[indices]
