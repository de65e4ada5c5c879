"""The contract suite's targets: every `targets_*.py` here gives one real blog (`target_<NAME>` fixture),
and each contract test runs for exactly the targets whose backend declares what the test needs."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from types import ModuleType

import pytest


def _target_modules() -> list[ModuleType]:
    names = [m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)])]
    return [importlib.import_module(f"{__package__}.{name}") for name in sorted(names) if name.startswith("targets_")]


TARGETS = _target_modules()
# The fixtures the target modules define, where pytest looks for them: this conftest's namespace.
for _module in TARGETS:
    globals().update({k: v for k, v in vars(_module).items() if k.startswith("target_")})


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs(*capabilities): run only for backends that declare them")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "target" not in metafunc.fixturenames:
        return
    wanted = [c for mark in metafunc.definition.iter_markers("needs") for c in mark.args]
    names = [m.NAME for m in TARGETS if all(c in m.BACKEND.capabilities for c in wanted)]
    metafunc.parametrize("target", names, indirect=True)


@pytest.fixture
def target(request: pytest.FixtureRequest):
    """The real blog of one backend (see target.py)."""
    return request.getfixturevalue(f"target_{request.param}")
