"""Working days per country: weekends and public holidays (fixed dates and Easter-based ones)."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left

from dateutil.easter import easter

_FIXED = {
    "FR": [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)],
    "BE": [(1, 1), (5, 1), (7, 21), (8, 15), (11, 1), (11, 11), (12, 25)],
    "DE": [(1, 1), (5, 1), (10, 3), (12, 25), (12, 26)],
    "GB": [(1, 1), (12, 25), (12, 26)],
    "US": [(1, 1), (6, 19), (7, 4), (11, 11), (12, 25)],
}
# Days after Easter Sunday: Good Friday (-2), Easter Monday (1), Ascension (39), Whit Monday (50).
_EASTER = {"FR": [1, 39, 50], "BE": [1, 39, 50], "DE": [-2, 1, 39, 50], "GB": [-2, 1], "US": []}


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> dt.date:
    last = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def holidays(country: str, years: range) -> set[dt.date]:
    days: set[dt.date] = set()
    for year in years:
        days.update(dt.date(year, m, d) for m, d in _FIXED.get(country, []))
        sunday = easter(year)
        days.update(sunday + dt.timedelta(days=n) for n in _EASTER.get(country, []))
        if country == "GB":
            days.update(
                {_nth_weekday(year, 5, 0, 1), _last_weekday(year, 5, 0), _last_weekday(year, 8, 0)}
            )
        if country == "US":
            days.update(
                {
                    _nth_weekday(year, 1, 0, 3),
                    _nth_weekday(year, 2, 0, 3),
                    _last_weekday(year, 5, 0),
                    _nth_weekday(year, 9, 0, 1),
                    _nth_weekday(year, 11, 3, 4),
                }
            )
    return days


class WorkingDays:
    """Business days of one country between two dates, with O(log n) arithmetic."""

    def __init__(self, country: str, start: dt.date, end: dt.date):
        off = holidays(country, range(start.year - 1, end.year + 2))
        self.off = off
        self.days: list[dt.date] = []
        day = start
        while day <= end:
            if day.weekday() < 5 and day not in off:
                self.days.append(day)
            day += dt.timedelta(days=1)

    def is_open(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.off

    def on_or_after(self, day: dt.date) -> dt.date:
        i = bisect_left(self.days, day)
        return self.days[min(i, len(self.days) - 1)]

    def add(self, day: dt.date, count: int) -> dt.date:
        i = bisect_left(self.days, day) + count
        if i >= len(self.days):  # beyond the calendar: plain weekdays are close enough
            extra = i - len(self.days) + 1
            day = self.days[-1]
            while extra:
                day += dt.timedelta(days=1)
                if day.weekday() < 5:
                    extra -= 1
            return day
        return self.days[i]
