"""Golden vectors for the plumbing DGNs of rvc.dbc (RV-C 2023-11, 6.9, 6.28, 6.29).

Tank (table 6.28.2b), water heater (6.9.2b, 6.9.3b) and water pump (6.29.2b,
6.29.3b). Worked out by hand; table 5.3: uint16 °C is 0.03125 °C/bit - 273;
pump pressures are 100 Pa/bit, 0-6,553,200 Pa.
"""

from __future__ import annotations

from custom_components.rvc.protocol import ERROR, RvcSpec, encode

from .dbc_group import decode


def test_tank_status(spec: RvcSpec) -> None:
    # Gray waste (instance 2) at 3 of 8 (37.5 %), 57 of 152 litres.
    assert decode(spec, 0x19FFB745, "02030839009800FF") == {
        "instance": 2,
        "relative_level": 3,
        "resolution": 8,
        "absolute_level": 57,
        "tank_size": 152,
    }
    # Absolute level and size not reported: 0xFFFF is "not available".
    values = decode(spec, 0x19FFB745, "000A10FFFFFFFFFF")
    assert values["absolute_level"] is None
    assert values["tank_size"] is None
    # Table 3.2.3b: 0xFE00 = 65024 L is valid data (0-65530 L, table 6.28.2b);
    # 0xFFFD (65533) is reserved and 0xFFFE (65534) out of range.
    # Bytes 3-4 little-endian: 00 FE = 0xFE00, FD FF = 0xFFFD, FE FF = 0xFFFE.
    assert decode(spec, 0x19FFB745, "000A1000FEFFFFFF")["absolute_level"] == 65024
    assert decode(spec, 0x19FFB745, "000A10FDFFFFFFFF")["absolute_level"] is ERROR
    assert decode(spec, 0x19FFB745, "000A10FEFFFFFFFF")["absolute_level"] is ERROR


def test_waterheater_status(spec: RvcSpec) -> None:
    # Instance 1 on gas+electric (3); setpoint 55 °C = 328 / 0.03125 = 10496
    # = 0x2900; water 48.5 °C = 321.5 / 0.03125 = 10288 = 0x2830. Byte 6
    # 0b00_01_01_01: setpoint not met, burner lit, AC element active, limit
    # switch not tripped. Byte 7 0b01_00_01_00: ignition ok, no AC power, DC
    # present but low (bits 6-7, the DC power warning).
    assert decode(spec, 0x19FFF746, "0103002930281544") == {
        "instance": 1,
        "operating_mode": "gas_electric",
        "setpoint_temperature": 55.0,
        "water_temperature": 48.5,
        "thermostat_status": "setpoint_not_met",
        "burner_status": "lit",
        "ac_element_status": "active",
        "high_temperature_limit_switch": "not_tripped",
        "failure_to_ignite": "no_failure",
        "ac_power_failure": "not_present",
        "dc_power_failure": "present",
        "dc_power_warning": "warning",
    }
    values = decode(spec, 0x19FFF746, "01FEFFFF00FEAEFF")
    assert values["operating_mode"] is ERROR
    assert values["setpoint_temperature"] is None
    assert values["water_temperature"] is ERROR
    # Byte 6 0b10_10_11_10: error, n/a, error, error.
    assert values["thermostat_status"] is ERROR
    assert values["burner_status"] is None
    assert values["ac_element_status"] is ERROR
    assert values["high_temperature_limit_switch"] is ERROR


def test_waterheater_command(spec: RvcSpec) -> None:
    # Table 6.9.3b. Electric only (2), set point unchanged (0xFFFF).
    frame = encode(
        spec,
        "WATERHEATER_COMMAND",
        {"instance": 1, "operating_mode": "electric"},
        source=0x80,
    )
    assert frame.arbitration_id == 0x19FFF680
    assert frame.data.hex().upper() == "0102FFFFFFFFFFFF"
    # Electric element level 5 in byte 6 bits 0-3: 0xF5.
    frame = encode(
        spec,
        "WATERHEATER_COMMAND",
        {"instance": 1, "electric_element_level": 5},
        source=1,
    )
    assert frame.data.hex().upper() == "01FFFFFFFFFFF5FF"
    # Levels are 1-13: 0 and 14 (1110b) are no level, 1111b not available.
    for nibble, level in (("0", ERROR), ("D", 13), ("E", ERROR), ("F", None)):
        values = decode(spec, 0x19FFF601, f"01FFFFFFFFFFF{nibble}FF")
        assert values["electric_element_level"] == level, nibble


def test_water_pump_status(spec: RvcSpec) -> None:
    # Table 6.29.2b. Byte 0 0b11_00_01_01: enabled, running, no city water.
    # System pressure 300 kPa = 300000 / 100 = 3000 = 0x0BB8 -> B8 0B; pump
    # setting 350 kPa = 3500 = 0x0DAC -> AC 0D; regulator n/a; 5 A (0x05).
    assert decode(spec, 0x19FFB344, "C5B80BAC0DFFFF05") == {
        "operating_status": "enabled",
        "pump_status": "running",
        "water_hookup_detected": "no",
        "system_pressure": 300000,
        "pump_pressure_setting": 350000,
        "regulator_pressure_setting": None,
        "operating_current": 5,
    }
    # 0xFFFE: out of range; 0xFFFC = 65532 * 100 = 6,553,200 Pa, the top.
    values = decode(spec, 0x19FFB344, "C5FEFFFCFFFFFFFF")
    assert values["system_pressure"] is ERROR
    assert values["pump_pressure_setting"] == 6553200
    assert values["operating_current"] is None


def test_water_pump_command(spec: RvcSpec) -> None:
    # Table 6.29.3b: enable (01b in bits 0-1, the rest of byte 0 all ones:
    # 0xFD) and a pump pressure of 350 kPa = 3500 = 0x0DAC -> AC 0D.
    frame = encode(
        spec,
        "WATER_PUMP_COMMAND",
        {"command": "enable", "pump_pressure_setting": 350000},
        source=0x80,
    )
    assert frame.arbitration_id == 0x19FFB280
    assert frame.data.hex().upper() == "FDAC0DFFFFFFFFFF"
    assert (
        encode(spec, "WATER_PUMP_COMMAND", {"command": True}, source=1)
        .data.hex()
        .upper()
        == "FDFFFFFFFFFFFFFF"
    )
