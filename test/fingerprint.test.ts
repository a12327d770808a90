import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {fingerprint, ROOT, siteInputs, warehouseInputs} from "../loaders/fingerprint.js";
import {importsOf} from "./layers.js";

const env = {IDF_DATA_DIR: "/pack"};

describe("the build's fingerprint", () => {
  let root: string;
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), {recursive: true});
    writeFileSync(join(root, file), text);
  };
  const setUp = () => {
    root = mkdtempSync(join(tmpdir(), "atlas-fingerprint-"));
    write("loaders/warehouse.ts", "export {};");
    write("loaders/sql/stg_x.sql", "select 1");
    write("src/lib/csv-parse.ts", "export const parse = 1;");
    write("src/model/structures.ts", "export const s = 1;");
    write("src/components/map.ts", "export const m = 1;");
    write("src/data/besoins.json.ts", "export {};");
    write("src/index.md.ts", "export {};");
    write("src/index.md.template", "# Accueil");
    write("src/index2.md", "# page");
    write("data/sources.json", "{}");
    write("data/indicators.json", "{}");
    write("data/aides/complements.csv", "cle\n1");
    write("data/warehouse.duckdb", "db");
    write("data/raw/cached.csv", "a");
    write("package-lock.json", "{}");
  };
  afterEach(() => rmSync(root, {recursive: true, force: true}));

  it("changes with the parsers, the domain models, every data file and the SQL — what the warehouse is built from", () => {
    setUp();
    const before = fingerprint(warehouseInputs(root), root, env);
    for (const [file, text] of [
      ["src/lib/csv-parse.ts", "export const parse = 2;"],
      ["src/model/structures.ts", "export const s = 2;"],
      ["data/indicators.json", '{"x": 1}'],
      ["data/aides/complements.csv", "cle\n2"],
      ["loaders/sql/stg_x.sql", "select 2"],
      ["package-lock.json", '{"v": 2}']
    ]) {
      const original = readFileSync(join(root, file), "utf8");
      write(file, text);
      expect(fingerprint(warehouseInputs(root), root, env), file).not.toBe(before);
      write(file, original);
      expect(fingerprint(warehouseInputs(root), root, env)).toBe(before);
    }
  });

  it("ignores the build's own products and the DOM components the pipeline never runs", () => {
    setUp();
    const before = fingerprint(warehouseInputs(root), root, env);
    write("data/warehouse.duckdb", "another db");
    write("data/raw/cached.csv", "b");
    write("src/components/map.ts", "export const m = 2;");
    expect(fingerprint(warehouseInputs(root), root, env)).toBe(before);
  });

  it("for Framework's cache, also changes with the data loaders, the page loaders and their templates", () => {
    setUp();
    const before = fingerprint(siteInputs(root), root, env);
    for (const file of ["src/data/besoins.json.ts", "src/index.md.ts", "src/index.md.template"]) {
      write(file, "changed");
      expect(fingerprint(siteInputs(root), root, env), file).not.toBe(before);
    }
    expect(siteInputs(root)).not.toContain("src/index2.md"); // Framework tracks pages itself
  });

  it("names where the pack is read from", () => {
    setUp();
    expect(fingerprint(warehouseInputs(root), root, {IDF_DATA_DIR: "/a"})).not.toBe(fingerprint(warehouseInputs(root), root, {IDF_DATA_DIR: "/b"}));
  });
});

describe("in this project", () => {
  const files = (dir: string): string[] =>
    readdirSync(join(ROOT, dir)).flatMap((name) => {
      const path = `${dir}/${name}`;
      return statSync(join(ROOT, path)).isDirectory() ? files(path) : [path];
    });
  // The ```js blocks a page loader writes are page code, which Framework tracks itself.
  const PAGE_CODE = /^(?:\\?`){3}js[^\n]*\n[\s\S]*?^(?:\\?`){3}/gm;
  /** Project files reachable from `entries` through relative imports and `new URL("./…")` reads
   * (folders, such as the download cache data/raw/, are places, not inputs). */
  const closure = (entries: string[]) => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file) || file.endsWith("/")) return;
      seen.add(file);
      if (file.endsWith(".ts")) for (const target of importsOf(file, readFileSync(join(ROOT, file), "utf8").replace(PAGE_CODE, ""))) visit(target);
    };
    entries.forEach(visit);
    return [...seen];
  };

  it("every module and file the warehouse build reaches is one of its inputs", () => {
    const reached = closure(["loaders/warehouse.ts", "loaders/build-warehouse.ts"]);
    expect(reached).toContain("src/lib/csv-parse.ts");
    expect(reached.filter((f) => !warehouseInputs().includes(f))).toEqual([]);
  });

  it("every module, file and template the Framework loaders reach is an input of the site's fingerprint", () => {
    const loaders = [...files("src/data").filter((f) => f.endsWith(".ts")), ...readdirSync(join(ROOT, "src")).filter((f) => f.endsWith(".md.ts")).map((f) => `src/${f}`)];
    const reached = closure(loaders);
    expect(reached.some((f) => f.endsWith(".md.template"))).toBe(true);
    expect(reached.filter((f) => !siteInputs().includes(f))).toEqual([]);
  });
});
