"""Learn mode: wait for the owner to press a switch in the coach, say which load."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from homeassistant.core import callback

from .const import LOAD_FAMILIES
from .entity import percent

if TYPE_CHECKING:
    import asyncio

    from .coordinator import InstanceKey, InstanceState, RvcCoordinator


class LoadChange(NamedTuple):
    """A load that changed while learn mode waited: levels in percent."""

    key: InstanceKey
    old: float | None
    new: float | None


def load_level(state: InstanceState) -> float | None:
    """A load's reported level in percent; None when unknown."""
    family = LOAD_FAMILIES[state.family]
    return percent(state.value(family.status_dgn, family.level_field))


def describe_level(level: float | None) -> str:
    """A level as the form shows it."""
    if level is None:
        return "unknown"
    return "off" if level == 0 else f"{level:g} %"


async def async_wait_for_load_change(coordinator: RvcCoordinator) -> LoadChange:
    """Wait, listening to the bus, until a load reports another level.

    Every load known now is followed; a load first heard while waiting counts
    from its first report (its old level is unknown). Cancelled when the owner
    closes the dialog: the listeners go with it.
    """
    changed: asyncio.Future[LoadChange] = coordinator.hass.loop.create_future()
    before = {
        key: load_level(state)
        for key, state in coordinator.states.items()
        if key[0] in LOAD_FAMILIES
    }
    unsubscribes = []

    def follow(key: InstanceKey) -> None:
        @callback
        def check() -> None:
            state = coordinator.states.get(key)
            if state is None or changed.done():
                return
            level = load_level(state)
            # A ramping dimmer reports no level (251) until it settles.
            if level is not None and level != before[key]:
                changed.set_result(LoadChange(key, before[key], level))

        unsubscribes.append(coordinator.async_subscribe(key, check))

    @callback
    def on_new_status(state: InstanceState, dgn: str) -> None:
        family = LOAD_FAMILIES.get(state.family)
        if family is None or dgn != family.status_dgn or state.key in before:
            return
        if not changed.done():
            changed.set_result(LoadChange(state.key, None, load_level(state)))

    for key in before:
        follow(key)
    unsubscribes.append(coordinator.async_add_status_listener(on_new_status))
    try:
        return await changed
    finally:
        for unsubscribe in unsubscribes:
            unsubscribe()
