import {csvParse, dsvFormat} from "d3-dsv";
import {describe, expect, it} from "vitest";
import {formatCsv} from "../src/lib/csv.js";

const rows = [
  {code: "75056", nom: "Paris", densite: 19959.9, note: 'dit "oui"; ou non'},
  {code: "93066", nom: "Saint-Denis", densite: null, note: "deux\nlignes"}
];
const columns = ["code", "nom", "densite", "note"];

describe("CSV for partners", () => {
  it("writes plain UTF-8 CSV that a standard parser reads back unchanged", () => {
    const text = formatCsv(columns, rows, "utf8");
    expect(text.startsWith("\ufeff")).toBe(false);
    const parsed = csvParse(text);
    expect(parsed[0]).toEqual({code: "75056", nom: "Paris", densite: "19959.9", note: 'dit "oui"; ou non'});
    expect(parsed[1].densite).toBe("");
    expect(parsed[1].note).toBe("deux\nlignes");
  });

  it("writes the French Excel variant with a BOM, semicolons and decimal commas", () => {
    const text = formatCsv(columns, rows, "excel-fr");
    expect(text.startsWith("\ufeffcode;nom;densite;note\r\n")).toBe(true);
    const parsed = dsvFormat(";").parse(text.slice(1));
    expect(parsed[0].densite).toBe("19959,9");
    expect(parsed[0].note).toBe('dit "oui"; ou non');
  });
});
