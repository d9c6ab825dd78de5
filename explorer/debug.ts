/**
 * What a test or the screenshot script needs to click a node that only exists as pixels: the drawn graphs by name,
 * and where a node stands in the page. Read-only; the app itself does not use it.
 */
import type Sigma from 'sigma';

const graphs = new Map<string, Sigma>();

export function registerGraph(name: string, renderer: Sigma): () => void {
  graphs.set(name, renderer);
  return () => {
    if (graphs.get(name) === renderer) graphs.delete(name);
  };
}

interface ExplorerDebug {
  /** The nodes drawn in a graph. */
  nodes(graph: string): string[];
  /** A node's centre in page coordinates (for a mouse click), or null if the graph or node is not drawn. */
  nodePosition(graph: string, node: string): { x: number; y: number } | null;
}

const debug: ExplorerDebug = {
  nodes: (graph) => graphs.get(graph)?.getGraph().nodes() ?? [],
  nodePosition(graph, node) {
    const renderer = graphs.get(graph);
    if (!renderer || !renderer.getGraph().hasNode(node)) return null;
    const display = renderer.getNodeDisplayData(node);
    if (!display) return null;
    const viewport = renderer.framedGraphToViewport(display);
    const box = renderer.getContainer().getBoundingClientRect();
    return { x: box.left + viewport.x, y: box.top + viewport.y };
  },
};

declare global {
  interface Window {
    stancegraphExplorer?: ExplorerDebug;
  }
}

window.stancegraphExplorer = debug;
