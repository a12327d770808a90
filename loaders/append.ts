// One way to write JS rows into a new warehouse table: DuckDB's appender (fast, typed, no SQL
// string built from data), a null for null or undefined, every other value converted to the
// column's declared type.
import type {DuckDBConnection} from "@duckdb/node-api";

export type ColumnType = "VARCHAR" | "DOUBLE" | "INTEGER" | "BIGINT" | "BOOLEAN";
export type Columns = readonly (readonly [string, ColumnType])[];

/** Creates (or replaces) `table` with `columns` and appends `rows`, read by column name. */
export async function createTable(connection: DuckDBConnection, table: string, columns: Columns, rows: Iterable<Record<string, unknown>>): Promise<void> {
  await connection.run(`create or replace table ${table} (${columns.map(([name, type]) => `"${name}" ${type}`).join(", ")})`);
  const appender = await connection.createAppender(table);
  for (const row of rows) {
    for (const [name, type] of columns) {
      const value = row[name];
      if (value === null || value === undefined) appender.appendNull();
      else if (type === "BIGINT") appender.appendBigInt(BigInt(value as number | string | bigint));
      else if (type === "DOUBLE") appender.appendDouble(Number(value));
      else if (type === "INTEGER") appender.appendInteger(Number(value));
      else if (type === "BOOLEAN") appender.appendBoolean(Boolean(value));
      else appender.appendVarchar(String(value));
    }
    appender.endRow();
  }
  appender.closeSync();
}
