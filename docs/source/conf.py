"""Sphinx configuration for the optuna (from scratch) documentation."""

import os
import sys

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))

from optuna.version import __version__  # noqa: E402

project = "optuna (from scratch)"
author = "the optuna-from-scratch contributors"
copyright = "2026, " + author
version = __version__
release = __version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]

napoleon_google_docstring = True
napoleon_numpy_docstring = False
autodoc_default_options = {"members": True, "show-inheritance": True}
autodoc_typehints = "description"
# Optional heavy dependencies are not needed to build the reference.
autodoc_mock_imports = ["plotly", "matplotlib", "pandas", "sklearn", "redis"]

exclude_patterns: list = []

html_theme = "alabaster"
html_static_path: list = []
