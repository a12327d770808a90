// The normalisation rules (src/model/scdl-normalise.ts), one by one, on values written by hand:
// what each rewrites, what it leaves alone because the reading would not be certain.
import {describe, expect, it} from "vitest";
import {changeWarnings, normaliseRecord, siretFromNumber, type Change, type NormaliseContext} from "../src/model/scdl-normalise.js";
import {isValidSiret} from "../src/model/scdl-siret.js";

const FIELDS = ["nomAttribuant", "idAttribuant", "dateConvention", "montant", "nature", "datesPeriodeVersement", "notificationUE", "pourcentageSubvention", "idBeneficiaire"];
const NATURES = ["aide en numéraire", "aide en nature", "aide en numéraire;aide en nature", "aide en nature;aide en numéraire"];
const context = (over: Partial<NormaliseContext> = {}): NormaliseContext => ({file: "f.csv", fields: FIELDS, natures: NATURES, layout1x: false, ...over});

/** Normalises one value of `field`: the text checked next, the rules applied, or the problem found. */
function one(field: string, text: string, over: Partial<NormaliseContext> = {}) {
  const cells = FIELDS.map((f) => (f === field ? text : ""));
  const changes: Change[] = [];
  const out = normaliseRecord({line: 7, cells}, {line: 7, values: cells}, context(over), changes);
  const i = FIELDS.indexOf(field);
  const problem = out.problems?.find((p) => p.field === i)?.problem;
  return problem ? {problem: problem.expected} : {text: out.cells[i], rules: changes.map((c) => c.rule), original: out.originals?.[i]};
}

describe("dates and periods", () => {
  it("rewrites AAAA/MM/JJ and JJ/MM/AAAA (French order) as AAAA-MM-JJ, and nothing else", () => {
    expect(one("dateConvention", "2017/09/08")).toEqual({text: "2017-09-08", rules: ["date-aaaa/mm/jj"], original: "2017/09/08"});
    expect(one("dateConvention", "30/01/2019")).toEqual({text: "2019-01-30", rules: ["date-jj/mm/aaaa"], original: "30/01/2019"});
    expect(one("dateConvention", "2019-01-30")).toMatchObject({text: "2019-01-30", rules: []});
    for (const untouched of ["2019-1-5", "1/5/2019", "30-01-2019", "2019.01.30", "30/01/19"]) expect(one("dateConvention", untouched), untouched).toMatchObject({text: untouched, rules: []});
  });

  it("rewrites a period written with « _ », its dates too, and leaves a standard period alone", () => {
    expect(one("datesPeriodeVersement", "2017-11-07_2019-01-21")).toMatchObject({text: "2017-11-07/2019-01-21", rules: ["periode-souligne"]});
    expect(one("datesPeriodeVersement", "2017/09/08_2021/09/07")).toMatchObject({text: "2017-09-08/2021-09-07", rules: ["date-aaaa/mm/jj", "periode-souligne"]});
    expect(one("datesPeriodeVersement", "01/04/2019")).toMatchObject({text: "2019-04-01", rules: ["date-jj/mm/aaaa"]});
    expect(one("datesPeriodeVersement", "2017-01-01/2017-12-31")).toMatchObject({text: "2017-01-01/2017-12-31", rules: []});
    expect(one("datesPeriodeVersement", "du 2017-01-01_au 2017-12-31")).toMatchObject({rules: []});
  });

  it("joins a period given in two columns, a single date when both ends are equal, and asks for the missing end", () => {
    const period = {start: 0, end: 1, startColumn: "SUB_DATE_DEBUT", endColumn: "SUB_DATE_FIN"};
    const run = (start: string, end: string) => {
      const changes: Change[] = [];
      const cells = FIELDS.map(() => "");
      const out = normaliseRecord({line: 3, cells}, {line: 3, values: [start, end]}, context({period}), changes);
      const i = FIELDS.indexOf("datesPeriodeVersement");
      return {text: out.cells[i], original: out.originals?.[i], problem: out.problems?.[0]?.problem.expected, rules: changes.map((c) => c.rule)};
    };
    expect(run("01/01/2016", "31/12/2016")).toEqual({text: "2016-01-01/2016-12-31", original: "SUB_DATE_DEBUT = 01/01/2016 ; SUB_DATE_FIN = 31/12/2016", problem: undefined, rules: ["date-jj/mm/aaaa", "periode-deux-colonnes"]});
    expect(run("2016-05-02", "2016-05-02")).toMatchObject({text: "2016-05-02", rules: ["periode-deux-colonnes"]});
    expect(run("", "")).toMatchObject({text: "", rules: [], problem: undefined});
    expect(run("2016-01-01", "").problem).toBe("une période complète : SUB_DATE_FIN est vide, SUB_DATE_DEBUT seule ne dit pas la période de versement");
  });
});

describe("numbers", () => {
  it("removes spaces between thousands (ordinary, no-break, narrow no-break) and reads a decimal comma", () => {
    expect(one("montant", "17\u00a0833")).toMatchObject({text: "17833", rules: ["nombre-espaces"]});
    expect(one("montant", "137 825,00")).toMatchObject({text: "137825.00", rules: ["nombre-espaces", "nombre-virgule-decimale"]});
    expect(one("montant", "1\u202f000,50")).toMatchObject({text: "1000.50", rules: ["nombre-espaces", "nombre-virgule-decimale"]});
    expect(one("pourcentageSubvention", "0,5")).toMatchObject({text: "0.5", rules: ["nombre-virgule-decimale"]});
    expect(one("montant", "0,500")).toMatchObject({text: "0.500", rules: ["nombre-virgule-decimale"]});
  });

  it("removes thousands commas only when a decimal point or several groups make it certain", () => {
    expect(one("montant", "164,000.00")).toMatchObject({text: "164000.00", rules: ["nombre-virgule-milliers"]});
    expect(one("montant", "1,000,000")).toMatchObject({text: "1000000", rules: ["nombre-virgule-milliers"]});
    expect(one("montant", "1,000")).toEqual({problem: "un nombre sans ambiguïté : « 1,000 » peut se lire avec une virgule des milliers (1 000) ou une virgule décimale ; écrire 1000 ou 1.000"});
    expect(one("montant", "12,500")).toHaveProperty("problem");
  });

  it("leaves every other writing to the validator's message", () => {
    for (const untouched of ["1500", "1500.50", "1.000,50", "1 500 €", "NC", "1e308", "12 34"]) expect(one("montant", untouched), untouched).toMatchObject({text: untouched, rules: []});
  });
});

describe("SIRETs written as numbers", () => {
  it("restores the 14 digits only when the text holds them all and the check digit confirms them", () => {
    expect(isValidSiret("23750007900312")).toBe(true);
    expect(siretFromNumber("23750007900312.0")).toBe("23750007900312");
    expect(siretFromNumber("2.3750007900312E13")).toBe("23750007900312");
    // A SIRET that starts with 0, stored as a number, loses it: 5520135000018 → 05520135000018, whose
    // Luhn sum is 8+2+0+0+0+0+5+6+1+0+2+1+5+0 = 30. 3750007900312 → 03750007900312 sums to 36: not restored.
    expect(siretFromNumber("5520135000018")).toBe("05520135000018");
    expect(siretFromNumber("3750007900312")).toBeUndefined();
    // Poitiers's 21860194600000.0: a SIREN followed by 00000, which fails the key: left as it is.
    expect(siretFromNumber("21860194600000.0")).toBeUndefined();
    // Digits lost by the exponent notation: not exact, not restored.
    expect(siretFromNumber("2.37500079E13")).toBeUndefined();
    expect(siretFromNumber("23750007900312")).toBeUndefined(); // already written as digits: nothing to do
    expect(one("idBeneficiaire", "23750007900312.0")).toMatchObject({text: "23750007900312", rules: ["siret-nombre"]});
  });
});

describe("booleans and nature", () => {
  it("writes oui and non in lower case, and leaves other answers to the validator", () => {
    expect(one("notificationUE", "Non")).toMatchObject({text: "non", rules: ["booleen-casse"]});
    expect(one("notificationUE", "NON")).toMatchObject({text: "non", rules: ["booleen-casse"]});
    expect(one("notificationUE", "Oui")).toMatchObject({text: "oui", rules: ["booleen-casse"]});
    expect(one("notificationUE", "oui")).toMatchObject({text: "oui", rules: []});
    expect(one("notificationUE", "peut-être")).toMatchObject({text: "peut-être", rules: []});
  });

  it("writes « Numéraire » as the standard's « aide en numéraire »; other casings only in the 1.x layout", () => {
    expect(one("nature", "Numéraire")).toMatchObject({text: "aide en numéraire", rules: ["nature-numeraire"]});
    expect(one("nature", "NUMERAIRE")).toMatchObject({text: "aide en numéraire", rules: ["nature-numeraire"]});
    expect(one("nature", "Aide en numéraire")).toMatchObject({text: "Aide en numéraire", rules: []});
    expect(one("nature", "Aide en numéraire", {layout1x: true})).toMatchObject({text: "aide en numéraire", rules: ["nature-casse"]});
    expect(one("nature", "Nature")).toMatchObject({text: "Nature", rules: []});
  });
});

describe("warnings", () => {
  it("one warning per rule and column, naming the rule, the count and the lines", () => {
    const changes: Change[] = [2, 3, 4, 9].map((line) => ({file: "f.csv", line, column: "SUB_MONTANT", field: "montant", before: "17 833", after: "17833", rule: "nombre-espaces"}));
    expect(changeWarnings(changes)).toEqual([
      {file: "f.csv", line: 2, column: "SUB_MONTANT", value: "17 833 → 17833", expected: "l'écriture du standard : règle « espaces (ordinaires, insécables ou fines) entre les milliers retirés » appliquée à 4 valeurs (lignes 2 à 4, 9)", code: "normalised", severity: "warning"}
    ]);
  });
});
