/** Turning measurements into the summary table (markdown), the ratios and the verdict on each target. */
import type { Measurement } from './measure.js';
import type { OperationName, ServerName } from './operations.js';
import type { SizeName } from './store.js';

export interface MeasurementRecord extends Measurement {
  size: SizeName;
  operation: OperationName;
  server: ServerName;
  concurrency: number;
  repetition: number;
  /** Position of this server in the round-robin of this repetition (0 = ran first). */
  turn: number;
  /** How long the server took to go quiet after the measurement (requests cut off at the end). */
  settleMs: number;
}

export interface SummaryRow {
  size: SizeName;
  operation: OperationName;
  concurrency: number;
  nested: boolean;
  /** Medians over the repetitions, per server. */
  servers: Partial<Record<ServerName, { reqPerSec: number; p50: number; p99: number; errors: number; peakRssMb: number }>>;
  /** Medians over the repetitions of the per-repetition ratios (each repetition ran the servers back to back). */
  ratios: { reqPerSecVsPeer: number | null; reqPerSecVsFloor: number | null; p50VsFloor: number | null };
}

export interface TargetCheck {
  target: string;
  size: SizeName;
  operation: OperationName;
  concurrency: number;
  value: number | null;
  threshold: number;
  holds: boolean | null;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const ordered = [...values].sort((x, y) => x - y);
  const middle = Math.floor(ordered.length / 2);
  return ordered.length % 2 === 1 ? ordered[middle]! : (ordered[middle - 1]! + ordered[middle]!) / 2;
}

/** A latency from a measurement that completed no request is unknown, not zero: it counts as infinitely slow. */
const latency = (record: MeasurementRecord, metric: 'p50' | 'p99') => (record.requests > 0 ? record[metric] : Number.POSITIVE_INFINITY);

function medianRatio(records: MeasurementRecord[], numerator: ServerName, denominator: ServerName, metric: 'reqPerSec' | 'p50'): number | null {
  const ratios: number[] = [];
  for (const repetition of new Set(records.map((record) => record.repetition))) {
    const top = records.find((record) => record.server === numerator && record.repetition === repetition);
    const bottom = records.find((record) => record.server === denominator && record.repetition === repetition);
    if (!top || !bottom) continue;
    if (metric === 'reqPerSec') {
      if (bottom.reqPerSec > 0) ratios.push(top.reqPerSec / bottom.reqPerSec);
    } else {
      const x = latency(top, 'p50');
      const y = latency(bottom, 'p50');
      if (Number.isFinite(y) && y > 0) ratios.push(x / y);
    }
  }
  return ratios.length > 0 ? median(ratios) : null;
}

export function summarise(records: MeasurementRecord[], nestedOperations: ReadonlySet<OperationName>): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const keys = new Map<string, MeasurementRecord[]>();
  for (const record of records) {
    const key = `${record.size}\u0000${record.operation}\u0000${record.concurrency}`;
    keys.set(key, [...(keys.get(key) ?? []), record]);
  }
  for (const group of keys.values()) {
    const { size, operation, concurrency } = group[0]!;
    const servers: SummaryRow['servers'] = {};
    for (const server of ['stancegraph', 'peer', 'floor'] as const) {
      const mine = group.filter((record) => record.server === server);
      if (mine.length === 0) continue;
      servers[server] = {
        reqPerSec: round(median(mine.map((record) => record.reqPerSec))),
        p50: round(median(mine.map((record) => latency(record, 'p50')))),
        p99: round(median(mine.map((record) => latency(record, 'p99')))),
        errors: mine.reduce((sum, record) => sum + record.httpErrors + record.bodyErrors, 0),
        peakRssMb: Math.max(...mine.map((record) => record.peakRssMb)),
      };
    }
    rows.push({
      size,
      operation,
      concurrency,
      nested: nestedOperations.has(operation),
      servers,
      ratios: {
        reqPerSecVsPeer: roundRatio(medianRatio(group, 'stancegraph', 'peer', 'reqPerSec')),
        reqPerSecVsFloor: roundRatio(medianRatio(group, 'stancegraph', 'floor', 'reqPerSec')),
        p50VsFloor: roundRatio(medianRatio(group, 'stancegraph', 'floor', 'p50')),
      },
    });
  }
  return rows;
}

/**
 * The targets: at M and L, stancegraph >= 1.0x the peer's req/s on every operation and >= 1.5x on the nested
 * ones; stancegraph's p50 within 1.5x of the floor's; the id lookup's p50 at L within 1.3x of its p50 at S.
 */
export function checkTargets(rows: SummaryRow[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const row of rows) {
    if (row.size === 'M' || row.size === 'L') {
      const threshold = row.nested ? 1.5 : 1.0;
      const value = row.ratios.reqPerSecVsPeer;
      checks.push({
        target: `req/s vs peer >= ${threshold}x`,
        size: row.size,
        operation: row.operation,
        concurrency: row.concurrency,
        value,
        threshold,
        holds: value === null ? null : value >= threshold,
      });
    }
    const p50 = row.ratios.p50VsFloor;
    checks.push({ target: 'p50 vs floor <= 1.5x', size: row.size, operation: row.operation, concurrency: row.concurrency, value: p50, threshold: 1.5, holds: p50 === null ? null : p50 <= 1.5 });
  }
  for (const atL of rows.filter((row) => row.size === 'L' && row.operation === 'lookup')) {
    const atS = rows.find((row) => row.size === 'S' && row.operation === 'lookup' && row.concurrency === atL.concurrency);
    const l = atL.servers.stancegraph?.p50;
    const s = atS?.servers.stancegraph?.p50;
    const value = l !== undefined && s !== undefined && s > 0 ? roundRatio(l / s) : null;
    checks.push({ target: 'lookup p50 at L vs S <= 1.3x', size: 'L', operation: 'lookup', concurrency: atL.concurrency, value, threshold: 1.3, holds: value === null ? null : value <= 1.3 });
  }
  return checks;
}

const fmt = (value: number | undefined | null, digits = 1) =>
  value === undefined || value === null || Number.isNaN(value) ? '–' : value === Number.POSITIVE_INFINITY ? '>window' : value.toFixed(digits);
const ratio = (value: number | null) => (value === null ? '–' : value === Number.POSITIVE_INFINITY ? '∞' : `${value.toFixed(2)}×`);

export function markdownTable(rows: SummaryRow[], size: SizeName): string {
  const lines = [
    `| op | c | req/s sg | req/s peer | req/s floor | p50 ms sg / peer / floor | p99 ms sg / peer / floor | errors sg/peer/floor | peak RSS MB sg/peer/floor | sg÷peer req/s | sg÷floor req/s | sg÷floor p50 |`,
    `|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|`,
  ];
  for (const row of rows.filter((candidate) => candidate.size === size)) {
    const { stancegraph: sg, peer, floor } = row.servers;
    const triple = (pick: (server: NonNullable<typeof sg>) => number, digits = 1) =>
      [sg, peer, floor].map((server) => (server ? fmt(pick(server), digits) : '–')).join(' / ');
    lines.push(
      `| ${row.operation}${row.nested ? '*' : ''} | ${row.concurrency} | ${fmt(sg?.reqPerSec)} | ${fmt(peer?.reqPerSec)} | ${fmt(floor?.reqPerSec)} | ${triple((server) => server.p50)} | ${triple((server) => server.p99)} | ${triple((server) => server.errors, 0)} | ${triple((server) => server.peakRssMb, 0)} | ${ratio(row.ratios.reqPerSecVsPeer)} | ${ratio(row.ratios.reqPerSecVsFloor)} | ${ratio(row.ratios.p50VsFloor)} |`,
    );
  }
  return lines.join('\n');
}

export function markdownTargets(checks: TargetCheck[]): string {
  const lines = ['| target | size | op | c | value | holds |', '|---|---|---|--:|--:|---|'];
  for (const check of checks) {
    lines.push(`| ${check.target} | ${check.size} | ${check.operation} | ${check.concurrency} | ${ratio(check.value)} | ${check.holds === null ? 'n/a' : check.holds ? 'yes' : '**no**'} |`);
  }
  return lines.join('\n');
}

function round(value: number): number {
  return Number.isFinite(value) ? Math.round(value * 10) / 10 : value;
}

function roundRatio(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? value : Math.round(value * 100) / 100;
}
