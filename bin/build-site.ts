// `npm run build` step 2: Framework's build, with the site's loaders (data loaders and page loaders)
// run beside it, several at a time. Framework 1.13 runs loaders one after the other as its build
// reaches them (dist/build.js awaits each file in turn), so on a 2-core machine one core sat idle for
// the ≈ 36 s they take, 15 s of it for the xlsx archive alone.
//
// This is `observable build` (its CLI calls the same `build({config})`), in a process that also
// starts every loader through Framework's own LoaderResolver: same command, same output in
// Framework's cache (src/.observablehq/cache), same freshness rule. Framework shares a loader run
// that is under way (its `runningCommands`) and finds a finished one fresh in its cache, so nothing
// runs twice and nothing is skipped; a loader that fails stops the build. Filling Framework's cache
// ahead of its build is what its maintainers suggest (observablehq/framework#1148).
//
// Run as `node --import tsx --import ./bin/offline-npm.ts bin/build-site.ts` (see package.json).
// A pool of N over a fixed list is a dozen lines; a dependency for it would be larger than the code.
import {readdirSync} from "node:fs";
import {availableParallelism} from "node:os";
import {join, relative, sep} from "node:path";
import {performance} from "node:perf_hooks";
import {build} from "@observablehq/framework/dist/build.js";
import {readConfig} from "@observablehq/framework/dist/config.js";
import type {LoaderResolver} from "@observablehq/framework/dist/loader.js";

export interface LoaderTask {
  /** The loader's file, from the source root ("data/xlsx.zip.ts"). */
  file: string;
  /** What it serves: a page ("/besoins") or a file ("/data/xlsx.zip"). */
  target: string;
  page: boolean;
}

/**
 * The loaders under the source root, by Framework's naming rule: `<name>.<ext>.<interpreter ext>`
 * (`besoins.json.ts`, `besoins.md.ts`). Type declarations (`.d.ts`) and Framework's cache are not loaders.
 */
export function findLoaders(files: string[], interpreterExts: string[]): LoaderTask[] {
  const tasks: LoaderTask[] = [];
  for (const file of files) {
    if (file.startsWith(".observablehq/") || file.endsWith(".d.ts")) continue;
    const iext = interpreterExts.find((e) => file.endsWith(e));
    if (!iext) continue;
    const target = file.slice(0, -iext.length);
    if (!/\.[^./]+$/.test(target)) continue; // a module (lib/csv.ts), not a loader
    const page = target.endsWith(".md");
    tasks.push({file, target: `/${page ? target.slice(0, -".md".length) : target}`, page});
  }
  return tasks;
}

/**
 * The loaders that take longest, started first so that they do not finish alone at the end:
 * writing every table as an Excel workbook (excelize-wasm) is a third of all loader time
 * (`npm run bench`, README "Build time").
 */
export const LONGEST = ["/data/xlsx.zip"];

/**
 * The order loaders start in: the longest first, then the pages (Framework's build needs them
 * first), then the archives (every table in one format each), then the others; each group in file order.
 */
export function runOrder(tasks: LoaderTask[], longest = LONGEST): LoaderTask[] {
  const rank = (t: LoaderTask) => (longest.includes(t.target) ? 0 : t.page ? 1 : /\.(zip|tgz)$/.test(t.target) ? 2 : 3);
  return [...tasks].sort((a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file));
}

/**
 * Runs `run` on every item, at most `concurrency` at a time, in the given order. After a failure no
 * new item starts; the ones running finish, then the first error is thrown.
 */
export async function pool<T>(items: T[], concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: {error: unknown} | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
      const item = items[next++];
      try {
        await run(item);
      } catch (error) {
        failure ??= {error};
      }
    }
  };
  await Promise.all(Array.from({length: Math.max(1, Math.min(concurrency, items.length))}, worker));
  if (failure) throw failure.error;
}

function filesUnder(root: string, dir = root): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith(".") || entry.name === "node_modules" ? [] : filesUnder(root, path);
    return [relative(root, path).split(sep).join("/")];
  });
}

/** Framework's lines for these runs are kept back: "load … → " and "success" would interleave with its build's. */
const quiet = {output: {write: () => true}, logger: {log() {}, warn: console.warn, error: console.error}};

/** Starts every loader of the site, `concurrency` at a time; resolves when all are in the cache. */
export async function runLoaders(root: string, loaders: LoaderResolver, concurrency = availableParallelism()): Promise<void> {
  const tasks = runOrder(findLoaders(filesUnder(root), [...loaders.interpreters.keys()]));
  const started = performance.now();
  await pool(tasks, concurrency, async (task) => {
    const loader = task.page ? loaders.findPage(task.target) : loaders.find(task.target);
    if (!loader || loader.path !== task.file) return; // a static file of the same name wins in Framework too
    try {
      // As the build asks: a stale page loader runs again, a stale file is kept (`useStale`).
      await loader.load({useStale: !task.page}, quiet);
    } catch (error) {
      throw new Error(`chargeur ${join(root, task.file)} en échec (${(error as Error).message}) : construction arrêtée`);
    }
  });
  process.stderr.write(`chargeurs : ${tasks.length} prêts en ${((performance.now() - started) / 1000).toFixed(1)} s, ${concurrency} à la fois\n`);
}

async function main(): Promise<void> {
  const config = await readConfig(undefined, undefined);
  const loaders = runLoaders(config.root, config.loaders);
  const site = build({config});
  // Both are awaited whatever happens: no loader is left running behind a failed build.
  const [l, s] = await Promise.allSettled([loaders, site]);
  for (const result of [l, s]) if (result.status === "rejected") throw result.reason;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
}
