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
        compare_with_journal as compare_with_journal,
    )
    from calftui.insights.history import (
        WorkoutTrends as WorkoutTrends,
        at_load as at_load,
        best_text as best_text,
        days_strip as days_strip,
        heaviest_first as heaviest_first,
        rest_notice as rest_notice,
        strip_text as strip_text,
        suggest as suggest_load,
        tempo_kept as tempo_kept,
        workout_trends as workout_trends,
    )
    from calftui.insights.plan import (
        Plan as Plan,
        plan as plan_workout,
    )
    from calftui.insights.progress import (
        RANGES as CHART_RANGES,
        WEEKS as YEAR_WEEKS,
        Chart as ProgressChart,
        Exercise as ExerciseProgress,
        Year as YearAtAGlance,
        chart as progress_chart,
        date_label as date_label,
        date_ticks as date_ticks,
        day_number as day_number,
        gather as gather_progress,
        nice_step as nice_step,
        value_limits as value_limits,
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
