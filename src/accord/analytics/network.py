"""The actor network: a weighted directed graph of who acted on whom, with centralities.

Edges are aggregated in SQL (one row per directed pair); centralities are computed with
networkx on that small graph. `weight` is the number of stories (or reports) from source to
target; `degree` is a node's weighted degree (in + out); `betweenness` is normalised
betweenness centrality with edge length 1/weight, so heavy ties are short paths.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from accord.analytics.series import facts

if TYPE_CHECKING:
    from accord.analytics.counting import Counting, CountUnit, Database


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    weight: int
    goldstein_mean: float


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    degree: int
    in_degree: int
    out_degree: int
    betweenness: float


@dataclass(frozen=True, slots=True)
class Network:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    count: str = "stories"
    since: dt.date | None = None
    until: dt.date | None = None

    def node(self, id: str) -> Node | None:
        return next((n for n in self.nodes if n.id == id), None)

    def to_networkx(self) -> nx.DiGraph:
        graph = nx.DiGraph(count=self.count, since=_iso(self.since), until=_iso(self.until))
        for n in self.nodes:
            graph.add_node(n.id, degree=n.degree, in_degree=n.in_degree, out_degree=n.out_degree,
                           betweenness=n.betweenness)
        for e in self.edges:
            graph.add_edge(e.source, e.target, weight=e.weight, goldstein_mean=e.goldstein_mean)
        return graph

    def to_dict(self) -> dict[str, Any]:
        return {
            "directed": True,
            "count": self.count,
            "since": _iso(self.since),
            "until": _iso(self.until),
            "nodes": [
                {"id": n.id, "degree": n.degree, "in_degree": n.in_degree, "out_degree": n.out_degree,
                 "betweenness": n.betweenness}
                for n in self.nodes
            ],
            "edges": [
                {"source": e.source, "target": e.target, "weight": e.weight, "goldstein_mean": e.goldstein_mean}
                for e in self.edges
            ],
        }

    def write_json(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")

    def write_graphml(self, path: str | Path) -> None:
        graph = self.to_networkx()
        graph.graph = {k: v for k, v in graph.graph.items() if v is not None}
        nx.write_graphml(graph, str(path))

    def write(self, path: str | Path) -> str:
        """Write GraphML for a `.graphml` path, JSON otherwise; returns the format used."""
        if str(path).lower().endswith((".graphml", ".xml")):
            self.write_graphml(path)
            return "graphml"
        self.write_json(path)
        return "json"


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def network(
    db: Database, since: dt.date | None = None, until: dt.date | None = None,
    *, count: CountUnit = "stories", rules: Counting | None = None,
) -> Network:
    """The directed actor graph of counted stories (or reports) whose day falls in [since, until]."""
    window = "".join(f" AND day {op} ?" for op, v in ((">=", since), ("<=", until)) if v is not None)
    table, params = facts(count, rules, None, (window, [v for v in (since, until) if v is not None]))
    conds = ["source_key IS NOT NULL", "target_key IS NOT NULL"]
    if since is not None:
        conds.append("day >= ?")
        params.append(since)
    if until is not None:
        conds.append("day <= ?")
        params.append(until)
    sql = f"""SELECT source_key, target_key, count(*), avg(goldstein) FROM (
        SELECT DISTINCT unit, source_key, target_key, goldstein FROM {table} x
        WHERE {' AND '.join(conds)}) y GROUP BY 1, 2 ORDER BY 1, 2"""
    edges = tuple(Edge(s, t, int(w), float(g)) for s, t, w, g in db.query(sql, params))
    return Network(nodes=_nodes(edges), edges=edges, count=count, since=since, until=until)


def _nodes(edges: tuple[Edge, ...]) -> tuple[Node, ...]:
    graph = nx.DiGraph()
    for e in edges:
        graph.add_edge(e.source, e.target, weight=e.weight, length=1.0 / e.weight)
    betweenness = nx.betweenness_centrality(graph, weight="length", normalized=True) if edges else {}
    in_deg, out_deg = dict(graph.in_degree(weight="weight")), dict(graph.out_degree(weight="weight"))
    return tuple(
        Node(id=n, degree=int(in_deg[n] + out_deg[n]), in_degree=int(in_deg[n]), out_degree=int(out_deg[n]),
             betweenness=float(betweenness[n]))
        for n in sorted(graph.nodes)
    )
