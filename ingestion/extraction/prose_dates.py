"""Delivery dates written in sentences: what a buyer types in an email.

"Pour vendredi 4 décembre impérativement", "Pas avant mercredi 2 décembre", "can you deliver
tomorrow morning", "Requested delivery: Wednesday, 2nd of December", "by Monday 7th", "bitte
bis Freitag liefern". A sentence that speaks of delivering (or puts "pour", "by", "bis",
"avant", "until" right before the date) gives its date; words like "tomorrow" and weekday
names count from the day the message was sent.

A sentence about delivering whose time the engine cannot pin down ("fin de semaine
prochaine", "early January") gives a delivery date without a value at a low confidence, so
that a person looks; "as soon as possible" is no date at all.
"""

from __future__ import annotations

import datetime as dt
import re

from ingestion.extraction import dates as dates_mod
from ingestion.extraction.geometry import TextLine
from ingestion.extraction.model import Field
from ingestion.layout import TextSource

# a sentence about delivering, receiving or needing the goods
DELIVERY_CUE = re.compile(
    # (not "Lieferant", the supplier)
    r"\b(?:livr\w*|deliver\w*|liefer(?!ant)\w*|anliefer\w*|zustell\w*|ship(?:ped|ping|ment)?|dispatch\w*|"
    r"expedi\w*|versend\w*|envoy\w*|send|schick\w*|benotig\w*|brauchen|besoin|need(?:ed|s)?|required|requis|arriv\w*|"
    r"reception|receive|chantier|baustelle|parven\w*|enlev\w*|abhol\w*|pick(?:ed)?[\s-]?up|collect\w*)\b"
)
# words that put the date right after them: "pour vendredi", "by Monday 7th", "bis Freitag"
_BEFORE = re.compile(
    r"(?:\bpour(?:\s+l[ea])?|\bpas\s+avant(?:\s+le)?|\bavant(?:\s+le)?|\bau\s+plus\s+tard(?:\s+le)?|\bd'ici(?:\s+le)?|"
    r"\bby|\bfor|\bfur|\bbefore|\bno\s+later\s+than|\bnot\s+before|\buntil|\bw/c|\bweek\s+(?:commencing|beginning)|"
    r"\bbis(?:\s+(?:zum|spatestens))?|\bspatestens(?:\s+(?:am|bis))?|\bnicht\s+vor(?:\s+dem)?|"
    r"\bat\s+the\s+latest(?:\s+(?:by|on))?|\blatest(?:\s+(?:by|on))?)"
    r"\s*[:,]?\s*$"
)
# …of which those that set a day not to pass: the goods may come earlier
_DEADLINE = re.compile(
    r"(?:\bavant(?:\s+le)?|\bau\s+plus\s+tard(?:\s+le)?|\bd'ici(?:\s+le)?|\bby|\bbefore"
    r"|\bno\s+later\s+than|\buntil|\bbis(?:\s+(?:zum|spatestens))?|\bspatestens(?:\s+(?:am|bis))?"
    r"|\bat\s+the\s+latest(?:\s+(?:by|on))?|\blatest(?:\s+(?:by|on))?)"
    r"\s*[:,]?\s*$"
)
# what stands right before a day-and-month "4.12" that is a date, not a price
_DAY_BEFORE = re.compile(
    r"(?:\ble|\bam|\bon|\bthe|\bden|\bdem|\bzum|\bbis|\bby|\bpour|\bavant|\blatest|\bspatestens|"
    r"\bau\s+plus\s+tard)\s*$"
)
# the date of another document: "votre offre du 12 novembre", "Ihre Anfrage vom 3.12."
_REFERENCE_BEFORE = re.compile(
    r"(?:\bdu|\bvom|\bdated|\bof|\bfrom|\ben\s+date\s+du|\bsent|\benvoye\w*|\bwrote|\bschrieb)\s*$"
)
# a unit after a number that is no day and month ("2.1 bar", "4.5 mm", "1.6 l/h")
_A_MEASURE_AFTER = re.compile(
    r"\s*(?:bar|mbar|psi|mm|cm|m|km|kg|g|t|l|ml|cl|v|kv|w|kw|a|ma|hz|l/h|l/min|m3|m²|m2|%|°c?|"
    r"inch|in|zoll|ft|nm)(?![\w/])",
    re.IGNORECASE,
)
# a window told in words: "not before 9 November and no later than the 13th": its first day
_NOT_BEFORE = re.compile(
    r"(?:\bnot\s+before|\bno\s+earlier\s+than|\bearliest(?:\s+(?:on|by))?|\bpas\s+avant(?:\s+le)?"
    r"|\bau\s+plus\s+tot(?:\s+le)?|\bnicht\s+vor(?:\s+dem)?|\bfruhestens(?:\s+(?:am|ab))?)\s*[:,]?\s*$"
)
# a date's window goes on to another: "du 23/11 au 27/11", "vom 7. bis 11.12.", "from 7 to 11 Dec"
_RANGE_TO = re.compile(r"\s*(?:au|bis(?:\s+zum)?|to|till|until|-|–)\s*(?:le\s+)?(?=\d)")
# no date but "as soon as possible" (also the whole answer of a delivery label: "Délai |
# dès que possible", see ``header``)
ASAP = re.compile(
    r"\b(?:asap|as\s+soon\s+as\s+possible|des\s+que\s+possible|au\s+plus\s+(?:vite|tot)|rapidement|"
    r"urgent|immediate(?:ly)?|sofort|so\s+schnell\s+wie\s+moglich|schnellstmoglich|baldmoglichst|"
    r"umgehend|ehestmoglich|ehebaldigst|raschestmoglich|so\s+bald\s+wie\s+moglich)\b"
)
# a time the engine does not pin down
_VAGUE = re.compile(
    r"\b(?:next\s+week|this\s+week|end\s+of\s+(?:the\s+)?(?:week|month)|early|mid|late|"
    r"semaine\s+prochaine|cette\s+semaine|fin\s+(?:de\s+(?:la\s+)?)?(?:semaine|mois)|debut|mi-|"
    r"nachste[rn]?\s+woche|diese[rn]?\s+woche|ende\s+(?:der\s+woche|des\s+monats)|anfang|mitte|"
    # a feast or the holidays: "before Christmas", "avant Noël", "vor Weihnachten"
    r"christmas|xmas|noel|weihnachten|easter|paques|ostern|new\s+year|nouvel\s+an|neujahr|"
    r"holidays?|vacances|ferien|betriebsferien|urlaub)\b"
)
_WEEKDAYS = {
    0: "monday|lundi|montag",
    1: "tuesday|mardi|dienstag",
    2: "wednesday|mercredi|mittwoch",
    3: "thursday|jeudi|donnerstag",
    4: "friday|vendredi|freitag",
    5: "saturday|samedi|samstag",
    6: "sunday|dimanche|sonntag",
}
_WEEKDAY_OF = {name: n for n, names in _WEEKDAYS.items() for name in names.split("|")}
# English shorthand of a hurried message ("can i get for tues"); no "mon" (French "my") nor
# "sun"
_WEEKDAY_OF.update(
    {"tue": 1, "tues": 1, "wed": 2, "weds": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5}
)
_WEEKDAY_RE = "|".join(_WEEKDAY_OF)
_NEXT = r"next|this|coming|ce|nachsten|kommenden|diesen"
_RELATIVE = re.compile(
    rf"\b(?P<in2>apres[\s-]demain|ubermorgen|uebermorgen|the\s+day\s+after\s+tomorrow)\b"
    rf"|\b(?<!guten )(?P<in1>demain|tomorrow|morgen)\b(?!\s*,?\s*(?:\d|{_WEEKDAY_RE}))"
    # "pour la semaine prochaine", "next week", "nächste Woche": that week, from its Monday
    rf"|\b(?P<nextweek>next\s+week|(?:la\s+)?semaine\s+prochaine|n(?:a|ae)chste\s+woche"
    rf"|kommende\s+woche)\b"
    rf"|\b(?:(?P<next>{_NEXT})\s+)?(?P<weekday>{_WEEKDAY_RE})\b(?:\s+(?P<prochain>prochain))?"
    rf"(?:,?\s+(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|\.)?(?![\d./:]|\s*(?:h\b|uhr)))?"
)

ABSOLUTE = 0.85  # a date printed in full in a delivery sentence
RELATIVE = 0.8  # "tomorrow", "Monday 7th": counted from the day the message was sent
WEEKDAY = 0.75  # "vendredi": the next one
NEXT_WEEKDAY = 0.6  # "next Friday": this week's or next week's, people differ
UNREAD = 0.3
PREFERRED = 0.65  # "ideally Tuesday 8th" within a wider time: a person confirms
_PREFERRED = re.compile(
    r"\b(?:ideally|ideal(?:ement)?|idealerweise|preferably|de\s+preference|if\s+possible|"
    r"si\s+possible|moglichst|am\s+liebsten|au\s+mieux|best\s+(?:on|by))\s*(?:on|le|am)?\s*,?\s*$"
)


_WEEKDAY_AT_END = re.compile(rf"\b(?:{_WEEKDAY_RE})[\s,]*(?:the|le|den)?$")
_DATE_AT_START = re.compile(
    rf"^\d{{1,2}}(?:\.|er|st|nd|rd|th)?\s*(?:{dates_mod._MONTH_RE})\b(?:\s+(?:19|20)\d{{2}})?"
    r"|^\d{1,2}[./]\d{1,2}\.?(?:(?<=\.)|[./](?:19|20)?\d{2}\b)",
    re.IGNORECASE,
)
_DAY_AT_END = re.compile(r"(?:^|\s)\d{1,2}(?:\.|er|st|nd|rd|th)?$")
_MONTH_AT_START = re.compile(rf"^{dates_mod._MONTH_RE}(?:\s+(?:19|20)\d{{2}})?\b", re.IGNORECASE)


def _sentences(lines: list[TextLine]) -> list[tuple[str, TextLine]]:
    """The body's sentences (folded), each with its first line. Quoted history is cut before
    (``ingestion.splitting.quotes``): what is left is the order."""
    from ingestion.extraction.header import QUOTED_HEADER

    out: list[tuple[str, TextLine]] = []
    for k, ln in enumerate(lines):
        norm = ln.norm.strip()
        if ln.source == TextSource.PLAIN and QUOTED_HEADER.match(norm):
            continue  # "Envoyé : vendredi 20 novembre 2026": when a quoted message was sent
        following = lines[k + 1].norm.strip() if k + 1 < len(lines) else ""
        if _DAY_AT_END.search(norm) and _MONTH_AT_START.match(following):
            # "Lieferung bitte bis 12." / "November 2026 an: …": a date wrapped at its day
            norm = norm + " " + _MONTH_AT_START.match(following).group(0)
        elif _WEEKDAY_AT_END.search(norm) and following:
            # "… no later than Friday" / "16th October – earlier is fine": a date wrapped
            # after its weekday
            wrapped = _DATE_AT_START.match(following)
            if wrapped:
                norm = norm + " " + wrapped.group(0)
        previous = lines[k - 1].norm.strip() if k else ""
        cue = _BEFORE.search(previous) if previous and lines[k - 1].page == ln.page else None
        split = (
            re.search(r"\b(?:(?:no|not)\s+later|at\s+the|au\s+plus)$", previous)
            if previous and lines[k - 1].page == ln.page and lines[k - 1].index == ln.index - 1
            else None
        )
        if split and re.match(r"(?:than|latest|tard)\b", norm):
            # "… We need them on site no later" / "than Friday 16 October": the cue wrapped
            norm = split.group(0) + " " + norm
        elif cue and lines[k - 1].index == ln.index - 1:
            # "… and in any case before" / "Friday 4 December 2026 as our stock …": the word
            # that asks for the date ends the line above
            norm = previous[cue.start() :].strip() + " " + norm
        parts: list[str] = []
        for part in re.split(r"(?<=[a-z)\]])([.!?;])\s+|\s+-\s+(?=[a-z])", norm):
            if part is None or part in ".!?;":
                continue
            if parts and _SHORT_WEEKDAY_AT_END.search(parts[-1]):
                parts[-1] += ". " + part  # "bis Fr. 04.12. liefern": one sentence
            else:
                parts.append(part)
        out += [(part, ln) for part in parts if part.strip()]
    return out


def _weekday_date(reference: dt.date, weekday: int, day: int | None) -> dt.date | None:
    """The first day after ``reference`` that is that weekday (and that day of a month)."""
    for n in range(1, 400 if day else 8):
        date = reference + dt.timedelta(days=n)
        if date.weekday() == weekday and (day is None or date.day == day):
            return date
    return None


def _after_reference(value: dt.date, reference: dt.date, has_year: bool, kind: str = "") -> dt.date:
    """A date printed without its year is the next one: "12. Jänner" or "semaine 2" sent in
    December."""
    if not has_year and value < reference - dt.timedelta(days=60):
        return dates_mod.a_year_later(value, kind) or value
    return value


# "Fr.", "Mo.", "ven.": a weekday shortened before its date
_SHORT_WEEKDAY = r"mo|di|mi|do|fr|sa|lun|mar|mer|jeu|ven|sam|mon|tue|wed|thu|fri|sat"
_SHORT_WEEKDAY_AT_END = re.compile(rf"\b(?:{_SHORT_WEEKDAY})$")
_WEEKDAY_TAIL = re.compile(
    rf"(?:\b(?:{_WEEKDAY_RE})\b[\s,]*(?:the\s+|le\s+|den\s+)?|\b(?:{_SHORT_WEEKDAY})\.\s*"
    rf"|\b(?:mo|di|mi|do|fr|sa)\s+)$"
)
# opening days, not a date: "du lundi au vendredi", "Montag bis Freitag", "every Monday"
_DAY_SHORT = rf"{_WEEKDAY_RE}|mon|mo|lun|lu|mar|ma|mer|me|jeu|je|ven|ve|di|mi|do|fr|sa|so|sun"
_HABIT = re.compile(
    rf"\b(?:{_WEEKDAY_RE})\s*(?:-|–|au|a|to|till|through|bis|und|et|and)\s*(?:{_WEEKDAY_RE})\b"
    # opening days: "Mon–Fri 8:00–15:30", "Mo-Fr", "lun.-ven."
    rf"|\b(?:{_DAY_SHORT})\.?\s*(?:-|–|/)\s*(?:{_DAY_SHORT})\b"
    rf"|\b(?:tous\s+les|every|jeden|les|le|on)\s+(?:{_WEEKDAY_RE})s?\b(?!\s*\d)"
)


def _cued(before: str) -> bool:
    """Whether the words right before a date (a weekday aside) ask for it: "pour", "by"."""
    # "pour la semaine du 14/12", "for the week of …": the word before the week asks for it
    plain = _WEEKDAY_TAIL.sub("", before)
    return bool(_BEFORE.search(plain) or _BEFORE.search(dates_mod.WEEK_OF.sub("", plain)))


def _weekday_before(sentence: str, start: int) -> int | None:
    m = re.search(rf"\b({_WEEKDAY_RE})\b[\s,]*(?:the\s+|le\s+|den\s+)?$", sentence[:start])
    return _WEEKDAY_OF[m.group(1)] if m else None


def _undoubled(text: str) -> str:
    """A scan's words read twice blanked out, in place: "du du lundi lundi au au vendredi"."""
    return re.sub(r"\b(\w+)(\s+)\1\b", lambda m: m[1] + m[2] + " " * len(m[1]), text)


def prose_delivery_date(
    lines: list[TextLine],
    *,
    reference: dt.date | None,
    dayfirst: bool | None,
    default_year: int | None,
    skip_lines: set[int] = frozenset(),
) -> Field | None:
    """The delivery date a message's sentences ask for, counted from ``reference`` (the day
    it was sent) where they say "tomorrow" or a weekday."""
    found: list[Field] = []
    preferred: list[Field] = []  # "w/c 7th December, ideally Tuesday 8th": the 8th
    unread: Field | None = None
    for sentence, ln in _sentences(lines):
        printed: list[tuple[int, int]] = []
        if ln.index in skip_lines:
            continue
        cue = DELIVERY_CUE.search(sentence)
        range_end = -1  # where the second date of "du 23/11 au 27/11" starts
        opened = False  # a date "not before" which the goods may come was read
        for m in dates_mod.find_dates(
            sentence, dayfirst=dayfirst, default_year=default_year, allow_partial=True
        ):
            before = sentence[: m.start]
            if m.start == range_end:
                continue  # a window's end: the goods may come from its start
            if opened and _DEADLINE.search(_WEEKDAY_TAIL.sub("", before)):
                continue  # "… and no later than 13 November": that window's end
            window = _RANGE_TO.match(sentence, m.end)
            if window:
                # "Période de livraison du 23/11/2026 au 27/11/2026": from the 23rd
                range_end = window.end()
            elif _REFERENCE_BEFORE.search(before) and not dates_mod.WEEK_OF.search(before):
                continue  # "votre offre du 12/10" (but "pour la semaine du 14/12" is asked)
            if not (cue and cue.start() < m.start or _cued(before)):
                continue
            unweekdayed = _WEEKDAY_TAIL.sub("", before)
            if m.kind == "partial" and not (
                _DAY_BEFORE.search(unweekdayed) or unweekdayed != before
            ):
                continue  # "à 4.12 €" is a price ("Do 3.12.", "Fr. 04.12.": a day)
            if m.kind == "partial" and _A_MEASURE_AFTER.match(sentence, m.end):
                continue  # "the spec sheet for the 2.1 bar regulators": a measure
            has_year = bool(re.search(r"(?:19|20)\d{2}|'\d{2}|[./-]\d{2}$", m.text))
            value = m.value
            if reference is not None:
                value = _after_reference(value, reference, has_year, m.kind)
            confidence = ABSOLUTE * (0.7 if m.ambiguous else 1.0)
            if dates_mod.WEEK_OF.search(before) and value.weekday() != 0:
                # "week of 16 Dec": which day? (the week's Monday is its first, as its number)
                confidence = min(confidence, 0.6)
            weekday = _weekday_before(sentence, m.start)
            if weekday is not None and weekday != value.weekday():
                confidence = 0.5  # "vendredi 3 décembre" and the 3rd is a Thursday
            # "avant le 18 décembre", "by Friday 4th", "bis spätestens": a date not to pass
            by = "+by" if _DEADLINE.search(unweekdayed) else ""
            if _NOT_BEFORE.search(unweekdayed):
                opened, by = True, "+window"
            found.append(
                Field(value, round(confidence, 4), ln.source_ref(), "prose_date:" + m.kind + by)
            )
            if _PREFERRED.search(unweekdayed):
                preferred.append(found[-1])
            printed.append((m.start - 12, m.end))
        if reference is None:
            continue
        habits = [h.span() for h in _HABIT.finditer(_undoubled(sentence))]
        for m in _RELATIVE.finditer(_undoubled(sentence)):
            before = sentence[: m.start()]
            if any(a <= m.start() < b for a, b in printed if a >= 0 or m.start() < b):
                continue  # the weekday of a date printed in full ("Monday 7th December")
            if found and not _PREFERRED.search(before):
                continue  # the date printed in full is the one asked for
            if not (cue or _cued(before)):
                continue
            if any(a <= m.start("weekday") < b for a, b in habits if m["weekday"]):
                continue
            if m["nextweek"] and re.search(
                r"\b(?:early|late|end\s+of|mid|middle\s+of|debut|fin|courant|milieu|anfang|ende"
                r"|mitte|im\s+laufe\s+der)\s*(?:de\s+)?(?:la\s+)?$",
                before,
            ):
                continue  # "early next week": some day of it, none said
            if m["nextweek"]:
                monday = reference + dt.timedelta(days=7 - reference.weekday())
                found.append(Field(monday, NEXT_WEEKDAY, ln.source_ref(), "prose_date:next_week"))
                continue
            if m["in2"] or m["in1"]:
                value = reference + dt.timedelta(days=2 if m["in2"] else 1)
                found.append(Field(value, RELATIVE, ln.source_ref(), "prose_date:relative"))
                continue
            day = int(m["day"]) if m["day"] else None
            value = _weekday_date(reference, _WEEKDAY_OF[m["weekday"]], day)
            if value is None:
                continue
            confidence = RELATIVE if day else NEXT_WEEKDAY if m["next"] else WEEKDAY
            if m["prochain"] and not day:
                confidence = NEXT_WEEKDAY
            found.append(Field(value, confidence, ln.source_ref(), "prose_date:weekday"))
            if _PREFERRED.search(before):
                preferred.append(found[-1])
        vague = cue and _VAGUE.search(sentence) and not ASAP.search(sentence)
        if not found and unread is None and vague:
            unread = Field(None, UNREAD, ln.source_ref(), "prose_date:unread")
    if not found:
        return unread
    if len(preferred) == 1 and len(found) > 1:
        # a range and the day preferred within it: that day, for a person to confirm
        return preferred[0].with_confidence(min(preferred[0].confidence, PREFERRED), "+preferred")
    values = {f.value for f in found}
    best = max(found, key=lambda f: f.confidence)
    if len(values) > 1:
        # two dates asked for ("not before the 2nd, at the latest the 4th"): a person picks
        return best.with_confidence(min(best.confidence, 0.5), "+several")
    return best


__all__ = ["prose_delivery_date"]
