// A native radio group usable with Framework's view(): keyboard-operable (arrow keys), labelled
// by its legend, and light enough to stay on the first map's path (no library to load).
export interface RadioOption {
  value: string;
  label: string;
}

export function Radio(options: RadioOption[], {label, value, name}: {label: string; value?: string; name: string}): HTMLFieldSetElement & {value: string} {
  const fieldset = document.createElement("fieldset") as HTMLFieldSetElement & {value: string};
  fieldset.className = "radio";
  const legend = document.createElement("legend");
  legend.textContent = label;
  fieldset.append(legend);
  for (const option of options) {
    const input = document.createElement("input");
    input.type = "radio";
    input.name = name;
    input.value = option.value;
    input.id = `${name}-${option.value}`;
    input.checked = option.value === (value ?? options[0].value);
    const text = document.createElement("label");
    text.htmlFor = input.id;
    text.textContent = option.label;
    fieldset.append(input, text);
  }
  Object.defineProperty(fieldset, "value", {
    get: () => fieldset.querySelector<HTMLInputElement>("input:checked")?.value ?? options[0].value
  });
  // Radios fire "input" themselves and it bubbles to the fieldset, which view() listens to.
  return fieldset;
}
