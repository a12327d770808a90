// The parts of Framework's modules that bin/build-site.ts uses (the package ships no types for them).
declare module "@observablehq/framework/dist/loader.js" {
  interface Effects {
    output: {write(text: string): unknown};
    logger: Pick<Console, "log" | "warn" | "error">;
  }
  interface Loader {
    /** The loader's file, from the source root. */
    path: string;
    /** Runs the loader unless its output is in the cache (or being written); resolves to the output's path. */
    load(options?: {useStale?: boolean}, effects?: Effects): Promise<string>;
  }
  export class LoaderResolver {
    constructor(options: {root: string; interpreters?: Record<string, string[] | null>});
    readonly interpreters: Map<string, string[]>;
    find(path: string): Loader | undefined;
    findPage(path: string): Loader | undefined;
  }
}

declare module "@observablehq/framework/dist/config.js" {
  import type {LoaderResolver} from "@observablehq/framework/dist/loader.js";
  export interface Config {
    root: string;
    output: string;
    loaders: LoaderResolver;
  }
  /** What `observable build` reads: observablehq.config.{js,ts} of the working directory. */
  export function readConfig(configPath?: string, root?: string): Promise<Config>;
}

declare module "@observablehq/framework/dist/build.js" {
  import type {Config} from "@observablehq/framework/dist/config.js";
  /** What `observable build` runs. */
  export function build(options: {config: Config}): Promise<void>;
}
