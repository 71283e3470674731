from optuna.samplers._tpe.sampler import TPESampler

__all__ = ["TPESampler"]
