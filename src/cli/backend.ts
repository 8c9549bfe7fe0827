// Selects the compute backend at CLI start (the native addon when it is built) and describes it in one line.
import { getBackend, listBackends, setBackend } from '../core/backend.js';
import { loadAddon } from '../backends/native/addon.js';
import { loadNativeBackend, nativeInfo } from '../backends/native/index.js';
import { CliError } from './errors.js';

/**
 * Loads the native backend unless TENSORGRAD_BACKEND names another one, and returns a line saying which backend
 * runs, e.g. "backend: native (avx2 kernels, 2 threads)". The native loader's own notice is replaced by this line.
 * @example process.stdout.write(`${initBackend()}\n`)
 */
export function initBackend(): string {
  const wanted = process.env.TENSORGRAD_BACKEND || undefined;
  const quiet = process.env.TENSORGRAD_QUIET;
  process.env.TENSORGRAD_QUIET = '1';
  let native: boolean;
  try {
    native = loadNativeBackend();
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message.replace(/^tensorgrad: /, '') : String(e), { cause: e });
  } finally {
    if (quiet === undefined) delete process.env.TENSORGRAD_QUIET;
    else process.env.TENSORGRAD_QUIET = quiet;
  }
  if (wanted !== undefined && getBackend().name !== wanted) {
    if (!listBackends().includes(wanted)) {
      throw new CliError(`TENSORGRAD_BACKEND=${wanted} is not a backend; expected one of ${listBackends().join(', ')}`);
    }
    setBackend(wanted);
  }
  const name = getBackend().name;
  if (name === 'native') {
    const info = nativeInfo();
    return `backend: native${info ? ` (${info.kernel} kernels, ${info.threads} thread${info.threads === 1 ? '' : 's'})` : ''}`;
  }
  if (name === 'cpu') {
    if (native) return 'backend: cpu (reference kernels, selected by TENSORGRAD_BACKEND)';
    const r = loadAddon();
    return `backend: cpu (reference kernels; native addon unavailable${'error' in r ? `: ${r.error}` : ''})`;
  }
  return `backend: ${name}`;
}
