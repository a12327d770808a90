import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {createServer, type Server} from "node:http";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {locate, PackError, packOptionsFromEnv, sha256} from "../loaders/pack.js";
import type {Source} from "../loaders/registry.js";

const packDir = fileURLToPath(new URL("./fixtures/pack/", import.meta.url));
const bytes = readFileSync(join(packDir, "geo/mini.csv"));
const source: Source = {
  id: "mini",
  title: "Mini",
  publisher: "Test",
  licence: "Licence Ouverte 2.0",
  vintage: "2026",
  upstream_url: "https://example.org/mini",
  pack_file: "geo/mini.csv",
  sha256: sha256(bytes),
  download_url: null,
  transformation: "aucune"
};
const tempCache = () => mkdtempSync(join(tmpdir(), "atlas-cache-"));

describe("finding a source's file", () => {
  it("finds the file in the pack and checks its sha256", async () => {
    expect(await locate(source, {dataDir: packDir, cacheDir: tempCache()})).toBe(join(packDir, "geo/mini.csv"));
  });

  it("stops with one sentence naming the file when the checksum differs", async () => {
    const altered = {...source, sha256: "0".repeat(64)};
    await expect(locate(altered, {dataDir: packDir, cacheDir: tempCache()})).rejects.toThrow(
      /geo\/mini\.csv \(source "mini"\) has sha256 [0-9a-f]{64} but data\/sources\.json expects 0{64}/
    );
  });

  it("says how to provide the pack when IDF_DATA_DIR is not set", async () => {
    await expect(locate(source, {cacheDir: tempCache()})).rejects.toThrow(/No data pack: set IDF_DATA_DIR .* to read geo\/mini\.csv/);
  });

  it("says which file is missing from the pack", async () => {
    await expect(locate({...source, pack_file: "geo/absent.csv"}, {dataDir: packDir, cacheDir: tempCache()})).rejects.toThrow(/geo\/absent\.csv is missing \(source "mini"\)/);
  });

  it("says when IDF_DATA_DIR points nowhere", async () => {
    await expect(locate(source, {dataDir: "/nonexistent/pack", cacheDir: tempCache()})).rejects.toThrow(PackError);
  });

  it("uses a verified copy in the local cache when the pack lacks the file", async () => {
    const cache = tempCache();
    mkdirSync(join(cache, "geo"));
    writeFileSync(join(cache, "geo/mini.csv"), bytes);
    expect(await locate(source, {cacheDir: cache})).toBe(join(cache, "geo/mini.csv"));
  });

  it("reads its options from the environment", () => {
    expect(packOptionsFromEnv({IDF_DATA_DIR: "pack", IDF_DATA_DOWNLOAD: "1"})).toMatchObject({download: true});
    expect(packOptionsFromEnv({}).dataDir).toBeUndefined();
  });
});

describe("downloading a source into the cache", () => {
  let server: Server;
  let base = "";
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === "/mini.csv") response.end(bytes);
      else if (request.url === "/altered.csv") response.end("codgeo,nom\n75056,Lutèce\n");
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address() as {port: number};
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("downloads, verifies and caches the file when IDF_DATA_DOWNLOAD is on", async () => {
    const cache = tempCache();
    const path = await locate({...source, download_url: `${base}/mini.csv`}, {cacheDir: cache, download: true});
    expect(path).toBe(join(cache, "geo/mini.csv"));
    expect(readFileSync(path)).toEqual(bytes);
  });

  it("does not download unless asked", async () => {
    await expect(locate({...source, download_url: `${base}/mini.csv`}, {cacheDir: tempCache()})).rejects.toThrow(/or set IDF_DATA_DOWNLOAD=1/);
  });

  it("refuses a downloaded file whose checksum differs, and caches nothing", async () => {
    const cache = tempCache();
    await expect(locate({...source, download_url: `${base}/altered.csv`}, {cacheDir: cache, download: true})).rejects.toThrow(/has sha256/);
    await expect(locate(source, {cacheDir: cache})).rejects.toThrow(/No data pack/);
  });

  it("reports an HTTP failure with the URL", async () => {
    await expect(locate({...source, download_url: `${base}/gone.csv`}, {cacheDir: tempCache(), download: true})).rejects.toThrow(/gone\.csv .* HTTP 404/);
  });
});
