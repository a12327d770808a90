// A sentence made of text runs, some in bold (the figures): text nodes only, never HTML.
import type {Run} from "../model/placement-view.js";

export function textRuns(runs: Run[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const run of runs) {
    if (run.strong) {
      const strong = document.createElement("strong");
      strong.textContent = run.text;
      fragment.append(strong);
    } else fragment.append(run.text);
  }
  return fragment;
}
