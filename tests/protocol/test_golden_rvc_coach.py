"""Golden vectors for the coach DGNs of rvc.dbc (RV-C 2023-11, 6.4, 6.10, 6.11, 6.14, 6.38).

Chassis mobility (table 6.11.2b), gas sensor (6.10.2b), date and time
(6.4.2b), awning (6.38.2b, 6.38.3b) and slide room (6.14.1b, 6.14.2b). Worked
out by hand; % is 0.5 %/bit (table 5.3).
"""

from __future__ import annotations

import pytest

from custom_components.rvc.protocol import (
    ERROR,
    Decoder,
    FieldValueError,
    RvcSpec,
    encode,
)

from .dbc_group import decode


def test_chassis_mobility_status(spec: RvcSpec) -> None:
    # Table 6.11.2a: priority 4, so 0x11FFF490. 1500 rpm / 0.125 = 12000 =
    # 0x2EE0 -> E0 2E; 88.5 km/h * 256 = 22656 = 0x5880 -> 80 58; byte 4
    # 0b11_00_00_00: brake released, nothing locked; byte 5 0b1111_01_01:
    # ignition and accessory on; gears 126 (0x7E) forward 1.
    record = Decoder(spec).decode(0x11FFF490, bytes.fromhex("E02E8058C0F57E7E"))
    assert record is not None
    assert (record.name, record.priority) == ("CHASSIS_MOBILITY_STATUS", 4)
    assert record.values == {
        "engine_rpm": 1500.0,
        "vehicle_speed": 88.5,
        "park_brake": "released",
        "transmission_lock": "unlocked",
        "engine_lock": "free_to_start",
        "ignition_switch": "on",
        "accessory_switch": "on",
        "transmission_current_gear": "forward_1",
        "transmission_gear_selected": "forward_1",
    }


def test_chassis_mobility_status_ranges(spec: RvcSpec) -> None:
    # Speed runs to 255 km/h: 0xFF00 = 65280 / 256 = 255.0 (not the J1939
    # 250.996). Engine speed runs past J1939's 8031.875 rpm: 0xFFFC = 65532 *
    # 0.125 = 8191.5 rpm (the text's 8191.625 is raw 65533, a reserved code).
    # 65534 is the error code, 65535 unknown.
    values = decode(spec, 0x11FFF490, "FCFF00FFFFFFFFFF")
    assert (values["engine_rpm"], values["vehicle_speed"]) == (8191.5, 255.0)
    values = decode(spec, 0x11FFF490, "FEFFFFFFFFFFFFFF")
    assert (values["engine_rpm"], values["vehicle_speed"]) == (ERROR, None)
    # Gear 251 is park; 0xFF not available.
    assert decode(spec, 0x11FFF490, "FFFFFFFFFFFFFBFF")[
        "transmission_current_gear"
    ] == ("park")


def test_gas_sensor_status(spec: RvcSpec) -> None:
    # Table 6.10.2a: priority 2, so 0x09FFF550. Sensor 1, CO (1), 35 ppm =
    # 0x0023 -> 23 00; byte 4 0b00_00_01_00: warning only.
    record = Decoder(spec).decode(0x09FFF550, bytes.fromhex("0101230004FFFFFF"))
    assert record is not None
    assert record.priority == 2
    assert record.values == {
        "instance": 1,
        "type": "carbon_monoxide",
        "gas_level": 35,
        "alarm": "no_alarm",
        "warning": "warning",
        "dc_supply_failure": "no_failure",
        "sensor_failure": "no_failure",
    }
    # Table 6.10.2b: 0 to 65530 ppm: 0xFFFA is 65530, 0xFFFB past it.
    assert decode(spec, 0x09FFF550, "0101FAFFFFFFFFFF")["gas_level"] == 65530
    assert decode(spec, 0x09FFF550, "0101FBFFFFFFFFFF")["gas_level"] is ERROR


def test_date_time_status(spec: RvcSpec) -> None:
    # Table 6.4.2b: year offset 2000 AD, so 0x1A = 26 is 2026; 25 November
    # (0x0B, 0x19), Wednesday (4), 14:30:05 (0x0E 0x1E 0x05), time zone 5
    # (Eastern Standard Time).
    assert decode(spec, 0x19FFFF4A, "1A0B19040E1E0505") == {
        "year": 2026,
        "month": 11,
        "day": 25,
        "day_of_week": "wednesday",
        "hour": 14,
        "minute": 30,
        "second": 5,
        "time_zone": 5,
    }
    # Months 1-12, weekdays 1-7, hours 0-23, minutes and seconds 0-59: month
    # 0, weekday 8, hour 24, minute 60 and second 60 are no time. Year 0xFB
    # = 2251 is past 2250.
    values = decode(spec, 0x19FFFF4A, "FB000008183C3CFF")
    assert values["year"] is ERROR
    assert values["month"] is ERROR
    assert values["day"] == 0
    assert values["day_of_week"] is ERROR
    assert values["hour"] is ERROR
    assert values["minute"] is ERROR
    assert values["second"] is ERROR
    assert values["time_zone"] is None


def test_awning_status(spec: RvcSpec) -> None:
    # Table 6.38.2b. Awning 1 extending (1) at 50 % (0x64); byte 3
    # 0b00_00_00_01: not secured, unlocked, no user lock, brakes off; byte 4
    # 0b00_00_01_00: held by the ignition; byte 5 0b00_01_00_01: awning light
    # on, secondary off, retracts on park brake release, not on ignition;
    # awning light 0xC8 = 100 %, secondary light n/a.
    assert decode(spec, 0x19FEF380, "010164010411C8FF") == {
        "instance": 1,
        "motion": "extending",
        "position": 50.0,
        "lock_status": "not_secured",
        "unlock_status": "unlocked",
        "user_lock_status": "unlocked",
        "brake_status": "released",
        "blocked_by_park_brake": "no",
        "blocked_by_ignition": "yes",
        "blocked_by_low_voltage": "no",
        "blocked_by_generic_lock": "no",
        "awning_light": "on",
        "secondary_light": "off",
        "auto_retract_on_park_brake": "enabled",
        "auto_retract_on_ignition": "disabled",
        "awning_light_level": 100.0,
        "secondary_light_level": None,
    }
    # Travel lock 00b means secured; unlock 01b "not unlocked".
    values = decode(spec, 0x19FEF380, "0100C8F4FFFFFFFF")
    assert (values["lock_status"], values["unlock_status"]) == (
        "secured",
        "not_unlocked",
    )


def test_awning_command(spec: RvcSpec) -> None:
    # Table 6.38.3a: priority 3, so 0x0DFEF280. Direction is byte 2 (1
    # extend); byte 1 holds the locks and lights, all "no change".
    frame = encode(
        spec, "AWNING_COMMAND", {"instance": 1, "direction": "extend"}, source=0x80
    )
    assert frame.arbitration_id == 0x0DFEF280
    assert frame.data.hex().upper() == "01FF01FFFFFFFFFF"
    # Move to 50 % (0x64); byte 1 0b11_11_01_11: engage the mechanical lock.
    frame = encode(
        spec,
        "AWNING_COMMAND",
        {"instance": 1, "mechanical_lock": "engage", "position": 50},
        source=0x80,
    )
    assert frame.data.hex().upper() == "01F7FF64FFFFFFFF"
    # Instance 0 is every awning (retract and locks only).
    assert decode(spec, 0x0DFEF280, "00FF02FFFFFFFFFF")["direction"] == "retract"


def test_slide_status(spec: RvcSpec) -> None:
    # Table 6.14.1b. Room 2 retracting (2) at 50 % (0x64); byte 3
    # 0b00_00_01_01: not secured, not unlocked; byte 4 0b00_00_01_00: held by
    # the leveling jacks; byte 5 0b111111_00: not held by low voltage.
    assert decode(spec, 0x19FFE880, "0202640504FCFFFF") == {
        "instance": 2,
        "motion": "retracting",
        "position": 50.0,
        "lock_status": "not_secured",
        "unlock_status": "not_unlocked",
        "user_lock_status": "off",
        "brake_status": "released",
        "blocked_by_park_brake": "no",
        "blocked_by_levelers": "yes",
        "blocked_by_ignition": "no",
        "blocked_by_air_seal": "no",
        "blocked_by_low_voltage": "no",
    }
    # Instances are rooms 1-4 and 5 the generator: 6 is none.
    assert decode(spec, 0x19FFE880, "06FFFFFFFFFFFFFF")["instance"] is ERROR


def test_slide_command(spec: RvcSpec) -> None:
    # Table 6.14.2a: priority 3. Room 2 extend (byte 2 = 1).
    frame = encode(
        spec, "SLIDE_COMMAND", {"instance": 2, "direction": "extend"}, source=0x80
    )
    assert frame.arbitration_id == 0x0DFFE780
    assert frame.data.hex().upper() == "02FF01FFFFFFFFFF"
    # Instances 1-7 (7 the step cover).
    with pytest.raises(FieldValueError, match="1 to 7"):
        encode(spec, "SLIDE_COMMAND", {"instance": 8}, source=0x80)
