"""A skipped test is not a pass where everything can run: in CI (`CI` set) or as root on Debian, where
`make test` has installed the real WordPress, the Secret Service, QtWebEngine's libraries and can mount a
small disk, a skip fails the run with its reason. Loaded with `-p tests.no_skips` (pyproject's addopts)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def skips_are_failures() -> bool:
    """True in CI, and as root on Debian (the set-up `make test` does there)."""
    return bool(os.environ.get("CI")) or (os.geteuid() == 0 and Path("/etc/debian_version").exists())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> object:
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail") and skips_are_failures():
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = (
            f"{item.nodeid} was skipped ({reason}), and here every test must run: "
            "in CI or as root on Debian a skip is a failure."
        )


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> object:
    outcome = yield
    report = outcome.get_result()
    if report.skipped and skips_are_failures():  # a whole module skipped while being collected
        report.outcome = "failed"
        report.longrepr = f"{collector.nodeid} was skipped while collected ({report.longrepr}); here it must run."
