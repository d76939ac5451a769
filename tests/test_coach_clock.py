"""The rvc.set_coach_clock action: SET_DATE_TIME_COMMAND from Home Assistant's time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.exceptions import ServiceValidationError
import pytest

from custom_components.rvc.const import CONF_READ_ONLY, DOMAIN

from .common import unanswered

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from .kit import BusKit


async def set_clock(hass: HomeAssistant, entry_id: str, **data: Any) -> None:
    await hass.services.async_call(
        DOMAIN,
        "set_coach_clock",
        {"config_entry_id": entry_id, **data},
        blocking=True,
    )


async def test_the_coach_clock_is_set_to_local_time(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    await hass.config.async_set_time_zone("Europe/Berlin")
    freezer.move_to("2026-07-04 18:30:15+00:00")
    entry = await kit.setup()
    await unanswered(hass, freezer, set_clock(hass, entry.entry_id))
    # RV-C 6.4.3 with table 6.4.2b: year - 2000, month, day, day of week
    # (Saturday is 7), local 20:30:15, time zone 22 hours behind (CEST, UTC+2).
    kit.assert_sent(
        "SET_DATE_TIME_COMMAND",
        {"year": 2026, "day_of_week": 7, "hour": 20, "time_zone": 22},
        data="1A070407141E0F16",
        destination=0xFF,
    )


async def test_the_coach_clock_is_set_to_a_given_time(
    hass: HomeAssistant, kit: BusKit, freezer: Any
) -> None:
    await hass.config.async_set_time_zone("America/Los_Angeles")
    entry = await kit.setup()
    # The datetime selector gives a local time without a zone.
    await unanswered(
        hass, freezer, set_clock(hass, entry.entry_id, datetime="2026-12-24 20:05:09")
    )
    # Thursday (5), 8 hours behind Greenwich (PST).
    kit.assert_sent("SET_DATE_TIME_COMMAND", data="1A0C180514050908")


async def test_read_only_refuses_the_coach_clock(
    hass: HomeAssistant, kit: BusKit
) -> None:
    entry = await kit.setup(options={CONF_READ_ONLY: True})
    with pytest.raises(ServiceValidationError) as caught:
        await set_clock(hass, entry.entry_id)
    assert caught.value.translation_key == "read_only"
    kit.assert_nothing_sent()
