"""Fast field unpacking, generated from each DGN's layout in the DBC.

cantools decodes a frame through a generic bit-struct: correct, but it builds
a dictionary of raw integers that we then convert a second time. Here every
DGN gets one small Python function, written from the DBC's own start bits,
lengths and byte orders: one int.from_bytes per frame, a shift and a mask per
field, then a lookup table (fields up to 8 bits) or an inline range check and
scaling (wider fields). The DBC stays the only place a layout is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from .spec import FieldSpec, FieldValue, MessageSpec

type Unpacker = Callable[[bytes | bytearray], dict[str, FieldValue]]
"""Turns a frame's data (at least the DGN's length) into its field values."""


def _bit_offset(field: FieldSpec, spec: MessageSpec) -> tuple[str, int]:
    """Return which integer of the data holds the field and the shift to it."""
    signal = spec.message.get_signal_by_name(field.name)
    if signal.byte_order == "little_endian":
        return "little", signal.start
    # Motorola (DBC sawtooth numbering): the start bit is the field's most
    # significant bit; count from the top of the big-endian integer.
    msb = (signal.start // 8) * 8 + (7 - signal.start % 8)
    return "big", spec.length * 8 - (msb + field.length)


def _number(field: FieldSpec, raw: str) -> str:
    """Source that scales a raw value (a name or a parenthesised expression)."""
    if field.scale == 1 and field.offset == 0:
        return raw
    scaled = f"{raw} * {field.scale!r} + {field.offset!r}"
    if field.digits:
        return f"round({scaled}, {field.digits})"
    return f"int({scaled})"


def _expression(index: int, field: FieldSpec, raw: str, names: dict[str, Any]) -> str:
    """Source of the expression that gives one field's value from its raw."""
    table = field.lookup_table()
    if table is not None:
        names[f"T{index}"] = table
        return f"T{index}[{raw}]"
    if not field.has_special_values and not field.choices:
        return _number(field, raw)
    names[f"F{index}"] = field.value_of
    variable = f"r{index}"
    condition = f"{field.raw_minimum} <= ({variable} := {raw}) <= {field.raw_maximum}"
    if field.choices:
        names[f"C{index}"] = frozenset(field.choices)
        condition += f" and {variable} not in C{index}"
    # Numbers in range inline; every special case through the field's rules.
    return f"({_number(field, variable)} if {condition} else F{index}({variable}))"


def build_unpacker(spec: MessageSpec) -> Unpacker:
    """Write, compile and return the unpacking function of one DGN."""
    names: dict[str, Any] = {}
    items = []
    orders = set()
    for index, field in enumerate(spec.fields):
        order, shift = _bit_offset(field, spec)
        orders.add(order)
        word = "v" if order == "little" else "b"
        shifted = f"({word} >> {shift})" if shift else word
        raw = f"({shifted} & {(1 << field.length) - 1:#x})"
        items.append(f"{field.name!r}: {_expression(index, field, raw, names)}")
    lines = ["def unpack(data):"]
    if "little" in orders:
        lines.append("    v = int.from_bytes(data, 'little')")
    if "big" in orders:
        lines.append(f"    b = int.from_bytes(data[:{spec.length}], 'big')")
    lines.append("    return {" + ", ".join(items) + "}")
    code = compile("\n".join(lines), f"<unpack {spec.name}>", "exec")
    exec(code, names)  # noqa: S102 - source built above from the DBC's numbers
    unpacker: Unpacker = names["unpack"]
    return unpacker
