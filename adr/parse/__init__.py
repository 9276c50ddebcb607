"""Reading ADR files of every common format into `adr.model.Record`."""

from adr.parse.record import parse_record, read_record

__all__ = ["parse_record", "read_record"]
