// `npm run build` last step: every internal link of the built site leads somewhere. Framework 1.13
// only warns about broken links between pages and ignores files; here a link to a missing page,
// a missing file or a missing anchor (#id) fails the build, naming the page and the link.
//
// Only what is in the HTML is checked: links a script writes at run time are not (the pages that
// link to the Méthode page's sources write those anchors at build time, see src/methode.md.ts).
import {existsSync, readdirSync, readFileSync, statSync} from "node:fs";
import {join, posix, relative, sep} from "node:path";
import {parse} from "parse5";

export interface BrokenLink {
  /** The page, as a path from the site root ("/bilan"). */
  page: string;
  href: string;
  problem: string;
}

type Node = {nodeName: string; attrs?: {name: string; value: string}[]; childNodes?: Node[]; content?: Node};

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  for (const child of node.childNodes ?? []) walk(child, visit);
  if (node.content) walk(node.content, visit); // <template>
}

const attr = (node: Node, name: string) => node.attrs?.find((a) => a.name === name)?.value;

/** The ids a link can target in a page, and the hrefs of its links. */
export function readPage(html: string): {ids: Set<string>; hrefs: string[]} {
  const ids = new Set<string>();
  const hrefs: string[] = [];
  walk(parse(html) as unknown as Node, (node) => {
    const id = attr(node, "id");
    if (id !== undefined) ids.add(id);
    if (node.nodeName === "a") {
      const name = attr(node, "name");
      if (name !== undefined) ids.add(name);
      const href = attr(node, "href");
      if (href !== undefined) hrefs.push(href);
    }
  });
  return {ids, hrefs};
}

function htmlFiles(root: string, dir = root): string[] {
  const entries = readdirSync(dir, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name));
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("_") ? [] : htmlFiles(root, path); // Framework's assets
    return entry.name.endsWith(".html") ? [path] : [];
  });
}

/** "/bilan" for dist/bilan.html, "/" for dist/index.html, "/a/" for dist/a/index.html. */
const pagePath = (root: string, file: string) => "/" + relative(root, file).split(sep).join("/").replace(/(^|\/)index\.html$/, "$1").replace(/\.html$/, "");

/** A scheme (https:, mailto:, data:…) or a network path (//host) leaves the site. */
const EXTERNAL = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

/** Checks every <a href> of every page under `root` (a built site): the target page or file exists,
 * and its #fragment, if any, is an id (or <a name>) of the target page. */
export function checkLinks(root: string): BrokenLink[] {
  const pages = new Map(htmlFiles(root).map((file) => [pagePath(root, file), {file, ...readPage(readFileSync(file, "utf8"))}]));
  /** The page a site path serves, the way Framework's server and our static server resolve it. */
  const pageAt = (path: string) => pages.get(path) ?? pages.get(path.replace(/\.html$/, "")) ?? pages.get(path.endsWith("/") ? path : `${path}/`);
  const fileAt = (path: string) => {
    const file = join(root, ...path.split("/"));
    return existsSync(file) && statSync(file).isFile();
  };
  const broken: BrokenLink[] = [];
  for (const [page, {hrefs}] of pages) {
    for (const href of hrefs) {
      if (href === "" || EXTERNAL.test(href)) continue;
      const [pathAndQuery, fragment] = href.split("#", 2) as [string, string | undefined];
      const pathPart = pathAndQuery.split("?")[0];
      let target: string;
      try {
        target = pathPart === "" ? page : decodeURI(posix.resolve(posix.dirname(page.endsWith("/") ? `${page}x` : page), pathPart));
      } catch {
        broken.push({page, href, problem: "adresse mal formée"});
        continue;
      }
      if (pathPart.endsWith("/") && !target.endsWith("/")) target += "/";
      const linked = pageAt(target);
      if (!linked) {
        if (!fileAt(target)) broken.push({page, href, problem: `ni page ni fichier à ${target}`});
        continue;
      }
      if (fragment !== undefined && fragment !== "") {
        let id: string;
        try {
          id = decodeURIComponent(fragment);
        } catch {
          broken.push({page, href, problem: "ancre mal formée"});
          continue;
        }
        if (!linked.ids.has(id)) broken.push({page, href, problem: `pas d'élément id="${id}" dans ${target}`});
      }
    }
  }
  return broken;
}

export function describeBroken(broken: BrokenLink[]): string {
  return `${broken.length} lien(s) interne(s) cassé(s) dans le site construit :\n${broken.map((b) => `- ${b.page} → ${b.href} : ${b.problem}`).join("\n")}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? "dist";
  const broken = checkLinks(root);
  if (broken.length > 0) {
    process.stderr.write(`${describeBroken(broken)}\n`);
    process.exit(1);
  }
  process.stderr.write(`liens internes : ${htmlFiles(root).length} pages vérifiées, aucun lien cassé\n`);
}
