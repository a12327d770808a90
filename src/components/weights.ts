// Weight sliders, one per theme and one per indicator, grouped by theme: labelled native range
// inputs (keyboard: arrows, Page Up/Down, Home/End). The element's value is the Weights object and
// it fires "input" as a slider moves, so Framework's view() updates the page live.
import type {Weights} from "../model/needs-index.js";
import {formatDecimal} from "../lib/format.js";

export interface WeightsSpec {
  themes: {id: string; label: string}[];
  indicators: {id: string; short: string; theme: string}[];
}

function slider(id: string, label: string, value: number, className: string): HTMLDivElement {
  const row = document.createElement("div");
  row.className = `weight ${className}`;
  const input = document.createElement("input");
  Object.assign(input, {type: "range", min: "0", max: "1", step: "0.05", id: `poids-${id}`, name: id});
  input.value = String(value);
  input.dataset.weight = id;
  const text = document.createElement("label");
  text.htmlFor = input.id;
  text.textContent = label;
  const output = document.createElement("output");
  output.htmlFor.add(input.id);
  output.textContent = formatDecimal(value, 2);
  input.addEventListener("input", () => (output.textContent = formatDecimal(Number(input.value), 2)));
  row.append(text, input, output);
  return row;
}

export function WeightsForm(spec: WeightsSpec, initial: Weights, defaults: Weights): HTMLFormElement & {value: Weights} {
  const form = document.createElement("form") as HTMLFormElement & {value: Weights};
  form.className = "weights";
  form.addEventListener("submit", (e) => e.preventDefault());
  for (const theme of spec.themes) {
    const fieldset = document.createElement("fieldset");
    const legend = document.createElement("legend");
    legend.textContent = theme.label;
    fieldset.append(legend, slider(theme.id, "Poids du thème", initial.themes[theme.id] ?? 0, "theme"));
    for (const indicator of spec.indicators.filter((i) => i.theme === theme.id)) {
      fieldset.append(slider(indicator.id, indicator.short, initial.indicators[indicator.id] ?? 0, "indicator"));
    }
    form.append(fieldset);
  }
  const reset = document.createElement("button");
  reset.type = "button";
  reset.textContent = "Revenir aux poids par défaut";
  reset.addEventListener("click", () => {
    for (const input of form.querySelectorAll<HTMLInputElement>("input[data-weight]")) {
      const id = input.dataset.weight!;
      input.value = String(id in defaults.themes ? defaults.themes[id] : defaults.indicators[id] ?? 0);
      input.dispatchEvent(new Event("input", {bubbles: true}));
    }
  });
  form.append(reset);
  Object.defineProperty(form, "value", {
    get(): Weights {
      const weights: Weights = {themes: {}, indicators: {}};
      for (const input of form.querySelectorAll<HTMLInputElement>("input[data-weight]")) {
        const id = input.dataset.weight!;
        if (input.closest(".theme")) weights.themes[id] = Number(input.value);
        else weights.indicators[id] = Number(input.value);
      }
      return weights;
    }
  });
  return form;
}
