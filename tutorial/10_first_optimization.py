"""First optimization: find the minimum of a simple quadratic.

The objective receives a ``trial`` and asks it for a value of ``x`` between -10 and 10. Each
call of the objective is one trial; the study keeps every trial and remembers the best one.
The minimum of ``(x - 2) ** 2`` is at ``x = 2``, so ``best_params`` should end up close to it.

Run with::

    python tutorial/10_first_optimization.py
"""

import optuna


def objective(trial: optuna.Trial) -> float:
    x = trial.suggest_float("x", -10.0, 10.0)
    return (x - 2.0) ** 2


def main() -> None:
    # With no arguments the study minimizes, samples with TPE and keeps its trials in memory.
    study = optuna.create_study()
    study.optimize(objective, n_trials=50)

    print(f"best x     : {study.best_params['x']:.4f}  (the true minimum is at 2)")
    print(f"best value : {study.best_value:.6f}")
    print(f"from trial : #{study.best_trial.number} of {len(study.trials)}")


if __name__ == "__main__":
    main()
