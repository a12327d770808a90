// Opens the Explorer's database with Framework's DuckDBClient (passed in: it exists only in pages):
// every published table from its Arrow file, the level views, then settings locked so that no
// query can download an extension, read a file or reach the network (the site makes no request
// outside itself, whatever the SQL).
import type {AsyncDuckDBLike} from "./duckdb-runner.js";

export const LOCKDOWN = [
  "SET autoinstall_known_extensions = false",
  "SET autoload_known_extensions = false",
  "SET enable_external_access = false",
  "SET lock_configuration = true"
];

interface DuckDBClientLike {
  of(sources: Record<string, unknown>, config: object): Promise<{query(sql: string): Promise<unknown>; _db: AsyncDuckDBLike}>;
}

export async function openExplorerDatabase(DuckDBClient: DuckDBClientLike, sources: Record<string, unknown>, views: {name: string; sql: string}[]): Promise<AsyncDuckDBLike> {
  const client = await DuckDBClient.of(sources, {query: {castDecimalToDouble: true}});
  for (const view of views) await client.query(`create view "${view.name.replace(/"/g, '""')}" as ${view.sql}`);
  for (const statement of LOCKDOWN) await client.query(statement);
  return client._db; // the AsyncDuckDB behind Framework's client: its pending queries can be cancelled
}
