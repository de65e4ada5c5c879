"""Tests for the Qt widgets in editor.ui."""
