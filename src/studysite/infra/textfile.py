"""Read one of the project's own text files (data, glossary, schema) with one located line per failure.

A file that cannot be read, is too large or is not UTF-8 raises ``TextFileError``, whose ``str()`` is
``file:line: what is wrong``; for bytes that are not UTF-8 the line is counted up to the bad byte and the
byte offset is given too, so an editor can find it.
"""

from __future__ import annotations

from pathlib import Path

from studysite.infra.problem import Problem


class TextFileError(ValueError):
    """A file that cannot be read as text; ``problem`` says where and why."""

    def __init__(self, file: str, line: int, message: str) -> None:
        self.problem = Problem(line, message, file)
        super().__init__(str(self.problem))
        self.file, self.line, self.message = file, line, message


def decode_utf8(data: bytes, filename: str) -> str:
    """The text of UTF-8 bytes (a leading byte-order mark dropped), or ``TextFileError`` at the bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        start = error.start
        line = data.count(b"\n", 0, start) + 1
        column = start - (data.rfind(b"\n", 0, start) + 1) + 1
        raise TextFileError(
            filename,
            line,
            f"not UTF-8 text: byte 0x{data[start]:02x} at byte offset {start} (line {line}, column "
            f"{column}) cannot be decoded; save the file as UTF-8",
        ) from None
    return text.removeprefix("\ufeff")


def size_text(size: int) -> str:
    """``1048576`` -> ``1 MiB``; ``1094062`` -> ``1.04 MiB``; ``3000`` -> ``2.93 KiB``."""
    for unit, scale in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.2f}".rstrip("0").rstrip(".") + f" {unit}"
    return f"{size} bytes"


def read_text(path: Path, filename: str, max_bytes: int | None = None) -> str:
    """Read ``path`` (named ``filename`` in messages) as UTF-8, refusing files over ``max_bytes``."""
    try:
        if max_bytes is not None and (size := path.stat().st_size) > max_bytes:
            raise TextFileError(
                filename,
                1,
                f"the file is {size_text(size)} ({size:,} bytes), over the limit of {size_text(max_bytes)} "
                f"({max_bytes:,} bytes)",
            )
        data = path.read_bytes()
    except OSError as error:
        raise TextFileError(filename, 1, f"cannot read the file: {error.strerror}") from None
    return decode_utf8(data, filename)
