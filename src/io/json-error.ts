// Locates the first syntax error of a JSON text. JSON.parse messages carry a position only for some errors and
// only on some engines, and users editing model.json by hand need the line and column.

/** Where a JSON text stops being valid: 0-based character position and 1-based line and column. */
export interface JSONErrorLocation {
  position: number;
  line: number;
  column: number;
}

class Stop {
  constructor(readonly position: number) {}
}

/**
 * The location of the first syntax error of `text` (the end of the text when it is merely truncated).
 * @example jsonErrorLocation('{"a": }') // {position: 6, line: 1, column: 7}
 */
export function jsonErrorLocation(text: string): JSONErrorLocation {
  let i = 0;
  const ws = (): void => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  const expect = (c: string): void => { if (text[i] !== c) throw new Stop(i); i++; };
  const str = (): void => {
    expect('"');
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) throw new Stop(i);
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) throw new Stop(i);
          i += 5;
        } else if (i < text.length && '"\\/bfnrt'.includes(text[i])) i++;
        else throw new Stop(i);
      } else i++;
    }
    expect('"');
  };
  const num = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') throw new Stop(i);
    i += m[0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws(); str(); ws(); expect(':'); value(); ws();
        if (text[i] === ',') { i++; continue; }
        expect('}'); return;
      }
    }
    if (c === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value(); ws();
        if (text[i] === ',') { i++; continue; }
        expect(']'); return;
      }
    }
    if (c === '"') { str(); return; }
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i)) { i += lit.length; return; }
    }
    num();
  };
  let position = text.length;
  try {
    value(); ws();
    if (i < text.length) position = i;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    position = Math.min(e.position, text.length);
  }
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - (before.lastIndexOf('\n') + 1) + 1;
  return { position, line, column };
}
