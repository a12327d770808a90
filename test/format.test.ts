import {describe, expect, it} from "vitest";
import {thresholdClasses, quantileClasses} from "../src/lib/classes.js";
import {formatDecimal, formatEuro, formatEuroRounded, formatInteger, formatPercent, MISSING, plural} from "../src/lib/format.js";

// Intl writes a narrow no-break space (U+202F); compare with plain spaces for readability.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

describe("French number formatting", () => {
  it("groups thousands with spaces", () => {
    expect(plain(formatInteger(1266))).toBe("1 266");
    expect(plain(formatInteger(12463067))).toBe("12 463 067");
  });

  it("writes shares as percentages with a decimal comma", () => {
    expect(plain(formatPercent(0.124))).toBe("12,4 %");
  });

  it("writes euros after the amount", () => {
    expect(plain(formatEuro(1080000))).toBe("1 080 000 €");
  });

  it("shows cents whenever the amount has cents, and never rounds them to the euro", () => {
    expect(plain(formatEuro(50500.5))).toBe("50 500,50 €");
    expect(plain(formatEuro(0.1 + 0.2))).toBe("0,30 €");
    expect(plain(formatEuro(0.1))).toBe("0,10 €");
    expect(plain(formatEuro(-1234.5))).toBe("-1 234,50 €");
    expect(plain(formatEuro(1080000.001))).toBe("1 080 000 €"); // below the cent: whole euros
  });

  it("rounds an estimate to the euro only when asked (formatEuroRounded), never a data amount", () => {
    expect(plain(formatEuroRounded(4409.64))).toBe("4 410 €");
    expect(plain(formatEuro(4409.64))).toBe("4 409,64 €");
    expect(formatEuroRounded(Infinity)).toBe(MISSING);
  });

  it("never writes an infinite amount", () => {
    expect(formatEuro(Infinity)).toBe(MISSING);
    expect(formatEuro(-Infinity)).toBe(MISSING);
  });

  it("writes decimals with a comma", () => {
    expect(formatDecimal(19959.94, 1).replace(/\u202f/g, " ")).toBe("19 959,9");
  });

  it("never turns a missing value into a zero", () => {
    expect(formatInteger(null)).toBe(MISSING);
    expect(formatPercent(undefined)).toBe(MISSING);
    expect(formatEuro(Number.NaN)).toBe(MISSING);
  });

  it("uses the French singular for 0 and 1", () => {
    expect(plural(1, "commune")).toBe("1 commune");
    expect(plural(0, "commune")).toBe("0 commune");
    expect(plain(plural(1266, "commune"))).toBe("1 266 communes");
  });
});

describe("map classes", () => {
  it("puts values in threshold classes, and missing values in none", () => {
    const c = thresholdClasses([100, 1000]);
    expect([50, 100, 999, 1000, 5000].map(c.classOf)).toEqual([0, 1, 1, 2, 2]);
    expect(c.classOf(null)).toBeNull();
    expect(c.labels.map(plain)).toEqual(["moins de 100", "100 à 1 000", "1 000 et plus"]);
  });

  it("makes quantile classes of equal counts, ignoring missing values", () => {
    const c = quantileClasses([1, 2, 3, 4, null, 5, 6, 7, 8], 4);
    expect(c.breaks).toEqual([2.75, 4.5, 6.25]);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(c.classOf)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });
});
