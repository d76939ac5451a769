"""Golden vectors for dc_disconnect.dbc: RV-C 6.42 DC System Disconnect (2023-11).

Bytes worked out by hand from the official text. Scaling (table 5.3): uint16 V
is 0.05/bit; uint32 A is 0.001/bit - 2,000,000. Source 0x8B is the default
DC disconnect address (139).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .power_dbc import (
    assert_all_ones_not_available,
    assert_file_holds,
    assert_round_trip,
    decode,
)

if TYPE_CHECKING:
    from custom_components.rvc.protocol import RvcSpec

DGNS = {"DC_DISCONNECT_STATUS": 0x1FED0, "DC_DISCONNECT_COMMAND": 0x1FECF}


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_holds(spec, "dc_disconnect.dbc", DGNS)


def test_all_ones_is_not_available(spec: RvcSpec) -> None:
    assert_all_ones_not_available(spec, DGNS)


def test_dc_disconnect_status(spec: RvcSpec) -> None:
    # Table 6.42.2b. Main house battery disconnect (1); byte 1 0b11_00_01_01:
    # connected, last command connect, under system control. 0x0108 = 264 *
    # 0.05 = 13.2 V; 0x7735F79C = 2000025500 * 0.001 - 2000000 = 25.5 A out
    # of the switched terminal.
    assert decode(spec, 0x19FED08B, "01C508019CF73577") == {
        "instance": 1,
        "circuit_status": "connected",
        "last_command": "connect",
        "bypass_detect": "system_control",
        "dc_switched_voltage": 13.2,
        "dc_switched_current": 25.5,
    }
    # Byte 1 0b11_01_01_00: disconnected although the last command was
    # connect, so bypassed (by hand); voltage and current not available.
    values = decode(spec, 0x19FED08B, "01D4FFFFFFFFFFFF")
    assert values["circuit_status"] == "disconnected"
    assert values["last_command"] == "connect"
    assert values["bypass_detect"] == "bypassed"
    assert values["dc_switched_voltage"] is None
    assert values["dc_switched_current"] is None


def test_dc_disconnect_command(spec: RvcSpec) -> None:
    # Table 6.42.3b. Chassis battery disconnect (2): byte 1 0b111111_00.
    assert_round_trip(
        spec,
        "DC_DISCONNECT_COMMAND",
        {"instance": 2, "command": "disconnect"},
        "02FCFFFFFFFFFFFF",
    )
    assert decode(spec, 0x19FECF9F, "01FDFFFFFFFFFFFF") == {
        "instance": 1,
        "command": "connect",
    }
