"""The one error the theme package raises for a theme that cannot be had."""


class ThemeError(Exception):
    """The theme could not be fetched; str() is one sentence an author can read."""
