// The Explorer's result table: French number formats, statistical secrecy written out in place of
// a missing value, at most DISPLAY_ROWS rows on screen (the exports carry every row of the result).
import {formatDecimal, formatInteger, MISSING} from "../lib/format.js";
import {STATUTS} from "../model/needs-model.js";
import {focusableTable, textTable} from "./dictionary.js";

export const DISPLAY_ROWS = 200;

export interface ColumnInfo {
  name: string;
  label?: string;
  /** The column holding this value's status. */
  status?: string;
}

export function formatCell(value: unknown, status?: unknown): string {
  if (value === null || value === undefined) {
    if (typeof status === "string" && status) return Object.hasOwn(STATUTS, status) ? `${status} (${STATUTS[status]})` : status;
    return MISSING;
  }
  if (typeof value === "number") return Number.isInteger(value) ? formatInteger(value) : formatDecimal(value, Math.abs(value) < 10 ? 3 : 1);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

export function ResultTable(columns: ColumnInfo[], rows: Record<string, unknown>[], caption: string): HTMLElement {
  const statusColumns = new Set(columns.map((c) => c.status).filter(Boolean));
  const shown = columns.filter((c) => !statusColumns.has(c.name));
  const table = textTable(
    shown.map((c) => c.name),
    rows.slice(0, DISPLAY_ROWS).map((r) => shown.map((c) => formatCell(r[c.name], c.status ? r[c.status] : undefined))),
    {caption, className: "explorer-table"}
  );
  const wrapper = document.createElement("div");
  wrapper.className = "table-scroll";
  wrapper.dataset.table = "explorateur";
  wrapper.append(table);
  return focusableTable(wrapper, caption);
}
