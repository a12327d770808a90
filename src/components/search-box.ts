// An accessible commune search box (WAI-ARIA 1.2 combobox with a listbox popup) on the pure
// matcher of src/model/search.ts. All text goes through textContent.
import {plural} from "../lib/format.js";
import {labelsFor, mergedPhrase, searchPlaces, type Place, type SearchResult} from "../model/search.js";

let instances = 0;

/**
 * An accessible commune search (WAI-ARIA 1.2 combobox with a listbox popup). Its `value` is the
 * selected Place (null until one is chosen); selecting dispatches a bubbling "input" event, so
 * `const selected = view(CommuneSearch(places))` works. Typing alone does not change `value`.
 *
 * Keyboard: ↓/↑ move through the options (and open the list), Enter selects, Escape closes.
 * A polite live region announces the number of results. Class names: commune-search,
 * commune-search__label, __input, __list, __option, __option--active, __empty, __note, __status
 * (the status should be visually hidden; it is also hidden inline in case no CSS applies).
 * Choosing a merged commune (kind "fusionnee") says, in __note and the live region, which commune
 * it joined; its `value` stays the chosen place (selectedCode gives the territory to show).
 */
export function CommuneSearch(
  places: Place[],
  {
    label = "Rechercher une commune",
    placeholder = "Nom, code INSEE ou arrondissement de Paris",
    emptyText = "Aucune commune ne correspond",
    onSelect
  }: {label?: string; placeholder?: string; emptyText?: string; onSelect?: (place: Place) => void} = {}
): HTMLElement & {value: Place | null} {
  const id = `commune-search-${++instances}`;
  const root = document.createElement("div") as unknown as HTMLElement & {value: Place | null};
  root.className = "commune-search";

  const labelElement = document.createElement("label");
  labelElement.className = "commune-search__label";
  labelElement.htmlFor = `${id}-input`;
  labelElement.textContent = label;

  const input = document.createElement("input");
  input.type = "text";
  input.id = `${id}-input`;
  input.className = "commune-search__input";
  input.placeholder = placeholder;
  input.autocomplete = "off";
  input.spellcheck = false;
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", `${id}-list`);

  const list = document.createElement("ul");
  list.id = `${id}-list`;
  list.className = "commune-search__list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", label);
  list.hidden = true;

  const empty = document.createElement("p");
  empty.className = "commune-search__empty";
  empty.textContent = emptyText;
  empty.hidden = true;

  const status = document.createElement("div");
  status.className = "commune-search__status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  // Visually hidden, still read by screen readers (set through the CSSOM, allowed by CSP).
  Object.assign(status.style, {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    clipPath: "inset(50%)",
    whiteSpace: "nowrap"
  });

  // Said when a merged commune is chosen: the page shows the commune it joined.
  const note = document.createElement("p");
  note.className = "commune-search__note";
  note.hidden = true;

  root.append(labelElement, input, list, empty, note, status);

  let results: SearchResult[] = [];
  let active = -1;
  let selected: Place | null = null;

  function optionId(i: number): string {
    return `${id}-option-${i}`;
  }

  function setActive(i: number): void {
    active = i;
    list.querySelectorAll<HTMLLIElement>("[role=option]").forEach((option, j) => {
      const on = j === i;
      option.setAttribute("aria-selected", String(on));
      option.classList.toggle("commune-search__option--active", on);
      if (on && typeof option.scrollIntoView === "function") option.scrollIntoView({block: "nearest"});
    });
    if (i >= 0) input.setAttribute("aria-activedescendant", optionId(i));
    else input.removeAttribute("aria-activedescendant");
  }

  function onOutside(event: Event): void {
    if (!root.isConnected || !(event.target instanceof Node) || !root.contains(event.target)) close();
  }

  function open(): void {
    const expanded = results.length > 0;
    list.hidden = !expanded;
    empty.hidden = expanded;
    input.setAttribute("aria-expanded", String(expanded));
    document.addEventListener("mousedown", onOutside);
  }

  function close(): void {
    list.hidden = true;
    empty.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
    document.removeEventListener("mousedown", onOutside);
  }

  function update(): void {
    results = searchPlaces(places, input.value);
    list.replaceChildren(
      ...results.map((result, i) => {
        const option = document.createElement("li");
        option.id = optionId(i);
        option.className = "commune-search__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.index = String(i);
        option.textContent = result.label;
        return option;
      })
    );
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (input.value.trim() === "") {
      status.textContent = "";
      close();
      return;
    }
    status.textContent = plural(results.length, "résultat");
    open();
  }

  function select(i: number): void {
    const result = results[i];
    if (!result) return;
    selected = result.place;
    input.value = result.label;
    close();
    const merged = result.place.mergedInto;
    note.hidden = !merged;
    note.textContent = merged ? `${result.place.nom} : commune ${mergedPhrase(merged)}, dont le portrait est montré.` : "";
    if (merged) status.textContent = note.textContent;
    root.dispatchEvent(new Event("input", {bubbles: true}));
    onSelect?.(result.place);
  }

  input.addEventListener("input", (event) => {
    // Keystrokes are not selections: keep them from reaching view() on the root element.
    event.stopPropagation();
    update();
  });

  input.addEventListener("keydown", (event) => {
    const expanded = !list.hidden;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        event.preventDefault();
        if (!expanded) {
          if (input.value.trim() === "") return;
          update();
          if (list.hidden) return;
        }
        const n = results.length;
        if (n === 0) return;
        const down = event.key === "ArrowDown";
        setActive(active < 0 ? (down ? 0 : n - 1) : (active + (down ? 1 : -1) + n) % n);
        break;
      }
      case "Enter":
        if (expanded && active >= 0) {
          event.preventDefault();
          select(active);
        }
        break;
      case "Escape":
        if (expanded || !empty.hidden) {
          event.preventDefault();
          close();
        }
        break;
      case "Tab":
        close();
        break;
    }
  });

  // Keep the focus in the input while clicking an option, then select it.
  list.addEventListener("mousedown", (event) => event.preventDefault());
  list.addEventListener("click", (event) => {
    const option = event.target instanceof Element ? event.target.closest<HTMLElement>("[role=option]") : null;
    if (option?.dataset.index !== undefined) select(Number(option.dataset.index));
  });

  root.addEventListener("focusout", (event) => {
    const next = (event as FocusEvent).relatedTarget;
    if (!(next instanceof Node) || !root.contains(next)) close();
  });

  Object.defineProperty(root, "value", {
    get: () => selected,
    set: (place: Place | null) => {
      selected = place;
      input.value = place ? searchLabel(place) : "";
      note.hidden = true;
      close();
    }
  });

  return root;
}

function searchLabel(place: Place): string {
  return labelsFor([place])[0];
}
