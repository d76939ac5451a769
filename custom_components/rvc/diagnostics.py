"""Diagnostics download: settings, bus statistics, nodes, last values."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any, Final

from homeassistant.components.diagnostics import REDACTED, async_redact_data
from homeassistant.const import CONF_HOST
from homeassistant.helpers import entity_registry as er

from .entity import parse_unique_id
from .protocol import ERROR
from .protocol.decode import dgn_kind

if TYPE_CHECKING:
    from homeassistant.core import HomeAssistant

    from . import RvcConfigEntry
    from .coordinator import RvcCoordinator

# What identifies the owner or the coach: a socketcand bridge's address (where
# the coach's network is reachable), serial numbers (PRODUCT_IDENTIFICATION's,
# the J1939 NAME and its identity number), a VIN, and the GPS position, wherever a
# node reports them.
TO_REDACT: Final = frozenset(
    {
        CONF_HOST,
        "serial_number",
        "identity_number",
        "j1939_name",
        "vin",
        "vehicle_identification_number",
        "latitude",
        "longitude",
        "altitude",
    }
)


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: RvcConfigEntry
) -> dict[str, Any]:
    """What an owner attaches to a bug report."""
    coordinator = entry.runtime_data
    decoder = coordinator.decoder
    diagnostics = {
        "entry": {"data": dict(entry.data), "options": dict(entry.options)},
        "bus": {
            **asdict(decoder.stats),
            "unknown_dgns": {
                f"{dgn:05X}": count for dgn, count in decoder.stats.unknown_dgns.items()
            },
            "per_dgn": decoder.per_dgn,
            "multi_packet": asdict(decoder.reassembler.stats),
            "frames_sent": coordinator.node.frames_sent,
            "frames_dropped": coordinator.node.frames_dropped,
            "commands_refused_by_devices": coordinator.node.answers.refused,
            "instances_dropped": coordinator.instances.dropped_instances,
            "read_only": coordinator.gate.read_only,
            "connected": coordinator.connected,
            "bus_losses": coordinator.node.bus_losses,
            "reconnect_attempts": coordinator.node.reconnect_attempts,
            "last_bus_error": coordinator.node.last_bus_error,
        },
        "nodes": {
            f"{source:#04x}": asdict(node)
            for source, node in sorted(coordinator.nodes.items())
        },
        "inventory": _inventory(hass, entry.entry_id, coordinator),
        "instances": {
            f"{family} {instance}": {
                # The reporter followed (highest device priority) and the rest.
                "source": f"{state.source:#04x}",
                "source_priority": None if state.priority < 0 else state.priority,
                "other_reporters": {
                    f"{other:#04x}": priority
                    for other, priority in sorted(state.others.items())
                },
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
    redacted: dict[str, Any] = async_redact_data(diagnostics, TO_REDACT)
    if (host := entry.data.get(CONF_HOST)) and redacted["bus"]["last_bus_error"]:
        # An error opening a bridge names the bridge.
        redacted["bus"]["last_bus_error"] = redacted["bus"]["last_bus_error"].replace(
            host, REDACTED
        )
    return redacted


def _inventory(
    hass: HomeAssistant, entry_id: str, coordinator: RvcCoordinator
) -> dict[str, Any]:
    """Per node: the DGNs it sends (frames, rate, instances) and what they became.

    Rates are per second of bus traffic since the integration started.
    """
    seconds = coordinator.activity.active_time
    entities: dict[tuple[str, int], list[str]] = {}
    for registered in er.async_entries_for_config_entry(er.async_get(hass), entry_id):
        if parsed := parse_unique_id(entry_id, registered.unique_id):
            key = (parsed.family, parsed.instance)
            entities.setdefault(key, []).append(registered.entity_id)
    instances: dict[tuple[int, str], set[int]] = {}
    followed: dict[int, dict[str, list[str]]] = {}
    for (family, instance), state in coordinator.states.items():
        for dgn in state.values:
            instances.setdefault((state.source, dgn), set()).add(instance)
        followed.setdefault(state.source, {})[f"{family} {instance}"] = sorted(
            entities.get((family, instance), [])
        )
    nodes = {
        f"{source:#04x}": {
            "dgns": {
                dgn: {
                    "frames": frames,
                    "per_second": round(frames / seconds, 2) if seconds else None,
                    "instances": sorted(instances.get((source, dgn), ())),
                }
                for dgn, frames in sorted(dgns.items())
            },
            "entities": followed.get(source, {}),
        }
        for source, dgns in sorted(coordinator.decoder.per_source.items())
    }
    undefined = {
        f"{dgn:05X}": {"frames": frames, "kind": dgn_kind(dgn)}
        for dgn, frames in sorted(coordinator.decoder.stats.unknown_dgns.items())
    }
    return {"nodes": nodes, "undefined_dgns": undefined}
