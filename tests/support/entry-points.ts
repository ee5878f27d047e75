// Finds every entry point of the web app (pages, route handlers, server actions)
// and reads which guard each one is built with, from the source text.
import { readFileSync } from "node:fs";
import path from "node:path";
import { sourceFiles } from "./source-files";

export type EntryPoint = { file: string; kind: "page" | "route" | "action"; name: string; wrapper: string | null; access: string | null };

const ACCESS = String.raw`\(\s*("([^"]+)"|PUBLIC|SIGNED_IN)`;

function accessOf(text: string, from: number): string | null {
  const m = text.slice(from).match(new RegExp("^" + ACCESS));
  if (!m) return null;
  return m[2] ?? m[1]!.replace("SIGNED_IN", "signed-in").replace("PUBLIC", "public");
}

export function findEntryPoints(root = "app"): EntryPoint[] {
  const out: EntryPoint[] = [];
  for (const file of sourceFiles(root).filter((f) => /\.(ts|tsx)$/.test(f))) {
    const text = readFileSync(file, "utf8");
    const base = path.basename(file);
    const isAction = /^\s*["']use server["']/.test(text);
    if (/^page\.tsx?$/.test(base)) {
      const m = text.match(/export default (\w+)/);
      const wrapper = m?.[1] ?? null;
      const at = m ? text.indexOf(m[0]) + m[0].length : -1;
      out.push({ file, kind: "page", name: "default", wrapper, access: wrapper === "definePage" ? accessOf(text, at) : null });
    } else if (/^route\.ts$/.test(base)) {
      for (const m of text.matchAll(/export (?:async )?(?:const|function|let|var) (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b(\s*=\s*(\w+))?/g)) {
        let wrapper = m[3] ?? null;
        let at = m.index! + m[0].length;
        if (wrapper && wrapper !== "defineRoute") {
          // export const GET = handler; where const handler = defineRoute(...)
          const alias = text.match(new RegExp(`const ${wrapper}\\s*=\\s*(defineRoute)`));
          if (alias) { wrapper = alias[1]!; at = alias.index! + alias[0].length; }
        }
        out.push({ file, kind: "route", name: m[1]!, wrapper, access: wrapper === "defineRoute" ? accessOf(text, at) : null });
      }
    } else if (isAction) {
      for (const m of text.matchAll(/export\s+(default\s+)?(async\s+)?(const|function|let|var|class)?\s*(\w+)?(\s*=\s*(\w+))?/g)) {
        const name = m[1] ? "default" : m[4] ?? "?";
        const wrapper = m[3] === "const" ? m[6] ?? null : null;
        out.push({ file, kind: "action", name, wrapper, access: wrapper === "defineAction" ? accessOf(text, m.index! + m[0].length) : null });
      }
    }
  }
  return out.sort((x, y) => `${x.file}:${x.name}`.localeCompare(`${y.file}:${y.name}`));
}

/** Files that declare 'use server' anywhere but at their top (inline server functions). */
export function inlineServerFunctions(roots = ["app", "components", "lib"]): string[] {
  return roots.flatMap(sourceFiles).filter((f) => /\.(ts|tsx)$/.test(f)).filter((f) => {
    const text = readFileSync(f, "utf8");
    return /["']use server["']/.test(text.replace(/^\s*["']use server["'];?/, ""));
  });
}

export function filesImporting(module: string, roots = ["app", "components", "lib", "workers", "scripts"]): string[] {
  return roots.flatMap(sourceFiles)
    .filter((f) => /\.(ts|tsx)$/.test(f))
    .filter((f) => readFileSync(f, "utf8").includes(`"${module}"`))
    .sort();
}
