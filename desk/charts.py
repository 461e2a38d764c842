"""Small inline SVG bar charts for the dashboard: geometry computed here, drawn by a partial."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from desk.selectors import Dashboard

WIDTH, HEIGHT, GAP = 280, 70, 2


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: str


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    latest: str
    width: int = WIDTH
    height: int = HEIGHT
    slug: str = ""


def bar_chart(
    title, labels: list[str], values: list[float | None], *, fmt=lambda v: f"{v:g}", slug: str = ""
) -> Chart:
    top = max((v for v in values if v is not None), default=0) or 1
    step = WIDTH / max(len(values), 1)
    bars = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        height = 0 if value is None else max(1.0, HEIGHT * value / top) if value else 0
        bars.append(
            Bar(
                x=round(i * step + GAP / 2, 2),
                y=round(HEIGHT - height, 2),
                width=round(step - GAP, 2),
                height=round(height, 2),
                label=label,
                value="—" if value is None else fmt(value),
            )
        )
    latest = bars[-1].value if bars else "—"
    return Chart(title=str(title), bars=bars, latest=latest, slug=slug)


def dashboard_charts(data: Dashboard) -> list[Chart]:
    series = data.series
    labels = [formats.date_format(d, "SHORT_DATE_FORMAT") for d in series.days]
    percent = lambda v: f"{v * 100:.0f} %"  # noqa: E731
    minutes = lambda v: f"{v:.0f} min"  # noqa: E731
    return [
        bar_chart(_("Orders received"), labels, series.received, slug="received"),
        bar_chart(_("Queue at the end of the day"), labels, series.queue_size, slug="queue"),
        bar_chart(
            _("Touchless rate"), labels, series.touchless_rate, fmt=percent, slug="touchless"
        ),
        bar_chart(
            _("Median time received → validated"),
            labels,
            series.median_minutes,
            fmt=minutes,
            slug="median",
        ),
        bar_chart(_("Corrections"), labels, series.corrections, slug="corrections"),
        bar_chart(_("Orders decided by the desk"), labels, series.decided, slug="decided"),
    ]
