"""Golden vectors: bytes worked out by hand from the RV-C specification.

Each case states the identifier and the eight data bytes, and the values the
specification gives them, including "not available" (None) and error codes.
Scaling (RV-C table 5.3): % is 0.5/bit; uint16 °C is 0.03125/bit - 273;
uint16 V is 0.05/bit; uint32 A is 0.001/bit - 2,000,000; uint8 °C is 1/bit - 40.
"""

from __future__ import annotations

import pytest

from custom_components.rvc.protocol import ERROR, Decoder, RvcSpec, encode


def decode(spec: RvcSpec, arbitration_id: int, data: str) -> dict[str, object]:
    record = Decoder(spec).decode(arbitration_id, bytes.fromhex(data))
    assert record is not None
    return dict(record.values)


def test_dc_dimmer_status_3(spec: RvcSpec) -> None:
    # Table 6.24.4b. Priority 6, DGN 1FEDA, source 0x43. Instance 12, group 0,
    # brightness 0x64 = 100 * 0.5 = 50 %; byte 3 0b11_00_01_00: lock 0
    # unlocked, overcurrent 1, override 0, enable 3 (n/a); delay 0xFF "no
    # delay/duration active"; last command 0 (set level); byte 6 0b11_11_01_00:
    # interlock inactive, load on, bits 4-5 unused, undercurrent 11b n/a;
    # master memory 0xFF n/a.
    record = Decoder(spec).decode(0x19FEDA43, bytes.fromhex("0C0064C4FF00F4FF"))
    assert record is not None
    assert (record.name, record.dgn, record.source, record.instance) == (
        "DC_DIMMER_STATUS_3",
        0x1FEDA,
        0x43,
        12,
    )
    assert record.values == {
        "instance": 12,
        "group": 0,
        "brightness": 50.0,
        "lock_status": "unlocked",
        "overcurrent_status": "overcurrent",
        "override_status": "inactive",
        "enable_status": None,
        "delay_duration": "none",
        "last_command": "set_level",
        "interlock_status": "inactive",
        "load_status": "on",
        "undercurrent": None,
        "master_memory_value": None,
    }


@pytest.mark.parametrize(
    ("byte", "brightness"),
    [
        ("00", 0.0),
        ("C8", 100.0),  # 200 * 0.5
        ("FA", 125.0),  # 250: the top of table 5.3's % range
        ("FB", "changing"),  # 251: value is changing (ramp), table 6.24.4b
        ("FC", "flashing"),  # 252: output is flashing
        ("FD", ERROR),  # 253: uint8 reserved, table 3.2.3b
        ("FE", ERROR),  # 254: uint8 out of range
        ("FF", None),  # 255: not available
    ],
)
def test_dc_dimmer_status_3_brightness_codes(
    spec: RvcSpec, byte: str, brightness: object
) -> None:
    assert decode(spec, 0x19FEDA43, f"0100{byte}FFFFFFFFFF")["brightness"] == (
        brightness
    )


@pytest.mark.parametrize(
    ("byte", "delay"),
    [
        ("00", "expired"),  # 0: delay/duration has expired, table 6.24.4b
        ("01", 1),
        ("EF", 239),
        ("F0", "240_s_or_more"),  # 240: 240 s or more remaining
        ("F5", ERROR),  # 245: above the 240 s maximum, below the type codes
        ("FC", "flashing"),  # 252: output is flashing
        ("FD", "more_than_240_s"),  # 253: the field's own "out of range"
        ("FE", ERROR),  # 254: uint8 out of range
        ("FF", "none"),  # 255: no delay/duration active
    ],
)
def test_dc_dimmer_status_3_delay_codes(
    spec: RvcSpec, byte: str, delay: object
) -> None:
    assert decode(spec, 0x19FEDA43, f"0100FFFF{byte}FFFFFF")["delay_duration"] == (
        delay
    )


def test_dc_dimmer_status_3_narrow_fields_and_instances(spec: RvcSpec) -> None:
    # Byte 3 0b11_11_11_10: lock status 10b is the uint2 error code.
    values = decode(spec, 0x19FEDA43, "0100FFFEFFFFFFFF")
    assert values["lock_status"] is ERROR
    assert values["overcurrent_status"] is None
    # Byte 6 0b01_11_01_00: undercurrent active; byte 7 0x50: master memory 40 %.
    values = decode(spec, 0x19FEDA43, "0100FFFFFFFF7450")
    assert values["undercurrent"] == "active"
    assert values["master_memory_value"] == 40.0
    # Instance 0 is invalid and 251-254 are outside 1-250: no instance.
    for instance in ("00", "FB", "FE"):
        record = Decoder(spec).decode(
            0x19FEDA43, bytes.fromhex(f"{instance}00FFFFFFFFFFFF")
        )
        assert record is not None
        assert record.values["instance"] is ERROR
        assert record.instance is None


def test_dc_dimmer_command_2(spec: RvcSpec) -> None:
    # Instance 7 to 75 % (0x96 = 150 half-percent) over a 5 s ramp: command
    # 17 (0x11) ramp brightness, delay 5; group, interlock and reserved all ones.
    frame = encode(
        spec,
        "DC_DIMMER_COMMAND_2",
        {
            "instance": 7,
            "desired_level": 75,
            "command": "ramp_brightness",
            "delay_duration": 5,
        },
        source=0x80,
    )
    assert frame.arbitration_id == 0x19FEDB80
    assert frame.data.hex().upper() == "07FF961105FFFFFF"
    # Off (command 3) leaves the level as "no change".
    frame = encode(
        spec, "DC_DIMMER_COMMAND_2", {"instance": 7, "command": "off_delay"}, source=1
    )
    assert frame.data.hex().upper() == "07FFFF03FFFFFFFF"
    assert decode(spec, 0x19FEDB80, "07FF961105FFFFFF") == {
        "instance": 7,
        "group": 255,
        "desired_level": 75.0,
        "command": "ramp_brightness",
        "delay_duration": 5,
        "interlock": None,
        "ramp_time": None,
    }


@pytest.mark.parametrize(
    ("data", "field", "expected"),
    [
        # Table 6.24.6b, desired level: 230-249 scene 1-20 memory, 250 the
        # dimmed memory, 251 the master memory; 201-229 undefined (above 100 %).
        ("01FFE6", "desired_level", "scene_1_memory"),
        ("01FFF9", "desired_level", "scene_20_memory"),
        ("01FFFA", "desired_level", "dimmed_memory"),
        ("01FFFB", "desired_level", "master_memory"),
        ("01FFC9", "desired_level", ERROR),
        # Table 6.24.6c: 07 save scene, 16 (hex) ramp up/down toggle.
        ("01FFFF07", "command", "save_scene"),
        ("01FFFF16", "command", "ramp_up_down_toggle"),
        ("01FFFF32", "command", "flash_momentarily"),
        # Delay/duration: 241 = 5 min ... 250 = 14 min; 251-252 undefined.
        ("01FFFFFFF1", "delay_duration", "5_minutes"),
        ("01FFFFFFFA", "delay_duration", "14_minutes"),
        ("01FFFFFFFB", "delay_duration", ERROR),
        ("01FFFFFFF0", "delay_duration", 240),
        # Byte 5 bits 0-1: 10b is interlock B (the field's own code).
        ("01FFFFFFFFFE", "interlock", "interlock_b"),
        # Ramp time 0.1 s per bit: 0x7D = 125 -> 12.5 s; 0xFB outside 0-25 s.
        ("01FFFFFFFFFF7D", "ramp_time", 12.5),
        ("01FFFFFFFFFFFB", "ramp_time", ERROR),
    ],
)
def test_dc_dimmer_command_2_codes(
    spec: RvcSpec, data: str, field: str, expected: object
) -> None:
    assert decode(spec, 0x19FEDB80, data.ljust(16, "F"))[field] == expected


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


def test_dc_source_status_1(spec: RvcSpec) -> None:
    # House battery (1) from a battery monitor (priority 120 = 0x78): 13.25 V
    # = 265 = 0x0109; -12.5 A discharging: (-12.5 + 2,000,000) / 0.001 =
    # 1,999,987,500 = 0x7735_632C -> 2C 63 35 77.
    assert decode(spec, 0x19FFFD42, "017809012C633577") == {
        "instance": 1,
        "device_priority": "battery_soc",
        "dc_voltage": 13.25,
        "dc_current": -12.5,
    }
    # Current not available (top byte 0xFF), voltage error (0xFE00).
    values = decode(spec, 0x19FFFD42, "017800FEFFFFFFFF")
    assert values["dc_voltage"] is ERROR
    assert values["dc_current"] is None


def test_dc_source_status_2(spec: RvcSpec) -> None:
    # Chassis battery (2): 25 °C = 298 / 0.03125 = 9536 = 0x2540; state of
    # charge 0xB4 = 90 %; 600 minutes = 0x0258.
    assert decode(spec, 0x19FFFC42, "02784025B45802FF") == {
        "instance": 2,
        "device_priority": "battery_soc",
        "source_temperature": 25.0,
        "state_of_charge": 90.0,
        "time_remaining": 600,
    }
    values = decode(spec, 0x19FFFC42, "0278FFFFFDFFFFFF")
    assert values["source_temperature"] is None
    assert values["state_of_charge"] is ERROR  # 0xFD: out of range
    assert values["time_remaining"] is None


def test_generator_status_1(spec: RvcSpec) -> None:
    # Running (3), 1234 minutes run time (0x04D2), load 0x50 = 40 %, start
    # battery 12.7 V = 254 = 0x00FE.
    assert decode(spec, 0x19FFDC41, "03D204000050FE00") == {
        "status": "running",
        "engine_run_time": 1234,
        "engine_load": 40.0,
        "start_battery_voltage": 12.7,
    }
    values = decode(spec, 0x19FFDC41, "FFFFFFFFFEFFFFFF")
    assert values["status"] is None
    # Table 3.2.3b: uint32 0xFEFFFFFF is valid data; 0xFFFFFFFE is out of range.
    assert values["engine_run_time"] == 0xFEFFFFFF
    values = decode(spec, 0x19FFDC41, "FFFEFFFFFFFFFFFF")
    assert values["engine_run_time"] is ERROR
    assert values["engine_load"] is None
    # A generator has no instance: the record carries none.
    record = Decoder(spec).decode(0x19FFDC41, bytes.fromhex("03D204000050FE00"))
    assert record is not None
    assert record.instance is None


def test_waterheater_status(spec: RvcSpec) -> None:
    # Instance 1 on gas+electric (3); setpoint 55 °C = 328 / 0.03125 = 10496
    # = 0x2900; water 48.5 °C = 321.5 / 0.03125 = 10288 = 0x2830. Byte 6
    # 0b00_01_01_01: setpoint not met, burner lit, AC element active, limit
    # switch not tripped. Byte 7 0b11_00_01_00: ignition ok, no AC power, DC ok.
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


@pytest.mark.parametrize(
    ("name", "values", "expected"),
    [
        # Water heater to electric only, setpoint unchanged.
        ("WATERHEATER_COMMAND", {"instance": 1, "operating_mode": "electric"},
         "0102FFFFFFFFFFFF"),
        # Generator start.
        ("GENERATOR_COMMAND", {"command": "start"}, "01FFFFFFFFFFFFFF"),
        # Water pump on: 2-bit field 01, the rest all ones.
        ("WATER_PUMP_COMMAND", {"command": True}, "FDFFFFFFFFFFFFFF"),
    ],
)  # fmt: skip
def test_more_commands(
    spec: RvcSpec, name: str, values: dict[str, object], expected: str
) -> None:
    assert encode(spec, name, values, source=0x80).data.hex().upper() == expected  # type: ignore[arg-type]


def test_dm_rv_spn_spans_three_bytes(spec: RvcSpec) -> None:
    # SPN 0x1ABCD: bits 18-11 in byte 2 (0x35), 10-3 in byte 3 (0x79), 2-0 in
    # the top of byte 4 (0b101) with FMI 4 below: 0xA4.
    values = decode(spec, 0x19FECA47, "05FF3579A401FFFF")
    assert values["spn"] == 0x1ABCD
    assert values["fmi"] == 4
    assert values["occurrence_count"] == 1
    assert values["yellow_lamp"] == "off"
    assert values["red_lamp"] == "off"


def test_priority_and_source_come_from_the_identifier(spec: RvcSpec) -> None:
    record = Decoder(spec).decode(0x0DFFB7FE, bytes.fromhex("0002040000FFFFFF"))
    assert record is not None
    assert (record.priority, record.source, record.name) == (3, 0xFE, "TANK_STATUS")


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("00", "ack"),
        ("01", "nak"),
        ("02", "not_acceptable_from_source"),
        ("03", "conditions_do_not_allow"),
        ("04", "not_formatted_properly"),
        ("05", "parameters_out_of_range"),
        ("06", "needs_password"),
        ("07", "needs_more_time"),
        ("08", "overridden_by_user"),
        ("80", 128),  # 128-254: command-specific, table 7.5
        ("FF", None),
    ],
)
def test_acknowledgment(spec: RvcSpec, code: str, reason: object) -> None:
    # Table 3.2.4.4b: a dimmer node (0x43) answers node 0x42. Identifier:
    # priority 6, DGN E8h with destination 0x42 in the low byte: 0x18E84243.
    # Instance 1, bank 0 (byte 2 low nibble, high nibble unused 0xF), byte 3
    # unused; source address acknowledged 0x80; DGN 1FEDBh LSB first: DB FE 01.
    record = Decoder(spec).decode(0x18E84243, bytes.fromhex(f"{code}01F0FF80DBFE01"))
    assert record is not None
    assert (record.name, record.dgn, record.source, record.destination) == (
        "ACKNOWLEDGMENT",
        0x0E800,
        0x43,
        0x42,
    )
    assert record.values == {
        "acknowledgment_code": reason,
        "instance": 1,
        "instance_bank": 0,
        "acknowledged_source_address": 0x80,
        "acknowledged_dgn": 0x1FEDB,
    }


def test_acknowledgment_sent_globally_by_older_devices(spec: RvcSpec) -> None:
    # 3.2.4.4: legacy devices send DGN-Low FFh. Not multi-instanced: FFh.
    values = decode(spec, 0x18E8FF43, "05FFFFFF80BCFF01")
    assert values["acknowledgment_code"] == "parameters_out_of_range"
    assert values["instance"] is None
    assert values["instance_bank"] is None
    assert values["acknowledged_dgn"] == 0x1FFBC


def test_mfg_specific_claim_request(spec: RvcSpec) -> None:
    # Table 3.3.4b: manufacturer code 0x2A5 = 0b101_0100_0101: low 3 bits
    # 0b101 in byte 0 bits 0-2, high 8 bits 0b0101_0100 = 0x54 in byte 1.
    values = decode(spec, 0x19FED642, "FD54FFFFFFFFFFFF")
    assert (values["manufacturer_code_high"] << 3) | values[
        "manufacturer_code_low"
    ] == 0x2A5


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


def test_dc_load_command_minutes_are_not_seconds(spec: RvcSpec) -> None:
    # The frame of issue 13: DC_LOAD_COMMAND from 0xE7, instance
    # FFh (all loads in the groups), group 0xB9, level 0x2A = 21 %, byte 3
    # 0xF0 automatic / no interlock / driver n/a, command 04 stop, delay 0xF5
    # = 245: 241 is 5 minutes, so 9 minutes (table 6.23.4b), never 245 s.
    values = decode(spec, 0x19FFBCE7, "FFB92AF004F5FFFF")
    assert values["delay_duration"] == "9_minutes"
    assert values["command"] == "stop"
    assert values["desired_level"] == 21.0
    # Desired level 250 toggles, 251 is the master memory.
    assert decode(spec, 0x19FFBCE7, "01FFFAFFFFFFFFFF")["desired_level"] == "toggle"
    assert decode(spec, 0x19FFBCE7, "01FFFBFFFFFFFFFF")["desired_level"] == (
        "master_memory"
    )
