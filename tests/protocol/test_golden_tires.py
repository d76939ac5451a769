"""Golden vectors for dbc/tires.dbc: tire pressure monitoring (RV-C 6.37).

Worked out by hand from RV-C (RVIA 2023-11) section 6.37. Identifiers:
priority 6 << 26 | DGN << 8 | source (0x85 = 133, the tire monitor).
Tire location byte: position in bits 0-3, axle in bits 4-7. Pressure: uint16
1 kPa/bit; temperature: uint16 0.03125 degC/bit - 273; sensor battery: uint8
0.02 V/bit (section 6.37.3 says this is not the table 5.3 scale).
"""

from __future__ import annotations

from custom_components.rvc.protocol import RvcSpec, encode

from .dbc_file_checks import assert_commands_round_trip, assert_file_loads, decode

FILE = "tires.dbc"


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_loads(
        spec,
        FILE,
        {
            "TIRE_RAW_STATUS": 0x1FEF1,
            "TIRE_STATUS": 0x1FEF0,
            "TIRE_SLOW_LEAK_ALARM": 0x1FEEF,
            "TIRE_TEMPERATURE_CONFIGURATION_STATUS": 0x1FEEE,
            "TIRE_PRESSURE_CONFIGURATION_STATUS": 0x1FEED,
            "TIRE_HIGH_PRESSURE_CONFIGURATION_STATUS": 0x1FDED,
            "TIRE_PRESSURE_CONFIGURATION_COMMAND": 0x1FEEC,
            "TIRE_TEMPERATURE_CONFIGURATION_COMMAND": 0x1FEEB,
            "TIRE_HIGH_PRESSURE_CONFIGURATION_COMMAND": 0x1FDEC,
            "TIRE_ID_STATUS": 0x1FEEA,
            "TIRE_ID_COMMAND": 0x1FEE9,
        },
    )


def test_every_command_round_trips(spec: RvcSpec) -> None:
    assert_commands_round_trip(spec, FILE)


def test_tire_raw_status(spec: RvcSpec) -> None:
    # Table 6.37.2b: sensor 0x12345678 (little-endian 78 56 34 12), 550 kPa
    # = 0x0226 -> 26 02, 25 degC: 298 * 32 = 9536 = 0x2540 -> 40 25.
    assert decode(spec, 0x19FEF185, "7856341226024025") == {
        "sensor_id": 0x12345678,
        "tire_pressure": 550,
        "tire_temperature": 25.0,
    }


def test_tire_status(spec: RvcSpec) -> None:
    # Table 6.37.3b. 0x13: outside right tire (3) of the drive axle (1);
    # 620 kPa = 0x026C -> 6C 02; 30 degC: 303 * 32 = 9696 = 0x25E0 -> E0 25;
    # battery 0x96 = 150 * 0.02 = 3.0 V; signal 0xA0 = 80 %; byte 7
    # 0b00_000_010: pressure low (2), temperature ok, battery ok.
    assert decode(spec, 0x19FEF085, "136C02E02596A002") == {
        "tire_position": "outside_right",
        "tire_axle": "drive",
        "tire_pressure": 620,
        "tire_temperature": 30.0,
        "battery_level": 3.0,
        "signal_level": 80.0,
        "pressure_status": "low",
        "temperature_status": "ok",
        "battery_status": "ok",
    }
    # A location with no data yet: everything but the location is 0xFF. 0x34:
    # fifth tire (4) of the first trailer axle (3), both plain numbers.
    assert decode(spec, 0x19FEF085, "34FFFFFFFFFFFFFF") == {
        "tire_position": 4,
        "tire_axle": 3,
        "tire_pressure": None,
        "tire_temperature": None,
        "battery_level": None,
        "signal_level": None,
        "pressure_status": None,
        "temperature_status": None,
        "battery_status": None,
    }


def test_tire_slow_leak_alarm(spec: RvcSpec) -> None:
    # Table 6.37.4b: 0x20 outside left of the tag axle; byte 1 0xFD slow leak;
    # 14 kPa/h = 0x000E -> 0E 00.
    assert decode(spec, 0x19FEEF85, "20FD0E00FFFFFFFF") == {
        "tire_position": "outside_left",
        "tire_axle": "tag",
        "alarm_status": "slow_leak",
        "leak_rate": 14,
    }


def test_tire_configuration_statuses(spec: RvcSpec) -> None:
    # Table 6.37.6b: 0x0F steer axle (bits 4-7 = 0, reserved bits ones);
    # 85 degC: 358 * 32 = 11456 = 0x2CC0; 70 degC: 343 * 32 = 10976 =
    # 0x2AE0; low battery 0x7D = 125 * 0.02 = 2.5 V.
    assert decode(spec, 0x19FEEE85, "0FC02CE02A7DFFFF") == {
        "tire_axle": "steer",
        "extremely_high_temperature": 85.0,
        "high_temperature": 70.0,
        "low_battery_level": 2.5,
    }
    # Table 6.37.7b: drive axle; 400 kPa = 0x0190, 480 kPa = 0x01E0; slow
    # leak threshold 0: no slow leak alarms.
    assert decode(spec, 0x19FEED85, "1F9001E0010000FF") == {
        "tire_axle": "drive",
        "extremely_low_pressure": 400,
        "low_pressure": 480,
        "slow_leak_threshold": 0,
    }
    # Table 6.37.8b: drive axle; 760 kPa = 0x02F8, 700 kPa = 0x02BC.
    assert decode(spec, 0x19FDED85, "1FF802BC02FFFFFF") == {
        "tire_axle": "drive",
        "extremely_high_pressure": 760,
        "high_pressure": 700,
    }


def test_tire_pressure_configuration_command(spec: RvcSpec) -> None:
    # Table 6.37.9: drive axle low pressure 480 kPa (E0 01 at bytes 3-4); the
    # other limits unchanged.
    frame = encode(
        spec,
        "TIRE_PRESSURE_CONFIGURATION_COMMAND",
        {"tire_axle": "drive", "low_pressure": 480},
        source=1,
    )
    assert frame.arbitration_id == 0x19FEEC01
    assert frame.data.hex().upper() == "1FFFFFE001FFFFFF"


def test_tire_id(spec: RvcSpec) -> None:
    # Table 6.37.11b: outside right steer tire (0x03) holds sensor 0x00ABCDEF.
    assert decode(spec, 0x19FEEA85, "03EFCDAB00FFFFFF") == {
        "tire_position": "outside_right",
        "tire_axle": "steer",
        "sensor_id": 0xABCDEF,
    }
    # Section 6.37.12: assign sensor 0x12345678 to the outside left steer tire;
    # without a sensor (FFFFFFFFh) the assignment is removed.
    frame = encode(
        spec,
        "TIRE_ID_COMMAND",
        {
            "tire_position": "outside_left",
            "tire_axle": "steer",
            "sensor_id": 0x12345678,
        },
        source=1,
    )
    assert frame.arbitration_id == 0x19FEE901
    assert frame.data.hex().upper() == "0078563412FFFFFF"
    frame = encode(
        spec,
        "TIRE_ID_COMMAND",
        {"tire_position": "outside_left", "tire_axle": "steer"},
        source=1,
    )
    assert frame.data.hex().upper() == "00FFFFFFFFFFFFFF"


def test_tire_pressure_above_the_old_cap_is_a_number(spec: RvcSpec) -> None:
    # Table 6.37.3b: tire pressure 1 kPa/bit, 0 to 65530 kPa. 65000 kPa =
    # 0xFDE8 -> E8 FD (the old cap was 64255).
    values = decode(spec, 0x19FEF080, "00E8FDFFFFFFFFFF")
    assert values["tire_pressure"] == 65000
    assert values["tire_temperature"] is None
