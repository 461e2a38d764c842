"""EDI segments as lists of elements, each a list of components, with 1-based access."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Segment:
    tag: str
    elements: tuple[tuple[str, ...], ...]  # the data elements after the tag
    index: int  # position of the segment in the interchange, from 0

    def get(self, element: int, component: int = 0) -> str:
        """Element ``element`` (1 = the first after the tag), component ``component`` (from 0);
        "" when absent."""
        if element < 1 or element > len(self.elements):
            return ""
        parts = self.elements[element - 1]
        return parts[component].strip() if component < len(parts) else ""

    def components(self, element: int) -> list[str]:
        if element < 1 or element > len(self.elements):
            return []
        return [c.strip() for c in self.elements[element - 1]]

    def write(self, element: str = "+", component: str = ":") -> str:
        """The segment written back (without its terminator), for people to read."""
        parts = [component.join(e).rstrip(component) for e in self.elements]
        return element.join([self.tag, *parts]).rstrip(element)

    @property
    def text(self) -> str:
        return self.write()


def tokenize(
    text: str,
    *,
    element: str,
    component: str,
    terminator: str,
    release: str | None,
    tag_separator: str | None = None,
    newline_ends_segment: bool = False,
) -> list[Segment]:
    """Split ``text`` into segments. Line breaks between segments are ignored; with
    ``newline_ends_segment`` a line break also ends a segment whose terminator is missing.
    ``tag_separator`` is TRADACOMS's ``=`` between the tag and the first element."""
    segments: list[Segment] = []
    elements: list[list[str]] = []
    comps: list[str] = []
    chars: list[str] = []
    tag_open = tag_separator is not None

    def close_component() -> None:
        comps.append("".join(chars))
        chars.clear()

    def close_element() -> None:
        close_component()
        elements.append(list(comps))
        comps.clear()

    def close_segment() -> None:
        nonlocal tag_open
        close_element()
        tag = elements[0][0].strip() if elements and elements[0] else ""
        if tag:
            data = tuple(tuple(e) for e in elements[1:])
            while data and not any(data[-1]):
                data = data[:-1]
            segments.append(Segment(tag=tag, elements=data, index=len(segments)))
        elements.clear()
        tag_open = tag_separator is not None

    iterator = iter(text)
    for ch in iterator:
        if release is not None and ch == release:
            chars.append(next(iterator, ""))
        elif ch == terminator:
            close_segment()
        elif ch in "\r\n":
            if newline_ends_segment and (chars or comps or elements):
                close_segment()
        elif tag_open and ch == tag_separator:
            close_element()
            tag_open = False
        elif ch == element and not tag_open:
            close_element()
        elif ch == component and not tag_open:
            close_component()
        elif not chars and not comps and not elements and ch in " \t\ufeff":
            continue  # indentation before a segment's tag
        else:
            chars.append(ch)
    if "".join(chars).strip() or comps or elements:
        close_segment()
    return segments
