/**
 * Coalitions and centrality: the actors grouped by the stances they share (coalitions, as of a date chosen on a time
 * slider over the graph's stance history), drawn coloured by coalition and sized by a centrality measure. The legend
 * lists every coalition — size, cohesion, what it agrees on, what divides it from others — and every member as a
 * link, which is how keyboards reach what the canvas shows. State in the URL: /network?asOf=&by=&resolution=.
 */
import Graph from 'graphology';
import { useEffect, useMemo, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { Link, useLocation, useSearchParams } from 'wouter';
import { StanceBadge } from '../components/badges.js';
import { GraphCanvas } from '../components/graph-canvas.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import {
  ExplorerCoalitionsDocument,
  ExplorerNetworkNewestDocument,
  ExplorerNetworkProbeDocument,
  ExplorerNetworkTiesDocument,
  type ExplorerCoalitionsQuery,
  type ExplorerNetworkTiesQuery,
} from '../generated/operations.js';
import { links } from '../links.js';
import { useDebounced } from '../components/use-debounced.js';
import './network.css';

const graphName = 'coalition-network';

/** The schema's CentralityMeasure (Actor.centrality answers all three; the view picks one for sizing). */
type CentralityMeasure = 'PAGE_RANK' | 'BETWEENNESS' | 'DEGREE';

const measures: ReadonlyArray<{ value: CentralityMeasure; label: string; hint: string }> = [
  { value: 'PAGE_RANK', label: 'PageRank', hint: 'how much the well-tied are tied to it' },
  { value: 'BETWEENNESS', label: 'Betweenness', hint: 'how often it lies on the shortest path between two others' },
  { value: 'DEGREE', label: 'Degree', hint: 'how many actors it is tied to' },
];

/** Twenty distinguishable colours, one per coalition of a page (the legend names each, so colour is not the only cue). */
const palette = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
  '#393b79', '#ad494a', '#637939', '#8c6d31', '#7b4173', '#3182bd', '#e6550d', '#31a354', '#756bb1', '#636363',
];

type Coalitions = ExplorerCoalitionsQuery['coalitions'];
type Coalition = Coalitions['nodes'][number];
type Member = Coalition['members']['nodes'][number];
type Ties = ExplorerNetworkTiesQuery['network'];

/** `Query.network` draws ties among at most this many actors: the most central of those drawn. */
const MAX_TIED = 100;

const dayMs = 86_400_000;
const isDate = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
const toDay = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / dayMs);
const fromDay = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);

interface DateRange {
  earliest: string;
  latest: string;
}

/**
 * The span of the graph's stance history: from the earliest to the newest position's validFrom. The newest is the
 * first of `positions` (newest first); the earliest is found by bisection, seven dates per request (each asks for the
 * newest position stated on or before it), from 1900 — at most six small requests, whatever the graph holds.
 */
function useStanceDates(): { range: DateRange | null; error: string | null; loading: boolean } {
  const client = useClient();
  const [state, setState] = useState<{ range: DateRange | null; error: string | null; loading: boolean }>({ range: null, error: null, loading: true });
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const newest = await client.query(ExplorerNetworkNewestDocument, {}).toPromise();
      if (newest.error) throw newest.error;
      const latest = newest.data?.positions.nodes[0]?.validFrom ?? null;
      if (!latest) return null;
      // Invariant: the earliest validFrom lies in [lo, hi] (days).
      let lo = toDay('1900-01-01');
      let hi = toDay(latest);
      for (let round = 0; round < 8 && lo < hi; round++) {
        const step = (hi - lo) / 8;
        const probes = Array.from({ length: 7 }, (_, i) => Math.min(hi - 1, lo + Math.floor(step * (i + 1))));
        const dates = probes.map(fromDay);
        const answer = await client
          .query(ExplorerNetworkProbeDocument, { d0: dates[0]!, d1: dates[1]!, d2: dates[2]!, d3: dates[3]!, d4: dates[4]!, d5: dates[5]!, d6: dates[6]! })
          .toPromise();
        if (answer.error) throw answer.error;
        const data = answer.data;
        if (!data) break;
        [data.p0, data.p1, data.p2, data.p3, data.p4, data.p5, data.p6].forEach((probe, i) => {
          const found = probe.nodes[0]?.validFrom;
          if (found) hi = Math.min(hi, toDay(found));
          else lo = Math.max(lo, probes[i]! + 1);
        });
      }
      return { earliest: fromDay(hi), latest };
    })().then(
      (range) => !cancelled && setState({ range, error: null, loading: false }),
      (error: unknown) => !cancelled && setState({ range: null, error: error instanceof Error ? error.message : String(error), loading: false }),
    );
    return () => {
      cancelled = true;
    };
  }, [client]);
  return state;
}

function measureOf(member: Member, by: CentralityMeasure): number {
  if (by === 'BETWEENNESS') return member.centrality.betweenness;
  if (by === 'DEGREE') return member.centrality.degree;
  return member.centrality.pageRank;
}

function formatMeasure(value: number, by: CentralityMeasure): string {
  if (by === 'DEGREE') return String(value);
  return value.toFixed(3);
}

/** What a coalition is called: its place in the list and its most engaged member. */
function coalitionName(index: number, coalition: { members: { nodes: ReadonlyArray<{ name: string }> } }): string {
  const core = coalition.members.nodes[0]?.name;
  return `Coalition ${index + 1}${core ? ` · around ${core}` : ''}`;
}

export function NetworkView() {
  const [params, setParams] = useSearchParams();
  const [, navigate] = useLocation();
  const asOfParam = params.get('asOf');
  const asOf = isDate(asOfParam) ? asOfParam : null;
  const by = measures.find((m) => m.value === params.get('by'))?.value ?? 'PAGE_RANK';
  const resolutionParam = Number(params.get('resolution') ?? '1');
  const resolution = Number.isFinite(resolutionParam) && resolutionParam >= 0.1 && resolutionParam <= 10 ? resolutionParam : 1;

  const update = (change: (next: URLSearchParams) => void, options?: { replace?: boolean }) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      change(next);
      return next;
    }, options);

  const dates = useStanceDates();
  const [after, setAfter] = useState<string[]>([]);
  useEffect(() => setAfter([]), [asOf, resolution]);
  const cursor = after[after.length - 1] ?? null;
  const [{ data, fetching, error }] = useQuery({ query: ExplorerCoalitionsDocument, variables: { asOf, resolution, after: cursor } });
  const coalitions = data?.coalitions;
  // Ties among the drawn actors: the most central (by the chosen measure) when more than Query.network takes.
  const tiedIds = useMemo(() => {
    const members = (coalitions?.nodes ?? []).flatMap((coalition) => coalition.members.nodes);
    return members
      .sort((x, y) => measureOf(y, by) - measureOf(x, by) || (x.id < y.id ? -1 : 1))
      .slice(0, MAX_TIED)
      .map((member) => member.id)
      .sort();
  }, [coalitions, by]);
  const drawnCount = (coalitions?.nodes ?? []).reduce((n, coalition) => n + coalition.members.nodes.length, 0);
  const [tiesResult] = useQuery({ query: ExplorerNetworkTiesDocument, variables: { actorIds: tiedIds }, pause: tiedIds.length === 0 });
  const ties = tiesResult.data && !tiesResult.fetching ? tiesResult.data.network : null;
  // The date the coalitions on screen are for: while another date loads, the previous answer stays (dimmed).
  const [shownAsOf, setShownAsOf] = useState<string | null>(null);
  useEffect(() => {
    if (data && !fetching) setShownAsOf(asOf);
  }, [data, fetching, asOf]);

  return (
    <section className="network-view">
      <h1 tabIndex={-1}>Coalitions and centrality</h1>
      <p className="lead">
        Actors grouped by the stances they share (coalitions, found by Louvain on who takes which stance on which topic), coloured by coalition and sized by
        their centrality in the network of relations, roles, shared events and proposals.
      </p>

      <div className="network-controls">
        <TimeSlider dates={dates} asOf={asOf} onChange={(date) => update((next) => (date ? next.set('asOf', date) : next.delete('asOf')), { replace: true })} />
        <div className="toolbar" role="group" aria-label="Size by">
          <span className="control-label">Size by</span>
          {measures.map((m) => (
            <button
              key={m.value}
              type="button"
              aria-pressed={by === m.value}
              title={m.hint}
              onClick={() => update((next) => (m.value === 'PAGE_RANK' ? next.delete('by') : next.set('by', m.value)))}
            >
              {m.label}
            </button>
          ))}
        </div>
        <ResolutionInput value={resolution} onChange={(value) => update((next) => (value === 1 ? next.delete('resolution') : next.set('resolution', String(value))), { replace: true })} />
      </div>

      {asOfParam && !asOf && (
        <p className="state error" role="alert">
          “{asOfParam}” is not a date (YYYY-MM-DD): the coalitions are shown as of today.
        </p>
      )}
      {error && <ErrorState error={error} what="the coalitions" />}
      {!coalitions && !error && <Loading what="the coalitions (the first request after the graph changes computes them: a few seconds)" />}
      {coalitions && (
        <>
          <p className="muted network-summary" aria-live="polite" data-shown-as-of={shownAsOf ?? ''} data-graph-version={coalitions.computation.graphVersion}>
            {shownAsOf ? `As of ${shownAsOf}` : 'Today'}: {coalitions.totalCount} coalition{coalitions.totalCount === 1 ? '' : 's'} of two or more among the {coalitions.actorCount} actors
            holding a stance ({coalitions.communityCount} communities in all; modularity {coalitions.modularity.toFixed(2)}).
            {fetching && ' Updating…'}
          </p>
          {coalitions.nodes.length === 0 ? (
            <Empty>
              No coalition {shownAsOf ? `as of ${shownAsOf}` : 'today'}: no two actors shared a stance then. Move the date later, or lower the resolution.
            </Empty>
          ) : (
            <div className="network-columns" aria-busy={fetching}>
              <div className="network-canvas">
                <CoalitionCanvas coalitions={coalitions} ties={ties} by={by} onOpen={(id) => navigate(links.actor(id))} />
                <p className="muted small">
                  Click an actor to open it; the legend lists the same actors as links. Node size: {measures.find((m) => m.value === by)?.label.toLowerCase()}.{' '}
                  {ties && (
                    <span data-ties={ties.ties.length} data-ties-among={tiedIds.join(',')}>
                      Lines: {ties.ties.length} tie{ties.ties.length === 1 ? '' : 's'} (relations and roles named, with arrows; plain lines for shared events and proposals)
                      {drawnCount > MAX_TIED ? ` among the ${MAX_TIED} most central actors drawn` : ''}
                      {ties.omittedTies > 0 ? `; ${ties.omittedTies} weaker ones left out` : ''}.
                    </span>
                  )}
                  {tiesResult.fetching && !ties && 'Loading the ties…'}
                </p>
                {tiesResult.error && <ErrorState error={tiesResult.error} what="the ties between the actors" />}
              </div>
              <Legend coalitions={coalitions} by={by} offset={after.length * 20} />
            </div>
          )}
          <div className="pager">
            {after.length > 0 && (
              <button type="button" onClick={() => setAfter((stack) => stack.slice(0, -1))}>
                ← Larger coalitions
              </button>
            )}
            {coalitions.pageInfo.hasNextPage && coalitions.pageInfo.endCursor && (
              <button type="button" onClick={() => setAfter((stack) => [...stack, coalitions.pageInfo.endCursor!])}>
                Smaller coalitions →
              </button>
            )}
          </div>
          <p className="muted small computation">
            Coalitions computed on graph version <code>{coalitions.computation.graphVersion}</code> in {coalitions.computation.seconds.toFixed(2)} s
            {data.centrality && (
              <>
                ; centrality ({data.centrality.connectedActors} tied actors, {data.centrality.ties} ties) on <code>{data.centrality.computation.graphVersion}</code> in{' '}
                {data.centrality.computation.seconds.toFixed(2)} s
              </>
            )}
            .
          </p>
        </>
      )}
    </section>
  );
}

/** The date the coalitions are taken on: a slider over the stance history, the URL updated once it rests. */
function TimeSlider({ dates, asOf, onChange }: { dates: ReturnType<typeof useStanceDates>; asOf: string | null; onChange: (date: string | null) => void }) {
  const range = dates.range;
  const min = range ? toDay(range.earliest) : 0;
  const max = range ? toDay(range.latest) : 0;
  const fromUrl = asOf ? toDay(asOf) : max;
  const [value, setValue] = useState(fromUrl);
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    setValue(fromUrl);
    setTouched(false);
  }, [fromUrl]);
  const settled = useDebounced(value, 350);
  useEffect(() => {
    if (touched && settled !== fromUrl) onChange(fromDay(settled));
  }, [settled, touched]); // not on onChange (a new function each render): the URL follows the settled value only

  if (dates.loading) return <p className="muted time-slider">Finding the span of the stance history…</p>;
  if (dates.error) return <p className="state error time-slider">Could not find the span of the stance history: {dates.error}</p>;
  if (!range) return <p className="muted time-slider">No dated position yet: coalitions are shown as of today.</p>;
  const shown = asOf && !touched ? asOf : fromDay(value);
  const outside = asOf !== null && (fromUrl < min || fromUrl > max);
  return (
    <div className="time-slider">
      <div className="time-slider-row">
        <label htmlFor="as-of" className="control-label">
          Stances as of
        </label>
        <input
          id="as-of"
          type="range"
          min={min}
          max={max}
          step={1}
          value={Math.min(max, Math.max(min, value))}
          aria-valuetext={shown}
          onChange={(event) => {
            setTouched(true);
            setValue(Number(event.target.value));
          }}
        />
        <output htmlFor="as-of" className="as-of-date" data-as-of={asOf ?? ''}>
          {asOf || touched ? shown : 'today'}
        </output>
      </div>
      <p className="muted small">
        {range.earliest} – {range.latest}
        {asOf && (
          <>
            {' · '}
            <button type="button" className="link-button" onClick={() => onChange(null)}>
              today
            </button>
          </>
        )}
        {!asOf && !touched && ` · the newest stance dates from ${range.latest}`}
        {outside && ' · outside the span of the stance history'}
      </p>
    </div>
  );
}

/** Louvain's resolution: typed, then taken into the URL once it is a number in range and the typing rests. */
function ResolutionInput({ value, onChange }: { value: number; onChange: (value: number) => void }) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const settled = useDebounced(text, 500);
  const parsed = Number(settled);
  const valid = settled.trim() !== '' && Number.isFinite(parsed) && parsed >= 0.1 && parsed <= 10;
  useEffect(() => {
    if (valid && parsed !== value) onChange(parsed);
  }, [settled]); // the typed text decides, once it rests
  return (
    <div className="resolution">
      <label htmlFor="resolution" className="control-label">
        Resolution
      </label>
      <input
        id="resolution"
        type="number"
        min={0.1}
        max={10}
        step={0.1}
        value={text}
        aria-describedby="resolution-hint"
        aria-invalid={!valid}
        onChange={(event) => setText(event.target.value)}
      />
      <span id="resolution-hint" className="muted small">
        {valid ? 'higher: more, smaller coalitions' : 'a number from 0.1 to 10'}
      </span>
    </div>
  );
}

function CoalitionCanvas({ coalitions, ties, by, onOpen }: { coalitions: Coalitions; ties: Ties | null; by: CentralityMeasure; onOpen: (actorId: string) => void }) {
  const graph = useMemo(() => {
    const g = new Graph({ type: 'mixed', multi: true });
    const max = Math.max(0, ...coalitions.nodes.flatMap((c) => c.members.nodes.map((m) => measureOf(m, by))));
    coalitions.nodes.forEach((coalition, index) => {
      const color = palette[index % palette.length]!;
      for (const member of coalition.members.nodes) {
        if (g.hasNode(member.id)) continue;
        const share = max > 0 ? measureOf(member, by) / max : 0;
        g.addNode(member.id, { label: member.name, size: 5 + 13 * Math.sqrt(share), color, coalition: coalition.id });
      }
      // Members are drawn together: each is held (by an undrawn edge) to the coalition's most engaged member.
      const core = coalition.members.nodes[0]?.id;
      for (const member of coalition.members.nodes.slice(1)) {
        if (core) g.addUndirectedEdgeWithKey(`coalition:${core}~${member.id}`, core, member.id, { hidden: true, weight: 1 });
      }
    });
    // And the coalitions are held near each other (the first's core to every other core), so that one without ties
    // to the rest does not drift to the edge and shrink the others.
    const cores = coalitions.nodes.flatMap((coalition) => coalition.members.nodes.slice(0, 1).map((member) => member.id));
    for (const core of cores.slice(1)) g.addUndirectedEdgeWithKey(`cores:${cores[0]}~${core}`, cores[0]!, core, { hidden: true, weight: 1 });
    for (const tie of ties?.ties ?? []) {
      if (!g.hasNode(tie.from.id) || !g.hasNode(tie.to.id) || g.hasEdge(tie.id)) continue;
      // Relations and roles are named on the line; shared events and proposals (many) are plain lines.
      const label = tie.kind === 'RELATION' || tie.kind === 'ROLE' ? tie.label : undefined;
      const attributes = { label, color: '#b8c0cc', size: Math.min(1 + tie.weight, 4), weight: tie.weight, kind: tie.kind };
      if (tie.directed) g.addDirectedEdgeWithKey(tie.id, tie.from.id, tie.to.id, { ...attributes, type: 'arrow' });
      else g.addUndirectedEdgeWithKey(tie.id, tie.from.id, tie.to.id, attributes);
    }
    return g;
  }, [coalitions, ties, by]);
  return <GraphCanvas name={graphName} graph={graph} label={`The actors of ${coalitions.nodes.length} coalitions, coloured by coalition and sized by centrality`} onClickNode={onOpen} />;
}

function Legend({ coalitions, by, offset }: { coalitions: Coalitions; by: CentralityMeasure; offset: number }) {
  const index = new Map(coalitions.nodes.map((c, i) => [c.id, i]));
  return (
    <ol className="plain coalition-legend" aria-label="Coalitions">
      {coalitions.nodes.map((coalition, i) => (
        <li key={coalition.id} id={`coalition-${coalition.id}`} data-coalition={coalition.id} className="coalition">
          <h2>
            <span className="swatch" style={{ background: palette[i % palette.length] }} aria-hidden="true" /> {coalitionName(offset + i, coalition)}
          </h2>
          <p className="muted small">
            {coalition.size} member{coalition.size === 1 ? '' : 's'} · cohesion {coalition.cohesion === null ? 'n/a (no shared topic)' : `${Math.round(coalition.cohesion * 100)} %`}
          </p>
          {coalition.agreesOn.length > 0 && (
            <div className="small">
              Agrees on:
              <ul className="plain agrees">
                {coalition.agreesOn.map((stance) => (
                  <li key={`${stance.topic.id}-${stance.stance}`}>
                    <StanceBadge stance={stance.stance} /> <Link href={links.topic(stance.topic.__typename, stance.topic.id)}>{stance.topic.name}</Link>{' '}
                    <span className="muted">
                      ({stance.holders} of {Math.round(stance.holders / stance.share)})
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {coalition.dividedFrom.length > 0 && (
            <div className="small">
              Divided from:
              <ul className="plain divided">
                {coalition.dividedFrom.map((division) => {
                  const other = index.get(division.coalition.id);
                  const core = division.coalition.members.nodes[0]?.name;
                  const name = other === undefined ? `another coalition${core ? ` (around ${core})` : ''}` : coalitionName(offset + other, division.coalition);
                  return (
                    <li key={division.coalition.id}>
                      {other === undefined ? name : <a href={`#coalition-${division.coalition.id}`}>{name}</a>} on{' '}
                      {division.topics.slice(0, 3).map((divide, k) => (
                        <span key={divide.topic.id}>
                          {k > 0 && '; '}
                          <Link href={links.topic(divide.topic.__typename, divide.topic.id)}>{divide.topic.name}</Link> ({divide.stance.toLowerCase()} vs{' '}
                          {divide.otherStance.toLowerCase()})
                        </span>
                      ))}
                      {division.topics.length > 3 && <span className="muted"> and {division.topics.length - 3} more</span>}
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
          <ul className="members" aria-label={`Members of ${coalitionName(offset + i, coalition)}`}>
            {coalition.members.nodes.map((member) => (
              <li key={member.id} data-member={member.id}>
                <Link href={links.actor(member.id)}>{member.name}</Link> <span className="muted">{formatMeasure(measureOf(member, by), by)}</span>
              </li>
            ))}
          </ul>
          {coalition.members.totalCount > coalition.members.nodes.length && (
            <p className="muted small">
              and {coalition.members.totalCount - coalition.members.nodes.length} more (the {coalition.members.nodes.length} most engaged are listed and drawn)
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
