"""Golden vectors for the climate DGNs of rvc.dbc (RV-C 2023-11, 6.15-6.17, 6.46).

Thermostat (tables 6.16.2b, 6.16.11b), furnace (6.15.2b, 6.15.3b), air
conditioner (6.17.2b) and roof fan (6.46.2b, 6.46.4b). Worked out by hand;
table 5.3: uint16 °C is 0.03125 °C/bit - 273, % is 0.5 %/bit; dead bands are
0.1 °C/bit, 0-25 °C.
"""

from __future__ import annotations

import pytest

from custom_components.rvc.protocol import ERROR, FieldValueError, RvcSpec, encode

from .dbc_group import decode


def test_thermostat_status_1(spec: RvcSpec) -> None:
    # Zone 1 heating, fan auto, schedule off: byte 1 0b00_00_0010 = 0x02.
    # Fan speed 0x64 = 50 %. Heat setpoint 21 °C: (21 + 273) / 0.03125 = 9408
    # = 0x24C0 -> C0 24. Cool setpoint 25.5 °C: 298.5 / 0.03125 = 9552 = 0x2550.
    assert decode(spec, 0x19FFE244, "010264C0245025FF") == {
        "instance": 1,
        "operating_mode": "heat",
        "fan_mode": "auto",
        "schedule_mode": "disabled",
        "fan_speed": 50.0,
        "setpoint_heat": 21.0,
        "setpoint_cool": 25.5,
    }
    # Mode nibble 0xF (not available), fan mode 2 (error), setpoints n/a and error.
    values = decode(spec, 0x19FFE244, "01EFFFFFFF00FEFF")
    assert values["operating_mode"] is None
    assert values["fan_mode"] is ERROR
    assert values["schedule_mode"] is None
    assert values["fan_speed"] is None
    assert values["setpoint_heat"] is None
    assert values["setpoint_cool"] is ERROR


def test_thermostat_command_1(spec: RvcSpec) -> None:
    # Zone 2 to cool at 23 °C: (23 + 273) / 0.03125 = 9472 = 0x2500. Mode
    # nibble 1 with fan and schedule bits "no change" (11) -> 0xF1.
    frame = encode(
        spec,
        "THERMOSTAT_COMMAND_1",
        {"instance": 2, "operating_mode": "cool", "setpoint_cool": 23},
        source=0x80,
    )
    assert frame.arbitration_id == 0x19FEF980
    assert frame.data.hex().upper() == "02F1FFFFFF0025FF"


def test_thermostat_ambient_status(spec: RvcSpec) -> None:
    # 18.5 °C: (18.5 + 273) / 0.03125 = 9328 = 0x2470 -> 70 24.
    assert decode(spec, 0x19FF9C44, "017024FFFFFFFFFF") == {
        "instance": 1,
        "ambient_temperature": 18.5,
    }
    # -10.25 °C: 262.75 / 0.03125 = 8408 = 0x20D8.
    assert decode(spec, 0x19FF9C44, "01D820FFFFFFFFFF")["ambient_temperature"] == (
        -10.25
    )
    assert decode(spec, 0x19FF9C44, "01FFFFFFFFFFFFFF")["ambient_temperature"] is None
    assert decode(spec, 0x19FF9C44, "0100FEFFFFFFFFFF")["ambient_temperature"] is ERROR


def test_furnace_heat_source_is_six_bits(spec: RvcSpec) -> None:
    # Table 6.15.2b: byte 1 bits 0-1 operating mode, bits 2-7 heat source.
    # 0b000010_00: automatic, AC secondary; 0b000011_01: manual, engine heat;
    # 0b111111_00: heat source not available; 0b000100_00: code 4, undefined.
    for byte, mode, source in [
        ("08", "automatic", "ac_secondary"),
        ("0D", "manual", "engine_heat"),
        ("FC", "automatic", None),
        ("F8", "automatic", ERROR),  # 62: below "not available", not a code
        ("10", "automatic", 4),
    ]:
        values = decode(spec, 0x19FFE444, f"01{byte}C8FFFFFFFFFF")
        assert (values["operating_mode"], values["heat_source"]) == (mode, source)
        assert values["circulation_fan_speed"] == 100.0  # 0xC8 = 200 * 0.5
    # Byte 6 0b01_00_01_00: undercurrent, temperature normal, analog input on.
    values = decode(spec, 0x19FFE444, "0100FFFFFFFF44FF")
    assert values["zone_overcurrent"] == "normal"
    assert values["zone_undercurrent"] == "undercurrent"
    assert values["zone_temperature"] == "normal"
    assert values["zone_analog_input"] == "on"
    # A command sets the 6-bit field whole: engine heat = 3 << 2 | manual 1.
    frame = encode(
        spec,
        "FURNACE_COMMAND",
        {"instance": 1, "operating_mode": "manual", "heat_source": "engine_heat"},
        source=0x80,
    )
    assert frame.data.hex().upper() == "010DFFFFFFFFFFFF"


def test_air_conditioner_status(spec: RvcSpec) -> None:
    # Table 6.17.2b. Unit 1 automatic; max fan 0xC8 = 100 %, max output 0x96
    # = 75 %, fan 0x64 = 50 %, output 0x32 = 25 %; dead band 0x0F = 1.5 °C,
    # second stage 0x1E = 3.0 °C.
    assert decode(spec, 0x19FFE144, "0100C89664320F1E") == {
        "instance": 1,
        "operating_mode": "automatic",
        "max_fan_speed": 100.0,
        "max_output_level": 75.0,
        "fan_speed": 50.0,
        "output_level": 25.0,
        "dead_band": 1.5,
        "second_stage_dead_band": 3.0,
    }
    # Mode n/a; fan 0xFA = 125 % (top of table 5.3); dead band 0xFB = 25.1
    # °C is past 25 °C; second stage 0xFE is "out of range".
    values = decode(spec, 0x19FFE144, "01FFFFFFFAFFFBFE")
    assert values["operating_mode"] is None
    assert values["fan_speed"] == 125.0
    assert values["dead_band"] is ERROR
    assert values["second_stage_dead_band"] is ERROR


def test_air_conditioner_command(spec: RvcSpec) -> None:
    # Section 6.17.4: instance 0 is every unit; manual (1) with the fan at
    # 50 % (0x64); every other datum 0xFF, "do not change".
    frame = encode(
        spec,
        "AIR_CONDITIONER_COMMAND",
        {"instance": 0, "operating_mode": "manual", "fan_speed": 50},
        source=0x80,
    )
    assert frame.arbitration_id == 0x19FFE080
    assert frame.data.hex().upper() == "0001FFFF64FFFFFF"


def test_roof_fan_status_1(spec: RvcSpec) -> None:
    # Table 6.46.2b. Fan 1; byte 1 0b00_01_01_01: on, forced on, manual speed,
    # light off; fan 0x64 = 50 %; byte 3 0b11_0010_01: air in, dome half
    # open, deprecated rain bits n/a; ambient 22 °C = 295 / 0.03125 = 9440 =
    # 0x24E0 -> E0 24; set point 20 °C = 9376 = 0x24A0 -> A0 24.
    assert decode(spec, 0x19FEA744, "011564C9E024A024") == {
        "instance": 1,
        "system_status": "on",
        "fan_mode": "force_on",
        "speed_mode": "manual",
        "light": "off",
        "fan_speed": 50.0,
        "wind_direction": "air_in",
        "dome_position": "half_open",
        "rain_sensor": None,
        "ambient_temperature": 22.0,
        "setpoint": 20.0,
    }


def test_roof_fan_status_1_codes(spec: RvcSpec) -> None:
    # Instance is 1-250: 0 is no fan. The status dome codes stop at 0100b
    # open; 0101b "stop" exists only in the command (table 6.46.4b).
    values = decode(spec, 0x19FEA744, "00FFFFD7FFFFFFFF")
    assert values["instance"] is ERROR
    assert values["dome_position"] == 5


def test_roof_fan_command_1(spec: RvcSpec) -> None:
    # Table 6.46.4b: dome stop 0101b in bits 2-5 of byte 3, the rest of the
    # byte all ones: 0b11_0101_11 = 0xD7.
    frame = encode(
        spec, "ROOF_FAN_COMMAND_1", {"instance": 1, "dome_position": "stop"}, source=1
    )
    assert frame.arbitration_id == 0x19FEA601
    assert frame.data.hex().upper() == "01FFFFD7FFFFFFFF"
    with pytest.raises(FieldValueError, match="1 to 250"):
        encode(spec, "ROOF_FAN_COMMAND_1", {"instance": 0}, source=1)
