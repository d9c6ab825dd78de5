/**
 * The actor view's ego network: the actor, the actors within one or two ties of it (`?hops=1` in the URL; two by
 * default), and the ties among them, drawn with GraphCanvas and listed beside it as links. Ties between the same two
 * actors are drawn as one line whose label names each (`advises · 3 shared events`), with an arrow when a relation
 * or role reads one way; the list gives every tie on its own.
 */
import Graph from 'graphology';
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { Link, useLocation } from 'wouter';
import { GraphCanvas } from '../components/graph-canvas.js';
import { ErrorState, Loading } from '../components/states.js';
import { ExplorerActorNetworkDocument, type ExplorerActorNetworkQuery, type TieKind } from '../generated/operations.js';
import { links } from '../links.js';

type Network = ExplorerActorNetworkQuery['network'];
type Tie = Network['ties'][number];

export const tieColours: Record<TieKind, string> = {
  RELATION: '#0f766e',
  ROLE: '#7c3aed',
  PROPOSAL: '#b45309',
  EVENT: '#94a3b8',
};
const tieNames: Record<TieKind, string> = {
  RELATION: 'relation',
  ROLE: 'role',
  PROPOSAL: 'co-authored proposals',
  EVENT: 'shared events',
};
/** Which kind colours a line standing for several ties: the most specific. */
const tieOrder: TieKind[] = ['RELATION', 'ROLE', 'PROPOSAL', 'EVENT'];
const distanceColours = ['#111827', '#0b57d0', '#8fb3ee'];
const distanceSizes = [16, 10, 7];

/** The URL of an actor's view keeping the hops chosen (2, the default, is left out). */
export function actorHref(id: string, hops: number): string {
  return hops === 2 ? links.actor(id) : `${links.actor(id)}?hops=${hops}`;
}

/** A relation type as words (NEGOTIATES_WITH → negotiates with); role titles and counts stand as they are. */
export function tieLabel(tie: Pick<Tie, 'kind' | 'label'>): string {
  return tie.kind === 'RELATION' ? tie.label.toLowerCase().replace(/_/g, ' ') : tie.label;
}

function buildGraph(network: Network, focus: string): Graph {
  const graph = new Graph({ multi: true, type: 'mixed' });
  for (const member of network.members) {
    if (graph.hasNode(member.actor.id)) continue;
    const distance = Math.min(member.distance, 2);
    graph.addNode(member.actor.id, { label: member.actor.name, size: distanceSizes[distance], color: distanceColours[distance] });
  }
  // One line per pair of actors and direction: a tie that reads both ways joins a line already drawn either way.
  const lines = new Map<string, { from: string; to: string; directed: boolean; ties: Tie[] }>();
  const pair = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const sorted = [...network.ties].sort((a, b) => Number(b.directed) - Number(a.directed));
  for (const tie of sorted) {
    if (!graph.hasNode(tie.from.id) || !graph.hasNode(tie.to.id) || tie.from.id === tie.to.id) continue;
    const key = tie.directed ? `${tie.from.id}>${tie.to.id}` : pair(tie.from.id, tie.to.id);
    const existing = lines.get(key) ?? (tie.directed ? undefined : (lines.get(`${tie.from.id}>${tie.to.id}`) ?? lines.get(`${tie.to.id}>${tie.from.id}`)));
    if (existing) existing.ties.push(tie);
    else lines.set(key, { from: tie.from.id, to: tie.to.id, directed: tie.directed, ties: [tie] });
  }
  for (const [key, line] of lines) {
    const kind = tieOrder.find((k) => line.ties.some((tie) => tie.kind === k)) ?? 'EVENT';
    const weight = line.ties.reduce((sum, tie) => sum + tie.weight, 0);
    // The lines of the actor in view are labelled; in a larger picture the others are not (their labels would bury
    // it): their colour says what they are, and the list beside it names each.
    const labelled = line.from === focus || line.to === focus || graph.order <= 15;
    const attributes = {
      label: labelled ? line.ties.map(tieLabel).join(' · ') : '',
      color: tieColours[kind],
      size: Math.min(1 + weight * 0.5, 5),
      type: line.directed ? 'arrow' : 'line',
    };
    if (line.directed) graph.addDirectedEdgeWithKey(key, line.from, line.to, attributes);
    else graph.addUndirectedEdgeWithKey(key, line.from, line.to, attributes);
  }
  return graph;
}

interface Neighbour {
  id: string;
  name: string;
  distance: number;
  /** Ties to the actor in view (direct neighbours). */
  ties: Tie[];
  /** Direct neighbours it is reached through (two steps away). */
  via: Array<{ id: string; name: string }>;
}

function neighbours(network: Network, focus: string): Neighbour[] {
  const names = new Map(network.members.map((member) => [member.actor.id, member.actor.name]));
  const distance = new Map(network.members.map((member) => [member.actor.id, member.distance]));
  return network.members
    .filter((member) => member.actor.id !== focus)
    .map((member) => {
      const id = member.actor.id;
      const touching = network.ties.filter((tie) => tie.from.id === id || tie.to.id === id);
      const other = (tie: Tie) => (tie.from.id === id ? tie.to.id : tie.from.id);
      const via = [...new Set(touching.map(other).filter((o) => distance.get(o) === 1 && member.distance === 2))];
      return {
        id,
        name: member.actor.name,
        distance: member.distance,
        ties: touching.filter((tie) => other(tie) === focus),
        via: via.map((v) => ({ id: v, name: names.get(v) ?? v })),
      };
    });
}

export function ActorNetwork({ id, name, hops }: { id: string; name: string; hops: number }) {
  const [, navigate] = useLocation();
  const [{ data, fetching, error }] = useQuery({ query: ExplorerActorNetworkDocument, variables: { id, hops } });
  const network = data?.network ?? null;
  const graph = useMemo(() => (network ? buildGraph(network, id) : null), [network, id]);
  const list = useMemo(() => (network ? neighbours(network, id) : []), [network, id]);

  const toggle = (
    <div className="toolbar" role="group" aria-label="How far the network reaches">
      {[1, 2].map((h) => (
        <Link key={h} href={actorHref(id, h)} className={`toggle${h === hops ? ' current' : ''}`} aria-current={h === hops ? 'true' : undefined}>
          {h === 1 ? 'Direct ties' : 'Within two ties'}
        </Link>
      ))}
    </div>
  );

  let body;
  if (fetching && !data) body = <Loading what="the network" />;
  else if (error) body = <ErrorState error={error} what="the network" />;
  else if (!network || !graph) body = null;
  else if (network.members.length <= 1) body = <p className="muted">{name} has no tie to another actor on record: no relation, role, shared event or co-authored proposal.</p>;
  else {
    const direct = list.filter((n) => n.distance === 1);
    const further = list.filter((n) => n.distance >= 2);
    body = (
      <div className="network-layout">
        <div className="network-picture">
          <GraphCanvas
            name="actor-network"
            graph={graph}
            focus={id}
            label={`The ties of ${name}: ${network.members.length} actors and ${network.ties.length} ties. The same actors are listed as links beside the picture.`}
            onClickNode={(node) => {
              if (node !== id) navigate(actorHref(node, hops));
            }}
          />
          <ul className="legend" aria-label="Legend">
            {tieOrder.map((kind) => (
              <li key={kind}>
                <span className="swatch line" style={{ background: tieColours[kind] }} /> {tieNames[kind]}
              </li>
            ))}
            <li>→ reads one way (relations, roles)</li>
            <li>
              <span className="swatch dot" style={{ background: distanceColours[1] }} /> direct tie
            </li>
            {hops > 1 && (
              <li>
                <span className="swatch dot" style={{ background: distanceColours[2] }} /> two ties away
              </li>
            )}
          </ul>
          {(network.omittedActors > 0 || network.omittedTies > 0) && (
            <p className="muted note">
              {network.omittedActors > 0 && `${network.omittedActors} more actors within reach are left out (the nearest and most strongly tied are drawn). `}
              {network.omittedTies > 0 && `${network.omittedTies} weaker ties are left out.`}
            </p>
          )}
        </div>
        <div className="network-list">
          <h3>Direct ties ({direct.length})</h3>
          <p className="muted hint">→ {name} to them · ← them to {name}</p>
          <ul className="plain" data-distance="1">
            {direct.map((n) => (
              <li key={n.id} data-neighbour={n.id}>
                <Link href={actorHref(n.id, hops)}>{n.name}</Link>{' '}
                {n.ties.map((tie) => (
                  <span key={tie.id} className="tie" style={{ borderColor: tieColours[tie.kind] }}>
                    {tie.directed ? (tie.from.id === id ? '→ ' : '← ') : ''}
                    {tieLabel(tie)}
                  </span>
                ))}
              </li>
            ))}
          </ul>
          {further.length > 0 && (
            <>
              <h3>Two ties away ({further.length})</h3>
              <ul className="plain" data-distance="2">
                {further.map((n) => (
                  <li key={n.id} data-neighbour={n.id}>
                    <Link href={actorHref(n.id, hops)}>{n.name}</Link>
                    {n.via.length > 0 && (
                      <span className="muted">
                        {' '}
                        via{' '}
                        {n.via.map((v, i) => (
                          <span key={v.id}>
                            {i > 0 && ', '}
                            {v.name}
                          </span>
                        ))}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
    );
  }

  return (
    <section aria-labelledby="network-heading" className="actor-network">
      <div className="section-head">
        <h2 id="network-heading">Network</h2>
        {toggle}
      </div>
      {body}
    </section>
  );
}
