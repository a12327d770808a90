/**
 * Minimal static file server for end-to-end tests and benchmarks (node:http, no dependencies).
 * Binds to 127.0.0.1 only. Maps extension-less paths to `.html` (Framework's clean URLs)
 * and directories to `index.html`.
 */
import {createServer, type IncomingMessage, type ServerResponse} from "node:http";
import {createReadStream} from "node:fs";
import {stat} from "node:fs/promises";
import {extname, join, normalize, resolve, sep} from "node:path";
import type {AddressInfo} from "node:net";

export const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".topojson": "application/json; charset=utf-8",
  ".geojson": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".tsv": "text/tab-separated-values; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".parquet": "application/octet-stream",
  ".arrow": "application/vnd.apache.arrow.file",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".xml": "application/xml; charset=utf-8",
  ".zip": "application/zip"
};

export function contentType(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Port to listen on; 0 (default) picks an ephemeral port. */
  port?: number;
  /** Extra directories mounted under a URL prefix, e.g. {"/__bench/": "/tmp/x"}. */
  mounts?: Record<string, string>;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Resolves a URL pathname to a file inside root, or null (never escapes root). */
export async function resolveFile(root: string, pathname: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const base = resolve(root);
  const target = resolve(base, "." + normalize("/" + decoded));
  if (target !== base && !target.startsWith(base + sep)) return null;
  const candidates = decoded.endsWith("/")
    ? [join(target, "index.html")]
    : [target, target + ".html", join(target, "index.html")];
  for (const candidate of candidates) if (await isFile(candidate)) return candidate;
  return null;
}

export async function serve(root: string, options: ServeOptions = {}): Promise<StaticServer> {
  const mounts = Object.entries(options.mounts ?? {}).sort((a, b) => b[0].length - a[0].length);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, {"content-type": "text/plain; charset=utf-8"});
      res.end(String(error));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, {allow: "GET, HEAD"}).end();
      return;
    }
    const {pathname} = new URL(req.url ?? "/", "http://127.0.0.1");
    let dir = root;
    let path = pathname;
    for (const [prefix, mounted] of mounts) {
      if (pathname.startsWith(prefix)) {
        dir = mounted;
        path = "/" + pathname.slice(prefix.length);
        break;
      }
    }
    const file = await resolveFile(dir, path);
    if (!file) {
      const notFound = await resolveFile(root, "/404");
      res.writeHead(404, {"content-type": "text/html; charset=utf-8"});
      if (notFound && req.method === "GET") createReadStream(notFound).pipe(res);
      else res.end("Not found");
      return;
    }
    const {size} = await stat(file);
    res.writeHead(200, {
      "content-type": contentType(file),
      "content-length": size,
      "cache-control": "no-cache"
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    createReadStream(file)
      .on("error", () => res.destroy())
      .pipe(res);
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolvePromise());
  });
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolvePromise, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolvePromise()));
      })
  };
}
