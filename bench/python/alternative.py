"""The alternative to stancegraph's coalitions and centrality, timed for `npm run bench -- --ops analytics`:

1. networkx on the export: read the CSV node and edge lists (the quickest exported format to read; GraphML at 100k
   actors takes networkx minutes and gigabytes), build the actor-stance graph and the actor network (as
   tests/python/network_check.py does), then Louvain, PageRank and betweenness (sampled from 128 sources above 128
   actors, as the service does).
2. Pulling the same graph through the API, page by page (first: 100): positions, relations and events with their
   participants, as a user without the export would. Pulling stops after the budget (argv[3] seconds) and the total is
   extrapolated from the pages pulled (reported as such).

argv: the service's base URL, the CSV nodes file, the CSV edges file, the pull budget in seconds. Prints one JSON object.
"""
import csv
import json
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "python"))
import networkx as nx  # noqa: E402
from network_check import deciding_stances, exported_network, stance_graph  # noqa: E402

SOURCES = 128


def timed(fn):
    started = time.perf_counter()
    value = fn()
    return value, round(time.perf_counter() - started, 2)


def compute(bipartite, network):
    out = {}
    communities, out["louvainSeconds"] = timed(lambda: nx.community.louvain_communities(bipartite, seed=1))
    out["communities"] = len(communities)
    _, out["pageRankSeconds"] = timed(lambda: nx.pagerank(network, alpha=0.85, weight="weight"))
    k = min(SOURCES, network.number_of_nodes())
    _, out["betweennessSeconds"] = timed(lambda: nx.betweenness_centrality(network, k=k, seed=1))
    out["betweennessSources"] = k
    return out


def read_csv(nodes_path, edges_path):
    with open(nodes_path, newline="", encoding="utf-8") as f:
        nodes = [(row["id"], row) for row in csv.DictReader(f)]
    with open(edges_path, newline="", encoding="utf-8") as f:
        edges = [(row["source"], row["target"], row["id"], row) for row in csv.DictReader(f)]
    return nodes, edges


def on_export(nodes_path, edges_path):
    (nodes, edges), read_seconds = timed(lambda: read_csv(nodes_path, edges_path))
    (bipartite, (actors, network)), build_seconds = timed(lambda: (stance_graph(deciding_stances(edges, date.today().isoformat())), exported_network(nodes, edges)))
    result = {"readCsvSeconds": read_seconds, "buildSeconds": build_seconds, "nodes": len(nodes), "edges": len(edges)}
    result.update(compute(bipartite, network))
    result["totalSeconds"] = round(sum(v for k, v in result.items() if k.endswith("Seconds")), 2)
    return result


def post(url, query, variables):
    request = urllib.request.Request(url + "/graphql", data=json.dumps({"query": query, "variables": variables}).encode(), headers={"content-type": "application/json"})
    body = json.loads(urllib.request.urlopen(request, timeout=300).read())
    if body.get("errors"):
        raise RuntimeError(body["errors"][0]["message"])
    return body["data"]


LISTS = {
    "positions": "query($after: String) { positions(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id stance validFrom validTo actor { id } topic { id } } } }",
    "relations": "query($after: String) { relations(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { type from { id } to { id } } } }",
    "events": "query($after: String) { events(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id participants(first: 100) { nodes { actor { id } } } } } }",
}


def pull(url, budget):
    report, started = {}, time.perf_counter()
    for name, query in LISTS.items():
        after, pages, items, total, t0 = None, 0, 0, 0, time.perf_counter()
        while True:
            page = post(url, query, {"after": after})[name]
            total = page["totalCount"]
            pages += 1
            items += len(page["nodes"])
            if not page["pageInfo"]["hasNextPage"] or time.perf_counter() - started > budget:
                break
            after = page["pageInfo"]["endCursor"]
        seconds = time.perf_counter() - t0
        complete = items >= total
        report[name] = {"total": total, "pulled": items, "requests": pages, "seconds": round(seconds, 1),
                        "estimatedSeconds": round(seconds if complete or items == 0 else seconds * total / items, 1),
                        "extrapolated": not complete}
    report["estimatedSeconds"] = round(sum(v["estimatedSeconds"] for v in report.values()), 1)
    return report


def main():
    url, nodes_path, edges_path, budget = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    print(json.dumps({"networkxOnExport": on_export(nodes_path, edges_path), "pullThroughApi": pull(url, budget)}))


if __name__ == "__main__":
    main()
