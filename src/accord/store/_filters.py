"""EventQuery -> a parameterised SQL condition on the `events` table (aliased `e`).

The filters live with the counting rules in `accord.analytics.counting`; this module keeps the
old import path.
"""

from accord.analytics.counting import event_conditions, is_empty, like_pattern, where_clause

__all__ = ["event_conditions", "is_empty", "like_pattern", "where_clause"]
