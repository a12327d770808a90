// Runs the Monte Carlo stability of the needs index off the main thread, without a separately
// bundled worker file: the worker's source is built from the stringified self-contained kernel
// functions of needs-index.ts and loaded from a Blob URL.
//
// Lifecycle (a stated choice): ONE worker is created lazily and kept for the page, because the
// page recomputes stability each time the reader moves a weight; requests carry an id, so several
// may be in flight. If the worker fails (error event, unreadable message, or a thrown error inside
// the kernel), every pending request is rejected with an Error saying so; on an error event the
// worker is also terminated and the next call starts a fresh one. terminateStabilityWorker() ends
// it explicitly.
//
// The caller's arrays are never transferred (that would detach them): the dense matrix built by
// prepare() — a fresh copy — is transferred to the worker, and the result is transferred back.
import {checkStabilityOptions, kthLargest, prepare, scoreUnits, splitMissing, stability, stabilityKernel} from "../model/needs-index.js";
import type {IndexInput, StabilityOptions, Weights} from "../model/needs-index.js";

export interface TimedStabilityResult {
  topQuintileShare: Float64Array;
  draws: number;
  ms: number;
}

interface WorkerRequest {
  id: number;
  n: number;
  m: number;
  norm: Float64Array;
  themeOf: Int32Array;
  nThemes: number;
  indW: Float64Array;
  themeW: Float64Array;
  draws: number;
  spread: number;
  seed: number;
  minAvailable: number;
  everyTheme: number;
}
type WorkerReply = {id: number; share: Float64Array; draws: number; ms: number} | {id: number; error: string};

/**
 * The worker's source. Helpers are included by their own declarations (so a renaming transpiler
 * stays consistent); the kernel is bound to a local name. `__name` is a no-op shim in case a
 * transpiler with keepNames (tsx/esbuild) injected calls to its helper into the function bodies.
 */
export function stabilityWorkerSource(): string {
  return [
    '"use strict";',
    "var __name = function (target) { return target; };",
    splitMissing.toString(),
    scoreUnits.toString(),
    kthLargest.toString(),
    `var stabilityKernelInWorker = (${stabilityKernel.toString()});`,
    `self.onmessage = function (event) {
  var d = event.data;
  try {
    var t0 = performance.now();
    var share = stabilityKernelInWorker(d.n, d.m, d.norm, d.themeOf, d.nThemes, d.indW, d.themeW, d.draws, d.spread, d.seed, d.minAvailable, d.everyTheme);
    self.postMessage({id: d.id, share: share, draws: d.draws, ms: performance.now() - t0}, [share.buffer]);
  } catch (error) {
    self.postMessage({id: d.id, error: String((error && error.message) || error)});
  }
};`
  ].join("\n");
}

let worker: Worker | null = null;
let workerUrl: string | null = null;
let nextId = 1;
const pending = new Map<number, {resolve: (r: TimedStabilityResult) => void; reject: (e: Error) => void}>();

function failAll(message: string): void {
  const error = new Error(`Le calcul de stabilité de l'indice a échoué dans le worker : ${message}`);
  for (const {reject} of pending.values()) reject(error);
  pending.clear();
}

function getWorker(): Worker {
  if (worker) return worker;
  const url = URL.createObjectURL(new Blob([stabilityWorkerSource()], {type: "text/javascript"}));
  let created: Worker;
  try {
    created = new Worker(url);
  } catch (error) {
    URL.revokeObjectURL(url);
    throw new Error(`Le calcul de stabilité de l'indice n'a pas pu démarrer de worker : ${error instanceof Error ? error.message : String(error)}`);
  }
  // revoked when the worker ends, not now: some browsers fetch the script after the constructor returns
  workerUrl = url;
  created.onmessage = (event: MessageEvent<WorkerReply>) => {
    const reply = event.data;
    const request = pending.get(reply.id);
    if (!request) return;
    pending.delete(reply.id);
    if ("error" in reply) request.reject(new Error(`Le calcul de stabilité de l'indice a échoué dans le worker : ${reply.error}`));
    else request.resolve({topQuintileShare: reply.share, draws: reply.draws, ms: reply.ms});
  };
  created.onerror = (event: ErrorEvent) => {
    event.preventDefault?.();
    dropWorker();
    failAll(event.message || "erreur inconnue (le navigateur a peut-être refusé un worker blob:)");
  };
  created.onmessageerror = () => failAll("message illisible");
  worker = created;
  return created;
}

function dropWorker(): void {
  if (worker) {
    worker.terminate();
    worker = null;
  }
  if (workerUrl) {
    URL.revokeObjectURL(workerUrl);
    workerUrl = null;
  }
}

/** Ends the cached worker, if any, rejecting the requests still pending. */
export function terminateStabilityWorker(): void {
  dropWorker();
  if (pending.size) failAll("worker arrêté");
}

/** Same result as stability(input, weights, options), computed in a (cached) Blob worker. */
export function runStabilityInWorker(input: IndexInput, weights: Weights, options: StabilityOptions = {}): Promise<TimedStabilityResult> {
  const {draws = 1000, spread = 0.5, seed = 1, minAvailable = 0.5, everyTheme = true, normalized} = options;
  try {
    checkStabilityOptions(draws, spread);
    const p = prepare(input, weights, normalized);
    const id = nextId++;
    const request: WorkerRequest = {id, n: p.n, m: p.m, norm: p.norm, themeOf: p.themeOf, nThemes: p.themes.length, indW: p.indW, themeW: p.themeW, draws, spread, seed, minAvailable, everyTheme: everyTheme ? 1 : 0};
    const w = getWorker();
    return new Promise<TimedStabilityResult>((resolve, reject) => {
      pending.set(id, {resolve, reject});
      // all of these are fresh copies made by prepare(): safe to transfer
      w.postMessage(request, [p.norm.buffer, p.themeOf.buffer, p.indW.buffer, p.themeW.buffer]);
    });
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** In a worker when the environment has workers (the browser), directly otherwise (node, tests). */
export function runStability(input: IndexInput, weights: Weights, options: StabilityOptions = {}): Promise<TimedStabilityResult> {
  if (typeof Worker !== "undefined") return runStabilityInWorker(input, weights, options);
  try {
    const t0 = performance.now();
    const result = stability(input, weights, options);
    return Promise.resolve({...result, ms: performance.now() - t0});
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
