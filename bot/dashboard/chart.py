"""The funnel as a horizontal bar chart, laid out here and drawn as inline SVG by a template.

No script and no inline style (the page's CSP forbids both): geometry is in attributes, colours in
dashboard.css. Each bar has its label and number as text, and the page repeats the numbers in a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 720
LABEL_WIDTH = 250
BAR_SPACE = 380  # room for the longest bar; its number goes after it
ROW_HEIGHT = 34
BAR_HEIGHT = 22
TOP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    y: int  # top of the bar
    width: int
    text_y: int  # baseline of the label and the number
    number_x: int


@dataclass(frozen=True)
class Chart:
    key: str  # unique on the page: ids of the chart's title and description
    title: str
    description: str
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: list[Bar]


def bar_chart(key: str, title: str, rows: Sequence[tuple[str, int]], no_data: str = "no data") -> Chart:
    largest = max((count for _, count in rows), default=0)
    bars = []
    for index, (label, count) in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        width = round(BAR_SPACE * count / largest) if largest else 0
        if count and width < 2:
            width = 2  # a count of one among thousands still shows
        bars.append(
            Bar(
                label=label,
                count=count,
                y=y,
                width=width,
                text_y=y + BAR_HEIGHT - 6,
                number_x=LABEL_WIDTH + width + 8,
            )
        )
    description = "; ".join(f"{label}: {count}" for label, count in rows) or no_data
    return Chart(
        key=key,
        title=title,
        description=description,
        width=WIDTH,
        height=TOP * 2 + ROW_HEIGHT * len(rows),
        label_width=LABEL_WIDTH,
        bar_height=BAR_HEIGHT,
        bars=bars,
    )
