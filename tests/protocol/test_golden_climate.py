"""Golden vectors for dbc/climate.dbc: air conditioner extras, heat pump, floor heat.

Worked out by hand from RV-C (RVIA 2023-11) sections 6.17 and 6.36.
Identifiers: priority 6 << 26 | DGN << 8 | source. Scaling (table 5.3):
% 0.5 %/bit; uint16 degC 0.03125 degC/bit - 273; uint16 V 0.05 V/bit;
uint16 A 0.05 A/bit - 1600; uint16 W 1 W/bit; dead bands 0.1 degC/bit.
"""

from __future__ import annotations

from custom_components.rvc.protocol import RvcSpec, encode

from .dbc_file_checks import assert_commands_round_trip, assert_file_loads, decode

FILE = "climate.dbc"


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_loads(
        spec,
        FILE,
        {
            "AIR_CONDITIONER_STATUS_2": 0x1FDC9,
            "HEAT_PUMP_STATUS": 0x1FF9B,
            "HEAT_PUMP_COMMAND": 0x1FF9A,
            "AIR_CONDITIONER_COMPONENT_STATUS": 0x1FDAD,
            "AIR_CONDITIONER_COMPONENT_COMMAND": 0x1FDAC,
            "AIR_CONDITIONER_COMPONENT_STATUS_2": 0x1FDAB,
            "FLOOR_HEAT_STATUS": 0x1FEFC,
            "FLOOR_HEAT_COMMAND": 0x1FEFB,
        },
    )


def test_every_command_round_trips(spec: RvcSpec) -> None:
    assert_commands_round_trip(spec, FILE)


def test_air_conditioner_status_2(spec: RvcSpec) -> None:
    # Table 6.17.3b. Byte 1 0xF3: compressor 3 running. Byte 2 0xEF =
    # 0b111_01_111: reduced noise (bits 3-4) 01b enabled. Exterior 30 degC:
    # 303 * 32 = 9696 = 0x25E0 -> E0 25; coil 5 degC: 278 * 32 = 8896 =
    # 0x22C0 -> C0 22. Byte 7 0b11_00_00_00: readings valid, no freeze,
    # defrost not available.
    assert decode(spec, 0x19FDC94C, "01F3EFE025C022C0") == {
        "instance": 1,
        "compressor_status": "running",
        "reduced_noise_mode": "enabled",
        "exterior_temperature": 30.0,
        "coil_temperature": 5.0,
        "coil_temperature_error": "valid",
        "coil_freeze": "not_detected",
        "exterior_temperature_error": "valid",
        "defrost_cycle": None,
    }


def test_heat_pump_status(spec: RvcSpec) -> None:
    # Table 6.17.5b: automatic, max output 0xC8 = 100 %, output 0x64 = 50 %,
    # dead band 0x0F = 1.5 degC, second stage 0x1E = 3.0 degC, fan n/a.
    assert decode(spec, 0x19FF9B4C, "0100C8640F1EFFFF") == {
        "instance": 1,
        "operating_mode": "automatic",
        "max_heat_output_level": 100.0,
        "heat_output_level": 50.0,
        "dead_band": 1.5,
        "second_stage_dead_band": 3.0,
        "fan_speed": None,
    }


def test_heat_pump_command(spec: RvcSpec) -> None:
    # Section 6.17.6: instance 0 is every heat pump; manual (1), output
    # 25 % = 50 = 0x32; every other byte 0xFF "no change".
    frame = encode(
        spec,
        "HEAT_PUMP_COMMAND",
        {"instance": 0, "operating_mode": "manual", "heat_output_level": 25},
        source=1,
    )
    assert frame.arbitration_id == 0x19FF9A01
    assert frame.data.hex().upper() == "0001FF32FFFFFFFF"


def test_air_conditioner_component_status(spec: RvcSpec) -> None:
    # Tables 6.17.7b/c. Secondary instance 0x11: first (index 1) compressor
    # (type 1). Byte 2 0b11_00_0001: reverse (heating), not de-icing. Output
    # 0xC8 = 100 %. Byte 4 0x30: full resolution (0), state 3 running.
    # Delay 0: expired.
    assert decode(spec, 0x19FDAD4C, "0111C1C83000FFFF") == {
        "instance": 1,
        "component_type": "compressor",
        "component_index": 1,
        "operating_direction": "reverse",
        "de_icing_status": "not_de_icing",
        "output_level": 100.0,
        "output_resolution": "full_resolution",
        "component_state": "running",
        "delay_timer": "expired",
    }
    # 0x23: second (2) inside fan (3); byte 2 0xFF: both fields n/a; 0x64 =
    # 50 %; byte 4 0x13: three speeds, delay on starting; 0xF3 = 243: 241 is
    # 5 minutes, so 7 minutes left.
    assert decode(spec, 0x19FDAD4C, "0123FF6413F3FFFF") == {
        "instance": 1,
        "component_type": "inside_fan",
        "component_index": 2,
        "operating_direction": None,
        "de_icing_status": None,
        "output_level": 50.0,
        "output_resolution": 3,
        "component_state": "delay_on_starting",
        "delay_timer": "7_min",
    }
    assert decode(spec, 0x19FDAD4C, "0123FF64135AFFFF")["delay_timer"] == 90


def test_air_conditioner_component_command(spec: RvcSpec) -> None:
    # Table 6.17.8b: first compressor (0x11) forward (cooling, 0 in bits 0-3
    # of byte 2, reserved bits 1) at 100 % (0xC8).
    frame = encode(
        spec,
        "AIR_CONDITIONER_COMPONENT_COMMAND",
        {
            "instance": 1,
            "component_type": "compressor",
            "component_index": 1,
            "operating_direction": "forward",
            "output_level": 100,
        },
        source=1,
    )
    assert frame.arbitration_id == 0x19FDAC01
    assert frame.data.hex().upper() == "0111F0C8FFFFFFFF"
    # Every component (type 0, index 0) of A/C 1 to 0 %.
    frame = encode(
        spec,
        "AIR_CONDITIONER_COMPONENT_COMMAND",
        {
            "instance": 1,
            "component_type": "all",
            "component_index": 0,
            "output_level": 0,
        },
        source=1,
    )
    assert frame.data.hex().upper() == "0100FF00FFFFFFFF"


def test_air_conditioner_component_status_2(spec: RvcSpec) -> None:
    # Table 6.17.9b: first compressor; 12.5 A: (12.5 + 1600) / 0.05 = 32250
    # = 0x7DFA -> FA 7D; 120 V / 0.05 = 2400 = 0x0960 -> 60 09; 1500 W =
    # 0x05DC -> DC 05.
    assert decode(spec, 0x19FDAB4C, "0111FA7D6009DC05") == {
        "instance": 1,
        "component_type": "compressor",
        "component_index": 1,
        "current": 12.5,
        "voltage": 120.0,
        "power": 1500,
    }
    assert decode(spec, 0x19FDAB4C, "0111FFFFFFFFFFFF")["power"] is None


def test_floor_heat_status(spec: RvcSpec) -> None:
    # Table 6.36.2b, from 0x61 (97). Byte 1 0b00_01_01_00: automatic, on,
    # element on, no schedule. Measured 22.5 degC: 295.5 * 32 = 9456 = 0x24F0
    # -> F0 24; set point 24 degC: 297 * 32 = 9504 = 0x2520 -> 20 25; dead
    # band 0x0A = 1.0 degC.
    assert decode(spec, 0x19FEFC61, "0114F02420250AFF") == {
        "instance": 1,
        "operating_mode": "automatic",
        "operating_status": "on",
        "heat_element_status": "on",
        "schedule_mode": "disabled",
        "measured_temperature": 22.5,
        "set_point": 24.0,
        "dead_band": 1.0,
    }


def test_floor_heat_command(spec: RvcSpec) -> None:
    # Table 6.36.3b: automatic (00b in bits 0-1, the rest of byte 1 ones),
    # set point 24 degC = 0x2520 at bytes 2-3, dead band unchanged.
    frame = encode(
        spec,
        "FLOOR_HEAT_COMMAND",
        {"instance": 1, "desired_operating_mode": "automatic", "set_point": 24},
        source=1,
    )
    assert frame.arbitration_id == 0x19FEFB01
    assert frame.data.hex().upper() == "01FC2025FFFFFFFF"


def test_component_power_above_the_old_cap_is_a_number(spec: RvcSpec) -> None:
    # Table 6.17.9b: power uint16 W, table 5.3 0-65530 W. 65000 W = 0xFDE8 ->
    # E8 FD in bytes 6-7 (the old cap was 64255). Byte 1 0x01: compressor 0.
    assert decode(spec, 0x19FDAB80, "0101FFFFFFFFE8FD") == {
        "instance": 1,
        "component_type": "compressor",
        "component_index": 0,
        "current": None,
        "voltage": None,
        "power": 65000,
    }
