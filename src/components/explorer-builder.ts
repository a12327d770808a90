// The no-code query builder: a level, filters (threshold, quintiles, or membership of a category
// such as the couronne or the département), columns and a sort. Every control is labelled; the
// form only produces a BuilderState: values become SQL parameters elsewhere (model/explorer.ts).
import type {BuilderState, Filter, Level} from "../model/explorer.js";

let uid = 0;
const id = (prefix: string) => `${prefix}-${++uid}`;

function labelled<T extends HTMLElement>(text: string, control: T, className = "field"): HTMLElement {
  const wrap = document.createElement("div");
  wrap.className = className;
  const label = document.createElement("label");
  control.id ||= id("ctl");
  label.htmlFor = control.id;
  label.textContent = text;
  wrap.append(label, control);
  return wrap;
}

function select(options: [string, string][], value: string): HTMLSelectElement {
  const s = document.createElement("select");
  for (const [v, text] of options) s.append(new Option(text, v, false, v === value));
  s.value = value;
  return s;
}

function checkboxes(legend: string, options: [string, string][], checked: Set<string>, className: string): HTMLFieldSetElement {
  const fieldset = document.createElement("fieldset");
  fieldset.className = className;
  const l = document.createElement("legend");
  l.textContent = legend;
  fieldset.append(l);
  for (const [v, text] of options) {
    const input = document.createElement("input");
    input.type = "checkbox";
    input.value = v;
    input.checked = checked.has(v);
    input.id = id("chk");
    const label = document.createElement("label");
    label.htmlFor = input.id;
    label.textContent = text;
    const span = document.createElement("span");
    span.className = "check";
    span.append(input, label);
    fieldset.append(span);
  }
  return fieldset;
}

const checkedValues = (root: Element) => Array.from(root.querySelectorAll<HTMLInputElement>("input[type=checkbox]:checked"), (i) => i.value);

export interface BuilderForm {
  element: HTMLElement;
  state(): BuilderState;
}

export function BuilderForm(levels: Level[], initial: BuilderState, onChange: (state: BuilderState) => void): BuilderForm {
  const element = document.createElement("form");
  element.className = "explorer-builder";
  element.addEventListener("submit", (e) => e.preventDefault());
  let level = levels.find((l) => l.id === initial.niveau) ?? levels[0];
  let current: BuilderState = structuredClone(initial);

  const levelSelect = select(levels.map((l) => [l.id, `${l.label} (${l.count})`]), level.id);
  levelSelect.name = "niveau";
  const filtersBox = document.createElement("div");
  filtersBox.className = "explorer-filters";
  const columnsBox = document.createElement("details");
  const sortBox = document.createElement("div");
  sortBox.className = "explorer-sort";

  const numeric = () => level.columns.filter((c) => c.type !== "texte");
  const visible = () => level.columns.filter((c) => !level.columns.some((o) => o.status === c.name));

  function filterRow(filter: Filter): HTMLElement {
    const row = document.createElement("fieldset");
    row.className = "explorer-filter";
    const legend = document.createElement("legend");
    legend.textContent = "Filtre";
    row.append(legend);
    const category = level.categories.find((c) => c.column === filter.column);
    const variable = select(
      [...level.categories.map((c) => [c.column, `Appartenance : ${c.label}`] as [string, string]), ...numeric().map((c) => [c.name, c.label] as [string, string])],
      filter.column
    );
    variable.className = "filter-column";
    row.append(labelled("Variable", variable));
    if (category) {
      row.append(checkboxes(`Valeurs de ${category.label}`, category.values.map((v) => [v.code, v.label]), new Set(filter.value as string[]), "filter-values"));
    } else {
      const op = select([["ge", "au moins (≥)"], ["le", "au plus (≤)"], ["q", "quintiles"]], filter.op);
      op.className = "filter-op";
      row.append(labelled("Condition", op));
      if (filter.op === "q") {
        row.append(checkboxes("Quintiles (5 = valeurs les plus élevées)", ["1", "2", "3", "4", "5"].map((q) => [q, `Q${q}`]), new Set((filter.value as number[]).map(String)), "filter-quintiles"));
      } else {
        const input = document.createElement("input");
        input.type = "number";
        input.step = "any";
        input.className = "filter-value";
        input.value = String(filter.value);
        row.append(labelled("Seuil", input));
      }
    }
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "filter-remove";
    remove.textContent = "Retirer ce filtre";
    remove.addEventListener("click", () => {
      row.remove();
      emit();
    });
    row.append(remove);
    // A change of variable or condition redraws the row with fitting inputs.
    const redraw = () => {
      const column = variable.value;
      const isCategory = level.categories.find((c) => c.column === column);
      const opValue = (row.querySelector(".filter-op") as HTMLSelectElement | null)?.value ?? "ge";
      const fresh: Filter = isCategory
        ? {column, op: "in", value: [isCategory.values[0].code]}
        : opValue === "q"
          ? {column, op: "q", value: [5]}
          : {column, op: opValue as "ge" | "le", value: 0};
      row.replaceWith(filterRow(fresh));
      emit();
    };
    variable.addEventListener("change", redraw);
    row.querySelector(".filter-op")?.addEventListener("change", redraw);
    return row;
  }

  function readFilters(): Filter[] {
    return Array.from(filtersBox.querySelectorAll<HTMLElement>(".explorer-filter"), (row): Filter | null => {
      const column = (row.querySelector(".filter-column") as HTMLSelectElement).value;
      if (level.categories.some((c) => c.column === column)) return {column, op: "in", value: checkedValues(row)};
      const op = (row.querySelector(".filter-op") as HTMLSelectElement).value;
      if (op === "q") return {column, op: "q", value: checkedValues(row).map(Number)};
      const raw = (row.querySelector(".filter-value") as HTMLInputElement).value;
      const value = Number(raw);
      return raw.trim() === "" || !Number.isFinite(value) ? null : {column, op: op as "ge" | "le", value};
    }).filter((f): f is Filter => f !== null && (!Array.isArray(f.value) || f.value.length > 0));
  }

  function drawColumns(): void {
    columnsBox.replaceChildren();
    const summary = document.createElement("summary");
    summary.textContent = "Colonnes du résultat";
    columnsBox.append(summary, checkboxes("Colonnes affichées en plus du code et du nom", visible().filter((c) => c.name !== level.key && c.name !== level.name).map((c) => [c.name, c.label]), new Set(current.columns), "explorer-columns"));
    const sortColumn = select([["", "code"], ...visible().map((c) => [c.name, c.label] as [string, string])], current.sort?.column ?? "");
    sortColumn.className = "sort-column";
    const order = select([["desc", "décroissant"], ["asc", "croissant"]], current.sort?.desc === false ? "asc" : "desc");
    order.className = "sort-order";
    sortBox.replaceChildren(labelled("Trier par", sortColumn), labelled("Ordre", order));
  }

  function draw(): void {
    filtersBox.replaceChildren(...current.filters.map(filterRow));
    drawColumns();
  }

  function read(): BuilderState {
    const sortColumn = (sortBox.querySelector(".sort-column") as HTMLSelectElement).value;
    const desc = (sortBox.querySelector(".sort-order") as HTMLSelectElement).value === "desc";
    return {niveau: level.id, filters: readFilters(), columns: checkedValues(columnsBox), sort: sortColumn ? {column: sortColumn, desc} : null};
  }

  function emit(): void {
    current = read();
    onChange(current);
  }

  const add = document.createElement("button");
  add.type = "button";
  add.textContent = "Ajouter un filtre";
  add.addEventListener("click", () => {
    const first = numeric().find((c) => c.name !== "population") ?? numeric()[0];
    if (!first) return;
    filtersBox.append(filterRow({column: first.name, op: "q", value: [5]}));
    emit();
  });

  levelSelect.addEventListener("change", () => {
    level = levels.find((l) => l.id === levelSelect.value) ?? levels[0];
    current = {niveau: level.id, filters: [], columns: [], sort: null};
    draw();
    emit();
  });
  // One "input" event per edit (checkboxes and selects fire it too); the level, variable and
  // condition selects redraw on "change" instead.
  element.addEventListener("input", (e) => {
    const t = e.target as HTMLElement;
    if (t !== levelSelect && !t.matches(".filter-column, .filter-op")) emit();
  });

  const note = document.createElement("p");
  note.className = "hint";
  note.textContent = "Un filtre sur un indicateur écarte les territoires sans valeur pour cet indicateur (secret statistique, non disponible) : rien n'est estimé. Les quintiles sont calculés sur les territoires du niveau qui ont une valeur.";
  element.append(labelled("Niveau", levelSelect), filtersBox, add, note, columnsBox, sortBox);
  draw();
  return {element, state: () => current};
}
