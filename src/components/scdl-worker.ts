// The SCDL import's Web Workers. The page starts one, the coordinator: it cuts each imported file
// into blocks (src/model/scdl-flux.ts), has them validated by 2 to 4 helper workers at once (the
// same module, as helpers), assembles their results in file order (line numbers, duplicates, the
// running bilan) and posts its progress; the page stays responsive with a file of a million rows,
// and several cores share the work. A file of one block is validated by the coordinator itself.
// The page imports this module only for its URL (SCDL_WORKER_URL): Framework then builds it with
// the page, its imports included, and the workers load the built module. Nothing runs on import
// outside a worker. Cancelling is the page's worker.terminate(), which ends the helpers too.
import type {Problem} from "../lib/problems.js";
import type {Financeur} from "../model/aides.js";
import {ResumeImport, type ResumeFinanceur} from "../model/import-resume.js";
import {validateScdl, type ScdlOptions, type ScdlResult, type ScdlSchema} from "../model/scdl.js";
import {Assemblage, decouper, octetsDuBloc, validerBloc, validerParBlocs, Vus, type BlocValide, type ResultatFichier} from "../model/scdl-flux.js";
import {unreadableProblem} from "../model/validation/summary.js";
import {refusedScdl} from "../model/scdl.js";

export const SCDL_WORKER_URL = import.meta.url;

/** Files small enough to come back whole (rows included): the page reports them with every detail
 * (questions on the header, normalised file). Beyond, files are validated block by block and
 * summarised; their rows never come back (a million rows would block the page to receive). */
export const GRAND = 4 * 1024 * 1024;

/** Small files, validated whole (in this worker). */
export interface DemandeComplete {
  mode: "complet";
  fichiers: {name: string; bytes: ArrayBuffer; options?: ScdlOptions}[];
  schema: ScdlSchema;
}

export interface DemandeImport {
  mode?: "blocs";
  fichiers: {name: string; bytes: ArrayBuffer}[];
  schema: ScdlSchema;
  financeurs: Financeur[];
  /** Helper workers; unset: 2 to 4 by the machine's cores; 0: everything in the coordinator (the bench compares both). */
  aides?: number;
}

export interface ResultatImport {
  fichiers: ResultatFichier[];
  /** The valid rows of all files, exact duplicates across files counted once; per funder. */
  resume: ResumeFinanceur[];
  lignes: number;
  doublonsAutresFichiers: number;
  /** Time spent in the workers, and by how many helpers. */
  ms: number;
  /** Helper workers used (0: all in the coordinator). */
  aides: number;
}

export type MessageImport =
  | {type: "progression"; fichier: string; index: number; total: number; octetsLus: number; octetsTotal: number; lignes: number}
  | {type: "fin"; resultat: ResultatImport}
  | {type: "complet"; resultats: ScdlResult[]; ms: number};

/** Small files validated whole, each with its options (sheet, answers); a validator error refuses that file. */
export function traiterComplet({fichiers, schema}: DemandeComplete, post: (message: MessageImport) => void, refused: (name: string, error: unknown, options?: ScdlOptions) => ScdlResult): void {
  const t0 = performance.now();
  const resultats = fichiers.map(({name, bytes, options}, index) => {
    post({type: "progression", fichier: name, index, total: fichiers.length, octetsLus: 0, octetsTotal: bytes.byteLength, lignes: 0});
    try {
      return validateScdl(new Uint8Array(bytes), name, schema, options ?? {});
    } catch (error) {
      return refused(name, error, options);
    }
  });
  post({type: "complet", resultats, ms: performance.now() - t0});
}

/** A file refused before or while validating (unreadable, validator error): its one fatal problem. */
export function refusedFile(file: string, problem: Problem): ResultatFichier {
  return {
    file, encoding: "", separator: "", version: "2.1.1",
    summary: {file, byColumn: [], refused: problem, loaded: 0, incomplete: 0, rejected: 0, duplicates: 0, warnings: 0, byCode: new Map([[problem.code, 1]])},
    problems: [problem], problemesTotal: 1, duplicates: [], doublonsTotal: 0, doublonsAutresFichiers: 0, dataLines: 0, blocs: 0, questions: []
  };
}

const failure = (name: string, error: unknown) => refusedFile(name, unreadableProblem(name, error instanceof Error ? `${error.name} : ${error.message}` : String(error)));

function fin(results: ResultatFichier[], resume: ResumeImport, t0: number, aides: number): MessageImport {
  const doublonsAutresFichiers = results.reduce((s, r) => s + r.doublonsAutresFichiers, 0);
  return {type: "fin", resultat: {fichiers: results, resume: resume.resultat(), lignes: resume.lignes, doublonsAutresFichiers, ms: performance.now() - t0, aides}};
}

/** The whole import in this thread (node tests, and a browser without nested workers). */
export function traiter({fichiers, schema, financeurs}: DemandeImport, post: (message: MessageImport) => void): void {
  const t0 = performance.now();
  const resume = new ResumeImport(financeurs);
  const vus = new Vus();
  const results: ResultatFichier[] = [];
  fichiers.forEach(({name, bytes}, index) => {
    try {
      const steps = validerParBlocs(new Uint8Array(bytes), name, schema, resume, vus);
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) {
          results.push(step.value);
          break;
        }
        post({type: "progression", index, total: fichiers.length, ...step.value});
      }
    } catch (error) {
      results.push(failure(name, error)); // a validator failure refuses this file, with the error
    }
  });
  post(fin(results, resume, t0, 0));
}

// ---------------------------------------------------------------------------------------------
// In the browser: a coordinator and its helpers

/** To a helper: a block; the schema comes with the first block only (the helper keeps it, compiled once). */
type VersAide = {type: "bloc"; file: string; index: number; bytes: Uint8Array; schema?: ScdlSchema};
type DeAide = {type: "bloc"; valide: BlocValide} | {type: "erreur"; index: number; message: string};

const transferables = (v: BlocValide) => [v.lignes.buffer, v.hashes.buffer, v.montants.buffer];

/** The coordinator: each file cut into blocks, validated by the helpers, assembled in order. */
async function coordonner({fichiers, schema, financeurs}: DemandeImport, post: (message: MessageImport) => void, nAides: number): Promise<void> {
  const t0 = performance.now();
  const resume = new ResumeImport(financeurs);
  const vus = new Vus();
  const results: ResultatFichier[] = [];
  let aides: Worker[] = [];
  const informed = new Set<Worker>();
  for (const [index, {name, bytes: buffer}] of fichiers.entries()) {
    const bytes = new Uint8Array(buffer);
    try {
      const d = decouper(bytes);
      if (d.blocs.length === 1) {
        const r = validerParBlocs(bytes, name, schema, resume, vus);
        for (let step = r.next(); ; step = r.next()) {
          if (step.done) {
            results.push(step.value);
            break;
          }
          post({type: "progression", index, total: fichiers.length, ...step.value});
        }
        continue;
      }
      if (aides.length === 0) aides = Array.from({length: nAides}, () => new Worker(SCDL_WORKER_URL, {type: "module"}));
      const assemblage = new Assemblage(name, d, resume, vus);
      results.push(
        await new Promise<ResultatFichier>((resolve, reject) => {
          const pending = new Map<number, BlocValide>();
          let next = 0;
          let sent = 0;
          let lignes = 0;
          const send = (aide: Worker) => {
            if (sent >= d.blocs.length) return;
            const b = d.blocs[sent++];
            const block = octetsDuBloc(bytes, d, b); // a copy (header + block), transferred
            const first = !informed.has(aide);
            informed.add(aide);
            aide.postMessage({type: "bloc", file: name, index: b.index, bytes: block, ...(first ? {schema} : {})} satisfies VersAide, [block.buffer]);
          };
          for (const aide of aides) {
            aide.onmessage = (event: MessageEvent<DeAide>) => {
              const m = event.data;
              if (m.type === "erreur") return reject(new Error(m.message));
              pending.set(m.valide.index, m.valide);
              // Blocks are assembled in file order, whatever order the helpers finish in.
              while (pending.has(next)) {
                const v = pending.get(next)!;
                pending.delete(next);
                assemblage.ajouter(v);
                lignes += v.dataLines;
                post({type: "progression", fichier: name, index, total: fichiers.length, octetsLus: d.blocs[next].end, octetsTotal: bytes.length, lignes});
                next++;
                if (v.refused) return resolve(assemblage.resultat()); // the file is refused as a whole
              }
              if (next === d.blocs.length) resolve(assemblage.resultat());
              else send(aide);
            };
            aide.onerror = (event) => {
              event.preventDefault();
              reject(new Error(event.message || "un validateur s'est arrêté"));
            };
            send(aide); // two blocks in flight per helper: one being validated, one waiting
            send(aide);
          }
        })
      );
    } catch (error) {
      results.push(failure(name, error));
    }
  }
  for (const aide of aides) aide.terminate();
  post(fin(results, resume, t0, aides.length));
}

/** A helper: validates the blocks it is sent. */
let schemaAide: ScdlSchema | null = null;
function aider(m: VersAide, post: (message: DeAide, transfer?: Transferable[]) => void): void {
  try {
    schemaAide = m.schema ?? schemaAide;
    if (!schemaAide) throw new Error("schéma SCDL non reçu");
    const valide = validerBloc(m.bytes, m.file, schemaAide, m.index);
    post({type: "bloc", valide}, transferables(valide));
  } catch (error) {
    post({type: "erreur", index: m.index, message: error instanceof Error ? `${error.name} : ${error.message}` : String(error)});
  }
}

const scope = globalThis as unknown as {
  WorkerGlobalScope?: unknown;
  Worker?: unknown;
  navigator?: {hardwareConcurrency?: number};
  onmessage: ((event: MessageEvent<DemandeImport | DemandeComplete | VersAide>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
};
if (typeof scope.WorkerGlobalScope !== "undefined") {
  scope.onmessage = (event) => {
    const m = event.data;
    if ("type" in m && m.type === "bloc") return aider(m, (message, transfer) => scope.postMessage(message, transfer));
    if ("mode" in m && m.mode === "complet") {
      return traiterComplet(m as DemandeComplete, (message) => scope.postMessage(message), (name, error, options) => refusedScdl(name, unreadableProblem(name, error instanceof Error ? `${error.name} : ${error.message}` : String(error)), options));
    }
    const demande = m as DemandeImport;
    // 2 to 4 helpers: on two cores, the helpers share them while the coordinator mostly waits.
    const n = demande.aides ?? Math.max(2, Math.min(4, (scope.navigator?.hardwareConcurrency ?? 2) - 1));
    if (n === 0 || typeof scope.Worker === "undefined") return traiter(demande, (message) => scope.postMessage(message));
    void coordonner(demande, (message) => scope.postMessage(message), n);
  };
}
