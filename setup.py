"""Thin shim for tools that still expect a setup.py; all metadata lives in pyproject.toml."""

import setuptools

setuptools.setup()
