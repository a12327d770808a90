// Types of the parts of saxen (a SAX-style XML parser without dependencies, MIT) that the project
// uses; the package ships none.
declare module "saxen" {
  export type Decode = (text: string) => string;
  export class Parser {
    constructor(options?: {proxy?: boolean});
    /** Namespace URI → prefix: element and attribute names are reported with these prefixes, whatever the file's. */
    ns(map?: Record<string, string>): void;
    on(event: "openTag", handler: (name: string, attributes: () => Record<string, string>, decode: Decode, selfClosing: boolean) => void): void;
    on(event: "closeTag", handler: (name: string, decode: Decode, selfClosing: boolean) => void): void;
    on(event: "text", handler: (text: string, decode: Decode) => void): void;
    on(event: "cdata", handler: (text: string) => void): void;
    on(event: "error" | "warn", handler: (error: Error) => void): void;
    parse(xml: string): void;
  }
}
