/** Pure logic of the analytics fields: the stance matrix and agreement between two actors. */
import type { ActorRecord } from '../actor/model.js';
import type { PositionRecord } from '../position/model.js';
import type { TopicRecord } from '../topic/model.js';
import type { Verdict } from '../vocabulary.js';
import type { AgreementRecord, StanceMatrixRecord, TopicComparisonRecord } from './model.js';
import type { RolledPosition } from './rollup.js';

/** Takes only what it reads, so the benchmark's floor (bench/floor) shares it over its own rows. */
export function isCurrent(position: Pick<PositionRecord, 'validTo'>, today: string): boolean {
  return position.validTo === null || position.validTo > today;
}

/**
 * Rows follow `actors`, columns follow `topics`; each position goes to the cell it counts in (its own actor and topic
 * without roll-ups). A cell's stance is its first current position's (positions arrive current first, then in deciding
 * order: newest, nearest, by id; see ./rollup.ts), and the cell lists every position.
 */
export function buildStanceMatrix(
  actors: ActorRecord[],
  topics: TopicRecord[],
  positions: readonly RolledPosition[],
  today: string,
): StanceMatrixRecord {
  const byCell = new Map<string, PositionRecord[]>();
  for (const { actorId, topicId, position } of positions) {
    const key = `${actorId}\u0000${topicId}`;
    byCell.set(key, [...(byCell.get(key) ?? []), position]);
  }
  return {
    actors,
    topics,
    rows: actors.map((actor) => ({
      actor,
      cells: topics.map((topic) => {
        const cell = byCell.get(`${actor.id}\u0000${topic.id}`) ?? [];
        const current = cell.find((position) => isCurrent(position, today));
        return { topic, stance: current?.stance ?? null, positions: cell };
      }),
    })),
  };
}

export function verdictOf(a: Pick<PositionRecord, 'stance'>, b: Pick<PositionRecord, 'stance'>): Verdict {
  if (a.stance === b.stance) return 'AGREE';
  const pair = new Set([a.stance, b.stance]);
  if (pair.has('SUPPORTS') && pair.has('OPPOSES')) return 'DISAGREE';
  return 'PARTIAL';
}

/**
 * Compares the current positions counting for two actors, topic by topic. When several count on one topic for one
 * actor (conflicting reports kept side by side, or positions rolled up), the newest is compared; of equally new ones,
 * the first given (the repository gives them in deciding order: nearest first, then by id; see ./rollup.ts).
 */
export function compareActors(aId: string, bId: string, positions: readonly RolledPosition[]): AgreementRecord {
  const newest = new Map<string, PositionRecord>();
  for (const { actorId, topicId, position } of positions) {
    const key = `${actorId}\u0000${topicId}`;
    const kept = newest.get(key);
    if (!kept || (position.validFrom ?? '') > (kept.validFrom ?? '')) newest.set(key, position);
  }
  const topicIds = [...new Set(positions.map((counted) => counted.topicId))].sort();
  const details: TopicComparisonRecord[] = topicIds.flatMap((topicId) => {
    const a = newest.get(`${aId}\u0000${topicId}`);
    const b = newest.get(`${bId}\u0000${topicId}`);
    return a && b ? [{ topicId, a, b, verdict: verdictOf(a, b) }] : [];
  });
  const agreeOn = details.filter((detail) => detail.verdict === 'AGREE').map((detail) => detail.topicId);
  const disagreeOn = details.filter((detail) => detail.verdict === 'DISAGREE').map((detail) => detail.topicId);
  const decided = agreeOn.length + disagreeOn.length;
  return { aId, bId, details, agreeOn, disagreeOn, score: decided > 0 ? agreeOn.length / decided : null };
}

/** Plain words for a path step: "Yuri Ushakov advises Vladimir Putin". */
export function describeStep(type: string, subject: string, object: string): string {
  const verbs: Record<string, string> = {
    LEADS: 'leads',
    MEMBER_OF: 'is a member of',
    ADVISES: 'advises',
    SPEAKS_FOR: 'speaks for',
    ENVOY_OF: 'is an envoy of',
    FAMILY_OF: 'is family of',
    ALLIED_WITH: 'is allied with',
    NEGOTIATES_WITH: 'negotiates with',
    REPRESENTS: 'represents',
    OPPOSES: 'opposes',
    HOLDS_ROLE: 'holds a role in',
    PARTICIPATED_IN: 'took part in',
    AUTHORED_BY: 'was authored by',
  };
  return `${subject} ${verbs[type] ?? type.toLowerCase().replaceAll('_', ' ')} ${object}`;
}
