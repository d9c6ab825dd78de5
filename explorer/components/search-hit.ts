import type { ExplorerSearchQuery } from '../generated/operations.js';

export type SearchHitNode = ExplorerSearchQuery['search']['edges'][number]['node'];

/** What a hit is called in a list: a node's name, or a statement's speaker and opening words. */
export function searchHitTitle(node: SearchHitNode): string {
  switch (node.__typename) {
    case 'Actor':
    case 'Issue':
    case 'Proposal':
    case 'Event':
      return node.name;
    case 'Statement': {
      const words = node.text.length > 90 ? `${node.text.slice(0, 90)}…` : node.text;
      return node.speaker ? `${node.speaker.name}: “${words}”` : `“${words}”`;
    }
    default:
      return node.id;
  }
}
