"""Golden vectors for dbc/dc_lighting.dbc: DC lighting controllers (RV-C 6.24.9-20).

Worked out by hand from RV-C (RVIA 2023-11) tables 6.24.9b to 6.24.20b.
Each DC_LIGHTING_CONTROLLER_COMMAND_n has the layout of STATUS_n, so every
frame below decodes the same as status (1FDC3h - n) and as command
(1FDBDh - n). Colour temperature: uint16 1 K/bit. The chasing and cell
percentages are 1 %/bit (0-100), as their value descriptions say.
"""

from __future__ import annotations

import pytest

from custom_components.rvc.protocol import RvcSpec, encode

from .dbc_file_checks import assert_commands_round_trip, assert_file_loads, decode

FILE = "dc_lighting.dbc"


def test_every_dgn_loads_at_its_number(spec: RvcSpec) -> None:
    expected = {f"DC_LIGHTING_CONTROLLER_STATUS_{n}": 0x1FDC3 - n for n in range(1, 7)}
    expected |= {
        f"DC_LIGHTING_CONTROLLER_COMMAND_{n}": 0x1FDBD - n for n in range(1, 7)
    }
    assert_file_loads(spec, FILE, expected)


def test_every_command_round_trips(spec: RvcSpec) -> None:
    assert_commands_round_trip(spec, FILE)


GOLDEN = [
    # 1: byte 1 0b00_00_1000: custom colour fade, chasing and colour
    # temperature off; fade step 0x64 = 100 ms; blend (0); 3000 K = 0x0BB8.
    (
        1,
        "01086400B80BFFFF",
        {
            "instance": 1,
            "color_fade_mode": "custom_color_fade",
            "chasing_mode": "disabled",
            "color_temperature_mode": "disabled",
            "fade_speed": 100,
            "fade_type": "blend",
            "color_temperature_setting": 3000,
        },
    ),
    # 2: rainbow (3) at 0x32 = 50 %, away from the controller (1), colour
    # width 0x14 = 20 %.
    (
        2,
        "0103320114FFFFFF",
        {
            "instance": 1,
            "chasing_pattern": "rainbow",
            "chasing_speed": 50,
            "chasing_direction": "away_from_controller",
            "chasing_color_width": 20,
        },
    ),
    # 3: 1800 K = 0x0708 -> 08 07, 5000 K = 0x1388 -> 88 13; byte 5 0xFC:
    # green drives the maximum.
    (
        3,
        "0108078813FCFFFF",
        {
            "instance": 1,
            "min_color_temperature": 1800,
            "max_color_temperature": 5000,
            "color_temperature_min_max_switch": "green_is_max",
        },
    ),
    # 4: byte 1 0b1111_00_01: turn on when the running timer expires;
    # 600 s = 0x0258 -> 58 02.
    (
        4,
        "01F15802FFFFFFFF",
        {
            "instance": 1,
            "timer_action": "turn_on",
            "timer_go": "running",
            "timer_value": 600,
        },
    ),
    # 5: input off-switch disabled (0xFC); save and defaults complete (0xF0);
    # auto transmit on (0xFD); types locked (0xF0); RGBW (1); WS2812 off
    # (0xFC); external line active (0xFD).
    (
        5,
        "01FCF0FDF001FCFD",
        {
            "instance": 1,
            "external_input_light_off": "disabled",
            "save": "complete",
            "set_to_default": "complete",
            "auto_tx_enable": "enabled",
            "unlock_output_type": "locked",
            "unlock_argb_type": "locked",
            "output_control_type": "rgbw",
            "argb_type_ws2812b": "disabled",
            "external_input_line_status": "activated",
        },
    ),
    # 6: cell 2 enabled (0xFD): red 0x64 = 100 %, green 0, blue 0x32 = 50 %.
    (
        6,
        "0102FD640032FFFF",
        {
            "instance": 1,
            "cell_index": 2,
            "cell_enable": "enabled",
            "cell_red": 100,
            "cell_green": 0,
            "cell_blue": 50,
        },
    ),
]


@pytest.mark.parametrize(("number", "data", "expected"), GOLDEN)
def test_status_and_command_layouts(
    spec: RvcSpec, number: int, data: str, expected: dict[str, object]
) -> None:
    status = 0x19000000 | (0x1FDC3 - number) << 8 | 0x60
    command = 0x19000000 | (0x1FDBD - number) << 8 | 0x01
    assert decode(spec, status, data) == expected
    assert decode(spec, command, data) == expected


def test_commands(spec: RvcSpec) -> None:
    # Colour temperature mode on (byte 1 bits 6-7 01b, the rest ones: 0x7F)
    # at 3000 K.
    frame = encode(
        spec,
        "DC_LIGHTING_CONTROLLER_COMMAND_1",
        {
            "instance": 1,
            "color_temperature_mode": "enabled",
            "color_temperature_setting": 3000,
        },
        source=1,
    )
    assert frame.arbitration_id == 0x19FDBC01
    assert frame.data.hex().upper() == "017FFFFFB80BFFFF"
    # Section 6.24.20: asking for cell 2 sends the cell and ones elsewhere.
    frame = encode(
        spec,
        "DC_LIGHTING_CONTROLLER_COMMAND_6",
        {"instance": 1, "cell_index": 2},
        source=1,
    )
    assert frame.arbitration_id == 0x19FDB701
    assert frame.data.hex().upper() == "0102FFFFFFFFFFFF"


def test_color_temperature_above_the_old_cap_is_a_number(spec: RvcSpec) -> None:
    # Table 6.24.11b: colour temperatures 1 K/bit, 1 to 65530 K. Min 1800 K =
    # 0x0708 -> 08 07; max 65000 K = 0xFDE8 -> E8 FD (the old cap was 64255).
    values = decode(spec, 0x19FDC080, "010807E8FDFFFFFF")
    assert values["min_color_temperature"] == 1800
    assert values["max_color_temperature"] == 65000
    assert values["color_temperature_min_max_switch"] is None
