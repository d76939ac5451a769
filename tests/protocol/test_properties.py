"""Properties over all DGNs: commands round-trip, decoding never raises."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import given, settings, strategies as st

from custom_components.rvc.protocol import (
    ERROR,
    Decoder,
    FieldSpec,
    RvcSpec,
    encode,
    load_spec,
)

if TYPE_CHECKING:
    from custom_components.rvc.protocol import FieldInput

SPEC = load_spec()
COMMANDS = SPEC.command_names


def valid_value(field: FieldSpec) -> st.SearchStrategy[FieldInput]:
    """Any value the field may carry, or None for "no change"."""
    if field.is_enumeration:
        values: st.SearchStrategy[FieldInput] = st.sampled_from(
            sorted(field.raw_by_choice)
        )
    else:
        # A number of the valid range (a raw value that is not a field code),
        # or one of the field's own codes by name.
        values = (
            st.integers(field.raw_minimum, field.raw_maximum)
            .filter(lambda raw: raw not in field.choices)
            .map(field.number_of)
        )
        if field.choices:
            values |= st.sampled_from(sorted(field.raw_by_choice))
    return st.none() | values


@st.composite
def command_and_values(draw: st.DrawFn) -> tuple[str, dict[str, FieldInput]]:
    name = draw(st.sampled_from(COMMANDS))
    fields = SPEC.message(name).fields
    chosen = draw(st.lists(st.sampled_from(fields), unique_by=lambda f: f.name))
    return name, {field.name: draw(valid_value(field)) for field in chosen}


def test_there_are_commands_to_test() -> None:
    assert len(COMMANDS) >= 8


@given(command_and_values(), st.integers(0, 253))
def test_encode_then_decode_round_trips(
    command: tuple[str, dict[str, FieldInput]], source: int
) -> None:
    name, values = command
    frame = encode(SPEC, name, values, source=source)
    record = Decoder(SPEC).decode(frame.arbitration_id, frame.data)
    assert record is not None
    assert (record.name, record.source) == (name, source)
    for field in SPEC.message(name).fields:
        expected = values.get(field.name)
        if expected is None and not field.has_special_values:
            # Fields without special values (bitmaps, raw codes) carry all ones.
            expected = field.value_of(field.not_available)
        assert record.values[field.name] == expected, field.name


@settings(max_examples=2000)
@given(
    st.integers(0, 0x1FFFFFFF)
    | st.sampled_from([m.frame_id & 0x1FFFFFFF for m in SPEC.database.messages]),
    st.binary(min_size=0, max_size=8),
)
def test_decode_never_raises(arbitration_id: int, data: bytes) -> None:
    decoder = Decoder(SPEC)
    record = decoder.decode(arbitration_id, data)
    stats = decoder.stats
    assert stats.frames == 1
    kinds = (stats.decoded, stats.unknown, stats.proprietary, stats.other_protocol)
    assert sum(kinds) + stats.malformed + stats.transport == 1
    if record is not None:
        for value in record.values.values():
            assert (
                value is None or value is ERROR or isinstance(value, int | float | str)
            )


def test_spec_fixture_is_the_cached_spec(spec: RvcSpec) -> None:
    assert spec is SPEC
