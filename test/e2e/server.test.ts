import {mkdtemp, mkdir, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, expect, test} from "vitest";
import {serve, type StaticServer} from "../../bin/static-server.js";

let dir: string;
let extra: string;
let server: StaticServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "serve-test-"));
  extra = await mkdtemp(join(tmpdir(), "serve-extra-"));
  await mkdir(join(dir, "_file"));
  await writeFile(join(dir, "index.html"), "<h1>home</h1>");
  await writeFile(join(dir, "methode.html"), "<h1>méthode</h1>");
  await writeFile(join(dir, "_file", "a.parquet"), "PAR1");
  await writeFile(join(dir, "_file", "b.geojson"), "{}");
  await writeFile(join(dir, "_file", "c.wasm"), "");
  await writeFile(join(dir, "_file", "d.csv"), "a\n1\n");
  await writeFile(join(extra, "naive.html"), "naive");
  await writeFile(join(tmpdir(), "serve-secret.txt"), "secret");
  server = await serve(dir, {mounts: {"/__bench/": extra}});
});

afterAll(async () => {
  await server.close();
  await rm(dir, {recursive: true, force: true});
  await rm(extra, {recursive: true, force: true});
});

test("the static server listens on 127.0.0.1 with an ephemeral port", () => {
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(server.port).toBeGreaterThan(0);
});

test("the static server maps / to index.html and extension-less paths to .html", async () => {
  const home = await fetch(server.url + "/");
  expect(home.status).toBe(200);
  expect(home.headers.get("content-type")).toMatch(/^text\/html/);
  expect(await home.text()).toContain("home");
  const methode = await fetch(server.url + "/methode");
  expect(methode.status).toBe(200);
  expect(await methode.text()).toContain("méthode");
});

test("the static server sends the right content types", async () => {
  const types = {
    "/_file/a.parquet": "application/octet-stream",
    "/_file/b.geojson": "application/json",
    "/_file/c.wasm": "application/wasm",
    "/_file/d.csv": "text/csv"
  };
  for (const [path, type] of Object.entries(types)) {
    const response = await fetch(server.url + path);
    expect(response.status, path).toBe(200);
    expect(response.headers.get("content-type"), path).toContain(type);
  }
});

test("the static server answers 404 for missing files and never leaves its root", async () => {
  expect((await fetch(server.url + "/nope")).status).toBe(404);
  expect((await fetch(server.url + "/..%2fserve-secret.txt")).status).toBe(404);
  expect((await fetch(server.url + "/%2e%2e/serve-secret.txt")).status).toBe(404);
});

test("the static server serves mounted directories under their prefix", async () => {
  const response = await fetch(server.url + "/__bench/naive.html");
  expect(response.status).toBe(200);
  expect(await response.text()).toBe("naive");
});
