// Offline npm for Observable Framework.
//
// Framework resolves `npm:` imports by asking the npm registry for versions and
// downloading files from cdn.jsdelivr.net (see
// node_modules/@observablehq/framework/dist/npm.js). Our machines reach the npm
// registry only through npm's own client, so this preload patches
// `globalThis.fetch` and answers those requests from node_modules instead:
//
//   node --import tsx --import ./bin/offline-npm.ts \
//     node_modules/@observablehq/framework/dist/bin/observable.js build
//
// - CDN `<name>@<version>/+esm` (or `<subpath>/+esm`): an esbuild bundle of the
//   installed package in which every import of ANOTHER package is left external
//   as `/npm/<dep>@<installed version>/+esm`, the shape jsDelivr produces, so
//   Framework walks and dedupes the dependency graph itself;
// - CDN `<name>@<version>/package.json` and other files: the installed file;
// - registry version look-ups: a registry-shaped answer listing the installed
//   versions (so dist-tags such as `apache-arrow@latest` work too);
// - anything else: the real fetch, untouched.
//
// The project rule is to name no package-registry host in its files, so
// registry requests are recognised by their shape and by npm's configured
// registry URL, never by a hard-coded host.

import {execFileSync} from "node:child_process";
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {isBuiltin} from "node:module";
import {dirname, extname, join, resolve, sep} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";
import {build, type Plugin} from "esbuild";

export const CDN_PREFIX = "https://cdn.jsdelivr.net/npm/";
const INSTALL_V1 = "application/vnd.npm.install-v1+json";

// ---------------------------------------------------------------------------
// Pure helpers (unit-tested in test/offline-npm.test.ts)

export interface CdnRequest {
  name: string;
  version: string;
  /** "" for the package root; never starts with "/" */
  path: string;
}

/** Parses `<name>@<version>/<path>` as found after the CDN's `/npm/`. */
export function parseCdnSpecifier(specifier: string): CdnRequest | null {
  const match = /^((?:@[^/@]+\/)?[^/@]+)@([^/]+)(?:\/(.*))?$/.exec(specifier);
  if (!match) return null;
  return {name: match[1], version: decodeURIComponent(match[2]), path: match[3] ?? ""};
}

/**
 * Splits a bare import specifier into package name and subpath; null for
 * relative, absolute and URL specifiers (`node:fs` included). A bare builtin
 * name such as "buffer" is kept: browser code may mean the npm polyfill.
 */
export function parseBareImport(specifier: string): {name: string; subpath: string} | null {
  if (/^[./]|^[a-z][\w+.-]*:/i.test(specifier)) return null;
  const parts = specifier.split("/");
  const n = specifier.startsWith("@") ? 2 : 1;
  if (parts.length < n || parts.slice(0, n).some((p) => p === "")) return null;
  return {name: parts.slice(0, n).join("/"), subpath: parts.slice(n).join("/")};
}

/** The path jsDelivr's +esm bundles use to import another package. */
export function jsDelivrEsmPath(name: string, version: string, subpath = ""): string {
  return `/npm/${name}@${version}/${subpath ? `${subpath.replace(/\/$/, "")}/` : ""}+esm`;
}

/** Whether a CDN path asks for a bundle, and of which subpath ("" = root). */
export function esmSubpath(path: string): string | null {
  if (path === "+esm") return "";
  return path.endsWith("/+esm") ? path.slice(0, -"/+esm".length) : null;
}

/**
 * The version given to a dist-tag look-up of a package that is not installed.
 * Framework always resolves `npm:react-dom@latest` for its client (JSX support)
 * even when no page uses it, so failing the look-up would fail every build;
 * this placeholder fails only if something really loads the package, with
 * notInstalledMessage.
 */
export const NOT_INSTALLED = "0.0.0-not-installed";

export function notInstalledMessage(name: string, version?: string): string {
  const spec = version && version !== NOT_INSTALLED ? `${name}@${version}` : name;
  return `npm:${spec} is not in node_modules: add it to package.json (npm install --save-exact ${spec})`;
}

const JAVASCRIPT = "application/javascript; charset=utf-8";
const CONTENT_TYPES: Record<string, string> = {
  ".js": JAVASCRIPT,
  ".mjs": JAVASCRIPT,
  ".cjs": JAVASCRIPT,
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".tsv": "text/tab-separated-values; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf"
};

/** Framework rewrites imports only in responses typed application/javascript. */
export function contentType(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

/**
 * The package name a registry request is about, or null if the URL is not a
 * registry version look-up. Framework sends two shapes (npm.js,
 * resolveNpmVersion): `<registry>/<name>` with an install-v1 Accept header for
 * ranges, and `<registry>/<name>/<dist-tag>` for dist-tags such as "latest".
 */
export function parseRegistryRequest(
  url: URL,
  accept: string | null,
  registry: string | undefined
): {name: string; tag?: string} | null {
  const href = url.href;
  const base = registry ? registry.replace(/\/?$/, "/") : undefined;
  let path: string;
  if (base && href.startsWith(base)) path = href.slice(base.length);
  else if (accept?.includes(INSTALL_V1)) path = url.pathname.slice(1);
  else return null;
  const parts = decodeURIComponent(path.replace(/[?#].*$/, "")).split("/");
  const n = parts[0].startsWith("@") ? 2 : 1;
  if (parts.length < n || parts.length > n + 1 || parts.some((p) => p === "")) return null;
  const name = parts.slice(0, n).join("/");
  return parts.length > n ? {name, tag: parts[n]} : {name};
}

// ---------------------------------------------------------------------------
// What is installed

interface Installed {
  name: string;
  version: string;
  dir: string;
}

const projectDir = process.cwd();
const nodeModules = join(projectDir, "node_modules");

function readPackage(dir: string): {name?: string; version?: string} | null {
  try {
    return JSON.parse(readFileSync(join(dir, "package.json"), "utf-8"));
  } catch {
    return null;
  }
}

/** Packages directly inside one node_modules folder (scopes expanded). */
function listPackages(modulesDir: string): Installed[] {
  const found: Installed[] = [];
  let entries: string[];
  try {
    entries = readdirSync(modulesDir).sort();
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (entry.startsWith(".")) continue;
    const dirs = entry.startsWith("@")
      ? readdirSync(join(modulesDir, entry)).sort().map((s) => join(modulesDir, entry, s))
      : [join(modulesDir, entry)];
    for (const dir of dirs) {
      const pkg = readPackage(dir);
      if (pkg?.name && pkg.version) found.push({name: pkg.name, version: pkg.version, dir});
    }
  }
  return found;
}

let installedIndex: Map<string, Installed[]> | undefined;

/** Every installed copy of every package, top level first, nested copies after. */
function installed(): Map<string, Installed[]> {
  if (installedIndex) return installedIndex;
  installedIndex = new Map();
  const queue = [nodeModules];
  for (let modulesDir; (modulesDir = queue.shift()); ) {
    for (const pkg of listPackages(modulesDir)) {
      const copies = installedIndex.get(pkg.name) ?? [];
      if (!copies.some((c) => c.version === pkg.version)) copies.push(pkg);
      installedIndex.set(pkg.name, copies);
      const nested = join(pkg.dir, "node_modules");
      if (existsSync(nested)) queue.push(nested);
    }
  }
  return installedIndex;
}

function findInstalled(name: string, version: string): Installed | undefined {
  return installed().get(name)?.find((c) => c.version === version);
}

/** Node's lookup: the copy of `name` that code in `fromDir` would import. */
function resolvePackageFrom(name: string, fromDir: string): Installed | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    const pkg = readPackage(candidate);
    if (pkg?.version) return {name, version: pkg.version, dir: candidate};
    if (dirname(dir) === dir) return undefined;
  }
}

// ---------------------------------------------------------------------------
// +esm bundles

/** The folder holding this copy's node_modules, to resolve it as importers do. */
function parentDir(pkg: Installed): string {
  return pkg.dir.slice(0, pkg.dir.lastIndexOf(`${sep}node_modules${sep}`));
}

/**
 * The entry point is resolved as an importer next to this copy would resolve
 * `<name>/<subpath>` (exports map, browser field). Other packages are kept
 * external, as jsDelivr does, pointing at the version installed next to the
 * importer. Only `import`/`import()` are kept external: a `require()` of a URL
 * cannot work in the browser, so CommonJS dependencies are bundled in.
 */
const DEFAULT = Symbol("esbuild's own resolution");

function offlineResolve(self: Installed, entry: string): Plugin {
  return {
    name: "offline-npm",
    setup(b) {
      b.onResolve({filter: /.*/}, async (args) => {
        if (args.kind !== "entry-point" || args.path !== entry) return undefined;
        const resolved = await b.resolve(entry, {kind: "import-statement", resolveDir: parentDir(self)});
        return resolved.errors.length ? {errors: resolved.errors} : {path: resolved.path};
      });
      b.onResolve({filter: /^[^./]/}, async (args) => {
        if (args.kind === "entry-point" || args.pluginData === DEFAULT) return undefined;
        const bare = parseBareImport(args.path);
        if (!bare || bare.name === self.name) return undefined;
        const dep = resolvePackageFrom(bare.name, args.resolveDir);
        if (dep) {
          if (args.kind !== "import-statement" && args.kind !== "dynamic-import") return undefined;
          return {path: jsDelivrEsmPath(bare.name, dep.version, bare.subpath), external: true};
        }
        // Not installed: esbuild may still resolve it (a `"browser": {"fs": false}`
        // mapping); else a Node builtin stays as is, and anything else is an error.
        const {kind, resolveDir, importer} = args;
        const resolved = await b.resolve(args.path, {kind, resolveDir, importer, pluginData: DEFAULT});
        if (!resolved.errors.length) return resolved;
        if (isBuiltin(args.path)) return {path: args.path, external: true};
        return {errors: [{text: `${self.name} imports ${bare.name}: ${notInstalledMessage(bare.name)}`}]};
      });
    }
  };
}

// In-memory, per process: the same copy and subpath are bundled once.
const bundles = new Map<string, Promise<string>>();

function bundle(pkg: Installed, subpath: string): Promise<string> {
  const key = `${pkg.dir}\0${subpath}`;
  let promise = bundles.get(key);
  if (!promise) bundles.set(key, (promise = bundleUncached(pkg, subpath)));
  return promise;
}

async function bundleUncached(pkg: Installed, subpath: string): Promise<string> {
  const entry = subpath ? `${pkg.name}/${subpath}` : pkg.name;
  try {
    const result = await build({
      entryPoints: [entry],
      absWorkingDir: projectDir, // esbuild output is the same wherever it runs
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      conditions: ["browser", "import", "module"],
      minify: true,
      logLevel: "silent",
      plugins: [offlineResolve(pkg, entry)]
    });
    return result.outputFiles[0].text;
  } catch (error) {
    const message = `cannot bundle npm:${pkg.name}@${pkg.version}/${subpath}: ${(error as Error).message}`;
    console.error(`offline-npm: ${message}`);
    throw new Error(message);
  }
}

// ---------------------------------------------------------------------------
// Responses

function notFound(name: string, version?: string): Response {
  const message = notInstalledMessage(name, version);
  console.error(`offline-npm: ${message}`);
  return new Response(message, {status: 404, statusText: message, headers: {"content-type": "text/plain"}});
}

/** The CDN's answer for `<name>@<version>/<path>`, from node_modules. */
export async function answerCdn(specifier: string): Promise<Response> {
  const request = parseCdnSpecifier(specifier);
  if (!request) return new Response(`offline-npm: bad CDN path ${specifier}`, {status: 400});
  const pkg = findInstalled(request.name, request.version);
  if (!pkg) return notFound(request.name, request.version);
  const subpath = esmSubpath(request.path);
  if (subpath !== null) {
    const body = await bundle(pkg, subpath);
    return new Response(body, {headers: {"content-type": JAVASCRIPT}});
  }
  const file = resolve(pkg.dir, request.path);
  if (!file.startsWith(pkg.dir + sep) || !existsSync(file)) {
    return new Response(`offline-npm: no file ${request.path} in npm:${pkg.name}@${pkg.version}`, {status: 404});
  }
  return new Response(readFileSync(file), {headers: {"content-type": contentType(file)}});
}

/** The registry's answer for a version look-up, from node_modules. */
export function answerRegistry(name: string, tag: string | undefined): Response {
  const copies = installed().get(name);
  if (!copies?.length) {
    // Framework prints `npm:<name>@<tag> → npm:<name>@0.0.0-not-installed`.
    return tag ? Response.json({name, version: NOT_INSTALLED}) : notFound(name);
  }
  // The top-level copy is what `npm:<name>` gets anywhere else; offline it is
  // the answer to every dist-tag ("latest" included).
  const top = copies[0];
  const body = tag
    ? {name, version: top.version}
    : {
        name,
        "dist-tags": {latest: top.version},
        versions: Object.fromEntries(copies.map((c) => [c.version, {name, version: c.version}]))
      };
  return Response.json(body, {headers: {"content-type": INSTALL_V1}});
}

// npm's configured registry, asked of npm itself (never named here); only
// needed for dist-tag look-ups, which carry no install-v1 Accept header.
let registryUrl: string | null | undefined = process.env.npm_config_registry;
function npmRegistry(): string | undefined {
  if (registryUrl === undefined) {
    try {
      registryUrl = execFileSync("npm", ["config", "get", "registry"], {encoding: "utf-8"}).trim() || null;
    } catch {
      registryUrl = null;
    }
  }
  return registryUrl ?? undefined;
}

const realFetch = globalThis.fetch;

async function offlineFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = URL.parse(input instanceof Request ? input.url : String(input));
  if (!url) return realFetch(input, init);
  if (url.href.startsWith(CDN_PREFIX)) return answerCdn(url.href.slice(CDN_PREFIX.length));
  const accept = new Headers(input instanceof Request ? input.headers : init?.headers).get("accept");
  // Only `/<name>` or `/<name>/<tag>` (scoped: one more segment) can be a
  // version look-up; checking that first keeps most requests from asking npm.
  const v1 = accept?.includes(INSTALL_V1) ?? false;
  if (v1 || url.pathname.split("/").length <= 4) {
    const request = parseRegistryRequest(url, accept, v1 ? undefined : npmRegistry());
    if (request) return answerRegistry(request.name, request.tag);
  }
  return realFetch(input, init);
}

// ---------------------------------------------------------------------------
// Seed Framework's version cache: resolveNpmVersion skips the registry when
// <root>/.observablehq/cache/_npm/<name>@<version>/ exists.

async function readRoot(): Promise<string> {
  for (const file of ["observablehq.config.js", "observablehq.config.ts"]) {
    const path = join(projectDir, file);
    if (!existsSync(path)) continue;
    try {
      const config = (await import(pathToFileURL(path).href)).default as {root?: unknown} | undefined;
      if (config?.root !== undefined) return String(config.root);
    } catch {
      // Framework will report a broken config itself.
    }
    break;
  }
  return "src";
}

async function seedVersionCache(): Promise<void> {
  const npmCache = join(projectDir, await readRoot(), ".observablehq", "cache", "_npm");
  // Framework prefers the highest cached version of an unranged `npm:<name>`,
  // so a version left from an older node_modules would win over the installed
  // one: forget cached versions of installed packages that are no longer
  // installed (a cache: anything needed is made again from node_modules).
  for (const entry of listDirs(npmCache)) {
    const cached = parseCdnSpecifier(entry);
    const copies = cached && installed().get(cached.name);
    if (copies && !copies.some((c) => c.version === cached.version)) {
      rmSync(join(npmCache, entry), {recursive: true, force: true});
    }
  }
  for (const pkg of listPackages(nodeModules)) {
    mkdirSync(join(npmCache, `${pkg.name}@${pkg.version}`), {recursive: true});
  }
}

/** `<name>@<version>` folders of Framework's npm cache, scoped ones as `@scope/...`. */
function listDirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((e) => (e.startsWith("@") ? readdirSync(join(dir, e)).map((s) => `${e}/${s}`) : [e]));
}

// ---------------------------------------------------------------------------
// Install only when loaded with `--import` (in the command line or
// NODE_OPTIONS), so tests can import the helpers above without side effects.

function loadedAsPreload(): boolean {
  const self = fileURLToPath(import.meta.url);
  const args = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
  return args.some((arg, i) => {
    const value = arg.startsWith("--import=") ? arg.slice("--import=".length) : args[i - 1] === "--import" ? arg : "";
    return value !== "" && (value.startsWith("file:") ? fileURLToPath(value) : resolve(value)) === self;
  });
}

if (loadedAsPreload()) {
  globalThis.fetch = offlineFetch;
  await seedVersionCache();
}
