"""Climate: thermostat zones (THERMOSTAT_STATUS_1 and _AMBIENT_STATUS).

A zone's presets choose its heat source among those that report for the
zone's instance (6.16.1: thermostat instances match their equipment's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from homeassistant.components.climate import ClimateEntity
from homeassistant.components.climate.const import (
    ATTR_TARGET_TEMP_HIGH,
    ATTR_TARGET_TEMP_LOW,
    PRESET_NONE,
    ClimateEntityFeature,
    HVACAction,
    HVACMode,
)
from homeassistant.const import ATTR_TEMPERATURE, UnitOfTemperature

from .const import CONF_FULL_THERMOSTAT_COMMAND
from .entity import RvcEntity, async_setup_instance_entities
from .heating import FLOOR_STATUS, RvcFloorHeat

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity_platform import AddEntitiesCallback

    from . import RvcConfigEntry
    from .coordinator import InstanceState
    from .protocol import FieldInput

# Commands go out one at a time per entity; the bus is shared.
PARALLEL_UPDATES = 1

STATUS: Final = "THERMOSTAT_STATUS_1"
AMBIENT: Final = "THERMOSTAT_AMBIENT_STATUS"
COMMAND: Final = "THERMOSTAT_COMMAND_1"
# THERMOSTAT_COMMAND_1's fields after the instance, as in THERMOSTAT_STATUS_1
# (RV-C 6.16.2 and 6.16.4).
COMMAND_FIELDS: Final = (
    "operating_mode",
    "fan_mode",
    "schedule_mode",
    "fan_speed",
    "setpoint_heat",
    "setpoint_cool",
)

PRESET_AUX_HEAT: Final = "aux_heat"
PRESET_HEAT_PUMP: Final = "heat_pump"
PRESET_AIR_CONDITIONER: Final = "air_conditioner"
HEAT_PUMP_STATUS: Final = "HEAT_PUMP_STATUS"
HEAT_PUMP_COMMAND: Final = "HEAT_PUMP_COMMAND"
# 6.16.2: mode "heat" runs the sources built into the air conditioner (heat
# pump, heat strip), "aux heat" the others (a furnace). Each source's preset,
# by the family whose status reports for the zone.
HEAT_SOURCES: Final = {
    "heat_pump": PRESET_HEAT_PUMP,
    "air_conditioner": PRESET_AIR_CONDITIONER,
    "furnace": PRESET_AUX_HEAT,
}
HVAC_MODES: Final = {
    "off": HVACMode.OFF,
    "cool": HVACMode.COOL,
    "heat": HVACMode.HEAT,
    "aux_heat": HVACMode.HEAT,
    "auto_heat_cool": HVACMode.HEAT_COOL,
    "fan_only": HVACMode.FAN_ONLY,
}
RVC_MODES: Final = {
    HVACMode.OFF: "off",
    HVACMode.COOL: "cool",
    HVACMode.HEAT: "heat",
    HVACMode.HEAT_COOL: "auto_heat_cool",
    HVACMode.FAN_ONLY: "fan_only",
}
# How hard each of a zone's sources runs; heating is looked at first.
OUTPUTS: Final = {
    "furnace": ("FURNACE_STATUS", "heat_output_level", HVACAction.HEATING),
    "heat_pump": (HEAT_PUMP_STATUS, "heat_output_level", HVACAction.HEATING),
    "air_conditioner": ("AIR_CONDITIONER_STATUS", "output_level", HVACAction.COOLING),
}
# Fan: automatic, or on at a speed (RV-C's fan speed is a percentage).
FAN_AUTO: Final = "auto"
FAN_SPEEDS: Final = {"low": 33.0, "medium": 66.0, "high": 100.0}
# A coach's comfortable range (RV-C itself carries -273 to 1735 °C).
MIN_TEMPERATURE: Final = 7.0
MAX_TEMPERATURE: Final = 35.0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RvcConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add a climate entity for every thermostat zone and floor heat unit."""
    async_setup_instance_entities(
        hass,
        entry,
        async_add_entities,
        "climate",
        family="thermostat",
        status_dgn=STATUS,
        entity_class=RvcClimate,
    )
    async_setup_instance_entities(
        hass,
        entry,
        async_add_entities,
        "climate",
        family="floor_heat",
        status_dgn=FLOOR_STATUS,
        entity_class=RvcFloorHeat,
    )


class RvcClimate(RvcEntity, ClimateEntity):
    """A thermostat zone; its state is what the thermostat reports."""

    _attr_translation_key = "thermostat"
    _attr_temperature_unit = UnitOfTemperature.CELSIUS
    _attr_hvac_modes = list(RVC_MODES)
    _attr_fan_modes = [FAN_AUTO, *FAN_SPEEDS]
    _attr_min_temp = MIN_TEMPERATURE
    _attr_max_temp = MAX_TEMPERATURE
    _attr_target_temperature_step = 0.5
    _attr_supported_features = (
        ClimateEntityFeature.TARGET_TEMPERATURE
        | ClimateEntityFeature.TARGET_TEMPERATURE_RANGE
        | ClimateEntityFeature.FAN_MODE
        | ClimateEntityFeature.PRESET_MODE
        | ClimateEntityFeature.TURN_OFF
        | ClimateEntityFeature.TURN_ON
    )

    async def async_added_to_hass(self) -> None:
        """Follow the zone's heat sources too: they set the action and presets."""
        await super().async_added_to_hass()
        for family in HEAT_SOURCES:
            self.async_on_remove(
                self.coordinator.async_subscribe(
                    (family, self.key[1]), self.async_write_ha_state
                )
            )

    def _number(self, dgn: str, field: str) -> float | None:
        value = self.status(dgn, field)
        return float(value) if isinstance(value, int | float) else None

    @property
    def _mode(self) -> str | None:
        mode = self.status(STATUS, "operating_mode")
        return mode if isinstance(mode, str) else None

    @property
    def hvac_mode(self) -> HVACMode | None:
        """The zone's operating mode."""
        mode = self._mode
        return None if mode is None else HVAC_MODES.get(mode)

    def _source(self, family: str) -> InstanceState | None:
        """The zone's source of this family, while it still reports."""
        state = self.coordinator.states.get((family, self.key[1]))
        return state if state is not None and state.available else None

    def _has(self, family: str) -> bool:
        return self._source(family) is not None

    @property
    def _heat_pump_mode(self) -> str | None:
        pump = self._source("heat_pump")
        mode = pump.value(HEAT_PUMP_STATUS, "operating_mode") if pump else None
        return mode if isinstance(mode, str) else None

    @property
    def preset_modes(self) -> list[str]:
        """The heat sources the zone has; aux heat alone when none reports."""
        sources = [p for family, p in HEAT_SOURCES.items() if self._has(family)]
        return [PRESET_NONE, *(sources or [PRESET_AUX_HEAT])]

    @property
    def preset_mode(self) -> str | None:
        """The heat source running the zone's heat, or none.

        In heat mode a heat pump following the thermostat (automatic) heats;
        one in manual stands aside for the air conditioner's heat strip.
        """
        mode = self._mode
        if mode is None:
            return None
        if mode == "aux_heat":
            return PRESET_AUX_HEAT
        if mode != "heat":
            return PRESET_NONE
        pump = self._heat_pump_mode
        if pump == "automatic":
            return PRESET_HEAT_PUMP
        if self._has("air_conditioner") and pump in {"manual", None}:
            return PRESET_AIR_CONDITIONER
        return PRESET_NONE

    @property
    def hvac_action(self) -> HVACAction | None:
        """What the zone's furnace, heat pump or air conditioner is doing."""
        if self.hvac_mode is HVACMode.OFF:
            return HVACAction.OFF
        reported = False
        for family, (dgn, field, action) in OUTPUTS.items():
            state = self.coordinator.states.get((family, self.key[1]))
            if state is None:
                continue
            reported = True
            level = state.value(dgn, field)
            if isinstance(level, int | float) and level > 0:
                return action
        return HVACAction.IDLE if reported else None

    @property
    def fan_mode(self) -> str | None:
        """Auto, or the speed bucket of the reported fan speed."""
        fan = self.status(STATUS, "fan_mode")
        if fan == "auto":
            return FAN_AUTO
        speed = self._number(STATUS, "fan_speed")
        if fan != "on" or speed is None:
            return None
        return min(FAN_SPEEDS, key=lambda name: abs(FAN_SPEEDS[name] - speed))

    @property
    def current_temperature(self) -> float | None:
        """The zone's ambient temperature."""
        return self._number(AMBIENT, "ambient_temperature")

    @property
    def target_temperature(self) -> float | None:
        """The setpoint of the mode: heat or cool."""
        mode = self.hvac_mode
        if mode is HVACMode.HEAT:
            return self._number(STATUS, "setpoint_heat")
        if mode is HVACMode.COOL:
            return self._number(STATUS, "setpoint_cool")
        return None

    @property
    def target_temperature_low(self) -> float | None:
        """Heat below this in heat/cool mode."""
        return self._number(STATUS, "setpoint_heat")

    @property
    def target_temperature_high(self) -> float | None:
        """Cool above this in heat/cool mode."""
        return self._number(STATUS, "setpoint_cool")

    async def _command(self, **values: FieldInput) -> None:
        """Send only what changes; every other field goes out as "no change".

        A controller that ignores "no change" gets every field: the zone's
        last status, with the changes.
        """
        if self.coordinator.behaves(CONF_FULL_THERMOSTAT_COMMAND, self.key):
            values = {**self._last_command_fields(), **values}
        await self.async_send(COMMAND, {"instance": self.key[1], **values})

    def _last_command_fields(self) -> dict[str, FieldInput]:
        """The command's fields as the zone last reported them."""
        fields: dict[str, FieldInput] = {}
        for field in COMMAND_FIELDS:
            value = self.status(STATUS, field)
            if isinstance(value, str | int | float):
                fields[field] = value
        return fields

    async def async_set_hvac_mode(self, hvac_mode: HVACMode) -> None:
        """Switch the zone's operating mode."""
        await self._command(operating_mode=RVC_MODES[hvac_mode])

    async def async_set_preset_mode(self, preset_mode: str) -> None:
        """Heat from a source: aux heat, the heat pump or the air conditioner.

        The heat pump follows the thermostat in automatic mode; for the air
        conditioner's heat it goes manual at output 0 (6.17.5b), so only the
        heat strip answers the thermostat's "heat". No preset in another mode
        (cool, heat/cool) changes nothing: turning aux heat off must not
        switch a cooling zone to heat.
        """
        zone = self.key[1]
        if preset_mode == PRESET_HEAT_PUMP:
            await self.async_send(
                HEAT_PUMP_COMMAND,
                {"instance": zone, "operating_mode": "automatic"},
                answered_by=("heat_pump", zone),
            )
            await self._command(operating_mode="heat")
        elif preset_mode == PRESET_AIR_CONDITIONER:
            if self._has("heat_pump"):
                await self.async_send(
                    HEAT_PUMP_COMMAND,
                    {
                        "instance": zone,
                        "operating_mode": "manual",
                        "heat_output_level": 0.0,
                    },
                    answered_by=("heat_pump", zone),
                )
            await self._command(operating_mode="heat")
        elif preset_mode == PRESET_AUX_HEAT:
            await self._command(operating_mode="aux_heat")
        elif self._mode == "aux_heat":
            await self._command(operating_mode="heat")

    async def async_set_fan_mode(self, fan_mode: str) -> None:
        """Auto, or on at a speed."""
        if fan_mode == FAN_AUTO:
            await self._command(fan_mode="auto")
        else:
            await self._command(fan_mode="on", fan_speed=FAN_SPEEDS[fan_mode])

    async def async_set_temperature(self, **kwargs: Any) -> None:
        """Set the setpoint of the mode, or both in heat/cool mode.

        Home Assistant has already converted from the user's unit to °C and
        checked the range (min_temp, max_temp).
        """
        values: dict[str, FieldInput] = {}
        if (mode := kwargs.get("hvac_mode")) is not None:
            values["operating_mode"] = RVC_MODES[mode]
        target_mode = mode or self.hvac_mode
        if ATTR_TEMPERATURE in kwargs:
            field = "setpoint_cool" if target_mode is HVACMode.COOL else "setpoint_heat"
            values[field] = float(kwargs[ATTR_TEMPERATURE])
        if ATTR_TARGET_TEMP_LOW in kwargs:
            values["setpoint_heat"] = float(kwargs[ATTR_TARGET_TEMP_LOW])
        if ATTR_TARGET_TEMP_HIGH in kwargs:
            values["setpoint_cool"] = float(kwargs[ATTR_TARGET_TEMP_HIGH])
        await self._command(**values)
