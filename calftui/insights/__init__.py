"""What the journal tells the lifter: records, trends, the next step, last time, a session
against the past, and the progress charts' series.

Other packages import from here only; the modules behind it are this package's own."""

from calftui.insights.compare import (
    Comparison,
    compare_with_journal,
)
from calftui.insights.history import (
    WorkoutTrends,
    at_load,
    best_text,
    days_strip,
    heaviest_first,
    rest_notice,
    strip_text,
    tempo_kept,
    workout_trends,
)
from calftui.insights.history import (
    suggest as suggest_load,
)
from calftui.insights.plan import (
    Plan,
    plan,
)
from calftui.insights.progress import (
    RANGES as CHART_RANGES,
)
from calftui.insights.progress import (
    WEEKS as YEAR_WEEKS,
)
from calftui.insights.progress import (
    Chart as ProgressChart,
)
from calftui.insights.progress import (
    Exercise as ExerciseProgress,
)
from calftui.insights.progress import (
    Year as YearAtAGlance,
)
from calftui.insights.progress import (
    chart as progress_chart,
)
from calftui.insights.progress import (
    date_label,
    date_ticks,
    day_number,
    nice_step,
    value_limits,
)
from calftui.insights.progress import (
    gather as gather_progress,
)
from calftui.insights.progress import (
    year as year_at_a_glance,
)

__all__ = [
    "CHART_RANGES",
    "YEAR_WEEKS",
    "Comparison",
    "ExerciseProgress",
    "Plan",
    "ProgressChart",
    "WorkoutTrends",
    "YearAtAGlance",
    "at_load",
    "best_text",
    "compare_with_journal",
    "date_label",
    "date_ticks",
    "day_number",
    "days_strip",
    "gather_progress",
    "heaviest_first",
    "nice_step",
    "plan",
    "progress_chart",
    "rest_notice",
    "strip_text",
    "suggest_load",
    "tempo_kept",
    "value_limits",
    "workout_trends",
    "year_at_a_glance",
]
