/** Stance, reliability and kind as small labelled badges: colour is never the only signal (the text says it too). */
export type Stance = 'SUPPORTS' | 'OPPOSES' | 'CONDITIONAL' | 'UNDECIDED' | 'MIXED';
export type Reliability = 'HIGH' | 'MEDIUM' | 'LOW';

export const stanceLabels: Record<string, string> = {
  SUPPORTS: 'supports',
  OPPOSES: 'opposes',
  CONDITIONAL: 'conditional',
  UNDECIDED: 'undecided',
  MIXED: 'mixed',
};

/** The stance colours, shared by badges, heatmap cells and graph nodes (CSS uses the same through classes). */
export const stanceColours: Record<string, string> = {
  SUPPORTS: '#1a7f37',
  OPPOSES: '#c62828',
  CONDITIONAL: '#b26a00',
  UNDECIDED: '#6b7280',
  MIXED: '#7c3aed',
};

export function StanceBadge({ stance }: { stance: string }) {
  return <span className={`badge stance stance-${stance.toLowerCase()}`}>{stanceLabels[stance] ?? stance.toLowerCase()}</span>;
}

/** A low-reliability source is marked wherever its evidence appears. */
export function ReliabilityBadge({ reliability }: { reliability: string }) {
  return (
    <span className={`badge reliability reliability-${reliability.toLowerCase()}`} title={`Source reliability: ${reliability.toLowerCase()}`}>
      {reliability === 'LOW' ? '⚠ low-reliability source' : `${reliability.toLowerCase()} reliability`}
    </span>
  );
}

export function KindBadge({ kind }: { kind: string }) {
  return <span className="badge kind">{kind.toLowerCase().replace(/_/g, ' ')}</span>;
}
