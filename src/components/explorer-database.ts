// Opens the Explorer's database with Framework's DuckDBClient (passed in: it exists only in pages).
// The Arrow files of the tables the level views read are fetched while DuckDB-Wasm compiles and
// inserted first, and the page is ready; the others (aides_harmonisees alone is 2.5 MB) are fetched
// only then, when the page asks for them once ready or SQL mode needs them (`complete()`), so that
// they compete neither with DuckDB-Wasm's own 35 MB download nor with the first query. Settings are then locked so that no query can download an extension, read a file or reach
// the network: the site makes no request outside itself, whatever the SQL.
import type {AsyncDuckDBLike} from "./duckdb-runner.js";

export const LOCKDOWN = [
  "SET autoinstall_known_extensions = false",
  "SET autoload_known_extensions = false",
  "SET enable_external_access = false",
  "SET lock_configuration = true"
];

interface Connection {
  query(sql: string): Promise<unknown>;
  insertArrowFromIPCStream(buffer: Uint8Array, options: {name: string; create?: boolean}): Promise<void>;
  close(): Promise<void>;
}
export interface ExplorerDatabase extends AsyncDuckDBLike {
  connect(): Promise<Connection & Awaited<ReturnType<AsyncDuckDBLike["connect"]>>>;
}
export interface DuckDBClientLike {
  of(sources: Record<string, unknown>, config: object): Promise<{_db: ExplorerDatabase}>;
}
interface Attachment {
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A new in-memory DuckDB-Wasm (worker + wasm), with no table yet. */
export const newClient = (DuckDBClient: DuckDBClientLike) => DuckDBClient.of({}, {query: {castDecimalToDouble: true}});

export async function openExplorerDatabase(
  client: ReturnType<typeof newClient>,
  sources: Record<string, Attachment>,
  views: {name: string; sql: string}[]
): Promise<{db: ExplorerDatabase; complete: () => Promise<void>}> {
  const names = Object.keys(sources);
  const core = names.filter((name) => views.some((v) => v.sql.includes(`"${name}"`)));
  const buffers = new Map(core.map((name) => [name, sources[name].arrayBuffer()]));
  const db = (await client)._db;
  performance.mark("explorer-duckdb-instantiated");
  const conn = await db.connect();
  const insert = async (name: string) => conn.insertArrowFromIPCStream(new Uint8Array(await buffers.get(name)!), {name, create: true});
  for (const name of core) await insert(name);
  for (const view of views) await conn.query(`create view "${view.name.replace(/"/g, '""')}" as ${view.sql}`);
  for (const statement of LOCKDOWN) await conn.query(statement);
  performance.mark("explorer-duckdb-core");
  // Inserting Arrow goes through DuckDB-Wasm's own API, not SQL: it works with the settings locked.
  let rest: Promise<void> | null = null;
  const complete = () =>
    (rest ??= (async () => {
      const others = names.filter((name) => !core.includes(name));
      for (const name of others) buffers.set(name, sources[name].arrayBuffer());
      for (const name of others) await insert(name);
      await conn.close();
    })());
  return {db, complete};
}
