// @vitest-environment jsdom
import {afterEach, describe, expect, it, vi} from "vitest";
import {CommuneSearch} from "../src/components/search-box.js";
import type {Place} from "../src/model/search.js";

const places: Place[] = [
  {code: "93066", nom: "Saint-Denis", departement: "93", kind: "commune"},
  {code: "77403", nom: "Saint-Denis-lès-Rebais", departement: "77", kind: "commune"},
  {code: "94038", nom: "L'Haÿ-les-Roses", departement: "94", kind: "commune"},
  {code: "99999", nom: "Piège <img src=x onerror=alert(1)>", departement: "99", kind: "commune"},
  {code: "93059", nom: "Pierrefitte-sur-Seine", departement: "93", kind: "fusionnee", mergedInto: {code: "93066", nom: "Saint-Denis", annee: 2025}}
];

function mount(settings?: Parameters<typeof CommuneSearch>[1]) {
  const root = CommuneSearch(places, settings);
  document.body.append(root);
  const input = root.querySelector<HTMLInputElement>("input[role=combobox]")!;
  const list = root.querySelector<HTMLUListElement>("[role=listbox]")!;
  const status = root.querySelector<HTMLElement>("[aria-live=polite]")!;
  const type = (text: string) => {
    input.value = text;
    input.dispatchEvent(new Event("input", {bubbles: true}));
  };
  const key = (k: string) => input.dispatchEvent(new KeyboardEvent("keydown", {key: k, bubbles: true, cancelable: true}));
  const options = () => [...list.querySelectorAll<HTMLLIElement>("[role=option]")];
  return {root, input, list, status, type, key, options};
}

afterEach(() => document.body.replaceChildren());

describe("CommuneSearch", () => {
  it("labels a combobox that controls a listbox", () => {
    const {root, input, list} = mount();
    const label = root.querySelector("label")!;
    expect(label.htmlFor).toBe(input.id);
    expect(label.textContent).toBe("Rechercher une commune");
    expect(input.getAttribute("aria-autocomplete")).toBe("list");
    expect(input.getAttribute("aria-controls")).toBe(list.id);
    expect(input.getAttribute("aria-expanded")).toBe("false");
    expect(input.placeholder).toBe("Nom, code INSEE ou arrondissement de Paris");
  });

  it("gives every instance its own ids", () => {
    const a = mount();
    const b = mount();
    expect(a.input.id).not.toBe(b.input.id);
    expect(a.list.id).not.toBe(b.list.id);
  });

  it("fills the listbox and announces the count as the user types", () => {
    const {input, list, status, type, options} = mount();
    type("st denis");
    expect(input.getAttribute("aria-expanded")).toBe("true");
    expect(list.hidden).toBe(false);
    expect(options().map((o) => o.textContent)).toEqual(["Saint-Denis (93)", "Saint-Denis-lès-Rebais (77)"]);
    expect(status.textContent).toBe("2 résultats");
    type("lhay");
    expect(options().map((o) => o.textContent)).toEqual(["L'Haÿ-les-Roses (94)"]);
    expect(status.textContent).toBe("1 résultat");
  });

  it("shows a message, not an option, when nothing matches", () => {
    const {root, input, status, type, options} = mount();
    type("zzz");
    expect(options()).toHaveLength(0);
    expect(status.textContent).toBe("0 résultat");
    const empty = root.querySelector<HTMLElement>(".commune-search__empty")!;
    expect(empty.hidden).toBe(false);
    expect(empty.textContent).toBe("Aucune commune ne correspond");
    expect(empty.getAttribute("role")).toBeNull();
    expect(input.getAttribute("aria-expanded")).toBe("false");
  });

  it("does not report keystrokes as a new value", () => {
    const {root, type} = mount();
    const listener = vi.fn();
    root.addEventListener("input", listener);
    type("saint");
    expect(listener).not.toHaveBeenCalled();
    expect(root.value).toBeNull();
  });

  it("moves the active option with the arrow keys and selects it with Enter", () => {
    const onSelect = vi.fn();
    const {root, input, type, key, options} = mount({onSelect});
    const seen: (Place | null)[] = [];
    document.body.addEventListener("input", (event) => {
      if (event.target === root) seen.push(root.value);
    });
    type("saint denis");
    key("ArrowDown");
    expect(input.getAttribute("aria-activedescendant")).toBe(options()[0].id);
    expect(options()[0].getAttribute("aria-selected")).toBe("true");
    key("ArrowDown");
    expect(input.getAttribute("aria-activedescendant")).toBe(options()[1].id);
    expect(options()[0].getAttribute("aria-selected")).toBe("false");
    key("ArrowUp");
    expect(input.getAttribute("aria-activedescendant")).toBe(options()[0].id);
    key("Enter");
    expect(root.value?.code).toBe("93066");
    expect(seen.map((p) => p?.code)).toEqual(["93066"]);
    expect(onSelect).toHaveBeenCalledWith(places[0]);
    expect(input.value).toBe("Saint-Denis (93)");
    expect(input.getAttribute("aria-expanded")).toBe("false");
    expect(input.hasAttribute("aria-activedescendant")).toBe(false);
  });

  it("selects an option on click", () => {
    const {root, type, options} = mount();
    const listener = vi.fn();
    root.addEventListener("input", listener);
    type("saint denis");
    options()[1].dispatchEvent(new MouseEvent("click", {bubbles: true}));
    expect(root.value?.code).toBe("77403");
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("closes on Escape without selecting", () => {
    const {root, input, list, type, key} = mount();
    type("saint");
    key("ArrowDown");
    key("Escape");
    expect(input.getAttribute("aria-expanded")).toBe("false");
    expect(list.hidden).toBe(true);
    expect(root.value).toBeNull();
  });

  it("closes when the user clicks outside", () => {
    const {input, type} = mount();
    const outside = document.createElement("button");
    document.body.append(outside);
    type("saint");
    expect(input.getAttribute("aria-expanded")).toBe("true");
    outside.dispatchEvent(new MouseEvent("mousedown", {bubbles: true}));
    expect(input.getAttribute("aria-expanded")).toBe("false");
  });

  it("renders names as text, never as markup", () => {
    const {root, type, options} = mount();
    type("piege");
    expect(options()[0].textContent).toBe("Piège <img src=x onerror=alert(1)> (99)");
    expect(root.querySelector("img")).toBeNull();
    expect(document.querySelector("img")).toBeNull();
  });

  it("says, when a merged commune is chosen, which commune it joined", () => {
    const {root, type, options} = mount();
    const note = root.querySelector<HTMLElement>(".commune-search__note")!;
    expect(note.hidden).toBe(true);
    type("pierrefitte");
    expect(options().map((o) => o.textContent)).toEqual(["Pierrefitte-sur-Seine (93), fusionnée dans Saint-Denis en 2025"]);
    options()[0].dispatchEvent(new MouseEvent("click", {bubbles: true}));
    expect(root.value?.mergedInto?.code).toBe("93066");
    expect(note.hidden).toBe(false);
    expect(note.textContent).toBe("Pierrefitte-sur-Seine : commune fusionnée dans Saint-Denis en 2025, dont le portrait est montré.");
    type("saint denis");
    options()[0].dispatchEvent(new MouseEvent("click", {bubbles: true}));
    expect(note.hidden).toBe(true);
  });
});
