"""What the journal tells the lifter: records, trends, the next step, last time, a session
against the past, and the progress charts' series.

Other packages import from here only. A name loads its module when first asked for, so importing
the package costs nothing until then."""

from __future__ import annotations

from typing import TYPE_CHECKING

from calftui.common import lazy_face

if TYPE_CHECKING:
    from calftui.insights.compare import (
        Comparison as Comparison,
    )
    from calftui.insights.compare import (
        compare_with_journal as compare_with_journal,
    )
    from calftui.insights.history import (
        WorkoutTrends as WorkoutTrends,
    )
    from calftui.insights.history import (
        at_load as at_load,
    )
    from calftui.insights.history import (
        best_text as best_text,
    )
    from calftui.insights.history import (
        days_strip as days_strip,
    )
    from calftui.insights.history import (
        heaviest_first as heaviest_first,
    )
    from calftui.insights.history import (
        rest_notice as rest_notice,
    )
    from calftui.insights.history import (
        strip_text as strip_text,
    )
    from calftui.insights.history import (
        suggest as suggest_load,
    )
    from calftui.insights.history import (
        tempo_kept as tempo_kept,
    )
    from calftui.insights.history import (
        workout_trends as workout_trends,
    )
    from calftui.insights.plan import (
        Plan as Plan,
    )
    from calftui.insights.plan import (
        plan as plan_workout,
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
        date_label as date_label,
    )
    from calftui.insights.progress import (
        date_ticks as date_ticks,
    )
    from calftui.insights.progress import (
        day_number as day_number,
    )
    from calftui.insights.progress import (
        gather as gather_progress,
    )
    from calftui.insights.progress import (
        nice_step as nice_step,
    )
    from calftui.insights.progress import (
        value_limits as value_limits,
    )
    from calftui.insights.progress import (
        year as year_at_a_glance,
    )

__getattr__, __dir__ = lazy_face(__name__, {
    "Comparison": "compare",
    "compare_with_journal": "compare",
    "WorkoutTrends": "history",
    "at_load": "history",
    "best_text": "history",
    "days_strip": "history",
    "heaviest_first": "history",
    "rest_notice": "history",
    "strip_text": "history",
    "suggest_load": "history.suggest",
    "tempo_kept": "history",
    "workout_trends": "history",
    "Plan": "plan",
    "plan_workout": "plan.plan",
    "CHART_RANGES": "progress.RANGES",
    "ExerciseProgress": "progress.Exercise",
    "ProgressChart": "progress.Chart",
    "YEAR_WEEKS": "progress.WEEKS",
    "YearAtAGlance": "progress.Year",
    "date_label": "progress",
    "date_ticks": "progress",
    "day_number": "progress",
    "gather_progress": "progress.gather",
    "nice_step": "progress",
    "progress_chart": "progress.chart",
    "value_limits": "progress",
    "year_at_a_glance": "progress.year",
})

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
    "plan_workout",
    "progress_chart",
    "rest_notice",
    "strip_text",
    "suggest_load",
    "tempo_kept",
    "value_limits",
    "workout_trends",
    "year_at_a_glance",
]
