/**
 * Test helper: a strict-enough well-formedness check for the SVG and HTML this module emits (balanced tags,
 * quoted attributes, no stray '<' or '&'). Not part of the public API.
 */

const VOID_HTML = new Set(['meta', 'link', 'br', 'img', 'input', 'hr']);

/**
 * Returns null when `markup` is well formed, otherwise a description of the first problem.
 * @example checkWellFormed('<svg><g></g></svg>') // null
 */
export function checkWellFormed(markup: string, html = false): string | null {
  const body = markup.replace(/^<!doctype html>/i, '');
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+(?:=(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>|<|&(?![a-zA-Z]+;|#\d+;|#x[0-9a-fA-F]+;)/g;
  let inRaw: string | undefined;
  for (let m = token.exec(body); m; m = token.exec(body)) {
    const [all, close, name, , self] = m;
    if (inRaw) {
      if (close && name?.toLowerCase() === inRaw) { inRaw = undefined; stack.pop(); }
      continue;
    }
    if (all === '<') return `stray '<' at ${m.index}: ${body.slice(m.index, m.index + 40)}`;
    if (all === '&') return `unescaped '&' at ${m.index}: ${body.slice(m.index, m.index + 40)}`;
    if (self || (html && VOID_HTML.has(name.toLowerCase()))) continue;
    if (close) {
      const open = stack.pop();
      if (open !== name) return `</${name}> closes <${open ?? 'nothing'}> at ${m.index}`;
    } else {
      stack.push(name);
      if (html && (name === 'style' || name === 'script')) inRaw = name;
    }
  }
  return stack.length === 0 ? null : `unclosed <${stack.join('> <')}>`;
}
