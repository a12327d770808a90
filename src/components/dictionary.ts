// The data dictionary of a published table, as an HTML table (text nodes only: data is never HTML).
export interface Registre {
  sources: {id: string; title: string; publisher: string; licence: string; vintage: string; upstream_url: string; pack_file?: string; project_file?: string; sha256: string; transformation: string; attribution?: string}[];
  tables: {id: string; title: string; licence: string; sources: string[]; columns: {name: string; type: string; unit: string; description: string; source: string}[]}[];
  checks: {name: string; description: string}[];
  rejects: {source: string; n: number}[];
}

export function textTable(header: string[], rows: (string | Node)[][], {caption, className, rowHeaders = false}: {caption?: string; className?: string; rowHeaders?: boolean} = {}): HTMLTableElement {
  const table = document.createElement("table");
  if (className) table.className = className;
  if (caption) table.createCaption().textContent = caption;
  const head = table.createTHead().insertRow();
  for (const h of header) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = h;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    row.forEach((cell, j) => {
      if (j === 0 && rowHeaders) {
        // the first cell names the row (<th scope="row">) for screen readers
        const th = document.createElement("th");
        th.scope = "row";
        th.append(cell);
        tr.append(th);
      } else tr.insertCell().append(cell);
    });
  }
  return table;
}

/** A link to the source's entry on the Méthode page; "" means the column is made by the build itself. */
export function sourceLink(id: string, registre: Registre): Node {
  const source = registre.sources.find((s) => s.id === id);
  if (!source) return document.createTextNode(id === "" ? "produite par la construction" : id);
  const a = document.createElement("a");
  a.href = `./methode#source-${id}`;
  a.textContent = id;
  a.title = `${source.title} (${source.vintage})`;
  return a;
}

export function DataDictionary(registre: Registre, tableId: string): HTMLTableElement {
  const table = registre.tables.find((t) => t.id === tableId);
  if (!table) throw new Error(`table inconnue : ${tableId}`);
  return textTable(
    ["Colonne", "Type", "Unité", "Description", "Source"],
    table.columns.map((c) => [c.name, c.type, c.unit || "—", c.description, sourceLink(c.source, registre)]),
    {caption: `Dictionnaire des données de la table ${table.id}`, className: "dictionary"}
  );
}

/** What an empty table says; Observable Inputs writes "No results." in English, with no option to change it. */
export const NO_RESULT = "Aucun résultat.";

/**
 * A scrolling table (Inputs.table) made reachable with the keyboard and named for screen readers;
 * its empty-result line (Inputs.table draws it once, when built from no rows) is in French.
 */
export function focusableTable<T extends HTMLElement>(table: T, label: string): T {
  table.tabIndex = 0;
  table.setAttribute("aria-label", label);
  for (const cell of table.querySelectorAll("tbody td")) if (cell.textContent === "No results.") cell.textContent = NO_RESULT;
  return table;
}
