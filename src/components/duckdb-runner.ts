// Runs the Explorer's queries in DuckDB-Wasm's worker with a row cap and a time limit. A query that
// fails rejects with DuckDB's own message; one over the cap is cut (and says so); one over the time
// limit is cancelled (DuckDB's pending-query interrupt), and if the worker does not answer the
// cancel, it is terminated and the database reopened, so the page always stays usable.

/** The part of @duckdb/duckdb-wasm's AsyncDuckDB the runner uses. */
export interface AsyncDuckDBLike {
  connect(): Promise<ConnectionLike>;
  terminate(): Promise<void>;
}
interface BatchLike {
  numRows: number;
  schema: {fields: {name: string; type: {toString(): string}}[]};
  toArray(): {toJSON(): Record<string, unknown>}[];
}
interface ConnectionLike {
  send(text: string, allowStreamResult?: boolean): Promise<AsyncIterable<BatchLike>>;
  prepare(text: string): Promise<{send(...params: unknown[]): Promise<AsyncIterable<BatchLike>>; close(): Promise<void>}>;
  cancelSent(): Promise<boolean>;
  close(): Promise<void>;
}

export interface QueryResult {
  columns: {name: string; type: string}[];
  rows: Record<string, unknown>[];
  /** More rows than the cap: only the first `maxRows` are kept. */
  truncated: boolean;
  ms: number;
}

export type QueryErrorKind = "sql" | "timeout";

export class QueryError extends Error {
  constructor(
    message: string,
    readonly kind: QueryErrorKind,
    readonly restarted = false
  ) {
    super(message);
  }
}

export interface RunnerOptions {
  timeoutMs: number;
  maxRows: number;
  /** How long a cancelled query may take to stop before the worker is terminated. */
  graceMs?: number;
}

/** Plain JS values: BigInt (counts beyond what castBigIntToDouble covers) become numbers. */
function plain(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  return value;
}

async function readAll(reader: AsyncIterable<BatchLike>, maxRows: number): Promise<Omit<QueryResult, "ms">> {
  const rows: Record<string, unknown>[] = [];
  let columns: QueryResult["columns"] | null = null;
  let truncated = false;
  for await (const batch of reader) {
    columns ??= batch.schema.fields.map((f) => ({name: f.name, type: String(f.type)}));
    for (const row of batch.toArray()) {
      if (rows.length >= maxRows) {
        truncated = true;
        break;
      }
      const json = row.toJSON();
      const out: Record<string, unknown> = {};
      for (const {name} of columns) out[name] = plain(json[name]);
      rows.push(out);
    }
    if (truncated) break;
  }
  return {columns: columns ?? [], rows, truncated};
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * `open` gives the database and a function that loads its remaining tables (once, however often it
 * is called): builder queries (with parameters) run as soon as the database opens, SQL-mode queries
 * once every table is in; `complete()` starts that loading without a query (the page, once ready).
 */
export function createRunner(open: () => Promise<{db: AsyncDuckDBLike; complete: () => Promise<void>}>, {timeoutMs, maxRows, graceMs = 1500}: RunnerOptions) {
  let opened = open();
  let db = opened.then((o) => o.db);
  let restarting: Promise<unknown> | null = null;

  async function restart(): Promise<void> {
    const old = db;
    opened = open();
    db = opened.then((o) => o.db);
    restarting = db;
    await old.then((d) => d.terminate()).catch(() => {});
    await db.finally(() => (restarting = null));
  }

  const complete = async () => (await opened).complete();

  /** Text queries (SQL mode, no params) are sent as pending queries, which DuckDB can interrupt. */
  async function query(sql: string, params: unknown[] = []): Promise<QueryResult> {
    if (restarting) await restarting;
    if (!params.length) await complete().catch(() => {});
    const conn = await (await db).connect();
    const started = performance.now(); // the query's own time, not the database's opening
    let settled = false;
    const work = (async () => {
      if (params.length) {
        const statement = await conn.prepare(sql);
        try {
          return await readAll(await statement.send(...params), maxRows);
        } finally {
          await statement.close();
        }
      }
      return readAll(await conn.send(sql, true), maxRows);
    })().finally(() => (settled = true));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
    try {
      const outcome = await Promise.race([work, timeout]);
      if (outcome === "timeout") {
        await conn.cancelSent().catch(() => false);
        await Promise.race([work.catch(() => {}), sleep(graceMs)]);
        const restarted = !settled;
        if (restarted) await restart();
        throw new QueryError(
          `Requête arrêtée au bout de ${Math.round(timeoutMs / 1000)} s.${restarted ? " La base a été rechargée." : ""} Ajoutez des filtres ou une clause LIMIT.`,
          "timeout",
          restarted
        );
      }
      return {...outcome, ms: performance.now() - started};
    } catch (error) {
      if (error instanceof QueryError) throw error;
      throw new QueryError((error as Error)?.message ?? String(error), "sql");
    } finally {
      clearTimeout(timer);
      if (settled) await conn.close().catch(() => {});
    }
  }

  return {query, restart, complete, maxRows, timeoutMs};
}

export type Runner = ReturnType<typeof createRunner>;
