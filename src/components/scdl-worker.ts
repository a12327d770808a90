// The SCDL import's Web Worker: validates and summarises the imported files block by block
// (src/model/scdl-flux.ts) and posts its progress, so that the page stays responsive with a file
// of a million rows. The page imports this module only for its URL (SCDL_WORKER_URL): Framework
// then builds it with the page, its own imports included, and the worker loads the built module.
// Nothing runs on import outside a worker. Cancelling is the page's worker.terminate().
import type {Problem} from "../lib/problems.js";
import type {Financeur} from "../model/aides.js";
import {ResumeImport, type ResumeFinanceur} from "../model/import-resume.js";
import type {ScdlSchema} from "../model/scdl.js";
import {validerParBlocs, Vus, type ResultatFichier} from "../model/scdl-flux.js";
import {unreadableProblem} from "../model/validation/summary.js";

export const SCDL_WORKER_URL = import.meta.url;

export interface DemandeImport {
  fichiers: {name: string; bytes: ArrayBuffer}[];
  schema: ScdlSchema;
  financeurs: Financeur[];
}

export interface ResultatImport {
  fichiers: ResultatFichier[];
  /** The valid rows of all files, exact duplicates across files counted once; per funder. */
  resume: ResumeFinanceur[];
  lignes: number;
  doublonsAutresFichiers: number;
  ms: number;
}

export type MessageImport =
  | {type: "progression"; fichier: string; index: number; total: number; octetsLus: number; octetsTotal: number; lignes: number}
  | {type: "fin"; resultat: ResultatImport};

/** The worker's work, callable in node (tests) as in the worker: posts progress, then the result. */
export function traiter({fichiers, schema, financeurs}: DemandeImport, post: (message: MessageImport) => void): void {
  const t0 = performance.now();
  const resume = new ResumeImport(financeurs);
  const vus = new Vus();
  const results: ResultatFichier[] = [];
  fichiers.forEach(({name, bytes}, index) => {
    try {
      const steps = validerParBlocs(new Uint8Array(bytes), name, schema, resume, vus);
      for (;;) {
        const step = steps.next();
        if (step.done) {
          results.push(step.value);
          break;
        }
        post({type: "progression", index, total: fichiers.length, ...step.value});
      }
    } catch (error) {
      // A validator failure is this file's refusal, with the error, never a stuck status.
      results.push(refusedFile(name, unreadableProblem(name, error instanceof Error ? `${error.name} : ${error.message}` : String(error))));
    }
  });
  const doublonsAutresFichiers = results.reduce((s, r) => s + r.doublonsAutresFichiers, 0);
  post({type: "fin", resultat: {fichiers: results, resume: resume.resultat(), lignes: resume.lignes, doublonsAutresFichiers, ms: performance.now() - t0}});
}

/** A file refused before or while validating (unreadable, validator error): its one fatal problem. */
export function refusedFile(file: string, problem: Problem): ResultatFichier {
  return {
    file, encoding: "", separator: "", version: "2.1.1",
    summary: {file, byColumn: [], refused: problem, loaded: 0, rejected: 0, duplicates: 0, warnings: 0, byCode: new Map([[problem.code, 1]])},
    problems: [problem], problemesTotal: 1, duplicates: [], doublonsTotal: 0, doublonsAutresFichiers: 0, dataLines: 0, blocs: 0
  };
}

const scope = globalThis as unknown as {WorkerGlobalScope?: unknown; onmessage: ((event: MessageEvent<DemandeImport>) => void) | null; postMessage(message: MessageImport): void};
if (typeof scope.WorkerGlobalScope !== "undefined") scope.onmessage = (event) => traiter(event.data, (m) => scope.postMessage(m));
