// The one-way layers of the project (README, "How it is built"), checked on every import:
//   src/lib (no DOM) ← src/model (domain logic, no DOM) ← src/components (DOM) ← pages;
//   loaders/, src/data/ and page loaders (src/*.md.ts) run in node: lib and model only;
//   nothing outside test/ imports from test/.
import {readdirSync, readFileSync, statSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {importsOf, layerOf, violations, type Layer} from "./layers.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir))) {
    if (entry === "node_modules" || entry === ".observablehq" || entry === "fixtures") continue;
    const path = join(dir, entry);
    if (statSync(join(root, path)).isDirectory()) out.push(...filesUnder(path));
    else if (/\.(ts|md|md\.template)$/.test(entry)) out.push(path);
  }
  return out;
}

const projectFiles = ["src", "loaders", "bin", "bench", "test"].flatMap(filesUnder);

describe("the layer rules", () => {
  it("classify every project file into a layer", () => {
    const unknown = projectFiles.filter((f) => layerOf(f) === null);
    expect(unknown).toEqual([]);
  });

  it("hold for every import of the project", () => {
    const found = projectFiles.flatMap((file) => violations(file, readFileSync(join(root, file), "utf8")));
    expect(found).toEqual([]);
  });

  it("see imports in the code blocks of a page as well as in TypeScript files", () => {
    const page = "# Titre\n\n```js\nimport {x} from \"./components/legend.js\";\n```\n";
    expect(importsOf("src/index.md.template", page)).toEqual(["src/components/legend.ts"]);
  });

  it("refuse a loader that imports a DOM component", () => {
    const code = 'import {Legend} from "../src/components/legend.js";\n';
    expect(violations("loaders/needs.ts", code)).toEqual([
      "loaders/needs.ts imports src/components/legend.ts: loaders may import loaders, lib, model"
    ]);
  });

  it("refuse a model that imports a component, and a lib that imports a model", () => {
    expect(violations("src/model/bilan.ts", 'import {textTable} from "../components/dictionary.js";')).toHaveLength(1);
    expect(violations("src/lib/format.ts", 'import {x} from "../model/bilan.js";')).toHaveLength(1);
  });

  it("refuse code outside test/ that imports from test/", () => {
    const code = 'import {openPage} from "../test/e2e/browser.js";\n';
    expect(violations("bench/run.ts", code)).toEqual(["bench/run.ts imports test/e2e/browser.ts: nothing outside test/ imports from test/"]);
  });

  it("refuse DOM globals in lib and model, where code must run in node", () => {
    expect(violations("src/model/x.ts", "export const f = () => document.createElement('p');")).toEqual([
      "src/model/x.ts uses the DOM (document.): lib and model run in node"
    ]);
    expect(violations("src/components/x.ts", "export const f = () => document.createElement('p');")).toEqual([]);
  });

  it("name a layer for each kind of file", () => {
    const cases: [string, Layer][] = [
      ["src/lib/format.ts", "lib"],
      ["src/model/needs-index.ts", "model"],
      ["src/components/legend.ts", "components"],
      ["src/besoins.md.ts", "node"],
      ["src/data/besoins.json.ts", "node"],
      ["src/besoins.md.template", "page"],
      ["src/bilan.md", "page"],
      ["loaders/warehouse.ts", "node"],
      ["bin/serve.ts", "tools"],
      ["bench/run.ts", "tools"],
      ["test/layers.test.ts", "test"]
    ];
    for (const [file, layer] of cases) expect(layerOf(file), file).toBe(layer);
  });
});
