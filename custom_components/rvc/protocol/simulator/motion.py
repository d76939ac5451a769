"""Simulated motion: awnings, slide-out rooms, and door locks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from .base import Node, Product, Status

if TYPE_CHECKING:
    from collections.abc import Mapping

# Percent a second that awnings and slide-outs move.
MOTION_RATE: Final = 10.0


@dataclass(slots=True)
class Extension:
    """An awning or slide-out: how far out it is and where it is going."""

    instance: int
    position: float = 0.0
    target: float | None = None

    @property
    def motion(self) -> str:
        """no_motion, extending or retracting."""
        if self.target is None or self.target == self.position:
            return "no_motion"
        return "extending" if self.target > self.position else "retracting"

    def advance(self, elapsed: float) -> bool:
        """Move toward the target; True when it moved."""
        if self.target is None:
            return False
        step = MOTION_RATE * elapsed
        if abs(self.target - self.position) <= step:
            self.position = self.target
            self.target = None
        else:
            self.position += step if self.target > self.position else -step
        return True


class _MotionNode(Node):
    """A node of awnings or slide-outs, obeying direction commands."""

    status_dgn: str

    def __init__(self, source: int, product: Product, instances: list[int]) -> None:
        """Everything retracted."""
        super().__init__(source, product)
        self.extensions = {instance: Extension(instance) for instance in instances}
        self._last: float | None = None

    def statuses(self) -> list[Status]:
        """One status per awning or slide-out."""
        return [self._status(extension) for extension in self.extensions.values()]

    def _status(self, extension: Extension) -> Status:
        return (
            self.status_dgn,
            {
                "instance": extension.instance,
                "motion": extension.motion,
                "position": round(extension.position * 2) / 2,
                **self._extra(),
            },
        )

    def _extra(self) -> dict[str, Any]:
        return {}

    def command(self, name: str, values: Mapping[str, Any], now: float) -> list[Status]:
        """Extend, retract, stop; awnings also move to a position."""
        extension = self.extensions.get(values.get("instance"))  # type: ignore[arg-type]
        if extension is None:
            return []
        direction = values.get("direction")
        position = values.get("position")
        if direction == "stop":
            extension.target = None
        elif direction == "extend":
            extension.target = 100.0
        elif direction == "retract":
            extension.target = 0.0
        elif isinstance(position, int | float):
            extension.target = float(position)
        self._last = now
        return [self._status(extension)]

    def tick(self, now: float) -> list[Status]:
        """Move what is moving; report it as it goes."""
        elapsed = 0.0 if self._last is None else now - self._last
        self._last = now
        return [
            self._status(extension)
            for extension in self.extensions.values()
            if extension.advance(elapsed)
        ]


class Awnings(_MotionNode):
    """Awnings: AWNING_STATUS, obeying AWNING_COMMAND."""

    command_dgns = frozenset({"AWNING_COMMAND"})
    status_dgn = "AWNING_STATUS"


class Slides(_MotionNode):
    """Slide-out rooms: SLIDE_STATUS, obeying SLIDE_COMMAND."""

    command_dgns = frozenset({"SLIDE_COMMAND"})
    status_dgn = "SLIDE_STATUS"

    def _extra(self) -> dict[str, Any]:
        return {
            "blocked_by_park_brake": "no",
            "blocked_by_levelers": "no",
            "blocked_by_ignition": "no",
            "blocked_by_air_seal": "no",
            "blocked_by_low_voltage": "no",
        }


class DoorLocks(Node):
    """A door controller (6.40) without motors: DOOR_STATUS, DOOR_COMMAND locks.

    RV-C's DGN list (7.7) calls the pair LOCK_STATUS and LOCK_COMMAND.
    """

    command_dgns = frozenset({"DOOR_COMMAND"})

    def __init__(self, source: int, product: Product, locked: dict[int, bool]) -> None:
        """Doors by instance, locked or not (1 is the entry door, 6.40.1)."""
        super().__init__(source, product)
        self.locked = dict(locked)

    def statuses(self) -> list[Status]:
        """One status per door."""
        return [self._status(instance) for instance in self.locked]

    def _status(self, instance: int) -> Status:
        return (
            "DOOR_STATUS",
            {
                "instance": instance,
                "lock_status": "locked" if self.locked[instance] else "unlocked",
                "motion": "no_motion",
                "position": None,  # no motor, no position sensor
                "voltage": None,
            },
        )

    def command(self, name: str, values: Mapping[str, Any], now: float) -> list[Status]:
        """Lock or unlock a door, or every door (instance 0); each reports."""
        instance = values.get("instance")
        doors = [door for door in self.locked if instance in (0, door)]
        lock_command = values.get("lock_command")
        if lock_command in {"lock", "unlock"}:
            for door in doors:
                self.locked[door] = lock_command == "lock"
        return [self._status(door) for door in doors]


class WindowShades(Node):
    """A shade controller (6.39): forward raises, reverse lowers, to the limits.

    Its status reports which output is on, not where the shade is: the
    position here only stops the motor at the ends, as limit switches do.
    """

    command_dgns = frozenset({"WINDOW_SHADE_CONTROL_COMMAND"})

    def __init__(self, source: int, product: Product, instances: list[int]) -> None:
        """Every shade down (closed) and still."""
        super().__init__(source, product)
        self.shades = {instance: Extension(instance) for instance in instances}
        self._last: float | None = None

    def statuses(self) -> list[Status]:
        """One status per shade."""
        return [self._status(shade) for shade in self.shades.values()]

    def _status(self, shade: Extension) -> Status:
        motion = shade.motion
        return (
            "WINDOW_SHADE_CONTROL_STATUS",
            {
                "instance": shade.instance,
                "group": 0,
                "operating_status": 0 if motion == "no_motion" else 100,
                "lock_status": "unlocked",
                "motor_status": "off" if motion == "no_motion" else "on",
                "forward_status": "on" if motion == "extending" else "off",
                "reverse_status": "on" if motion == "retracting" else "off",
            },
        )

    def command(self, name: str, values: Mapping[str, Any], now: float) -> list[Status]:
        """Forward, reverse or stop one shade."""
        shade = self.shades.get(values.get("instance"))  # type: ignore[arg-type]
        if shade is None:
            return []
        targets = {"forward": 100.0, "reverse": 0.0, "stop": None}
        command = values.get("command")
        if command in targets:
            shade.target = targets[command]
        self._last = now
        return [self._status(shade)]

    def tick(self, now: float) -> list[Status]:
        """Move what is moving; report when a shade starts or stops."""
        elapsed = 0.0 if self._last is None else now - self._last
        self._last = now
        return [
            self._status(shade)
            for shade in self.shades.values()
            if shade.advance(elapsed) and shade.motion == "no_motion"
        ]
