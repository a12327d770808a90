// Co-funded beneficiaries as a table: one line per legal unit, one column per funder with its
// years and amount (each funder's own money, never added to another's). Text only.
import {formatEuro, formatInteger} from "../lib/format.js";
import type {Financeur} from "../model/aides.js";
import {anneesLabel, type Cofinance} from "../model/cofinancement.js";
import {textTable} from "./dictionary.js";

export function CofinancementTable(list: Cofinance[], financeurs: Financeur[], {limit = Infinity}: {limit?: number} = {}): HTMLTableElement {
  const present = financeurs.filter((f) => list.some((c) => c.cotes.some((s) => s.financeur === f.code)));
  const header = ["Bénéficiaire (noms selon chaque financeur)", "SIREN", "Jointure", "Années financées par tous", ...present.map((f) => `${f.libelle}${f.mention ? ` (${f.mention})` : ""} : années, montant`)];
  const rows = list.slice(0, limit).map((c) => [
    c.noms.join(" / "),
    c.siren,
    c.niveau === "SIRET" ? "même établissement (SIRET)" : "même unité légale, autre établissement (SIREN)",
    c.anneesCommunes.length ? anneesLabel(c.anneesCommunes) : "aucune",
    ...present.map((f) => {
      const side = c.cotes.find((s) => s.financeur === f.code);
      return side ? `${anneesLabel(side.annees)} : ${formatEuro(side.montant)} (${formatInteger(side.aides)} ${side.aides > 1 ? f.unite?.[1] ?? "aides" : f.unite?.[0] ?? "aide"})` : "—";
    })
  ]);
  return textTable(header, rows, {caption: `Bénéficiaires financés par plusieurs financeurs${list.length > limit ? ` (les ${limit} premiers sur ${list.length})` : ""}`, className: "cofinancements"});
}
