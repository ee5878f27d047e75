// The organization as a tree, built in memory from the flat department rows (a
// tenant has tens to a few thousand departments, read in one query).
export type DepartmentRow = { id: string; parentId: string | null; name: string; kind: string; memberCount: number };
export type DepartmentNode = DepartmentRow & { children: DepartmentNode[] };

const KIND_ORDER = ["head_office", "region", "store", "team"];

export function buildTree(rows: readonly DepartmentRow[], collator = new Intl.Collator("zh-CN")): DepartmentNode[] {
  const nodes = new Map(rows.map((r) => [r.id, { ...r, children: [] as DepartmentNode[] }]));
  const roots: DepartmentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    // A parent that is missing (or a loop the database should never hold) leaves the node at the top, visible.
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const order = (a: DepartmentNode, b: DepartmentNode) =>
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || collator.compare(a.name, b.name);
  const sort = (list: DepartmentNode[], seen: Set<string>) => {
    list.sort(order);
    for (const n of list) {
      if (seen.has(n.id)) continue;
      seen.add(n.id);
      sort(n.children, seen);
    }
  };
  sort(roots, new Set());
  return roots;
}

/** Depth-first, with each node's depth: for indented <select> options. */
export function flatten(roots: readonly DepartmentNode[]): { node: DepartmentNode; depth: number }[] {
  const out: { node: DepartmentNode; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (list: readonly DepartmentNode[], depth: number) => {
    for (const node of list) {
      if (seen.has(node.id)) continue;
      seen.add(node.id);
      out.push({ node, depth });
      walk(node.children, depth + 1);
    }
  };
  walk(roots, 0);
  return out;
}

/** The department and everything below it. */
export function subtreeIds(rows: readonly Pick<DepartmentRow, "id" | "parentId">[], id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const r of rows) if (r.parentId) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r.id]);
  const out = new Set<string>([id]);
  const queue = [id];
  while (queue.length) {
    for (const c of children.get(queue.pop()!) ?? []) {
      if (!out.has(c)) { out.add(c); queue.push(c); }
    }
  }
  return out;
}
