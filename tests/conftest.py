"""Shared fixtures.

Our custom_components package is imported here, before Home Assistant looks for
custom integrations, so that it wins over the test harness's own folder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

import custom_components.rvc  # noqa: F401
from custom_components.rvc.protocol import RvcSpec, load_spec

if TYPE_CHECKING:
    from collections.abc import Generator


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    enable_custom_integrations: None,
) -> Generator[None]:
    """Let Home Assistant load the integration in every test."""
    return


@pytest.fixture(scope="session")
def spec() -> RvcSpec:
    """The RV-C specification, loaded once."""
    return load_spec()
