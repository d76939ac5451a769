"""The energy sensors in Home Assistant's Energy dashboard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from homeassistant.components.energy.data import async_get_manager
from homeassistant.components.energy.validate import async_validate
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
    do_adhoc_statistics,
    get_start_time,
)

from .test_energy import CHARGED, CHARGING, DISCHARGED

if TYPE_CHECKING:
    from collections.abc import Generator

    from homeassistant.components.recorder import Recorder
    from homeassistant.core import HomeAssistant

    from .kit import BusKit


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    recorder_db_url: str, enable_custom_integrations: None
) -> Generator[None]:
    """The recorder's database must be chosen before Home Assistant starts."""
    return


async def test_the_energy_dashboard_accepts_them(
    recorder_mock: Recorder, hass: HomeAssistant, kit: BusKit
) -> None:
    """Shore and generator as grid, the house battery as storage, the inverter."""
    await kit.setup()
    await kit.inject("DC_SOURCE_STATUS_1", CHARGING, source=0x46)
    for source in ("primary", "secondary"):
        await kit.inject(
            "ATS_AC_STATUS_1",
            {
                "instance": 1,
                "leg": "leg_1",
                "input_output": "input",
                "source": source,
                "rms_voltage": 120.0,
                "rms_current": 10.0,
            },
            source=0x4D,
        )
    await kit.inject(
        "INVERTER_AC_STATUS_1",
        {
            "instance": 1,
            "line": "line_1",
            "input_output": "output",
            "rms_voltage": 120.0,
            "rms_current": 5.0,
        },
        source=0x4D,
    )
    kit.assert_identification_requested(0x46, 0x4D)
    node = "sensor"
    shore = f"{node}.transfer_switch_1_primary_input_l1_energy"
    generator = f"{node}.transfer_switch_1_secondary_input_l1_energy"
    inverter = f"{node}.inverter_1_output_l1_energy"

    assert await async_setup_component(hass, "energy", {})
    manager = await async_get_manager(hass)
    await manager.async_update(
        {
            "energy_sources": [
                {
                    "type": "grid",
                    "flow_from": [
                        {
                            "stat_energy_from": stat,
                            "stat_cost": None,
                            "entity_energy_price": None,
                            "number_energy_price": None,
                        }
                        for stat in (shore, generator)
                    ],
                    "flow_to": [],
                    "cost_adjustment_day": 0,
                },
                {
                    "type": "battery",
                    "stat_energy_from": DISCHARGED,
                    "stat_energy_to": CHARGED,
                },
            ],
            "device_consumption": [{"stat_consumption": inverter}],
        }
    )
    # The statistics the dashboard reads exist once the recorder compiled them.
    await async_wait_recording_done(hass)
    do_adhoc_statistics(hass, start=get_start_time(dt_util.utcnow()))
    await async_wait_recording_done(hass)

    validation = (await async_validate(hass)).as_dict()
    # No issue for any source or device (newer versions add empty sections).
    assert validation["energy_sources"] == [[], []]
    assert validation["device_consumption"] == [[]]
    assert all(not issues for section in validation.values() for issues in section)
