/**
 * A graphology graph drawn by sigma.js (WebGL). The view builds the graph (nodes with label, size, colour; edges
 * with label, colour, and type 'arrow' for directed ties); this lays it out with ForceAtlas2 from a circle, so the
 * same graph is drawn the same way each time, and reports clicks on nodes.
 *
 * The canvas is for the eye; every view that draws one also lists the same nodes as links, which is how keyboards
 * and screen readers reach them.
 */
import type Graph from 'graphology';
import { circular } from 'graphology-layout';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { useEffect, useRef } from 'react';
import Sigma from 'sigma';
import { registerGraph } from '../debug.js';

export interface GraphCanvasProps {
  /** Names the canvas for tests and screenshots (window.stancegraphExplorer.graphs). */
  name: string;
  graph: Graph;
  /** Accessible description of what the picture shows. */
  label: string;
  onClickNode?: (node: string) => void;
  /** A node drawn larger, with its label always shown (the actor a view is about). */
  focus?: string;
  /** Layout iterations: more settle a large graph better and take longer. */
  iterations?: number;
}

export function layout(graph: Graph, iterations: number): void {
  circular.assign(graph, { scale: 100 });
  if (graph.order > 1) {
    const settings = forceAtlas2.inferSettings(graph);
    forceAtlas2.assign(graph, { iterations, settings: { ...settings, barnesHutOptimize: graph.order > 500, adjustSizes: false } });
  }
}

export function GraphCanvas({ name, graph, label, onClickNode, focus, iterations = 150 }: GraphCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const clicked = useRef(onClickNode);
  clicked.current = onClickNode;

  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    layout(graph, iterations);
    const renderer = new Sigma(graph, element, {
      renderEdgeLabels: true,
      labelRenderedSizeThreshold: graph.order > 150 ? 8 : 0,
      defaultEdgeType: 'line',
      labelFont: 'system-ui, sans-serif',
      edgeLabelFont: 'system-ui, sans-serif',
      edgeLabelSize: 11,
      zIndex: true,
      nodeReducer: (node, data) => (node === focus ? { ...data, forceLabel: true, highlighted: true, zIndex: 2 } : data),
    });
    renderer.on('clickNode', ({ node }) => clicked.current?.(node));
    renderer.on('enterNode', () => element.classList.add('pointing'));
    renderer.on('leaveNode', () => element.classList.remove('pointing'));
    const unregister = registerGraph(name, renderer);
    return () => {
      unregister();
      renderer.kill();
    };
  }, [graph, name, focus, iterations]);

  return <div ref={container} className="graph-canvas" role="img" aria-label={label} data-graph={name} />;
}
