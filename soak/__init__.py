"""Reliability soak: each check drives the real thing (store, window, WordPress) many times and counts
what went wrong. `make soak` runs them all and prints the table kept in docs/reliability.md."""
