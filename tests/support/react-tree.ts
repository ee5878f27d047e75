// Reading what a server component rendered, in tests that call the page function
// directly (client components in the tree are not run).
export type El = { type: unknown; props: Record<string, unknown> };

/** Every element of the tree, depth first. */
export function elements(node: unknown, out: El[] = []): El[] {
  if (Array.isArray(node)) node.forEach((n) => elements(n, out));
  else if (node && typeof node === "object" && "props" in node) {
    out.push(node as El);
    elements((node as El).props.children, out);
  }
  return out;
}

/** The text of a node, sibling pieces joined by `separator`. */
export function textOf(node: unknown, separator = ""): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map((n) => textOf(n, separator)).join(separator);
  if (node && typeof node === "object" && "props" in node) return textOf((node as El).props.children, separator);
  return "";
}
