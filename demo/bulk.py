"""Fast row inserts for the demo loader: COPY on PostgreSQL, executemany on SQLite.

Rows are plain tuples in the order of the fields the caller names; every other concrete field
gets its model default (or NULL), so fields that other apps add later need no change here as
long as they have a default. Primary keys are allocated up front (``IdPool``) so that rows can
reference each other before they are written; foreign keys are deferred until commit on both
backends, so tables can be flushed in any order inside the transaction.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from django.db import connection, models


def _copy_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


class IdPool:
    """Primary keys handed out before the rows exist."""

    def __init__(self, model: type[models.Model], block: int = 20_000):
        self.table = model._meta.db_table
        self.block = block
        self.pg = connection.vendor == "postgresql"
        self.buffer: list[int] = []
        self.next_sqlite = 0
        if not self.pg:
            with connection.cursor() as cursor:
                cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{self.table}"')
                self.next_sqlite = cursor.fetchone()[0] + 1

    def take(self) -> int:
        if not self.buffer:
            self._refill(self.block)
        return self.buffer.pop()

    def _refill(self, count: int) -> None:
        if self.pg:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [f'"{self.table}"', count],
                )
                ids = [row[0] for row in cursor.fetchall()]
        else:
            ids = list(range(self.next_sqlite, self.next_sqlite + count))
            self.next_sqlite += count
        self.buffer = ids[::-1]


class Table:
    """A buffered writer of one model's rows."""

    def __init__(
        self,
        writer: BulkWriter,
        model: type[models.Model],
        fields: Sequence[str],
        defaults: dict[str, Any] | None = None,
    ):
        self.writer = writer
        self.model = model
        self.table = model._meta.db_table
        concrete = {f.attname: f for f in model._meta.concrete_fields}
        unknown = [name for name in fields if name not in concrete]
        if unknown:
            raise ValueError(f"{model.__name__} has no field {', '.join(unknown)}")
        given = dict(defaults or {})
        self.fields = [concrete[name] for name in fields]
        rest: list[tuple[models.Field, Any]] = []
        for attname, field in concrete.items():
            if attname in fields:
                continue
            if attname in given:
                value = given[attname]
            elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = writer.now
            elif field.has_default():
                value = field.get_default()
            elif field.null:
                value = None
            elif isinstance(field, models.AutoField):
                continue
            else:
                raise ValueError(
                    f"{model.__name__}.{attname} is required and has no default: the demo must set it"
                )
            rest.append((field, value))
        self.columns = [f.column for f in self.fields] + [f.column for f, _ in rest]
        self.tail = tuple(
            v if conv is None else conv(v) for f, v in rest for conv in [self._converter(f)]
        )
        self.convert = self._compile([self._converter(f) for f in self.fields])
        self.rows: list[tuple] = []
        self.count = 0

    def _converter(self, field: models.Field) -> Callable[[Any], Any] | None:
        """How a Python value becomes a COPY text field (PostgreSQL) or a parameter (SQLite);
        ``None`` when it passes as is. A ``str`` given for a JSON field is taken as JSON text."""
        kind = field.get_internal_type()
        if self.writer.pg:
            if kind == "JSONField":
                return (
                    lambda v: "\\N"
                    if v is None
                    else _copy_text(v if isinstance(v, str) else _dump(v))
                )
            if kind == "BooleanField":
                return lambda v: "t" if v else "f"
            if kind == "DateTimeField":
                return lambda v: "\\N" if v is None else v.isoformat()
            if kind in (
                "CharField",
                "TextField",
                "EmailField",
                "SlugField",
                "FileField",
                "URLField",
            ):
                return lambda v: "\\N" if v is None else _copy_text(v)
            return lambda v: "\\N" if v is None else str(v)
        if kind == "JSONField":
            return lambda v: None if v is None else v if isinstance(v, str) else _dump(v)
        if kind == "DateTimeField":
            return _sqlite_datetime
        return None  # Django registers sqlite3 adapters for Decimal and date; bool is an int

    def _compile(self, converters: list[Callable[[Any], Any] | None]) -> Callable[[tuple], Any]:
        """One generated function per table turns a row into what the driver takes: much faster
        than a generic loop over converters for a million rows."""
        parts = [
            f"r[{i}]" if conv is None else f"c[{i}](r[{i}])" for i, conv in enumerate(converters)
        ]
        if self.writer.pg:
            body = "'\\t'.join((" + ", ".join(parts) + ",))"
            if self.tail:
                body += " + '\\t' + tail"
            source = f"lambda r, c=c, tail=tail: {body}"
            return eval(source, {"c": converters, "tail": "\t".join(self.tail)})  # noqa: S307
        source = f"lambda r, c=c, tail=tail: ({', '.join(parts)},) + tail"
        return eval(source, {"c": converters, "tail": self.tail})  # noqa: S307

    def add(self, *values: Any) -> None:
        self.rows.append(values)
        if len(self.rows) >= self.writer.chunk:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        columns = ", ".join(f'"{c}"' for c in self.columns)
        with connection.cursor() as cursor:
            if self.writer.pg:
                buffer = io.StringIO("\n".join(map(self.convert, self.rows)) + "\n")
                cursor.cursor.copy_expert(f'COPY "{self.table}" ({columns}) FROM STDIN', buffer)
            else:
                placeholders = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(
                    f'INSERT INTO "{self.table}" ({columns}) VALUES ({placeholders})',
                    list(map(self.convert, self.rows)),
                )
        self.count += len(self.rows)
        self.rows = []


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _sqlite_datetime(value: dt.datetime | None) -> str | None:
    # What Django's SQLite backend stores: naive UTC, "YYYY-MM-DD HH:MM:SS[.ffffff]".
    if value is None:
        return None
    return str(value.astimezone(dt.UTC).replace(tzinfo=None))


class BulkWriter:
    def __init__(self, *, now: dt.datetime, chunk: int = 20_000):
        self.now = now
        self.chunk = chunk
        self.pg = False
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                self.pg = hasattr(cursor.cursor, "copy_expert")  # psycopg2; otherwise plain inserts
        self.tables: list[Table] = []
        self.pools: dict[type[models.Model], IdPool] = {}

    def table(
        self,
        model: type[models.Model],
        fields: Sequence[str],
        defaults: dict[str, Any] | None = None,
    ) -> Table:
        table = Table(self, model, fields, defaults)
        self.tables.append(table)
        return table

    def new_id(self, model: type[models.Model]) -> int:
        pool = self.pools.get(model)
        if pool is None:
            pool = self.pools[model] = IdPool(model)
        return pool.take()

    def flush(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for table in self.tables:
            table.flush()
            counts[table.model.__name__] = counts.get(table.model.__name__, 0) + table.count
        return counts


def money(value: float | Decimal, places: str = "0.01") -> Decimal:
    return Decimal(str(value)).quantize(Decimal(places))
