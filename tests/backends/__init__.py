"""Tests against real blog back ends (a WordPress from Debian's packages, started by the suite)."""
