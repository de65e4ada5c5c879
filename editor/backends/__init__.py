"""Blog protocols. `base` is the ground floor: it imports nothing from `editor.core`."""
