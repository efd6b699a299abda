import type { FlowEdge, FlowNode, GroupReport } from './model.js';

/**
 * The path map: the part of the tree that records took or the afspraak takes, laid out in layers
 * from the start, for the HTML (inline SVG) and the Markdown (Mermaid). Untaken branches are left
 * out: a tree of forty nodes is unreadable on a projector, the six roads people took are not.
 */
export interface MapNode extends FlowNode {
  /** 0 for the start; every edge goes one or more layers down (longest path from the start). */
  layer: number;
  /** Place within its layer, left to right. */
  slot: number;
}

export interface PathMap {
  nodes: MapNode[];
  edges: FlowEdge[];
  layers: MapNode[][];
  /** The most records on one line of the map (parallel options joined): what line widths scale to. */
  most: number;
}

export function pathMap(flow: GroupReport['flow']): PathMap {
  const ids = new Set(flow.nodes.filter((n) => n.records > 0 || n.afspraak).map((n) => n.id));
  const edges = flow.edges.filter((e) => (e.records > 0 || e.afspraak) && ids.has(e.from) && ids.has(e.to));
  const order = new Map(flow.nodes.map((n, i) => [n.id, i]));
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  for (const e of edges) {
    parents.set(e.to, [...(parents.get(e.to) ?? []), e.from]);
    children.set(e.from, [...(children.get(e.from) ?? []), e.to]);
  }

  // Longest-path layering in topological order (Kahn): every edge points down, never sideways.
  const layer = new Map<string, number>();
  const waiting = new Map([...ids].map((id) => [id, parents.get(id)?.length ?? 0]));
  const ready = [...ids].filter((id) => waiting.get(id) === 0);
  while (ready.length > 0) {
    const id = ready.shift()!;
    layer.set(id, Math.max(0, ...(parents.get(id) ?? []).map((p) => (layer.get(p) ?? 0) + 1)));
    for (const child of children.get(id) ?? []) {
      const left = waiting.get(child)! - 1;
      waiting.set(child, left);
      if (left === 0) ready.push(child);
    }
  }
  // A cycle cannot come from a linted tree; if records make one, its nodes go below the rest.
  const bottom = Math.max(-1, ...layer.values()) + 1;
  for (const id of ids) if (!layer.has(id)) layer.set(id, bottom);

  const depth = Math.max(0, ...layer.values()) + 1;
  const layers: MapNode[][] = Array.from({ length: depth }, () => []);
  const slotOf = new Map<string, number>();
  const sizeOf = (l: number) => Math.max(1, layers[l]!.length);
  for (let l = 0; l < depth; l++) {
    // Each node under the mean position of its parents (barycentre): fewer crossing lines.
    const members = flow.nodes.filter((n) => ids.has(n.id) && layer.get(n.id) === l);
    const centre = (id: string) => {
      const ps = parents.get(id) ?? [];
      if (ps.length === 0) return 0.5;
      return ps.reduce((sum, p) => sum + (slotOf.get(p)! + 0.5) / sizeOf(layer.get(p)!), 0) / ps.length;
    };
    members.sort((a, b) => centre(a.id) - centre(b.id) || order.get(a.id)! - order.get(b.id)!);
    layers[l] = members.map((n, slot) => {
      slotOf.set(n.id, slot);
      return { ...n, layer: l, slot };
    });
  }
  const nodes = layers.flat();
  return { nodes, edges, layers, most: Math.max(1, ...joinParallel(edges).map((e) => e.records)) };
}

/** Two options that lead to the same node as one line, with their counts added (a picture cannot show both apart). */
export function joinParallel(edges: readonly FlowEdge[]): FlowEdge[] {
  const joined = new Map<string, FlowEdge>();
  for (const e of edges) {
    const key = `${e.from}\n${e.to}`;
    const seen = joined.get(key);
    joined.set(
      key,
      seen
        ? { ...seen, label: [seen.label, e.label].filter(Boolean).join(' / '), records: seen.records + e.records, afspraak: seen.afspraak || e.afspraak }
        : { ...e },
    );
  }
  return [...joined.values()];
}

/** The afspraak's path and the other taken paths: green and blue, told apart by colour-blind readers too (with the dashes and widths). */
export const AGREED = '#1b7a3a';
export const TAKEN = '#2f5597';

/** A line's width in pixels for a count: 2 for one record, up to 12 for the most. */
export function edgeWidth(records: number, most: number): number {
  return records === 0 ? 2 : Math.round(2 + (10 * records) / most);
}
