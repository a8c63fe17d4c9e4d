"""The actor network: weights, degrees, betweenness, GraphML and JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import networkx as nx

from accord.analytics.network import Edge, Node
from accord.store import Store


def test_network_edges_and_centralities(world: Store) -> None:
    graph = world.network()
    assert graph.edges == (
        Edge("RUSGOV", "USAGOV", 1, -2.0), Edge("RUSMIL", "UKRMIL", 1, -10.0),
        Edge("USAGOV", "RUSGOV", 2, 2.0), Edge("joe-biden", "RUSGOV", 1, -5.0))
    assert graph.nodes == (
        Node("RUSGOV", degree=4, in_degree=3, out_degree=1, betweenness=1 / 12),
        Node("RUSMIL", degree=1, in_degree=0, out_degree=1, betweenness=0.0),
        Node("UKRMIL", degree=1, in_degree=1, out_degree=0, betweenness=0.0),
        Node("USAGOV", degree=3, in_degree=1, out_degree=2, betweenness=0.0),
        Node("joe-biden", degree=1, in_degree=0, out_degree=1, betweenness=0.0))


def test_network_counts_reports_and_windows(world: Store) -> None:
    assert world.network(count="reports").edges[2] == Edge("USAGOV", "RUSGOV", 4, 1.5)
    may = world.network(since=dt.date(2024, 5, 1))
    assert (may.edges, [n.id for n in may.nodes]) == ((Edge("USAGOV", "RUSGOV", 1, 3.0),), ["RUSGOV", "USAGOV"])
    assert world.network(until=dt.date(2020, 1, 1)).nodes == ()


def test_network_graphml_round_trips(world: Store, tmp_path: Path) -> None:
    path = tmp_path / "actors.graphml"
    assert world.network().write(path) == "graphml"
    graph = nx.read_graphml(path)
    assert sorted(graph.edges(data="weight")) == [
        ("RUSGOV", "USAGOV", 1), ("RUSMIL", "UKRMIL", 1), ("USAGOV", "RUSGOV", 2), ("joe-biden", "RUSGOV", 1)]
    assert graph.nodes["RUSGOV"] == {"degree": 4, "in_degree": 3, "out_degree": 1, "betweenness": 1 / 12}
    assert graph.graph["count"] == "stories"


def test_network_json_shape(world: Store, tmp_path: Path) -> None:
    path = tmp_path / "actors.json"
    assert world.network(since=dt.date(2024, 5, 1)).write(path) == "json"
    assert json.loads(path.read_text()) == {
        "directed": True, "count": "stories", "since": "2024-05-01", "until": None,
        "nodes": [{"id": "RUSGOV", "degree": 1, "in_degree": 1, "out_degree": 0, "betweenness": 0.0},
                  {"id": "USAGOV", "degree": 1, "in_degree": 0, "out_degree": 1, "betweenness": 0.0}],
        "edges": [{"source": "USAGOV", "target": "RUSGOV", "weight": 1, "goldstein_mean": 3.0}],
    }
