/** Pure logic of the analytics fields: the stance matrix and agreement between two actors. */
import type { ActorRecord } from '../actor/model.js';
import type { PositionRecord } from '../position/model.js';
import type { TopicRecord } from '../topic/model.js';
import type { AgreementRecord, StanceMatrixRecord, TopicComparisonRecord, Verdict } from './model.js';

/** Takes only what it reads, so the benchmark's floor (bench/floor) shares it over its own rows. */
export function isCurrent(position: Pick<PositionRecord, 'validTo'>, today: string): boolean {
  return position.validTo === null || position.validTo > today;
}

/**
 * Rows follow `actors`, columns follow `topics`; a cell's stance is the newest current position's
 * (positions arrive current first, newest first), and the cell lists every position.
 */
export function buildStanceMatrix(
  actors: ActorRecord[],
  topics: TopicRecord[],
  positions: PositionRecord[],
  today: string,
): StanceMatrixRecord {
  const byCell = new Map<string, PositionRecord[]>();
  for (const position of positions) {
    const key = `${position.actorId}\u0000${position.topicId}`;
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
 * Compares the current positions of two actors topic by topic. When an actor holds several current positions on
 * a topic (conflicting reports kept side by side), the newest is compared.
 */
export function compareActors(aId: string, bId: string, positions: PositionRecord[]): AgreementRecord {
  const newest = new Map<string, PositionRecord>();
  for (const position of positions) {
    const key = `${position.actorId}\u0000${position.topicId}`;
    const kept = newest.get(key);
    if (!kept || (position.validFrom ?? '') > (kept.validFrom ?? '')) newest.set(key, position);
  }
  const topicIds = [...new Set(positions.map((position) => position.topicId))].sort();
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
