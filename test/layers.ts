// The rules behind test/layers.test.ts: which layer a file belongs to, what it imports, and which
// imports break the one-way order.
import {dirname, join, normalize} from "node:path";

export type Layer = "lib" | "model" | "components" | "page" | "node" | "tools" | "test";

export function layerOf(file: string): Layer | null {
  if (file.startsWith("test/")) return "test";
  if (file.startsWith("bin/") || file.startsWith("bench/")) return "tools";
  if (file.startsWith("loaders/") || file.startsWith("src/data/")) return "node";
  if (file.startsWith("src/lib/")) return "lib";
  if (file.startsWith("src/model/")) return "model";
  if (file.startsWith("src/components/")) return "components";
  if (/^src\/[^/]+\.md\.ts$/.test(file)) return "node"; // page loaders run at build time
  if (/^src\/[^/]+\.md(\.template)?$/.test(file)) return "page";
  return null;
}

// What each layer may import (project files only; npm packages are free).
const ALLOWED: Record<Layer, Layer[]> = {
  lib: ["lib"],
  model: ["lib", "model"],
  components: ["lib", "model", "components"],
  page: ["lib", "model", "components"],
  node: ["node", "lib", "model"],
  tools: ["tools", "node", "lib", "model"],
  test: ["test", "tools", "node", "lib", "model", "components", "page"]
};

const NAMES: Record<Layer, string> = {
  lib: "lib",
  model: "model",
  components: "components",
  page: "pages",
  node: "loaders",
  tools: "tools (bin/, bench/)",
  test: "tests"
};

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+|\bnew URL\(\s*)["'](\.{1,2}\/[^"']+)["']/gm;

// Fences may be escaped (\`\`\`js) inside a page loader's template literal.
const FENCE = /^(?:\\?`){3}js[^\n]*\n[\s\S]*?^(?:\\?`){3}/gm;

/** Project files imported by `file` (relative specifiers only), as paths from the project root, .js read as .ts. */
export function importsOf(file: string, text: string): string[] {
  // In a page, only the fenced ```js blocks are code.
  const code = /\.md(\.template)?$/.test(file) ? [...text.matchAll(FENCE)].map((m) => m[0]).join("\n") : text;
  const out: string[] = [];
  for (const match of code.matchAll(IMPORT)) {
    const target = normalize(join(dirname(file), match[1])).replace(/\.js$/, ".ts");
    out.push(target);
  }
  return out;
}

const DOM = /\b(document\.|window\.|HTMLElement\b|customElements\.)/;


export function violations(file: string, text: string): string[] {
  // A page loader (src/x.md.ts) runs in node but writes a page: the ```js blocks it writes are page code.
  if (/^src\/[^/]+\.md\.ts$/.test(file)) {
    const page = [...text.matchAll(FENCE)].map((m) => m[0]).join("\n");
    return [...violationsAs(file, "node", text.replace(FENCE, "")), ...violationsAs(file, "page", page)];
  }
  const layer = layerOf(file);
  if (layer === null) return [`${file}: no layer`];
  return violationsAs(file, layer, text);
}

function violationsAs(file: string, layer: Layer, text: string): string[] {
  const problems: string[] = [];
  const imports = layer === "page" && file.endsWith(".md.ts") ? importsOf("src/page.md", text) : importsOf(file, text);
  for (const target of imports) {
    const to = target.endsWith(".md.template") ? null : layerOf(target);
    if (to === null) continue; // data files (JSON, templates read as text) are not code layers
    if (to === "test" && layer !== "test") problems.push(`${file} imports ${target}: nothing outside test/ imports from test/`);
    else if (!ALLOWED[layer].includes(to)) problems.push(`${file} imports ${target}: ${NAMES[layer]} may import ${ALLOWED[layer].map((l) => NAMES[l]).join(", ")}`);
  }
  if ((layer === "lib" || layer === "model") && DOM.test(text.replace(/\/\/.*$/gm, ""))) {
    problems.push(`${file} uses the DOM (${DOM.exec(text)![1]}): lib and model run in node`);
  }
  return problems;
}
