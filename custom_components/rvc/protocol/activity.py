"""When each node was last heard, counted in time the bus had traffic.

A coach switched off (no traffic at all) ages nobody: a node is stale only
when the rest of the bus talked for long while it said nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .instances import InstanceState


class NodeActivity:
    """Per source address: last heard (in active bus time) and last talk."""

    def __init__(self) -> None:
        """Nobody heard yet."""
        self.active_time = 0.0
        """Seconds of checks that saw traffic since start."""
        self._frames_at_check = 0
        self._heard: dict[int, float] = {}
        self._talked_at: dict[int, float] = {}
        """When a node last sent a DGN that has no instance, in clock time."""

    def talked(self, source: int, now: float) -> None:
        """A node sent a DGN without an instance: alive, though no entity says so."""
        self._heard[source] = self.active_time
        self._talked_at[source] = now

    def check(
        self, frames: int, interval: float, states: Iterable[InstanceState]
    ) -> bool:
        """Count a periodic check; note who reported since. True if the bus talked."""
        bus_active = frames != self._frames_at_check
        if bus_active:
            self._frames_at_check = frames
            self.active_time += interval
        for state in states:
            for source in state.others:
                self._heard[source] = self.active_time
            if state.reported:
                self._heard[state.source] = self.active_time
        return bus_active

    def talked_within(self, source: int, now: float, seconds: float) -> bool:
        """True when the node sent a DGN without an instance that recently."""
        talked_at = self._talked_at.get(source)
        return talked_at is not None and now - talked_at < seconds

    def is_stale(self, source: int, after: float) -> bool:
        """True when the bus talked for `after` seconds without this node."""
        heard = self._heard.setdefault(source, self.active_time)
        return self.active_time - heard >= after

    def forget(self, source: int) -> None:
        """A node removed: its next frame starts afresh."""
        self._heard.pop(source, None)
        self._talked_at.pop(source, None)
