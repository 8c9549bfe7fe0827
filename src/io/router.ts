// URL strings -> IO handlers. The browser-safe core knows http(s) URLs; the Node entry registers the file
// system router (file:// URLs and plain paths), so `model.save('file://dir')` works there without the core
// importing Node modules.
import type { IOHandler } from './artifacts.js';
import { http } from './http.js';

/** Returns a handler for `url`, or null when the URL is not its kind. */
export type IORouter = (url: string) => IOHandler | null;

const saveRouters: IORouter[] = [];
const loadRouters: IORouter[] = [];

/**
 * Adds a router consulted when a model is saved to a URL string (routers registered later are tried first).
 * @example registerSaveRouter((url) => url.startsWith('mem://') ? myHandler(url) : null)
 */
export function registerSaveRouter(router: IORouter): void {
  if (!saveRouters.includes(router)) saveRouters.unshift(router);
}

/**
 * Adds a router consulted when a model is loaded from a URL string (routers registered later are tried first).
 * @example registerLoadRouter((url) => url.startsWith('mem://') ? myHandler(url) : null)
 */
export function registerLoadRouter(router: IORouter): void {
  if (!loadRouters.includes(router)) loadRouters.unshift(router);
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** In a page served over http(s), a URL without a scheme is relative to the page, as fetch resolves it. */
function pageIsHTTP(): boolean {
  const href = (globalThis as { location?: { href?: unknown } }).location?.href;
  return typeof href === 'string' && /^https?:/i.test(href);
}

const httpRouter: IORouter = (url) => (/^https?:\/\//i.test(url) || (!SCHEME.test(url) && pageIsHTTP()) ? http(url) : null);
registerSaveRouter(httpRouter);
registerLoadRouter(httpRouter);

function route(routers: readonly IORouter[], url: string, fn: string, verb: string): IOHandler {
  for (const r of routers) {
    const h = r(url);
    if (h) return h;
  }
  const hint = /^file:\/\//i.test(url) || !SCHEME.test(url)
    ? ' (file paths need the Node entry: import from \'tensorgrad/node\')' : '';
  throw new Error(`${fn}: no IO handler can ${verb} '${url}'${hint}; pass an IOHandler or an http(s):// URL`);
}

/**
 * The handler that saves to `url` (an http(s) URL; file paths when the Node entry is loaded).
 * @example const handler = getSaveHandler('https://example.com/upload')
 */
export function getSaveHandler(url: string, fn = 'save'): IOHandler {
  return route(saveRouters, url, fn, 'save to');
}

/**
 * The handler that loads from `url` (an http(s) URL of model.json; file paths when the Node entry is loaded).
 * @example const handler = getLoadHandler('https://example.com/model.json')
 */
export function getLoadHandler(url: string, fn = 'loadLayersModel'): IOHandler {
  return route(loadRouters, url, fn, 'load from');
}
