/**
 * `npx tsx bench/render.ts bench/results/A.json [B.json ...]`: the markdown tables and target checks of one or more
 * result files together (e.g. a run of M and a later run of S and L), recomputed from their raw measurements.
 */
import { readFileSync } from 'node:fs';
import type { OperationName } from './operations.js';
import { checkTargets, markdownTable, markdownTargets, summarise, type MeasurementRecord } from './report.js';
import { sizeNames } from './store.js';

const files = process.argv.slice(2);
if (files.length === 0) throw new Error('usage: tsx bench/render.ts <results.json>...');
const records: MeasurementRecord[] = [];
for (const file of files) {
  const results = JSON.parse(readFileSync(file, 'utf8')) as { records: MeasurementRecord[]; command: string; minutes: number };
  records.push(...results.records);
  console.log(`<!-- ${file}: ${results.command} (${results.minutes} min) -->`);
}
const rows = summarise(records, new Set<OperationName>(['actor', 'issue', 'compare']));
for (const size of sizeNames) {
  if (!rows.some((row) => row.size === size)) continue;
  console.log(`\n### ${size}\n`);
  console.log(markdownTable(rows, size));
}
console.log('\n### Targets\n');
console.log(markdownTargets(checkTargets(rows)));
