"""Tune a scikit-learn classifier on the breast-cancer data set with optuna.

Each trial first picks a model kind, then the hyperparameters that only make sense for that
kind (a conditional search space):

* ``SVC``: regularisation strength ``svc_c`` and kernel width ``svc_gamma``, both on a log scale;
* ``RandomForest``: ``rf_max_depth`` (log-scaled integer) and ``rf_n_estimators``.

The objective is the mean 3-fold cross-validated accuracy, which the study maximises. The data
set ships with scikit-learn, so nothing is downloaded.

Usage::

    python examples/sklearn_simple.py --n-trials 50 --seed 42
"""

import argparse

import sklearn.datasets
import sklearn.ensemble
import sklearn.model_selection
import sklearn.pipeline
import sklearn.preprocessing
import sklearn.svm

import optuna


def objective(trial: optuna.Trial) -> float:
    x, y = sklearn.datasets.load_breast_cancer(return_X_y=True)

    classifier = trial.suggest_categorical("classifier", ["SVC", "RandomForest"])
    if classifier == "SVC":
        svc_c = trial.suggest_float("svc_c", 1e-3, 1e3, log=True)
        svc_gamma = trial.suggest_float("svc_gamma", 1e-4, 1e0, log=True)
        # SVMs are sensitive to feature scale, so standardise inside the CV folds.
        model = sklearn.pipeline.make_pipeline(
            sklearn.preprocessing.StandardScaler(),
            sklearn.svm.SVC(C=svc_c, gamma=svc_gamma),
        )
    else:
        rf_max_depth = trial.suggest_int("rf_max_depth", 2, 32, log=True)
        rf_n_estimators = trial.suggest_int("rf_n_estimators", 10, 60)
        model = sklearn.ensemble.RandomForestClassifier(
            max_depth=rf_max_depth, n_estimators=rf_n_estimators, n_jobs=1, random_state=0
        )

    scores = sklearn.model_selection.cross_val_score(model, x, y, cv=3, n_jobs=1)
    return float(scores.mean())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-trials", type=int, default=50, help="number of trials (default 50)")
    parser.add_argument("--seed", type=int, default=None, help="seed for the TPE sampler")
    args = parser.parse_args()
    if args.n_trials < 1:
        parser.error("--n-trials must be at least 1")

    study = optuna.create_study(
        direction="maximize", sampler=optuna.samplers.TPESampler(seed=args.seed)
    )
    study.optimize(objective, n_trials=args.n_trials)

    best = study.best_trial
    print(f"Finished {len(study.trials)} trials.")
    print(f"Best trial: #{best.number}")
    print(f"  value (mean CV accuracy): {best.value:.4f}")
    print("  params:")
    for name, value in best.params.items():
        print(f"    {name}: {value}")


if __name__ == "__main__":
    main()
