import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {LoaderResolver} from "@observablehq/framework/dist/loader.js";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {findLoaders, pool, runLoaders, runOrder, type LoaderTask} from "../bin/build-site.ts";
import config from "../observablehq.config.ts";

const task = (file: string, target: string, page = false): LoaderTask => ({file, target, page});

describe("the loaders the build runs beside Framework", () => {
  it("are the files named <name>.<ext>.<interpreter ext>: data and page loaders, not modules, type declarations or the cache", () => {
    const files = [
      "data/xlsx.zip.ts",
      "data/besoins.json.ts",
      "besoins.md.ts",
      "besoins.md.template",
      "bilan.md",
      "lib/csv.ts",
      "lib/saxen.d.ts",
      "model/validation/engine.ts",
      ".observablehq/cache/data/old.json.ts"
    ];
    expect(findLoaders(files, [".ts"])).toEqual([
      task("data/xlsx.zip.ts", "/data/xlsx.zip"),
      task("data/besoins.json.ts", "/data/besoins.json"),
      task("besoins.md.ts", "/besoins", true)
    ]);
  });

  it("are, for the site's source root, exactly the loaders Framework resolves for the same targets", () => {
    const resolver = new LoaderResolver({root: "src", interpreters: config.interpreters});
    const files = [...readdirSync("src"), ...readdirSync("src/data").map((f) => `data/${f}`)];
    const tasks = findLoaders(files, [...resolver.interpreters.keys()]);
    expect(tasks.length).toBe(files.filter((f) => /^(data\/.+\.[a-z]+|[^/]+\.md)\.ts$/.test(f)).length);
    expect(tasks.length).toBeGreaterThan(20);
    for (const t of tasks) expect((t.page ? resolver.findPage(t.target) : resolver.find(t.target))?.path, t.target).toBe(t.file);
  });

  it("start with the longest, then the pages, the archives and the others", () => {
    const tasks = [task("data/b.json.ts", "/data/b.json"), task("data/csv.zip.ts", "/data/csv.zip"), task("index.md.ts", "/index", true), task("data/xlsx.zip.ts", "/data/xlsx.zip")];
    expect(runOrder(tasks).map((t) => t.target)).toEqual(["/data/xlsx.zip", "/index", "/data/csv.zip", "/data/b.json"]);
  });
});

describe("the pool that runs them", () => {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

  it("runs every item, never more than N at once, starting them in the given order", async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    await pool([1, 2, 3, 4, 5, 6, 7], 2, async (i) => {
      started.push(i);
      most = Math.max(most, ++running);
      await tick();
      running--;
    });
    expect(started).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(2);
  });

  it("after a failure starts nothing new, lets the running one finish, then throws the first error", async () => {
    const finished: number[] = [];
    const run = pool([1, 2, 3, 4], 2, async (i) => {
      if (i === 1) throw new Error("un échec");
      await tick();
      finished.push(i);
    });
    await expect(run).rejects.toThrow("un échec");
    expect(finished).toEqual([2]);
  });
});

describe("running the loaders into Framework's cache", () => {
  let root: string;
  beforeEach(() => void (root = mkdtempSync(join(tmpdir(), "atlas-loaders-"))));
  afterEach(() => rmSync(root, {recursive: true, force: true}));

  function site(files: Record<string, string>): void {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, file)), {recursive: true});
      writeFileSync(join(root, file), text);
    }
  }

  it("writes each output where Framework's build looks for it, and a run under way is shared, not repeated", async () => {
    const runs = join(root, "runs.txt");
    writeFileSync(runs, "");
    site({
      "data/a.json.js": `import {appendFileSync} from "node:fs"; appendFileSync(${JSON.stringify(runs)}, "a\\n"); setTimeout(() => process.stdout.write('{"a":1}'), 200);`,
      "page.md.js": `process.stdout.write("# Page\\n");`,
      "lib/module.js": "export const x = 1;"
    });
    // Framework's build holds its own resolver: it asks for data/a.json while the pool runs it.
    const build = new LoaderResolver({root, interpreters: {}});
    const pooled = runLoaders(root, new LoaderResolver({root, interpreters: {}}), 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const quiet = {output: {write: () => true}, logger: {log() {}, warn() {}, error() {}}};
    await build.find("/data/a.json")!.load({useStale: true}, quiet);
    await pooled;
    expect(readFileSync(join(root, ".observablehq/cache/data/a.json"), "utf8")).toBe('{"a":1}');
    expect(readFileSync(join(root, ".observablehq/cache/page.md"), "utf8")).toBe("# Page\n");
    expect(readFileSync(runs, "utf8")).toBe("a\n");
  });

  it("stops with the failing loader's file named", async () => {
    site({"data/ok.json.js": `process.stdout.write("{}");`, "data/broken.json.js": `process.exit(3);`});
    await expect(runLoaders(root, new LoaderResolver({root, interpreters: {}}), 1)).rejects.toThrow(
      `chargeur ${join(root, "data/broken.json.js")} en échec (loader exited with code 3) : construction arrêtée`
    );
  });
});
