"""Turning bytes into text without guessing wildly.

UTF-8 (with or without BOM) and UTF-16 with a BOM are decoded directly. Real exports also mix
encodings (a UTF-8 file with a few Windows-1252 lines pasted in), so a file that is not valid
UTF-8 is decoded line by line, each line as UTF-8 or else Windows-1252. Bytes that fit neither, or
text that is mostly control characters, make the file ``undecodable`` or ``binary``.
"""

from __future__ import annotations

from storylens.errors import InputError

__all__ = ["decode_text", "looks_binary"]


def looks_binary(data: bytes) -> bool:
    """True when the first 8 KB hold NUL bytes or mostly control characters."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with a byte-order mark has NULs by design
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def decode_text(data: bytes, origin: str) -> str:
    """Decode a text file, or raise ``InputError`` (``binary`` / ``undecodable``) naming it."""
    if looks_binary(data):
        raise InputError(origin, "binary", "the file holds binary data, not text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(origin, "undecodable", str(exc)) from exc
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines: list[str] = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                lines.append(line.decode("cp1252"))
            except UnicodeDecodeError as exc:
                raise InputError(
                    origin, "undecodable", f"line {number} is neither UTF-8 nor Windows-1252"
                ) from exc
    text = "\n".join(lines)
    letters = sum(ch.isalpha() or ch.isspace() for ch in text[:8192])
    if letters < 0.6 * min(len(text), 8192):
        raise InputError(origin, "undecodable", "the bytes do not decode to readable text")
    return text
