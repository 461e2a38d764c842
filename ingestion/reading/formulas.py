"""Formulas of a workbook saved without their results.

Excel stores each formula's last result beside it, and the reader takes that. A workbook
written by a program (a web shop's export, a script with openpyxl) often stores the formula
alone: its line amounts and its total read as empty cells. The arithmetic such exports use is
small (``=C5*D5``, ``=SUM(E5:E9)``, ``=ROUND(E10*0.2,2)``), and is worked out here; anything else
(another sheet, a lookup, text) stays empty, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

_TOKEN = re.compile(
    r"\s*(?:(?P<range>\$?[A-Z]{1,3}\$?\d{1,7}:\$?[A-Z]{1,3}\$?\d{1,7})"
    r"|(?P<ref>\$?[A-Z]{1,3}\$?\d{1,7})(?![\w(])"
    r"|(?P<func>[A-Z][A-Z0-9.]*)\s*\("
    r"|(?P<number>\d+(?:\.\d+)?(?:E[+-]?\d+)?%?)"
    r"|(?P<op>[-+*/^(),]))",
    re.IGNORECASE,
)
_FUNCTIONS: dict[str, Callable[[list[Decimal]], Decimal]] = {
    "SUM": lambda xs: sum(xs, Decimal(0)),
    "MIN": lambda xs: min(xs),
    "MAX": lambda xs: max(xs),
    "AVERAGE": lambda xs: sum(xs, Decimal(0)) / len(xs),
}
MAX_DEPTH = 50


class Unsupported(Exception):
    """A formula this module does not work out."""


def column_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def _cell(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"\$?([A-Z]{1,3})\$?(\d{1,7})", ref, re.IGNORECASE)
    return int(m[2]) - 1, column_index(m[1])


class _Parser:
    """Recursive descent over one formula's tokens; ``value`` gives a cell's number."""

    def __init__(self, formula: str, value: Callable[[int, int], Decimal | None]):
        self.tokens = self._tokens(formula)
        self.pos = 0
        self.value = value

    @staticmethod
    def _tokens(formula: str) -> list[tuple[str, str]]:
        out, pos = [], 0
        text = formula.strip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if m is None or m.end() == pos:
                raise Unsupported(text[pos : pos + 10])
            kind = m.lastgroup
            out.append((kind, m[kind]))
            pos = m.end()
        return out

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, text: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None or (text is not None and token[1] != text):
            raise Unsupported("unexpected end")
        self.pos += 1
        return token

    def parse(self) -> Decimal:
        result = self.expression()
        if self.peek() is not None:
            raise Unsupported("trailing tokens")
        return result

    def expression(self) -> Decimal:
        result = self.term()
        while (token := self.peek()) and token[1] in "+-":
            self.take()
            right = self.term()
            result = result + right if token[1] == "+" else result - right
        return result

    def term(self) -> Decimal:
        result = self.power()
        while (token := self.peek()) and token[1] in "*/":
            self.take()
            right = self.power()
            if token[1] == "*":
                result *= right
            elif right == 0:
                raise Unsupported("division by zero")
            else:
                result /= right
        return result

    def power(self) -> Decimal:
        result = self.unary()
        if (token := self.peek()) and token[1] == "^":
            self.take()
            exponent = self.unary()
            if exponent != exponent.to_integral() or abs(exponent) > 10:
                raise Unsupported("power")
            result = result ** int(exponent)
        return result

    def unary(self) -> Decimal:
        token = self.peek()
        if token and token[1] in "+-":
            self.take()
            value = self.unary()
            return -value if token[1] == "-" else value
        return self.atom()

    def atom(self) -> Decimal:
        kind, text = self.take()
        if kind == "number":
            if text.endswith("%"):
                return Decimal(text[:-1]) / 100
            return Decimal(text)
        if kind == "ref":
            value = self.value(*_cell(text))
            return Decimal(0) if value is None else value  # an empty cell counts 0
        if kind == "op" and text == "(":
            value = self.expression()
            self.take(")")
            return value
        if kind == "func":
            return self.function(text.upper())
        raise Unsupported(text)

    def arguments(self) -> list[list[Decimal]]:
        args: list[list[Decimal]] = []
        if self.peek() and self.peek()[1] == ")":
            self.take(")")
            return args
        while True:
            token = self.peek()
            if token and token[0] == "range":
                self.take()
                args.append(self._range(token[1]))
            else:
                args.append([self.expression()])
            kind, text = self.take()
            if text == ")":
                return args
            if text != ",":
                raise Unsupported(text)

    def _range(self, text: str) -> list[Decimal]:
        first, last = text.split(":")
        (r0, c0), (r1, c1) = _cell(first), _cell(last)
        if (r1 - r0 + 1) * (c1 - c0 + 1) > 100_000:
            raise Unsupported("range too large")
        out = []
        for r in range(min(r0, r1), max(r0, r1) + 1):
            for c in range(min(c0, c1), max(c0, c1) + 1):
                value = self.value(r, c)
                if value is not None:
                    out.append(value)
        return out

    def function(self, name: str) -> Decimal:
        args = self.arguments()
        flat = [x for arg in args for x in arg]
        if name in _FUNCTIONS:
            if not flat and name != "SUM":
                raise Unsupported(name)
            return _FUNCTIONS[name](flat)
        if name == "PRODUCT":
            result = Decimal(1)
            for x in flat:
                result *= x
            return result
        if name in ("ROUND", "ROUNDUP", "ROUNDDOWN") and len(args) in (1, 2):
            places = int(args[1][0]) if len(args) == 2 else 0
            rounding = {"ROUND": "ROUND_HALF_UP", "ROUNDUP": "ROUND_UP"}.get(name, "ROUND_DOWN")
            return args[0][0].quantize(Decimal(1).scaleb(-places), rounding=rounding)
        if name == "ABS" and len(flat) == 1:
            return abs(flat[0])
        raise Unsupported(name)


def _number(value) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | Decimal):
        try:
            return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except InvalidOperation:
            return None
    return None


def work_out(values: list[list], formulas: list[list]) -> list[list]:
    """``values`` (a sheet's cached results, row by row) with the formulas that have none
    worked out where they can be; ``formulas`` is the same sheet read with its formulas."""
    done: dict[tuple[int, int], Decimal | None] = {}
    busy: set[tuple[int, int]] = set()

    def formula_at(r: int, c: int) -> str | None:
        if r < len(formulas) and c < len(formulas[r]):
            f = formulas[r][c]
            if isinstance(f, str) and f.startswith("="):
                return f[1:]
        return None

    def value(r: int, c: int) -> Decimal | None:
        cached = values[r][c] if r < len(values) and c < len(values[r]) else None
        if cached is not None:
            number = _number(cached)
            if number is None and isinstance(cached, str):
                raise Unsupported("text")
            return number
        if (r, c) in done:
            return done[(r, c)]
        formula = formula_at(r, c)
        if formula is None:
            return None
        if (r, c) in busy or len(busy) > MAX_DEPTH:
            raise Unsupported("circular")
        busy.add((r, c))
        try:
            result = _Parser(formula, value).parse()
        finally:
            busy.discard((r, c))
        done[(r, c)] = result
        return result

    out = [list(row) for row in values]
    for r, row in enumerate(formulas):
        for c, _f in enumerate(row):
            if formula_at(r, c) is None:
                continue
            if r < len(out) and c < len(out[r]) and out[r][c] is not None:
                continue
            try:
                result = value(r, c)
            except (Unsupported, InvalidOperation, ArithmeticError, ValueError, RecursionError):
                continue
            if result is None:
                continue
            while len(out) <= r:
                out.append([])
            out[r] += [None] * (c + 1 - len(out[r]))
            out[r][c] = result.quantize(Decimal("0.000001")).normalize()
    return out
