"""Golden vectors for dc_source.dbc: RV-C 6.5 DC Source (2023-11).

Bytes worked out by hand from the official text. Scaling (table 5.3): uint16 V
is 0.05/bit; uint16 A is 0.05/bit - 1600; Ah and W are 1/bit; % is 0.5/bit.
Byte 1 of the status DGNs is the device priority (table 6.5.2b: 120 is a
battery state of charge meter or BMS). Frames from source 0x80 are real, from
a 48 V LiFePO4 coach (github.com/dbergl/rvc2mqtt, Apache-2.0).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .power_dbc import (
    assert_all_ones_not_available,
    assert_file_holds,
    assert_round_trip,
    decode,
)

if TYPE_CHECKING:
    from custom_components.rvc.protocol import FieldInput, RvcSpec

DGNS = {
    "DC_SOURCE_STATUS_4": 0x1FEC9,
    "DC_SOURCE_STATUS_5": 0x1FEC8,
    "DC_SOURCE_STATUS_6": 0x1FEC7,
    "DC_SOURCE_STATUS_7": 0x1FEAC,
    "DC_SOURCE_STATUS_8": 0x1FEAB,
    "DC_SOURCE_STATUS_9": 0x1FEAA,
    "DC_SOURCE_STATUS_10": 0x1FEA9,
    "DC_SOURCE_STATUS_11": 0x1FEA5,
    "DC_SOURCE_STATUS_12": 0x1FDF8,
    "DC_SOURCE_STATUS_13": 0x1FDE7,
    "DC_SOURCE_COMMAND": 0x1FEA4,
    "DC_SOURCE_CONFIGURATION_STATUS_1": 0x1FDF7,
    "DC_SOURCE_CONFIGURATION_COMMAND_1": 0x1FDF6,
    "DC_SOURCE_CONFIGURATION_STATUS_2": 0x1FDF5,
    "DC_SOURCE_CONFIGURATION_COMMAND_2": 0x1FDF4,
    "DC_SOURCE_CONNECTION_STATUS": 0x1FDD0,
    "DC_SOURCE_CONFIGURATION_COMMAND_3": 0x1FDDE,
}


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_holds(spec, "dc_source.dbc", DGNS)


def test_all_ones_is_not_available(spec: RvcSpec) -> None:
    # Function 1111b is the field's own "unspecified" (table 6.5.20b).
    assert_all_ones_not_available(
        spec, DGNS, {("DC_SOURCE_CONNECTION_STATUS", "function"): "unspecified"}
    )


def test_broadcast_gaps(spec: RvcSpec) -> None:
    # Tables 6.5.5a (at most 5000 ms) and 6.5.12a (normally 1000 ms).
    attributes = spec.message("DC_SOURCE_STATUS_4").message.dbc.attributes  # type: ignore[union-attr]
    assert attributes["RVC_MaxBroadcastGap"].value == 5000
    attributes = spec.message("DC_SOURCE_STATUS_11").message.dbc.attributes  # type: ignore[union-attr]
    assert attributes["RVC_NormalBroadcastGap"].value == 1000


def amp_hours(input_ah: int | None, output_ah: int | None) -> dict[str, object]:
    return {
        "instance": 1,
        "device_priority": "battery_soc",
        "input_amp_hours": input_ah,
        "output_amp_hours": output_ah,
    }


VECTORS = [
    # Table 6.5.5b, real: 19FEC980#01780746040884F3. House bank (1), BMS
    # (120), wants state 7 constant voltage/current at 0x0446 = 1094 * 0.05 =
    # 54.7 V and 0x8408 = 33800 * 0.05 - 1600 = 90 A; byte 7 low nibble 3:
    # LiFePO4. A 16-cell lithium bank asking 3.42 V a cell.
    ("DC_SOURCE_STATUS_4", 0x19FEC980, "01780746040884F3", {
        "instance": 1, "device_priority": "battery_soc",
        "desired_charge_state": "constant_voltage_current",
        "desired_dc_voltage": 54.7, "desired_dc_current": 90.0,
        "battery_type": "lifepo4",
    }),
    # Table 6.5.6b, real: 19FEC880#01782CD10000FFFF. 0x0000D12C = 53548 *
    # 0.001 = 53.548 V; bytes 6-7 are deprecated.
    ("DC_SOURCE_STATUS_5", 0x19FEC880, "01782CD10000FFFF", {
        "instance": 1, "device_priority": "battery_soc",
        "high_precision_dc_voltage": 53.548,
    }),
    # Table 6.5.7b. Byte 2 0b00_00_00_01: high voltage limit reached, still
    # connected. Byte 3 0b00_00_01_01: low state of charge limit reached and
    # load bus disconnected. Byte 4 all ones: not available.
    ("DC_SOURCE_STATUS_6", 0x19FEC745, "01780105FFFFFFFF", {
        "instance": 1, "device_priority": "battery_soc",
        "high_voltage_limit": "reached", "high_voltage_disconnect": "connected",
        "low_voltage_limit": "not_reached", "low_voltage_disconnect": "connected",
        "low_soc_limit": "reached", "low_soc_disconnect": "disconnected",
        "low_temperature_limit": "not_reached",
        "low_temperature_disconnect": "connected",
        "high_temperature_limit": None, "high_temperature_disconnect": None,
        "high_current_limit": None, "high_current_disconnect": None,
    }),
    # Tables 6.5.8b-6.5.11b: amp-hours in and out, little-endian uint16.
    ("DC_SOURCE_STATUS_7", 0x19FEAC45, "01782D005A00FFFF", amp_hours(45, 90)),
    ("DC_SOURCE_STATUS_8", 0x19FEAB45, "01786400C800FFFF", amp_hours(100, 200)),
    ("DC_SOURCE_STATUS_9", 0x19FEAA45, "01780000FFFFFFFF", amp_hours(0, None)),
    ("DC_SOURCE_STATUS_10", 0x19FEA945, "0178BC025802FFFF", amp_hours(700, 600)),
    # Table 6.5.12b, real: 19FEA580#017815D2000C01FF. Byte 2 0b00_01_01_01:
    # discharge and charge buses connected, charge detected, above reserve;
    # full capacity 0x00D2 = 210 Ah (the charger's bank size on the same
    # coach); power 0x010C = 268 W.
    ("DC_SOURCE_STATUS_11", 0x19FEA580, "017815D2000C01FF", {
        "instance": 1, "device_priority": "battery_soc",
        "discharge_status": "connected", "charge_status": "connected",
        "charge_detected": "charge", "reserve_status": "above_reserve",
        "full_capacity": 210, "dc_power": 268,
    }),
    # Table 6.5.13b. 0x012A = 298 cycles; deepest 0x0096 = 150 Ah; average
    # 0x003C = 60 Ah.
    ("DC_SOURCE_STATUS_12", 0x19FDF845, "01782A0196003C00", {
        "instance": 1, "device_priority": "battery_soc", "cycles": 298,
        "deepest_discharge_depth": 150, "average_discharge_depth": 60,
    }),
    # Table 6.5.14b. 0x03C0 = 960 * 0.05 = 48 V; 0x0454 = 1108 -> 55.4 V.
    ("DC_SOURCE_STATUS_13", 0x19FDE745, "0178C0035404FFFF", {
        "instance": 1, "device_priority": "battery_soc", "lowest_voltage": 48.0,
        "highest_voltage": 55.4,
    }),
    # Table 6.5.15b. Byte 1 0b1111_01_00: main contactor open, charge bus
    # closed.
    ("DC_SOURCE_COMMAND", 0x19FEA49F, "01F4FFFFFFFFFFFF", {
        "instance": 1, "desired_power_status": "disconnect",
        "desired_charge_status": "connect",
    }),
    # Table 6.5.16b. Peukert 0x7D = 125 * 0.01 = 1.25; 5 * 0.1 = 0.5 %/degC;
    # efficiency 0xC8 = 200 * 0.5 = 100 %; averaging 3 min; 0x00D2 = 210 Ah;
    # tail current 8 * 0.5 = 4 %.
    ("DC_SOURCE_CONFIGURATION_STATUS_1", 0x19FDF745, "017D05C803D20008", {
        "instance": 1, "peukert_exponent": 1.25, "temperature_coefficient": 0.5,
        "charge_efficiency_factor": 100.0, "time_remaining_averaging_period": 3,
        "full_capacity": 210, "tail_current": 4.0,
    }),
    # Table 6.5.18b. Byte 1 reserved (FFh); 0x0428 = 1064 * 0.05 = 53.2 V;
    # shunt 0x32 = 50 mV at 0xA410 = 42000 * 0.05 - 1600 = 500 A.
    ("DC_SOURCE_CONFIGURATION_STATUS_2", 0x19FDF545, "01FF28043210A4FF", {
        "instance": 1, "charged_voltage": 53.2, "shunt_voltage": 50,
        "shunt_current": 500.0,
    }),
    # Table 6.5.20b. Charger 1 (DSA 74 = 0x4A) is a source connection (byte
    # 2 low nibble 1) on DC instance 1; no secondary (FFh).
    ("DC_SOURCE_CONNECTION_STATUS", 0x19FDD04A, "014AF101FFFFFFFF", {
        "instance": 1, "device_dsa": 74, "function": "source_connection",
        "primary_dc_instance": 1, "secondary_dc_instance": None,
    }),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "arbitration_id", "data", "expected"),
    VECTORS,
    ids=[vector[0] for vector in VECTORS],
)
def test_golden_vector(
    spec: RvcSpec,
    name: str,
    arbitration_id: int,
    data: str,
    expected: dict[str, object],
) -> None:
    assert spec.by_dgn(DGNS[name]) is spec.message(name)
    assert decode(spec, arbitration_id, data) == expected


def test_high_precision_voltage_not_available(spec: RvcSpec) -> None:
    values = decode(spec, 0x19FEC845, "0178FFFFFFFFFFFF")
    assert values["high_precision_dc_voltage"] is None


COMMANDS: list[tuple[str, dict[str, FieldInput], str]] = [
    # Byte 1 0b1111_11_01: close the main contactor, charge bus unchanged.
    ("DC_SOURCE_COMMAND", {"instance": 1, "desired_power_status": "connect"},
     "01FDFFFFFFFFFFFF"),
    # Peukert 1.05 = 105 = 0x69 in byte 1.
    ("DC_SOURCE_CONFIGURATION_COMMAND_1",
     {"instance": 1, "peukert_exponent": 1.05}, "0169FFFFFFFFFFFF"),
    # Byte 1 0b1111_01_11: set the state of charge to 100 %.
    ("DC_SOURCE_CONFIGURATION_COMMAND_2",
     {"instance": 1, "set_capacity_to_full": "set"}, "01F7FFFFFFFFFFFF"),
    # Device 1 of DSA 74 to DC instance 3; function unchanged (nibble 1111b).
    ("DC_SOURCE_CONFIGURATION_COMMAND_3",
     {"instance": 1, "device_dsa": 74, "primary_dc_instance": 3},
     "014AFF03FFFFFFFF"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "values", "data"), COMMANDS, ids=[command[0] for command in COMMANDS]
)
def test_command_round_trip(
    spec: RvcSpec, name: str, values: dict[str, FieldInput], data: str
) -> None:
    assert_round_trip(spec, name, values, data)


def test_every_command_is_covered() -> None:
    commands = {name for name in DGNS if "COMMAND" in name}
    assert commands == {command[0] for command in COMMANDS}
