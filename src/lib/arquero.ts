// arquero's table API for node and the browser. Its package entry also exports file loaders that
// import node:fs and node:stream; Framework's node-import bundler ignores the package's "browser"
// field, so importing "arquero" from a page's module breaks in the browser. The table API is taken
// from arquero's own modules instead (arquero is pinned to an exact version in package.json; the
// types are the package's, see arquero-modules.d.ts), and Arrow bytes are decoded with flechette,
// the Arrow reader arquero itself uses.
import {tableFromIPC} from "@uwdata/flechette";
import type {ColumnTable} from "arquero";
import {desc} from "arquero/src/helpers/desc.js";
import {escape} from "arquero/src/helpers/escape.js";
import {opApi} from "arquero/src/op/op-api.js";
import {from, table} from "arquero/src/table/index.js";

export type {ColumnTable};
export {desc, escape, from, table};
export const op = opApi;

/** A table from Arrow IPC bytes (dictionary-encoded text decoded to strings). */
export function fromArrowBytes(bytes: Uint8Array): ColumnTable {
  return table(tableFromIPC(bytes).toColumns() as Record<string, unknown[]>);
}
