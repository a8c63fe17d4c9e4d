"""Analytics over a store: story events, dyad series, rankings, networks and exports.

Modules: `stories` (the story-event rule), `series` (dyad series, top actors and dyads, type
mix), `network` (actor graph with centralities), `export` (Parquet, CSV, JSONL). Most of this is
reached through the Store methods (`store.dyad_series(...)`, `store.network(...)`).
"""
