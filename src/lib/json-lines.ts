// Where each element of a top-level JSON array starts, as 1-based line numbers, so that a problem
// in a JSON record can be reported as file and line like a CSV line. JSON.parse keeps no position;
// this scanner only tracks strings, nesting and newlines (no dependency needed for that), and
// JSON.parse remains the parser: the scanner never decides what a value is.

/** Lines on which the elements of the array under top-level `key` start (empty if no such array). */
export function arrayElementLines(text: string, key: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let stringStart = 0;
  let lastKey: string | null = null; // the last string read at depth 1 (a key, when a ':' follows)
  let arrayDepth = -1; // depth of the wanted array once entered
  let expectValue = false; // inside the wanted array, the next non-blank character starts an element
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character (never a newline in valid JSON)
      else if (c === 34) {
        inString = false;
        if (depth === 1) lastKey = text.slice(stringStart, i);
      }
      continue;
    }
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (expectValue && depth === arrayDepth && c !== 93) {
      lines.push(line);
      expectValue = false;
    }
    if (c === 34) {
      inString = true;
      stringStart = i + 1;
    } else if (c === 123 || c === 91) {
      depth++;
      if (c === 91 && depth === 2 && arrayDepth < 0 && lastKey === key) {
        arrayDepth = 2;
        expectValue = true;
      }
    } else if (c === 125 || c === 93) {
      if (depth === arrayDepth && c === 93) return lines;
      depth--;
    } else if (c === 44 && depth === arrayDepth) {
      expectValue = true;
    } else if (c !== 58 && depth === 1) {
      lastKey = null; // a number, true, false or null at the top level is not a key
    }
  }
  return lines;
}
