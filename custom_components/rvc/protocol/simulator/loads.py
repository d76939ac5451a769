"""Simulated loads: DC dimmer and relay modules, AC circuits, the water pump."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from .base import Node, Product, Status

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

NO_DELAY: Final = 255
"""delay/duration value meaning none (continuous)."""
DEFAULT_RAMP_SECONDS: Final = 5.0


@dataclass(slots=True)
class _Ramp:
    start_level: float
    target: float
    started: float
    duration: float


@dataclass(slots=True)
class Load:
    """One output channel of a load module; relays have only 0 and 100 %."""

    instance: int
    variable: bool = True
    level: float = 0.0
    memory: float = 100.0
    locked: bool = False
    last_command: str = "set_level"
    ramp: _Ramp | None = None
    switch_at: float | None = None
    switch_to: float = 0.0
    delay: int | None = None

    def set(self, level: float) -> None:
        """Switch to a level now, ending any ramp."""
        level = max(0.0, min(100.0, level))
        if not self.variable:
            level = 100.0 if level > 0 else 0.0
        self.level = level
        if level > 0:
            self.memory = level
        self.ramp = None

    def start_ramp(self, target: float, seconds: float, now: float) -> None:
        """Move to target over seconds (at once for relays)."""
        if seconds <= 0 or not self.variable:
            self.set(target)
            return
        self.ramp = _Ramp(self.level, max(0.0, min(100.0, target)), now, seconds)

    def schedule(self, level: float, seconds: float, now: float) -> None:
        """Switch to level after a delay."""
        self.switch_at = now + seconds
        self.switch_to = level
        self.delay = round(seconds)

    def advance(self, now: float) -> None:
        """Carry out what is due by now: a delayed switch, a ramp step."""
        if self.switch_at is not None and now >= self.switch_at:
            self.switch_at = None
            self.delay = None
            self.set(self.switch_to)
        if self.ramp is not None:
            ramp = self.ramp
            fraction = min(1.0, (now - ramp.started) / ramp.duration)
            level = ramp.start_level + (ramp.target - ramp.start_level) * fraction
            # Devices report in 0.5 % steps.
            self.level = round(level * 2) / 2
            if fraction >= 1.0:
                self.set(ramp.target)


def _seconds(value: object, default: float) -> float:
    if isinstance(value, int | float) and value != NO_DELAY:
        return float(value)
    return default


class _LoadModule(Node):
    """A module of switched or dimmed loads, one per instance."""

    command_dgn: str

    def __init__(
        self,
        source: int,
        product: Product,
        levels: Mapping[int, float],
        *,
        variable: bool,
    ) -> None:
        """Create one load per instance, at its starting level."""
        super().__init__(source, product)
        self.command_dgns = frozenset({self.command_dgn})
        self.loads: dict[int, Load] = {}
        for instance, level in levels.items():
            load = Load(instance, variable=variable)
            load.set(level)
            self.loads[instance] = load

    def statuses(self) -> list[Status]:
        """One status per load."""
        return [self.status(load) for load in self.loads.values()]

    def status(self, load: Load) -> Status:
        """The status message of one load."""
        raise NotImplementedError

    def command(self, name: str, values: Mapping[str, Any], now: float) -> list[Status]:
        """Obey a command to one of the loads; that load reports its status."""
        load = self.loads.get(values.get("instance"))  # type: ignore[arg-type]
        command = values.get("command")
        if load is None or not isinstance(command, str):
            return []
        if not load.locked or command == "unlock":
            _LOAD_COMMANDS.get(command, _ignore)(load, values, now)
            load.last_command = command
            load.advance(now)
        return [self.status(load)]

    def tick(self, now: float) -> list[Status]:
        """Move ramps and delayed switching on."""
        changed = []
        for load in self.loads.values():
            if load.ramp is None and load.switch_at is None:
                continue
            before = load.level, load.delay
            load.advance(now)
            if before != (load.level, load.delay):
                changed.append(self.status(load))
        return changed


class DimmerModule(_LoadModule):
    """A multi-channel DC dimmer: DC_DIMMER_STATUS_3 / DC_DIMMER_COMMAND_2."""

    command_dgn = "DC_DIMMER_COMMAND_2"
    silent_off = False
    """Like some Firefly systems: an off channel is not reported periodically."""

    def __init__(
        self, source: int, product: Product, levels: Mapping[int, float]
    ) -> None:
        """Dimmable loads at their starting levels."""
        super().__init__(source, product, levels, variable=True)

    def statuses(self) -> list[Status]:
        """One status per load (per load that is on, when silent when off)."""
        return [
            self.status(load)
            for load in self.loads.values()
            if load.level > 0 or not self.silent_off
        ]

    def status(self, load: Load) -> Status:
        """DC_DIMMER_STATUS_3."""
        return (
            "DC_DIMMER_STATUS_3",
            {
                "instance": load.instance,
                "group": 0,
                "brightness": load.level,
                "lock_status": "locked" if load.locked else "unlocked",
                "overcurrent_status": "normal",
                "override_status": "inactive",
                "enable_status": "enabled",
                "delay_duration": load.delay,
                "last_command": load.last_command,
                "interlock_status": "inactive",
                "load_status": "on" if load.level > 0 else "off",
            },
        )


class RelayModule(_LoadModule):
    """On/off DC loads: DC_LOAD_STATUS (not variable) / DC_LOAD_COMMAND."""

    command_dgn = "DC_LOAD_COMMAND"
    status_dgn = "DC_LOAD_STATUS"

    def __init__(
        self, source: int, product: Product, levels: Mapping[int, float]
    ) -> None:
        """Relays, on (100) or off (0)."""
        super().__init__(source, product, levels, variable=False)

    def status(self, load: Load) -> Status:
        """DC_LOAD_STATUS (AC_LOAD_STATUS has the same fields)."""
        return (
            self.status_dgn,
            {
                "instance": load.instance,
                "group": 0,
                "operating_status": load.level,
                "operating_mode": "automatic",
                "variable_level": "not_variable",
                "priority": 0,
                "delay": load.delay,
                "demanded_current": None,
                "present_current": None,
            },
        )


class AcRelayModule(RelayModule):
    """On/off AC circuits (6.22): AC_LOAD_STATUS / AC_LOAD_COMMAND."""

    command_dgn = "AC_LOAD_COMMAND"
    status_dgn = "AC_LOAD_STATUS"


def _ignore(load: Load, values: Mapping[str, Any], now: float) -> None:
    """Commands the simulated dimmer does not support (flash) change nothing."""


def _set_level(load: Load, values: Mapping[str, Any], now: float) -> None:
    level = values.get("desired_level")
    if level is not None:
        load.set(level)


def _on_duration(load: Load, values: Mapping[str, Any], now: float) -> None:
    level = values.get("desired_level")
    load.set(load.memory if level is None else level)
    duration = values.get("delay_duration")
    if duration not in (None, NO_DELAY):
        load.schedule(0.0, float(duration), now)


def _on_delay(load: Load, values: Mapping[str, Any], now: float) -> None:
    level = values.get("desired_level")
    load.schedule(
        load.memory if level is None else level,
        _seconds(values.get("delay_duration"), 0),
        now,
    )


def _off_delay(load: Load, values: Mapping[str, Any], now: float) -> None:
    delay = _seconds(values.get("delay_duration"), 0)
    if delay <= 0:
        load.set(0.0)
    else:
        load.schedule(0.0, delay, now)


def _stop(load: Load, values: Mapping[str, Any], now: float) -> None:
    load.advance(now)
    load.ramp = None
    load.switch_at = None
    load.delay = None


def _toggle(load: Load, values: Mapping[str, Any], now: float) -> None:
    load.set(0.0 if load.level > 0 else load.memory)


def _memory_off(load: Load, values: Mapping[str, Any], now: float) -> None:
    if load.level > 0:
        load.memory = load.level
    load.set(0.0)


type _LoadCommand = Callable[[Load, Mapping[str, Any], float], None]


def _ramp_to(
    target_of: Callable[[Load, Mapping[str, Any]], float | None],
) -> _LoadCommand:
    def ramp(load: Load, values: Mapping[str, Any], now: float) -> None:
        target = target_of(load, values)
        if target is None:
            return
        seconds = _seconds(values.get("delay_duration"), DEFAULT_RAMP_SECONDS)
        load.start_ramp(target, seconds, now)

    return ramp


def _lock(load: Load, values: Mapping[str, Any], now: float) -> None:
    load.locked = True


def _unlock(load: Load, values: Mapping[str, Any], now: float) -> None:
    load.locked = False


_LOAD_COMMANDS: Final[dict[str, _LoadCommand]] = {
    "set_level": _set_level,
    "on_duration": _on_duration,
    "on_delay": _on_delay,
    "off_delay": _off_delay,
    "stop": _stop,
    "toggle": _toggle,
    "memory_off": _memory_off,
    "ramp_brightness": _ramp_to(lambda load, values: values.get("desired_level")),
    "ramp_toggle": _ramp_to(
        lambda load, values: 0.0 if load.level > 0 else load.memory
    ),
    "ramp_up": _ramp_to(lambda load, values: 100.0),
    "ramp_down": _ramp_to(lambda load, values: 0.0),
    "ramp_up_down": _ramp_to(lambda load, values: 0.0 if load.level >= 50 else 100.0),
    "lock": _lock,
    "unlock": _unlock,
}


class WaterPump(Node):
    """The fresh water pump: WATER_PUMP_STATUS, obeying WATER_PUMP_COMMAND."""

    command_dgns = frozenset({"WATER_PUMP_COMMAND"})

    def __init__(self, source: int, product: Product) -> None:
        """A pump, disabled."""
        super().__init__(source, product)
        self.enabled = False

    def statuses(self) -> list[Status]:
        """Enabled or not; not running (nobody opens a tap)."""
        return [
            (
                "WATER_PUMP_STATUS",
                {
                    "operating_status": "enabled" if self.enabled else "disabled",
                    "pump_status": "not_running",
                    "water_hookup_detected": "no",
                },
            )
        ]

    def command(self, name: str, values: Mapping[str, Any], now: float) -> list[Status]:
        """Enable or disable."""
        command = values.get("command")
        if command in {"enable", "disable"}:
            self.enabled = command == "enable"
        return self.statuses()
