"""Golden vectors for dbc/weather.dbc: weather station and altimeter (RV-C 6.33).

Worked out by hand from RV-C (RVIA 2023-11) tables 6.33.2b to 6.33.7b.
Temperatures: uint16 0.03125 degC/bit - 273; pressures: uint16 0.1 mbar
(= 0.1 hPa) per bit; % 0.5 %/bit; wind direction 1/128 deg per bit.
"""

from __future__ import annotations

from custom_components.rvc.protocol import RvcSpec, encode

from .dbc_file_checks import assert_commands_round_trip, assert_file_loads, decode

FILE = "weather.dbc"


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_loads(
        spec,
        FILE,
        {
            "WEATHER_ALARM_COMMAND": 0x1FDE0,
            "WEATHER_ALARM_STATUS": 0x1FDE1,
            "WEATHER_STATUS_1": 0x1FFA5,
            "WEATHER_STATUS_2": 0x1FFA4,
            "ALTIMETER_STATUS": 0x1FFA3,
            "ALTIMETER_COMMAND": 0x1FFA2,
            "WEATHER_CALIBRATE_COMMAND": 0x1FFA1,
        },
    )


def test_every_command_round_trips(spec: RvcSpec) -> None:
    assert_commands_round_trip(spec, FILE)


def test_weather_alarm_limits(spec: RvcSpec) -> None:
    # Table 6.33.3b, from 0x50 (80): 35 degC = 308 * 32 = 9856 = 0x2680;
    # 0 degC = 273 * 32 = 8736 = 0x2220; humidity 0xB4 = 90 %; wind 0x3C =
    # 60 km/h; rain n/a.
    assert decode(spec, 0x19FDE150, "80262022B43CFFFF") == {
        "air_temperature_high_level": 35.0,
        "air_temperature_low_level": 0.0,
        "humidity_level": 90.0,
        "wind_speed": 60,
        "rain_intensity": None,
    }
    # Table 6.33.2b: only the wind limit (byte 5).
    frame = encode(spec, "WEATHER_ALARM_COMMAND", {"wind_speed": 60}, source=1)
    assert frame.arbitration_id == 0x19FDE001
    assert frame.data.hex().upper() == "FFFFFFFFFF3CFFFF"


def test_weather_status_1(spec: RvcSpec) -> None:
    # 12.5 degC = 285.5 * 32 = 9136 = 0x23B0; alternative n/a; 1013.2 mbar =
    # 10132 = 0x2794; humidity 0x6E = 55 %; byte 7 0b1111_01_00: humidity
    # alarm active.
    expected = {
        "exterior_air_temperature": 12.5,
        "alternative_air_temperature": None,
        "absolute_air_pressure": 1013.2,
        "relative_humidity": 55.0,
        "air_temperature_alarm": "inactive",
        "relative_humidity_alarm": "active",
    }
    assert decode(spec, 0x19FFA550, "B023FFFF94276EF4") == expected
    # Section 6.33.8: the calibration command has the same layout.
    assert decode(spec, 0x19FFA101, "B023FFFF94276EF4") == expected


def test_weather_status_2(spec: RvcSpec) -> None:
    # 20 km/h; 225 deg = 28800 = 0x7080 -> 80 70; 0x2D = 45 klx; no rain;
    # byte 5 0xF0: no alarms.
    assert decode(spec, 0x19FFA450, "1480702D00F0FFFF") == {
        "wind_speed": 20,
        "wind_direction": 225.0,
        "solar_intensity": 45,
        "rain_intensity": 0.0,
        "wind_speed_alarm": "inactive",
        "rain_alarm": "inactive",
    }


def test_altimeter(spec: RvcSpec) -> None:
    # Table 6.33.6b: 1013.0 mbar = 10130 = 0x2792; basis 980.0 = 9800 =
    # 0x2648; 280.5 m: (280.5 + 500) / 0.1 = 7805 = 0x1E7D.
    assert decode(spec, 0x19FFA350, "922748267D1EFFFF") == {
        "altitude_compensated_air_pressure": 1013.0,
        "basis_air_pressure": 980.0,
        "altitude": 280.5,
    }
    # Table 6.33.7b: set the basis (2) to 1013.2 mbar = 10132 = 0x2794.
    frame = encode(
        spec,
        "ALTIMETER_COMMAND",
        {"command": "set_basis_pressure", "value": 1013.2},
        source=1,
    )
    assert frame.arbitration_id == 0x19FFA201
    assert frame.data.hex().upper() == "029427FFFFFFFFFF"


def test_altimeter_above_the_old_caps_is_a_number(spec: RvcSpec) -> None:
    # Table 6.33.6b: pressures 0.1 mbar (hPa)/bit, 0 to 6553 mbar: 6500 hPa =
    # 65000 = 0xFDE8 -> E8 FD (old cap 6425.5). Altitude 0.1 m/bit from
    # -500 m, to 6053.0 m: 6000 m = 6500 / 0.1 = 65000 -> E8 FD (old cap 5925.5).
    assert decode(spec, 0x19FFA380, "E8FDFFFFE8FDFFFF") == {
        "altitude_compensated_air_pressure": 6500,
        "basis_air_pressure": None,
        "altitude": 6000,
    }
