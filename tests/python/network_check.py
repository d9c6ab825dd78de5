"""networkx's own answers on an exported GraphML file, for tests/network.quiet.test.ts.

Reads the GraphML (argv[1]), today's date (argv[2]) and, on stdin, the service's partition (a JSON list of
communities, each {"actors": [ids], "stances": [[topicId, stance]]}). Builds from the export alone:
  - the actor-stance graph: each actor linked to (topic, stance) for its deciding current position per topic
    (valid today; the newest validFrom wins, undated last, then the smallest position id);
  - the actor network: actors tied by relations and roles, shared events and co-authored proposals, each tie adding 1
    to the weight of an undirected edge.
Prints JSON: networkx's Louvain modularity, the modularity of the service's partition on networkx's graph, and
PageRank, betweenness and degree of every actor.
"""
import json
import sys
from collections import defaultdict
from datetime import date
from itertools import combinations

import networkx as nx

TIES = {"LEADS", "MEMBER_OF", "ADVISES", "SPEAKS_FOR", "ENVOY_OF", "FAMILY_OF", "ALLIED_WITH",
        "NEGOTIATES_WITH", "REPRESENTS", "OPPOSES", "HOLDS_ROLE"}


def deciding_stances(edges, today):
    """(actor, topic) -> stance of the deciding position valid on `today`, from exported edges (source, target, key,
    attributes)."""
    best = {}
    for u, v, key, d in edges:
        if d.get("type") != "POSITION":
            continue
        valid_from, valid_to = d.get("validFrom") or "", d.get("validTo") or ""
        if valid_from and valid_from > today:
            continue
        if valid_to and valid_to <= today:
            continue
        pid = d.get("id", key)
        # Newest first (undated last), then the smallest position id.
        rank = (0, -date.fromisoformat(valid_from).toordinal(), pid) if valid_from else (1, 0, pid)
        if (u, v) not in best or rank < best[(u, v)][0]:
            best[(u, v)] = (rank, d["stance"])
    return {pair: stance for pair, (_, stance) in best.items()}


def stance_graph(stances):
    """Each actor linked to the (topic, stance) it holds."""
    bipartite = nx.Graph()
    for (actor, topic), stance in stances.items():
        bipartite.add_edge(("a", actor), ("s", topic, stance))
    return bipartite


def actor_network(actors, ties, groups):
    """Actors tied by relations and roles (pairs), and within each group (an event's participants, a proposal's
    authors); each tie adds 1 to the weight of an undirected edge."""
    network = nx.Graph()
    network.add_nodes_from(actors)
    def tie(a, b):
        if a == b:
            return
        w = network[a][b]["weight"] if network.has_edge(a, b) else 0
        network.add_edge(a, b, weight=w + 1)
    for a, b in ties:
        tie(a, b)
    for members in groups:
        for a, b in combinations(sorted(set(members)), 2):
            tie(a, b)
    return network


def exported_network(nodes, edges):
    """The actor network from exported nodes (id, attributes) and edges (source, target, key, attributes)."""
    actors = sorted(n for n, d in nodes if d.get("nodeType") == "Actor")
    actor_set = set(actors)
    ties, groups = [], defaultdict(set)
    for u, v, _key, d in edges:
        t = d.get("type")
        if t in TIES and u in actor_set and v in actor_set:
            ties.append((u, v))
        elif t == "PARTICIPATED_IN" and u in actor_set:
            groups[("event", v)].add(u)
        elif t == "AUTHORED_BY" and v in actor_set:
            groups[("proposal", u)].add(v)
    return actors, actor_network(actors, ties, groups.values())


def main():
    path, today = sys.argv[1], sys.argv[2]
    ours = json.load(sys.stdin)
    g = nx.read_graphml(path, force_multigraph=True)
    bipartite = stance_graph(deciding_stances(g.edges(keys=True, data=True), today))

    nx_communities = nx.community.louvain_communities(bipartite, seed=1)
    partition, seen = [], set()
    for community in ours:
        members = {("a", a) for a in community["actors"]} | {("s", t, s) for t, s in community["stances"]}
        members &= set(bipartite.nodes)
        partition.append(members)
        seen |= members
    partition += [{n} for n in bipartite.nodes if n not in seen]

    actors, network = exported_network(g.nodes(data=True), g.edges(keys=True, data=True))
    pagerank = nx.pagerank(network, alpha=0.85, weight="weight", tol=1e-10, max_iter=1000)
    betweenness = nx.betweenness_centrality(network, normalized=True)
    print(json.dumps({
        "stanceEdges": bipartite.number_of_edges(),
        "nxModularity": nx.community.modularity(bipartite, nx_communities),
        "nxCommunities": len(nx_communities),
        "oursModularity": nx.community.modularity(bipartite, partition),
        "actors": len(actors),
        "ties": network.number_of_edges(),
        "pageRank": pagerank,
        "betweenness": betweenness,
        "degree": {n: network.degree(n) for n in actors},
    }))


if __name__ == "__main__":
    main()
