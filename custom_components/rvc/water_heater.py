"""Water heaters: WATERHEATER_STATUS, commanded with WATERHEATER_COMMAND."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from homeassistant.components.water_heater import (
    STATE_ELECTRIC,
    STATE_GAS,
    WaterHeaterEntity,
)
from homeassistant.const import ATTR_TEMPERATURE, STATE_OFF, UnitOfTemperature
from homeassistant.exceptions import ServiceValidationError

from .compat import WaterHeaterEntityFeature
from .const import (
    CONF_WATER_HEATER_LOADS,
    CONF_WATER_HEATER_VIA_LOADS,
    DOMAIN,
    FAMILY_AC_LOAD,
    LOAD_FAMILIES,
)
from .entity import RvcEntity, async_setup_instance_entities

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddEntitiesCallback

    from . import RvcConfigEntry
    from .protocol import FieldInput

# Commands go out one at a time per entity; the bus is shared.
PARALLEL_UPDATES = 1

STATUS: Final = "WATERHEATER_STATUS"
COMMAND: Final = "WATERHEATER_COMMAND"
STATE_GAS_ELECTRIC: Final = "gas_electric"
# Home Assistant's operation modes and RV-C's, both ways.
OPERATIONS: Final = {
    STATE_OFF: "off",
    STATE_GAS: "combustion",
    STATE_ELECTRIC: "electric",
    STATE_GAS_ELECTRIC: "gas_electric",
}
RVC_OPERATIONS: Final = {rvc: ha for ha, rvc in OPERATIONS.items()}
MIN_TEMPERATURE: Final = 30.0
MAX_TEMPERATURE: Final = 75.0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RvcConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add a water heater for every instance that reports WATERHEATER_STATUS."""
    async_setup_instance_entities(
        hass,
        entry,
        async_add_entities,
        "water_heater",
        family="water_heater",
        status_dgn=STATUS,
        entity_class=RvcWaterHeater,
    )


class RvcWaterHeater(RvcEntity, WaterHeaterEntity):
    """A water heater; its state is what it reports."""

    _attr_translation_key = "water_heater"
    _attr_temperature_unit = UnitOfTemperature.CELSIUS
    _attr_operation_list = list(OPERATIONS)
    _attr_min_temp = MIN_TEMPERATURE
    _attr_max_temp = MAX_TEMPERATURE
    _attr_supported_features = (
        WaterHeaterEntityFeature.OPERATION_MODE
        | WaterHeaterEntityFeature.TARGET_TEMPERATURE
        | WaterHeaterEntityFeature.ON_OFF
    )

    def _temperature(self, field: str) -> float | None:
        value = self.status(STATUS, field)
        return float(value) if isinstance(value, int | float) else None

    @property
    def current_operation(self) -> str | None:
        """Off, gas, electric, or gas and electric."""
        mode = self.status(STATUS, "operating_mode")
        return RVC_OPERATIONS.get(mode) if isinstance(mode, str) else None

    @property
    def current_temperature(self) -> float | None:
        """The water's temperature."""
        return self._temperature("water_temperature")

    @property
    def target_temperature(self) -> float | None:
        """The setpoint, when the heater has one."""
        return self._temperature("setpoint_temperature")

    async def _command(self, **values: Any) -> None:
        if self.coordinator.behaves(CONF_WATER_HEATER_VIA_LOADS, self.key):
            await self._switch_loads(values.get("operating_mode"))
            return
        await self.async_send(COMMAND, {"instance": self.key[1], **values})

    async def _switch_loads(self, mode: str | None) -> None:
        """Switch the heater through the loads the owner mapped to it.

        For a controller that ignores WATERHEATER_COMMAND: AC loads heat
        electrically, DC loads run the gas burner; off switches them all off.
        Such a heater has no setpoint to set.
        """
        if mode is None:
            raise ServiceValidationError(
                translation_domain=DOMAIN,
                translation_key="water_heater_setpoint_via_loads",
            )
        loads = self.coordinator.options.get(CONF_WATER_HEATER_LOADS) or []
        if not loads:
            raise ServiceValidationError(
                translation_domain=DOMAIN, translation_key="water_heater_no_loads"
            )
        for load in loads:
            family, instance = load.split(":")
            source = "electric" if family == FAMILY_AC_LOAD else "combustion"
            on = mode in {"gas_electric", source}
            values: dict[str, FieldInput] = {"instance": int(instance)}
            if on:
                values["command"] = "on_duration"
            else:
                values |= {"command": "off_delay", "delay_duration": 0}
            await self.coordinator.gate.async_send(
                LOAD_FAMILIES[family].command_dgn,
                values,
                entity_id=self.entity_id,
                answered_by=(family, int(instance)),
            )

    async def async_set_operation_mode(self, operation_mode: str) -> None:
        """Switch the heat source."""
        await self._command(operating_mode=OPERATIONS[operation_mode])

    async def async_set_temperature(self, **kwargs: Any) -> None:
        """Set the setpoint; the mode stays as it is."""
        await self._command(setpoint_temperature=float(kwargs[ATTR_TEMPERATURE]))

    async def async_turn_on(self, **kwargs: Any) -> None:
        """On with both sources, as an RV-C heater runs by default."""
        await self._command(operating_mode=OPERATIONS[STATE_GAS_ELECTRIC])

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Off."""
        await self._command(operating_mode=OPERATIONS[STATE_OFF])
