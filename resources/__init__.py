"""Longhand's resources: the preview page and its CSS, the welcome draft, the icon, the desktop entry.

Installed as the package `editor.resources` (see pyproject.toml's package-dir) and read through
`editor.core.paths.resource`. A regular package, not a namespace one: setuptools' editable installs
find a package mapped to another folder only by its `__init__.py`.
"""
