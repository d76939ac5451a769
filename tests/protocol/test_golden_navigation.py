"""Golden vectors for dbc/navigation.dbc: date and time, compass and GPS.

Worked out by hand from RV-C (RVIA 2023-11) sections 6.4 and 6.34.
Identifiers: priority << 26 | DGN << 8 | source; the date and time DGNs have
default priority 5 (0x14000000), the rest 6. GPS_POSITION is 0FEF3h (data
page 0). Angles: uint16 1/128 deg per bit; latitude and longitude: uint32
1e-7 deg per bit, offset -210 deg.
"""

from __future__ import annotations

from custom_components.rvc.protocol import RvcSpec, encode

from .dbc_file_checks import assert_commands_round_trip, assert_file_loads, decode

FILE = "navigation.dbc"


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    assert_file_loads(
        spec,
        FILE,
        {
            "SET_DATE_TIME_COMMAND": 0x1FFFE,
            "GPS_DATE_TIME_STATUS": 0x1FEA0,
            "COMPASS_BEARING_STATUS": 0x1FFA0,
            "COMPASS_CALIBRATE_COMMAND": 0x1FF9F,
            "GPS_POSITION": 0x0FEF3,
            "GPS_STATUS": 0x1FED3,
            "GPS_TIME_STATUS": 0x1FDDF,
        },
    )


def test_every_command_round_trips(spec: RvcSpec) -> None:
    assert_commands_round_trip(spec, FILE)


def test_set_date_time_command(spec: RvcSpec) -> None:
    # Table 6.4.2b: Wednesday (4) 25 November 2026, 14:30:00 GMT (zone 0):
    # 2026 - 2000 = 26 = 0x1A, 11 = 0x0B, 25 = 0x19, 14 = 0x0E, 30 = 0x1E.
    values = {
        "year": 2026,
        "month": 11,
        "day": 25,
        "day_of_week": 4,
        "hour": 14,
        "minute": 30,
        "second": 0,
        "time_zone": 0,
    }
    frame = encode(spec, "SET_DATE_TIME_COMMAND", values, source=1, priority=5)
    assert frame.arbitration_id == 0x15FFFE01
    assert frame.data.hex().upper() == "1A0B19040E1E0000"
    # Section 6.4.3: only hour and time zone given changes the time zone.
    frame = encode(spec, "SET_DATE_TIME_COMMAND", {"hour": 9, "time_zone": 5}, source=1)
    assert frame.data.hex().upper() == "FFFFFFFF09FFFF05"


def test_gps_date_time_status(spec: RvcSpec) -> None:
    # Section 6.4.4, same layout as DATE_TIME_STATUS; time zone 0xFF n/a.
    assert decode(spec, 0x15FEA088, "1A0B19040E1E00FF") == {
        "year": 2026,
        "month": 11,
        "day": 25,
        "day_of_week": 4,
        "hour": 14,
        "minute": 30,
        "second": 0,
        "time_zone": None,
    }


def test_compass_bearing_status(spec: RvcSpec) -> None:
    # Table 6.34.2b, from 0x88 (136): east, 90 * 128 = 11520 = 0x2D00 -> 00
    # 2D; offset 2.5 deg = 320 = 0x0140 -> 40 01; byte 4 0xFC calibrated.
    assert decode(spec, 0x19FFA088, "002D4001FCFFFFFF") == {
        "adjusted_compass_bearing": 90.0,
        "compass_offset": 2.5,
        "compass_calibration_status": "calibrated",
    }


def test_compass_calibrate_command(spec: RvcSpec) -> None:
    # Table 6.34.3b: increment (2) the offset by 1 deg = 128 = 0x0080 -> 80 00.
    frame = encode(
        spec,
        "COMPASS_CALIBRATE_COMMAND",
        {"command": "increment_offset", "compass_offset": 1},
        source=1,
    )
    assert frame.arbitration_id == 0x19FF9F01
    assert frame.data.hex().upper() == "02FF8000FFFFFFFF"


def test_gps_position(spec: RvcSpec) -> None:
    # Table 6.34.4b: 45.5 deg N: (45.5 + 210) / 1e-7 = 2,555,000,000 =
    # 0x984A34C0 -> C0 34 4A 98; 122.25 deg W: (-122.25 + 210) / 1e-7 =
    # 877,500,000 = 0x344D9660 -> 60 96 4D 34.
    assert decode(spec, 0x18FEF388, "C0344A9860964D34") == {
        "latitude": 45.5,
        "longitude": -122.25,
    }


def test_gps_status(spec: RvcSpec) -> None:
    # Table 6.34.5b: heading 270 deg = 34560 = 0x8700 -> 00 87; 55.5 km/h =
    # 7104 = 0x1BC0 -> C0 1B; 250.3 m: (250.3 + 500) / 0.1 = 7503 = 0x1D4F ->
    # 4F 1D; 9 satellites; byte 7 0b11111_011: 3D fix.
    assert decode(spec, 0x19FED388, "0087C01B4F1D09FB") == {
        "heading": 270.0,
        "speed": 55.5,
        "altitude": 250.3,
        "satellites_in_view": 9,
        "fix_type": "fix_3d",
    }
    assert decode(spec, 0x19FED388, "FFFFFFFFFFFFFFFF")["fix_type"] is None


def test_gps_time_status(spec: RvcSpec) -> None:
    # Table 6.34.6b: 2026-11-25 14:30:45 UTC, byte 3 undefined (0xFF), HDOP
    # 0x03 = 1.5.
    assert decode(spec, 0x19FDDF88, "1A0B19FF0E1E2D03") == {
        "utc_year": 2026,
        "utc_month": 11,
        "utc_day": 25,
        "utc_hour": 14,
        "utc_minute": 30,
        "utc_second": 45,
        "horizontal_dilution_of_precision": 1.5,
    }


def test_gps_status_above_the_old_caps_is_a_number(spec: RvcSpec) -> None:
    # Table 6.34.5b: altitude 0.1 m/bit from -500 m, to 6053.0 m: 6000 m =
    # 6500 / 0.1 = 65000 = 0xFDE8 -> E8 FD (old cap 5925.5 m). Satellites, a
    # plain uint8 count, 0-252 (table 3.2.3b): 252 = 0xFC (old cap 250).
    values = decode(spec, 0x19FED380, "FFFFFFFFE8FDFCFF")
    assert values["altitude"] == 6000
    assert values["satellites_in_view"] == 252
    assert values["heading"] is None
