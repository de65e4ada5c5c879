"""Tests against a real Secret Service: gnome-keyring-daemon on a private D-Bus session bus
(tests/secret_service.py)."""
