"""Non-dominated sorting and crowding distance for the evolutionary samplers.

Everything works on a *loss matrix* (one row per solution, one column per objective, lower is
better; see :func:`optuna.study._multi_objective._loss_matrix`) and, optionally, a vector of
total constraint violations (``0`` for a feasible solution, ``> 0`` otherwise).
"""

import math
from typing import Any, List, Optional, Sequence

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
        le = np.all(losses[:, None, :] <= losses[None, :, :], axis=2)
        lt = np.any(losses[:, None, :] < losses[None, :, :], axis=2)
        dominates = le & lt  # dominates[i, j]: row i dominates row j
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
    n, n_objectives = losses.shape
    distances = np.zeros(n)
    if n <= 2:
        distances[:] = np.inf
        return distances
    for k in range(n_objectives):
        column = losses[:, k]
        order = np.argsort(column, kind="stable")
        values = column[order]
        span = values[-1] - values[0]
        distances[order[0]] = np.inf
        distances[order[-1]] = np.inf
        if not np.isfinite(span) or span <= 0.0:
            continue
        gaps = (values[2:] - values[:-2]) / span
        gaps[~np.isfinite(gaps)] = 0.0
        distances[order[1:-1]] += gaps
    return distances


def _select_elites(
    losses: np.ndarray, violations: Optional[np.ndarray], n_select: int
) -> Any:
    """Pick ``n_select`` rows by (constrained) non-dominated sorting, then crowding distance.

    Returns ``(indices, ranks, crowding)``: the chosen row indices (in selection order) and,
    for each of them, its front index and the crowding distance within its front.
    """
    n = len(losses)
    n_select = min(n_select, n)
    ranks = _constrained_ranks(losses, violations, n_select)
    crowding = np.zeros(n)
    chosen: List[np.ndarray] = []
    n_chosen = 0
    rank = 0
    while n_chosen < n_select:
        members = np.flatnonzero(ranks == rank)
        rank += 1
        if len(members) == 0:
            continue
        crowding[members] = _crowding_distance(losses[members])
        if n_chosen + len(members) <= n_select:
            chosen.append(members)
            n_chosen += len(members)
            continue
        # Truncate the last front, keeping the least crowded rows (ties: earlier rows).
        order = np.argsort(-crowding[members], kind="stable")
        chosen.append(members[order[: n_select - n_chosen]])
        n_chosen = n_select
    indices = np.concatenate(chosen) if chosen else np.zeros(0, dtype=np.int64)
    return indices, ranks[indices], crowding[indices]
