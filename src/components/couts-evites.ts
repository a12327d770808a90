// The avoided-cost calculator on screen: rows of expected outcomes (unit cost, count, duration), the
// arithmetic line by line with each unit cost linked to its registry entry, totals by year of euros,
// CSV export and print. All text is set with textContent: nothing typed becomes HTML.
import {formatCsv} from "../lib/csv.js";
import {formatEuroRounded} from "../lib/format.js";
import {arithmetic, DUREE_LABEL, estimate, QUALITE_LABEL, type Estimate, type OutcomeInput, type UnitCost, type UnitCostRegistry} from "../model/couts-evites.js";
import {el} from "./el.js";
import {downloadBlob} from "./export.js";


export const costLink = (c: UnitCost) => el("a", {href: `./methode#cout-${c.id}`, textContent: `${c.source.editeur}, ${c.annee_euros}`, title: c.source.document});
// Estimated totals, to the euro (formatEuroRounded).
const range = (min: number, max: number) => (min === max ? formatEuroRounded(min) : `${formatEuroRounded(min)} à ${formatEuroRounded(max)}`);

export interface CalculatorOptions {
  rows?: OutcomeInput[];
}

export function AvoidedCostCalculator(registry: UnitCostRegistry, {rows = []}: CalculatorOptions = {}): HTMLElement {
  const costs = registry.couts.filter((c) => c.nature === "cout_evite");
  const byId = new Map(costs.map((c) => [c.id, c]));
  const root = el("div", {className: "calculator"});
  let counter = 0;

  const form = el("form", {className: "calculator-form"});
  form.addEventListener("submit", (e) => e.preventDefault());
  const body = el("div", {className: "calculator-rows"});
  const years = [...new Set(Object.keys(registry.indice_prix.valeurs).map(Number))].sort((a, b) => a - b);
  const target = el("select", {id: "calc-annee"});
  target.append(el("option", {value: "", textContent: "l'année de chaque source (pas de conversion)"}), ...years.map((y) => el("option", {value: String(y), textContent: `euros ${y}`})));
  const targetLabel = el("label", {htmlFor: target.id, textContent: "Exprimer les montants en : "});
  const add = el("button", {type: "button", textContent: "Ajouter un résultat attendu"});
  const problems = el("div", {className: "calculator-problems"});
  problems.setAttribute("role", "alert");
  const output = el("div", {className: "calculator-output"});
  output.setAttribute("aria-live", "polite");
  const exportCsv = el("button", {type: "button", textContent: "Exporter le calcul (CSV pour Excel)"});
  const print = el("button", {type: "button", textContent: "Imprimer le calcul"});

  function addRow(input: Partial<OutcomeInput> = {}) {
    const n = ++counter;
    const row = el("fieldset", {className: "calculator-row"});
    row.dataset.row = String(n);
    const legend = el("legend", {textContent: `Résultat attendu ${n}`});
    const select = el("select", {id: `calc-cout-${n}`, name: "cout"});
    for (const c of costs) select.append(el("option", {value: c.id, textContent: `${c.libelle} — ${c.unite.libelle}`}));
    select.value = input.coutId && byId.has(input.coutId) ? input.coutId : costs[0].id;
    const resultat = el("input", {id: `calc-resultat-${n}`, name: "resultat", type: "text", value: input.resultat ?? ""});
    const nombre = el("input", {id: `calc-nombre-${n}`, name: "nombre", type: "text", inputMode: "decimal", value: input.nombre ?? "1"});
    const duree = el("input", {id: `calc-duree-${n}`, name: "duree", type: "text", inputMode: "decimal", value: input.duree ?? "1"});
    const dureeLabel = el("label", {htmlFor: duree.id});
    const remove = el("button", {type: "button", textContent: `Retirer le résultat ${n}`});
    const field = (label: string, control: HTMLElement) => el("div", {className: "calculator-field"}, el("label", {htmlFor: control.id, textContent: label}), control);
    const syncUnit = () => {
      const c = byId.get(select.value)!;
      const unique = c.unite.periode === "unique";
      dureeLabel.textContent = unique ? "Durée (sans objet : coût sur la vie active)" : `Durée (en ${DUREE_LABEL[c.unite.periode]})`;
      duree.disabled = unique;
    };
    select.addEventListener("change", syncUnit);
    syncUnit();
    remove.addEventListener("click", () => {
      row.remove();
      update();
      add.focus();
    });
    row.append(
      legend,
      field("Coût unitaire évité", select),
      field("Résultat (vos mots, facultatif)", resultat),
      field("Nombre (personnes, places, enfants…)", nombre),
      el("div", {className: "calculator-field"}, dureeLabel, duree),
      remove
    );
    body.append(row);
    return row;
  }

  function inputs(): OutcomeInput[] {
    return [...body.querySelectorAll<HTMLFieldSetElement>(".calculator-row")].map((row) => ({
      coutId: row.querySelector<HTMLSelectElement>("select")!.value,
      resultat: row.querySelector<HTMLInputElement>('[name="resultat"]')!.value,
      nombre: row.querySelector<HTMLInputElement>('[name="nombre"]')!.value,
      duree: row.querySelector<HTMLInputElement>('[name="duree"]')!.value
    }));
  }

  let current: Estimate = estimate([], registry);
  function update() {
    current = estimate(inputs(), registry, target.value ? Number(target.value) : null);
    for (const input of body.querySelectorAll("input")) input.removeAttribute("aria-invalid");
    problems.replaceChildren();
    if (current.problems.length) {
      problems.append(el("p", {textContent: "À corriger (ces lignes ne sont pas comptées) :"}), el("ul", {}, ...current.problems.map((p) => el("li", {textContent: p.message}))));
      for (const p of current.problems) {
        const row = body.querySelectorAll(".calculator-row")[p.ligne - 1];
        row?.querySelector(`[name="${p.champ === "cout" ? "cout" : p.champ}"]`)?.setAttribute("aria-invalid", "true");
      }
    }
    const table = el("table", {className: "calculator-table"});
    table.createCaption().textContent = "Coûts évités, ligne par ligne (fourchette basse à haute)";
    const head = table.createTHead().insertRow();
    for (const h of ["Résultat attendu", "Calcul", "Fourchette", "Qui paie", "Source"]) head.append(el("th", {scope: "col", textContent: h}));
    const tbody = table.createTBody();
    for (const line of current.lines) {
      const tr = tbody.insertRow();
      tr.dataset.ligne = String(line.ligne);
      tr.insertCell().textContent = `${line.ligne}. ${line.resultat}`;
      tr.insertCell().append(el("ol", {className: "steps"}, ...arithmetic(line).map((s) => el("li", {textContent: s}))));
      const r = tr.insertCell();
      r.className = "range";
      r.textContent = `${range(line.total.min, line.total.max)} (euros ${line.annee})`;
      tr.insertCell().textContent = line.cout.payeurs;
      const s = tr.insertCell();
      s.append(costLink(line.cout), el("br"), el("span", {className: `quality quality--${line.cout.qualite}`, textContent: QUALITE_LABEL[line.cout.qualite]}));
    }
    const totals = el("div", {className: "calculator-totals"});
    totals.dataset.totals = "";
    if (current.totals.length === 0) totals.append(el("p", {textContent: "Aucun résultat compté pour l'instant."}));
    for (const t of current.totals) totals.append(el("p", {className: "big-range", textContent: `Coûts publics évités, en euros ${t.annee} : ${range(t.min, t.max)} (ligne${t.lignes.length > 1 ? "s" : ""} ${t.lignes.join(", ")})`}));
    if (current.totals.length > 1) totals.append(el("p", {textContent: "Les montants de différentes années ne sont pas additionnés : choisissez une année d'euros pour convertir ceux que l'indice des prix cité permet de convertir."}));
    if (current.lines.some((l) => l.cout.qualite === "plaidoyer")) totals.append(el("p", {className: "alerte", textContent: "Attention : au moins une ligne repose sur un chiffre de plaidoyer (voir sa source)."}));
    output.replaceChildren(table, totals);
    root.dataset.lines = String(current.lines.length);
  }

  add.addEventListener("click", () => {
    const row = addRow();
    update();
    row.querySelector("select")?.focus();
  });
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  exportCsv.addEventListener("click", () => downloadBlob(new Blob([calculationCsv(current)], {type: "text/csv;charset=utf-8"}), "couts-evites.csv"));
  print.addEventListener("click", () => window.print());

  for (const r of rows) addRow(r);
  form.append(body, el("div", {className: "calculator-actions"}, add), el("p", {}, targetLabel, target));
  root.append(form, problems, output, el("div", {className: "export no-print"}, exportCsv, print));
  update();
  return root;
}

/** The calculation as a CSV for Excel (";" and decimal comma), text cells formula-safe. */
export function calculationCsv(e: Estimate): string {
  const rows: Record<string, unknown>[] = e.lines.map((l) => ({
    ligne: l.ligne,
    resultat: l.resultat,
    cout_unitaire: l.cout.id,
    libelle: l.cout.libelle,
    nombre: l.nombre,
    duree: l.cout.unite.periode === "unique" ? null : l.duree,
    unite: l.cout.unite.libelle,
    annee_euros_source: l.cout.annee_euros,
    unitaire_min: l.cout.montant.min,
    unitaire_max: l.cout.montant.max,
    annee_euros_calcul: l.annee,
    total_min: Math.round(l.total.min),
    total_max: Math.round(l.total.max),
    calcul: arithmetic(l).join(" "),
    payeurs: l.cout.payeurs,
    qualite: QUALITE_LABEL[l.cout.qualite],
    source: `${l.cout.source.editeur} — ${l.cout.source.document} — ${l.cout.source.passage}`,
    source_url: l.cout.source.url
  }));
  for (const t of e.totals) rows.push({ligne: "total", resultat: `Total en euros ${t.annee} (lignes ${t.lignes.join(", ")})`, annee_euros_calcul: t.annee, total_min: Math.round(t.min), total_max: Math.round(t.max)});
  const columns = ["ligne", "resultat", "cout_unitaire", "libelle", "nombre", "duree", "unite", "annee_euros_source", "unitaire_min", "unitaire_max", "annee_euros_calcul", "total_min", "total_max", "calcul", "payeurs", "qualite", "source", "source_url"];
  return formatCsv(columns, rows, "excel-fr", {formulaSafe: true});
}
