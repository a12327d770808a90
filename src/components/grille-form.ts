// The identification grid as a form: native fieldsets, radios and textareas (keyboard-usable as
// they are), the reasoned result kept up to date, and the assessment kept on this machine only —
// localStorage at most, nothing sent. Export JSON / CSV, one-page print, re-import with messages.
// Every piece of free text is set with textContent or .value: it is never parsed as HTML.
import {emptyEvaluation, parseEvaluation, reasonedResult, reponseLabel, toCsv, toJson, type Evaluation, type Grille, type ImportMessage, type ReponseId} from "../model/grille.js";
import {el} from "./el.js";
import {FilePicker} from "./file-picker.js";
import {downloadBlob} from "./export.js";

export const STORAGE_KEY = "atlas-idf:evaluation-grille:v1";


function stored(grille: Grille): Evaluation | null {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    if (!text) return null;
    const r = parseEvaluation(text, grille, "évaluation gardée sur ce poste");
    return r.ok ? r.evaluation : null;
  } catch {
    return null; // storage disabled (private browsing): the form still works, nothing is kept
  }
}

export function AssessmentForm(grille: Grille): HTMLElement {
  const root = el("div", {className: "assessment"});
  const form = el("form", {className: "assessment-form"});
  form.addEventListener("submit", (e) => e.preventDefault());
  const sources = new Map(grille.sources.map((s) => [s.id, s]));

  const text = (id: string, label: string, type = "text") => {
    const input = el("input", {id, name: id, type});
    return {input, field: el("div", {className: "assessment-field"}, el("label", {htmlFor: id, textContent: label}), input)};
  };
  const nom = text("projet-nom", "Nom du projet");
  const porteur = text("projet-porteur", "Porteur du projet");
  const date = text("projet-date", "Date de l'évaluation", "date");
  const evaluateur = text("projet-evaluateur", "Évaluateur ou service");
  form.append(el("fieldset", {className: "assessment-project"}, el("legend", {textContent: "Le projet"}), nom.field, porteur.field, date.field, evaluateur.field));

  const answers = new Map<string, {radios: HTMLInputElement[]; preuves: HTMLTextAreaElement}>();
  for (const groupe of grille.groupes) {
    const section = el("section", {className: "assessment-group"});
    section.append(el("h3", {textContent: groupe.libelle}), el("p", {className: "rule", textContent: groupe.regle}));
    let categorie = "";
    for (const c of grille.criteres.filter((x) => x.groupe === groupe.id)) {
      if (c.categorie && c.categorie !== categorie && c.categorie !== c.libelle) section.append(el("h4", {textContent: c.categorie}));
      categorie = c.categorie ?? "";
      const fs = el("fieldset", {className: "criterion"});
      fs.dataset.critere = c.id;
      const questionId = `q-${c.id}`;
      fs.setAttribute("aria-describedby", questionId);
      const radios = grille.reponses.map((r) => el("input", {type: "radio", name: `reponse-${c.id}`, id: `reponse-${c.id}-${r.id}`, value: r.id}));
      const choice = el("div", {className: "choices"});
      radios.forEach((radio, i) => choice.append(el("span", {className: "choice"}, radio, el("label", {htmlFor: radio.id, textContent: grille.reponses[i].libelle}))));
      const preuves = el("textarea", {id: `preuves-${c.id}`, name: `preuves-${c.id}`, rows: 3});
      const source = sources.get(c.source)!;
      const details = el("details", {className: "source-text"}, el("summary", {textContent: "Texte de la source"}), el("blockquote", {textContent: c.texte_source}), el("p", {}, `${source.titre} — `, el("a", {href: source.url, textContent: "consulter"})));
      fs.append(
        el("legend", {textContent: c.libelle}),
        el("p", {id: questionId, className: "question", textContent: c.question}),
        choice,
        el("label", {htmlFor: preuves.id, textContent: "Preuves et éléments de l'instruction (ce qui permet de répondre)"}),
        preuves,
        details
      );
      answers.set(c.id, {radios, preuves});
      section.append(fs);
    }
    form.append(section);
  }
  const conclusion = el("textarea", {id: "conclusion", name: "conclusion", rows: 4});
  form.append(el("div", {className: "assessment-field"}, el("label", {htmlFor: conclusion.id, textContent: "Conclusion motivée de l'évaluateur"}), conclusion));

  const result = el("section", {className: "assessment-result"});
  result.setAttribute("aria-live", "polite");
  const messages = el("div", {className: "assessment-messages"});
  messages.setAttribute("role", "alert");
  const status = el("p", {className: "assessment-status"});
  status.setAttribute("role", "status");

  const read = (): Evaluation => {
    const e = emptyEvaluation(grille);
    e.projet = {nom: nom.input.value, porteur: porteur.input.value, date: date.input.value, evaluateur: evaluateur.input.value};
    e.reponses = grille.criteres.map((c) => {
      const a = answers.get(c.id)!;
      return {critere: c.id, reponse: (a.radios.find((r) => r.checked)?.value ?? "") as ReponseId, preuves: a.preuves.value};
    });
    e.conclusion = conclusion.value;
    return e;
  };
  const write = (e: Evaluation) => {
    nom.input.value = e.projet.nom;
    porteur.input.value = e.projet.porteur;
    date.input.value = e.projet.date;
    evaluateur.input.value = e.projet.evaluateur;
    for (const r of e.reponses) {
      const a = answers.get(r.critere);
      if (!a) continue;
      for (const radio of a.radios) radio.checked = radio.value === r.reponse;
      a.preuves.value = r.preuves;
    }
    conclusion.value = e.conclusion;
  };

  // The one-page print: a plain summary of the assessment (the form itself is hidden in print).
  const summary = el("div", {className: "print-only assessment-print"});
  const render = () => {
    const e = read();
    const r = reasonedResult(e, grille);
    result.replaceChildren(el("h3", {textContent: "Résultat motivé"}), el("p", {className: "loi", textContent: r.loi}), el("ul", {}, ...r.csess.map((s) => el("li", {textContent: s}))));
    if (r.manquants.length) result.append(el("p", {className: "alerte", textContent: `Réponses « oui » sans preuve : ${r.manquants.join(" ; ")}.`}));
    result.append(el("p", {className: "grille-note", textContent: "La grille ne calcule aucun score : les critères ne se compensent pas et ne se hiérarchisent pas."}));
    const table = el("table");
    const head = table.createTHead().insertRow();
    for (const h of ["Critère", "Réponse", "Preuves"]) head.append(el("th", {scope: "col", textContent: h}));
    const body = table.createTBody();
    for (const a of e.reponses) {
      const tr = body.insertRow();
      tr.insertCell().textContent = grille.criteres.find((c) => c.id === a.critere)!.libelle;
      tr.insertCell().textContent = reponseLabel(grille, a.reponse);
      tr.insertCell().textContent = a.preuves;
    }
    summary.replaceChildren(
      el("h2", {textContent: `Évaluation : ${e.projet.nom || "projet sans nom"}`}),
      el("p", {textContent: `Porteur : ${e.projet.porteur || "—"} · date : ${e.projet.date || "—"} · évaluateur : ${e.projet.evaluateur || "—"}`}),
      table,
      el("p", {className: "loi", textContent: r.loi}),
      ...r.csess.map((s) => el("p", {textContent: s})),
      el("p", {textContent: `Conclusion : ${e.conclusion || "—"}`})
    );
  };
  const save = () => {
    try {
      localStorage.setItem(STORAGE_KEY, toJson(read(), grille));
      status.textContent = "Évaluation gardée sur ce poste (stockage local du navigateur) ; rien n'est envoyé.";
    } catch {
      status.textContent = "Le stockage local est indisponible : exportez l'évaluation pour la garder.";
    }
  };
  form.addEventListener("input", () => (render(), save()));
  form.addEventListener("change", () => (render(), save()));

  const showMessages = (list: ImportMessage[]) => {
    messages.replaceChildren();
    if (list.length) messages.append(el("ul", {}, ...list.map((m) => el("li", {className: `message message--${m.level}`, textContent: `${m.level === "erreur" ? "Erreur" : "Avertissement"} — ${m.message}`}))));
  };
  const name = () => `evaluation-${(nom.input.value || "projet").normalize("NFD").replace(/[^\w-]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase() || "projet"}`;
  const button = (label: string, onClick: () => void, action: string) => {
    const b = el("button", {type: "button", textContent: label});
    b.dataset.action = action;
    b.addEventListener("click", onClick);
    return b;
  };
  const file = el("input", {type: "file", id: "grille-import", accept: ".json,application/json"});
  file.addEventListener("change", async () => {
    const f = file.files?.[0];
    if (!f) return;
    const r = parseEvaluation(await f.text(), grille, f.name);
    showMessages(r.messages);
    if (r.ok) {
      write(r.evaluation);
      render();
      save();
      status.textContent = `${f.name} importé${r.messages.length ? " (voir les avertissements)" : ""} ; rien n'a quitté ce poste.`;
    } else status.textContent = `${f.name} n'a pas été importé.`;
    file.value = "";
  });
  const actions = el(
    "div",
    {className: "export no-print assessment-actions"},
    button("Exporter en JSON", () => downloadBlob(new Blob([toJson(read(), grille)], {type: "application/json"}), `${name()}.json`), "export-json"),
    button("Exporter en CSV (Excel)", () => downloadBlob(new Blob([toCsv(read(), grille)], {type: "text/csv;charset=utf-8"}), `${name()}.csv`), "export-csv"),
    button("Imprimer (une page)", () => window.print(), "print"),
    button("Effacer l'évaluation", () => {
      write(emptyEvaluation(grille));
      showMessages([]);
      render();
      try {
        localStorage.removeItem(STORAGE_KEY);
      } catch {
        /* nothing kept anyway */
      }
      status.textContent = "Évaluation effacée de ce poste.";
    }, "clear"),
    el("span", {className: "import"}, el("label", {htmlFor: file.id, textContent: "Réimporter une évaluation (JSON) : "}), FilePicker(file))
  );

  const previous = stored(grille);
  if (previous) {
    write(previous);
    status.textContent = "Évaluation reprise depuis ce poste (stockage local du navigateur).";
  }
  render();
  root.append(actions, messages, status, form, result, summary);
  return root;
}
