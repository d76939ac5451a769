"""Golden vectors for the power DGNs of rvc.dbc (RV-C 2023-11, 6.5, 6.18-6.20, 6.32).

DC sources (tables 6.5.2b-6.5.4b), inverter (6.19.8b), charger (6.20.8b),
their AC points (layout table 6.1.2b, instance byte table 6.19.2), generator
(6.18.23b, 6.18.25b) and transfer switch (6.32.2b). Worked out by hand;
table 5.3: uint16 V is 0.05 V/bit; uint16 A is 0.05 A/bit - 1600 (0 A =
0x7D00); uint32 A is 0.001 A/bit - 2,000,000; uint16 Hz is 1/128 Hz/bit;
uint16 °C is 0.03125 °C/bit - 273; % is 0.5 %/bit.
"""

from __future__ import annotations

from custom_components.rvc.protocol import ERROR, Decoder, RvcSpec, encode

from .dbc_group import decode


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
        "time_remaining_interpretation": None,
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


def test_dc_source_status_1_codes(spec: RvcSpec) -> None:
    # Table 6.5.2b: instance 0 is invalid; priority 0 is "no priority,
    # always reporting".
    values = decode(spec, 0x19FFFD42, "0000FFFFFFFFFFFF")
    assert values["instance"] is ERROR
    assert values["device_priority"] == "no_priority"
    # Table 5.3 tops uint32 A at 2,221,081.2 A: (2,221,081.2 + 2,000,000) /
    # 0.001 = 4,221,081,200 = 0xFB98_9670 -> 70 96 98 FB; one more is past it.
    assert decode(spec, 0x19FFFD42, "0178FFFF709698FB")["dc_current"] == 2221081.2
    assert decode(spec, 0x19FFFD42, "0178FFFF719698FB")["dc_current"] is ERROR


def test_dc_source_status_2_time_to_full(spec: RvcSpec) -> None:
    # Table 6.5.3b byte 7 bits 0-1: 01b, the time remaining is to full.
    values = decode(spec, 0x19FFFC42, "0178FFFFFF5802FD")
    assert values["time_remaining"] == 600
    assert values["time_remaining_interpretation"] == "time_to_full"


def test_dc_source_status_3(spec: RvcSpec) -> None:
    # Table 6.5.4b. House battery (1) from an inverter/charger (100 = 0x64):
    # health 0xBE = 95 %; 180 Ah = 0x00B4 -> B4 00; relative capacity 0x96 =
    # 75 %; ripple 120 mV = 0x0078 -> 78 00.
    assert decode(spec, 0x19FFFB42, "0164BEB400967800") == {
        "instance": 1,
        "device_priority": "inverter_charger",
        "state_of_health": 95.0,
        "capacity_remaining": 180,
        "relative_capacity": 75.0,
        "ac_rms_ripple": 120,
    }
    # Ripple 0xFFFD: reserved; capacity 0xFFFB = 65531 Ah is past 65530.
    values = decode(spec, 0x19FFFB42, "0164FFFBFFFFFDFF")
    assert values["capacity_remaining"] is ERROR
    assert values["ac_rms_ripple"] is ERROR


def test_inverter_status(spec: RvcSpec) -> None:
    # Table 6.19.8b. Inverter 1 inverting (1); byte 2 0b01_01_00_01: battery
    # sensor present, load sense off, inverter on, pass-through on; byte 3
    # 0b111111_00: generator support off.
    assert decode(spec, 0x19FFD442, "010151FCFFFFFFFF") == {
        "instance": 1,
        "status": "invert",
        "battery_temperature_sensor": "present",
        "load_sense_enabled": "disabled",
        "inverter_enabled": "enabled",
        "pass_through_enabled": "enabled",
        "generator_support_enabled": "disabled",
    }


def test_inverter_ac_status_1(spec: RvcSpec) -> None:
    # Byte 0 (table 6.19.2) 0b01_00_0001: AC point 1, line 1, output. 120.5 V
    # = 2410 = 0x096A -> 6A 09; 8.4 A: 1608.4 / 0.05 = 32168 = 0x7DA8 -> A8
    # 7D; 60 Hz * 128 = 7680 = 0x1E00 -> 00 1E; byte 7 0b00_01_00_00: reverse
    # polarity.
    assert decode(spec, 0x19FFD742, "416A09A87D001E10") == {
        "instance": 1,
        "line": "line_1",
        "input_output": "output",
        "rms_voltage": 120.5,
        "rms_current": 8.4,
        "frequency": 60.0,
        "fault_open_ground": "no_fault",
        "fault_open_neutral": "no_fault",
        "fault_reverse_polarity": "fault",
        "fault_ground_current": "no_fault",
    }
    # Table 6.19.2: AC point instance 0 is not used.
    record = Decoder(spec).decode(0x19FFD742, bytes.fromhex("406A09A87D001E10"))
    assert record is not None
    assert record.values["instance"] is ERROR
    assert record.instance is None


def test_charger_status(spec: RvcSpec) -> None:
    # Table 6.20.8b. Charger 1: 14.4 V = 288 = 0x0120 -> 20 01; 30 A: 1630 /
    # 0.05 = 32600 = 0x7F58 -> 58 7F; 0x78 = 60 %; state 0 "disable"; byte 7
    # 0b0000_01_01: on at power-up, auto recharge on, charge not forced.
    assert decode(spec, 0x19FFC742, "012001587F780005") == {
        "instance": 1,
        "charge_voltage": 14.4,
        "charge_current": 30.0,
        "charge_current_percent": 60.0,
        "operating_state": "disabled",
        "default_state_on_power_up": "enabled",
        "auto_recharge": "enabled",
        "force_charge": "not_forced",
    }
    # State 1 is "not charging"; instance 0 is invalid.
    values = decode(spec, 0x19FFC742, "00FFFFFFFFFF01FF")
    assert values["operating_state"] == "not_charging"
    assert values["instance"] is ERROR


def test_charger_ac_status_1(spec: RvcSpec) -> None:
    # Byte 0 0b00_01_0010: AC point 2, line 2, input. 240 V = 4800 = 0x12C0
    # -> C0 12; 0 A = 0x7D00 -> 00 7D; 50 Hz * 128 = 6400 = 0x1900 -> 00 19;
    # faults n/a.
    assert decode(spec, 0x19FFCA42, "12C012007D0019FF") == {
        "instance": 2,
        "line": "line_2",
        "input_output": "input",
        "rms_voltage": 240.0,
        "rms_current": 0.0,
        "frequency": 50.0,
        "fault_open_ground": None,
        "fault_open_neutral": None,
        "fault_reverse_polarity": None,
        "fault_ground_current": None,
    }
    # Frequency 0xFA01 = 64001 / 128 = 500.0078 Hz: past 500 Hz; AC point
    # instance 0 (byte 0 0x10) is not used (table 6.19.2).
    assert decode(spec, 0x19FFCA42, "12FFFFFFFF01FAFF")["frequency"] is ERROR
    assert decode(spec, 0x19FFCA42, "10FFFFFFFFFFFFFF")["instance"] is ERROR


def test_generator_command(spec: RvcSpec) -> None:
    # Table 6.18.25b: 1 start; 3 manual preheat.
    frame = encode(spec, "GENERATOR_COMMAND", {"command": "start"}, source=0x80)
    assert frame.arbitration_id == 0x19FFDA80
    assert frame.data.hex().upper() == "01FFFFFFFFFFFFFF"
    assert decode(spec, 0x19FFDA80, "03FFFFFFFFFFFFFF") == {"command": "manual_preheat"}


def test_ats_ac_status_1(spec: RvcSpec) -> None:
    # Table 6.32.2a: priority 3, so 0x0DFFAD4F from the switch (0x4F = 79).
    # Byte 0 (table 6.32.2b) 0b0_001_0_001: switch 1, input, secondary
    # source, leg 1. 121 V = 2420 = 0x0974 -> 74 09; 15 A: 1615 / 0.05 =
    # 32300 = 0x7E2C -> 2C 7E; 60 Hz -> 00 1E; no faults.
    record = Decoder(spec).decode(0x0DFFAD4F, bytes.fromhex("1174092C7E001E00"))
    assert record is not None
    assert (record.name, record.priority, record.instance) == ("ATS_AC_STATUS_1", 3, 1)
    assert record.values == {
        "instance": 1,
        "input_output": "input",
        "source": "secondary",
        "leg": "leg_1",
        "rms_voltage": 121.0,
        "rms_current": 15.0,
        "frequency": 60.0,
        "fault_open_ground": "no_fault",
        "fault_open_neutral": "no_fault",
        "fault_reverse_polarity": "no_fault",
        "fault_ground_current": "no_fault",
    }
    # Instance 0 and 7 are invalid; source 111b is no data.
    values = decode(spec, 0x0DFFAD4F, "F8FFFFFFFFFFFFFF")
    assert values["instance"] is ERROR
    assert values["source"] is None
