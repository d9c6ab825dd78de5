"""Reads exported files as an analyst would, and prints what it found in each as a JSON list (tests/export.test.ts).

    read_export.py KIND FILE [KIND FILE ...]
      graphml, gexf: networkx.read_graphml / networkx.read_gexf
      csv:           the standard library's csv reader

Graph files: the graph's kind, node and edge counts, every node's attributes by id and every edge's (with its source
and target) by edge id. CSV: the header and every row as a dict.
"""

import csv
import json
import sys

import networkx as nx


def read_graph(kind, path):
    graph = nx.read_graphml(path) if kind == "graphml" else nx.read_gexf(path)
    edges = {}
    # A multigraph keys each edge by its id; a simple graph (no parallel edges were read) keeps the id as an attribute.
    triples = (
        ((source, target, data.get("id", key), data) for source, target, key, data in graph.edges(keys=True, data=True))
        if graph.is_multigraph()
        else ((source, target, data.get("id"), data) for source, target, data in graph.edges(data=True))
    )
    for source, target, edge_id, data in triples:
        edges[edge_id] = {**{k: v for k, v in data.items() if k != "id"}, "source": source, "target": target}
    return {
        "kind": kind,
        "graphType": type(graph).__name__,
        "directed": graph.is_directed(),
        "nodeCount": graph.number_of_nodes(),
        "edgeCount": graph.number_of_edges(),
        "nodes": {node: data for node, data in graph.nodes(data=True)},
        "edges": edges,
    }


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        rows = list(reader)
        return {"kind": "csv", "header": reader.fieldnames, "rows": rows}


def main():
    pairs = zip(sys.argv[1::2], sys.argv[2::2])
    results = [read_csv(path) if kind == "csv" else read_graph(kind, path) for kind, path in pairs]
    json.dump(results, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
