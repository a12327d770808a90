import {describe, expect, it} from "vitest";
import {pocketsOf} from "../src/model/poches.js";

describe("poverty pockets of a commune from its IRIS", () => {
  it("counts published IRIS at or above the threshold, 50.0 included, and ignores unpublished ones", () => {
    const rows = [{code: "1", taux: 55}, {code: "2", taux: 50}, {code: "3", taux: 49.9}, {code: "4", taux: null}, {code: "5", taux: 12}];
    expect(pocketsOf(rows, 50)).toEqual({iris: 5, publies: 4, poches: 2, max: 55});
  });

  it("a commune none of whose IRIS is published has no maximum and no pocket", () => {
    expect(pocketsOf([{code: "1", taux: null}], 50)).toEqual({iris: 1, publies: 0, poches: 0, max: null});
  });
});
