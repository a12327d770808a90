// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {cssString, footerText, PrintColumns, PrintFigure, PrintLink, PrintTable, ScreenPrint, setPrintFooter, setPrintStatus} from "../src/components/print.js";

describe("the printed footer", () => {
  it("reads the document's title and its edition date in French", () => {
    expect(footerText("2026-03-05", "Bilan 2019 des aides")).toBe("Bilan 2019 des aides — édition du 5 mars 2026");
    expect(footerText("2026-01-01")).toBe("Édition du 1er janvier 2026");
    expect(footerText("2026-01-11")).toBe("Édition du 11 janvier 2026");
  });

  it("is handed to the stylesheet as a CSS string, quotes, backslashes and line breaks escaped", () => {
    expect(cssString('Rapport "A" \\ B\nC')).toBe('"Rapport \\"A\\" \\\\ B\\a C"');
    const root = document.createElement("html");
    setPrintFooter("2026-03-05", {title: "Fiche « Montreuil »", root});
    expect(root.style.getPropertyValue("--print-footer")).toBe('"Fiche « Montreuil » — édition du 5 mars 2026"');
  });
});

describe("a printed table", () => {
  it("keeps every row, a header row, and aligns the numeric columns", () => {
    const rows = Array.from({length: 120}, (_, i) => [`Bénéficiaire ${i}`, String(i)]);
    const table = PrintTable(["Nom", "Montant"], rows, {caption: "Tous", numeric: [1]});
    expect(table.tBodies[0].rows).toHaveLength(120);
    expect([...table.tHead!.rows[0].cells].map((c) => [c.tagName, c.textContent, c.className])).toEqual([["TH", "Nom", ""], ["TH", "Montant", "num"]]);
    expect([...table.tBodies[0].rows].every((r) => r.cells[1].classList.contains("num") && !r.cells[0].classList.contains("num"))).toBe(true);
    expect(table.caption?.textContent).toBe("Tous");
  });

  it("writes a cell as text, never as HTML", () => {
    const table = PrintTable(["Nom"], [["<img src=x onerror=alert(1)>"]]);
    expect(table.querySelector("img")).toBeNull();
    expect(table.tBodies[0].rows[0].cells[0].textContent).toBe("<img src=x onerror=alert(1)>");
  });
});

describe("screen and paper versions", () => {
  it("put the interactive element in .screen-only and its static version in .print-only", () => {
    const wrapper = ScreenPrint(document.createElement("form"), PrintTable(["A"], [["1"]]));
    expect(wrapper.querySelector(".screen-only > form")).not.toBeNull();
    expect(wrapper.querySelector(".print-only > table")).not.toBeNull();
  });

  it("wrap figures, long lists and links for print.css", () => {
    expect(PrintFigure(document.createElement("svg"), {caption: "Carte"}).outerHTML).toBe('<figure class="print-figure"><svg></svg><figcaption>Carte</figcaption></figure>');
    expect(PrintColumns(document.createElement("table")).className).toBe("print-columns");
    const link = PrintLink("https://example.org/a", "la source");
    expect([link.className, link.getAttribute("href"), link.textContent]).toEqual(["print-url", "https://example.org/a", "la source"]);
  });
});

describe("the print status", () => {
  it("says the document is complete, or why it cannot be made", () => {
    const root = document.createElement("html");
    setPrintStatus({ok: false, message: "Aucune aide enregistrée pour 2017."}, root);
    expect([root.dataset.printStatus, root.dataset.printMessage]).toEqual(["erreur", "Aucune aide enregistrée pour 2017."]);
    setPrintStatus({ok: true}, root);
    expect([root.dataset.printStatus, root.dataset.printMessage]).toEqual(["ok", ""]);
  });
});
