"""Diagnostics download: settings, bus statistics, nodes, last values."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import CONF_HOST

from .protocol import ERROR

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from . import RvcConfigEntry

# A socketcand bridge's address says where the coach's network is reachable.
TO_REDACT = {CONF_HOST}


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: RvcConfigEntry
) -> dict[str, Any]:
    """What an owner attaches to a bug report."""
    coordinator = entry.runtime_data
    decoder = coordinator.decoder
    return {
        "entry": {
            "data": async_redact_data(dict(entry.data), TO_REDACT),
            "options": dict(entry.options),
        },
        "bus": {
            **asdict(decoder.stats),
            "unknown_dgns": {
                f"{dgn:05X}": count for dgn, count in decoder.stats.unknown_dgns.items()
            },
            "per_dgn": decoder.per_dgn,
            "multi_packet": asdict(decoder.reassembler.stats),
            "frames_sent": coordinator.frames_sent,
            "frames_dropped": coordinator.frames_dropped,
            "instances_dropped": coordinator.dropped_instances,
            "read_only": coordinator.read_only,
            "connected": coordinator.connected,
            "bus_losses": coordinator.bus_losses,
            "reconnect_attempts": coordinator.reconnect_attempts,
            "last_bus_error": coordinator.last_bus_error,
        },
        "nodes": {
            f"{source:#04x}": asdict(node)
            for source, node in sorted(coordinator.nodes.items())
        },
        "instances": {
            f"{family} {instance}": {
                "source": f"{state.source:#04x}",
                "available": state.available,
                "values": {
                    dgn: {
                        name: ERROR.value if value is ERROR else value
                        for name, value in values.items()
                    }
                    for dgn, values in state.values.items()
                },
            }
            for (family, instance), state in sorted(coordinator.states.items())
        },
    }
