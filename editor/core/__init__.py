"""Qt-free services: everything Longhand does, minus the pixels. Nothing here imports PySide6."""
