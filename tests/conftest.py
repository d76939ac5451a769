"""Shared fixtures.

Our custom_components package is imported here, before Home Assistant looks for
custom integrations, so that it wins over the test harness's own folder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import settings
import pytest

import custom_components.rvc  # noqa: F401
from custom_components.rvc.protocol import RvcSpec, load_spec

from .kit import BusKit

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Generator

    from homeassistant.core import HomeAssistant

# Timing belongs in benchmarks/: on a loaded CI machine a first decode that
# builds its plan can take most of a second, which says nothing about the code.
settings.register_profile("rvc", deadline=None)
settings.load_profile("rvc")


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


@pytest.fixture
async def kit(hass: HomeAssistant, spec: RvcSpec) -> AsyncGenerator[BusKit]:
    """The integration on a virtual bus, with the devices' side in the test's hands.

    Fails the test when the integration sent a frame the test did not assert.
    """
    bus_kit = BusKit(hass, spec)
    try:
        yield bus_kit
        leftover = bus_kit.unasserted()
        await bus_kit.unload()
    finally:
        bus_kit.close()
    assert not leftover, f"frames sent and never asserted: {leftover}"
