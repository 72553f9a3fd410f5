"""Shared test fixtures: paths to the project's fixtures and to the shared real-data corpus."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# CI gates a landing, so property tests run the same examples every time (derandomize) and
# never fail on a generation-speed health check; `HYPOTHESIS_PROFILE=explore` runs them
# randomly when hunting bugs.
settings.register_profile(
    "pubconv", derandomize=True, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.register_profile("explore", deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "pubconv"))

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture
def fixtures() -> Path:
    """The project's own fixture folder."""
    return FIXTURES


@pytest.fixture
def corpus() -> Path:
    """``../shared/corpus``; tests using it skip when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"real-data corpus not found at {CORPUS} (clone with ../shared beside it)")
    return CORPUS


def require_tool(name: str) -> str:
    """Path of an external program, or skip the test saying which one is missing."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (CI installs it from Debian's packages)")
    return path
