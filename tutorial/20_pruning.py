"""Pruning: stop unpromising trials early.

Training a model is usually iterative, and a poor configuration often looks poor long before
the last step. Here a synthetic "learning curve" stands in for training: the loss decays with
the step towards a floor that depends on the learning rate, plus a little noise. After every
step the trial reports its current loss; ``should_prune()`` then asks the study's pruner whether
the trial is doing worse than the median of earlier trials at the same step. If so, the trial
raises ``optuna.TrialPruned`` and the study moves on without finishing it.

Run with::

    python tutorial/20_pruning.py
"""

import math
import random

import optuna

N_STEPS = 30


def learning_curve(lr: float, step: int, rng: random.Random) -> float:
    # Best floor near lr = 1e-2; the further away (on a log scale), the higher the final loss.
    floor = 0.05 + 0.5 * abs(math.log10(lr) + 2.0)
    return floor + math.exp(-0.2 * step) + rng.gauss(0.0, 0.01)


def objective(trial: optuna.Trial) -> float:
    lr = trial.suggest_float("lr", 1e-5, 1.0, log=True)
    rng = random.Random(trial.number)

    loss = float("inf")
    for step in range(N_STEPS):
        loss = learning_curve(lr, step, rng)
        trial.report(loss, step)
        if trial.should_prune():
            raise optuna.TrialPruned()
    return loss


def main() -> None:
    pruner = optuna.pruners.MedianPruner(n_startup_trials=5, n_warmup_steps=5)
    study = optuna.create_study(
        direction="minimize", pruner=pruner, sampler=optuna.samplers.TPESampler(seed=0)
    )
    study.optimize(objective, n_trials=40)

    states = [t.state for t in study.trials]
    n_pruned = sum(s == optuna.trial.TrialState.PRUNED for s in states)
    n_complete = sum(s == optuna.trial.TrialState.COMPLETE for s in states)
    print(f"{n_complete} trials completed, {n_pruned} pruned early")
    print(f"best lr: {study.best_params['lr']:.2e}, final loss {study.best_value:.4f}")


if __name__ == "__main__":
    main()
