/** Serves a built site on 127.0.0.1. Usage: tsx bin/serve.ts [dir=dist] [port=3000] (either order). */
import {serve} from "./static-server.js";

const args = process.argv.slice(2);
const port = Number(args.find((a) => /^\d+$/.test(a)) ?? process.env.PORT ?? 3000);
const dir = args.find((a) => !/^\d+$/.test(a)) ?? "dist";
const server = await serve(dir, {port});
console.log(`Serving ${dir} at ${server.url}/`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void server.close().then(() => process.exit(0)));
