"""Motors and locks on pairs of DC dimmer channels, as the options set them.

Many load controllers move an awning, slide, shade, vent lid or TV lift with
two dimmer channels, one per direction, and pulse door locks the same way.
The options keep such a pair under its first channel (the one that extends
or locks) with the partner's instance; the partner is no light of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from .const import (
    CONF_KIND,
    CONF_LOAD_NAME,
    CONF_LOAD_TYPE,
    CONF_RETRACT,
    CONF_TRAVEL_TIME,
    CONF_UNLOCK,
    FAMILY_DC_DIMMER,
    LOAD_TYPE_HIDDEN,
    LOAD_TYPE_MOTOR,
    MOTION_KINDS,
    PAIR_TYPES,
)
from .entity import RvcEntity, async_setup_instance_platform, percent
from .protocol.safety import DIMMER_COMMAND

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from homeassistant.core import HomeAssistant
    from homeassistant.helpers.entity import Entity
    from homeassistant.helpers.entity_platform import AddEntitiesCallback

    from . import RvcConfigEntry
    from .coordinator import InstanceKey, InstanceState, RvcCoordinator
    from .entity import ParsedUniqueId
    from .protocol import FieldInput

DIMMER_STATUS: Final = "DC_DIMMER_STATUS_3"
# Off at once (off_delay with no delay, table 6.24.6c).
OFF: Final[Mapping[str, FieldInput]] = {"command": "off_delay", "delay_duration": 0}


@dataclass(frozen=True, slots=True)
class DimmerPair:
    """Two dimmer channels driving one thing."""

    type: str
    """motor or lock."""
    first: int
    """The channel that extends (opens) or locks."""
    second: int
    """The channel that retracts (closes) or unlocks."""
    name: str | None
    kind: str | None
    """What a motor moves: awning, slide, shade, vent or tv_lift."""
    travel_time: float
    """Seconds a motor takes from one end to the other."""

    @property
    def moves_heavy_things(self) -> bool:
        """Needs the motion option and the chassis interlock."""
        return self.kind in MOTION_KINDS


def dimmer_pairs(loads: Mapping[str, Mapping[str, Any]]) -> list[DimmerPair]:
    """The pairs among the options' loads."""
    pairs = []
    for key, setting in loads.items():
        family, _, instance = key.partition(":")
        kind = setting.get(CONF_LOAD_TYPE)
        if family != FAMILY_DC_DIMMER or kind not in PAIR_TYPES:
            continue
        motor = kind == LOAD_TYPE_MOTOR
        pairs.append(
            DimmerPair(
                type=kind,
                first=int(instance),
                second=int(setting[CONF_RETRACT if motor else CONF_UNLOCK]),
                name=setting.get(CONF_LOAD_NAME),
                kind=setting.get(CONF_KIND) if motor else None,
                travel_time=float(setting.get(CONF_TRAVEL_TIME, 0)),
            )
        )
    return pairs


def with_partners_hidden(
    loads: Mapping[str, Mapping[str, Any]],
) -> dict[str, Mapping[str, Any]]:
    """The loads, with each pair's partner channel hidden: it is no light."""
    partners = {
        f"{FAMILY_DC_DIMMER}:{pair.second}": {CONF_LOAD_TYPE: LOAD_TYPE_HIDDEN}
        for pair in dimmer_pairs(loads)
    }
    return {**loads, **partners}


def motion_channels(loads: Mapping[str, Mapping[str, Any]]) -> frozenset[int]:
    """The dimmer instances that move awnings, slides and TV lifts."""
    return frozenset(
        instance
        for pair in dimmer_pairs(loads)
        if pair.moves_heavy_things
        for instance in (pair.first, pair.second)
    )


def async_setup_pair_platform(
    hass: HomeAssistant,
    entry: RvcConfigEntry,
    async_add_entities: AddEntitiesCallback,
    domain: str,
    *,
    pair_type: str,
    entity_class: Callable[[RvcCoordinator, DimmerPair, int], Entity],
) -> None:
    """One entity per pair of a type, once its first channel reports."""
    coordinator = entry.runtime_data
    pairs = {
        pair.first: pair
        for pair in dimmer_pairs(coordinator.load_overrides)
        if pair.type == pair_type
    }

    def restore(parsed: ParsedUniqueId, source: int) -> Entity | None:
        pair = pairs.get(parsed.instance)
        if parsed.family != FAMILY_DC_DIMMER or parsed.key != pair_type or not pair:
            return None
        return entity_class(coordinator, pair, source)

    def discover(state: InstanceState, dgn: str) -> list[Entity]:
        pair = pairs.get(state.instance)
        if state.family != FAMILY_DC_DIMMER or dgn != DIMMER_STATUS or not pair:
            return []
        return [entity_class(coordinator, pair, state.source)]

    async_setup_instance_platform(
        hass, entry, async_add_entities, domain, restore=restore, discover=discover
    )


class RvcPairEntity(RvcEntity):
    """An entity on two dimmer channels; it shows while both report."""

    def __init__(
        self, coordinator: RvcCoordinator, pair: DimmerPair, source: int
    ) -> None:
        """Keyed and named by its first channel, unless the owner named it."""
        super().__init__(coordinator, (FAMILY_DC_DIMMER, pair.first), source, pair.type)
        self.pair = pair
        self.partner: InstanceKey = (FAMILY_DC_DIMMER, pair.second)
        if pair.name:
            self._attr_name = pair.name

    @property
    def available(self) -> bool:
        """Both channels report."""
        partner = self.coordinator.states.get(self.partner)
        return super().available and partner is not None and partner.available

    def channel_on(self, instance: int) -> bool:
        """A channel reports a level above zero."""
        state = self.coordinator.states.get((FAMILY_DC_DIMMER, instance))
        level = None if state is None else state.value(DIMMER_STATUS, "brightness")
        return (percent(level) or 0) > 0

    async def async_added_to_hass(self) -> None:
        """Follow the partner channel too."""
        await super().async_added_to_hass()
        self.async_on_remove(
            self.coordinator.async_subscribe(self.partner, self._async_instance_updated)
        )

    async def send_to(self, instance: int, values: Mapping[str, FieldInput]) -> None:
        """A dimmer command to one of the channels, answered by its status."""
        await self.coordinator.gate.async_send(
            DIMMER_COMMAND,
            {"instance": instance, **values},
            entity_id=self.entity_id,
            answered_by=(FAMILY_DC_DIMMER, instance),
        )

    async def switch_off(self, instance: int) -> None:
        """Switch a channel off now: always allowed."""
        await self.send_to(instance, OFF)
