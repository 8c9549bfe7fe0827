// The Node file-system IO handler: a model directory holds model.json and its weight shards. Saving writes
// everything into a temporary sibling directory first and then renames it into place, so a crash or an error
// never leaves a half-written model behind, and an existing model directory is replaced as a whole.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { artifactsFromModelJSON, artifactsToFiles, getModelArtifactsInfo } from '../artifacts.js';
import type { IOHandler, ModelArtifacts, SaveResult } from '../artifacts.js';
import { parseModelJSON } from '../model-json.js';
import { DEFAULT_SHARD_BYTES } from '../weights.js';

/** Options of `fileSystem`. */
export interface FileSystemOptions {
  /** Maximum size of one weight shard file in bytes (default 4 MiB, as the TensorFlow.js converter). */
  shardBytes?: number;
}

const MODEL_JSON = 'model.json';
// Files a saved model directory may hold (tensorgrad, the converter, and tfjs-node's 'weights.bin').
const MODEL_FILE = /^(model\.json|group\d+-shard\d+of\d+\.bin|(model\.)?weights\.bin)$/;

/** The file path of a 'file://' URL or plain path (TensorFlow.js style: 'file://./dir' is relative). */
function toPath(urlOrPath: string): string {
  const p = urlOrPath.startsWith('file://') ? urlOrPath.slice('file://'.length) : urlOrPath;
  if (p.length === 0) throw new Error(`fileSystem: empty path in '${urlOrPath}'`);
  return p;
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** Writes and flushes a file, so the rename that publishes it never exposes unwritten data. */
async function writeDurably(path: string, data: string | Uint8Array): Promise<void> {
  const fh = await open(path, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Flushes a directory entry list; not supported on every platform, where it is skipped. */
async function syncDir(path: string): Promise<void> {
  let fh;
  try {
    fh = await open(path, 'r');
    await fh.sync();
  } catch {
    // Windows cannot open directories; the renames are still ordered.
  } finally {
    await fh?.close();
  }
}

/** Files of an existing directory that do not belong to a saved model (so replacing it would lose them). */
async function foreignFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir);
  let listed = new Set<string>();
  try {
    const json = parseModelJSON(await readFile(join(dir, MODEL_JSON), 'utf8'), join(dir, MODEL_JSON));
    listed = new Set(json.weightsManifest.flatMap((g) => g.paths.map((p) => relative('.', p))));
  } catch {
    // An unreadable model.json lists nothing; the name patterns still apply.
  }
  return entries.filter((e) => !MODEL_FILE.test(e) && !listed.has(e));
}

async function saveToDirectory(target: string, artifacts: ModelArtifacts, shardBytes: number): Promise<void> {
  const { modelJSON, shards } = artifactsToFiles(artifacts, shardBytes);
  const parent = dirname(target), name = basename(target);
  if (await exists(target)) {
    if (!(await isDirectory(target))) throw new Error(`save: ${target} exists and is not a directory; a model is saved as a directory`);
    const foreign = await foreignFiles(target);
    if (foreign.length > 0) {
      throw new Error(`save: refusing to replace ${target}: it holds files that are not part of a saved model (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', ...' : ''}); save to a new or empty directory`);
    }
  }
  await mkdir(parent, { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmp = join(parent, `.${name}.tmp-${tag}`);
  await mkdir(tmp);
  try {
    for (const s of shards) await writeDurably(join(tmp, s.path), new Uint8Array(s.data));
    await writeDurably(join(tmp, MODEL_JSON), JSON.stringify(modelJSON));
    await syncDir(tmp);
    if (await exists(target)) {
      // Directories cannot be swapped in one rename: move the old one aside, move the new one in, then delete.
      const old = join(parent, `.${name}.old-${tag}`);
      await rename(target, old);
      try {
        await rename(tmp, target);
      } catch (e) {
        await rename(old, target).catch(() => undefined);
        throw e;
      }
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(tmp, target);
    }
    await syncDir(parent);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    throw e;
  }
}

async function loadFromPath(path: string): Promise<ModelArtifacts> {
  const jsonPath = (await isDirectory(path)) ? join(path, MODEL_JSON) : path;
  let text: string;
  try {
    text = await readFile(jsonPath, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new Error(`loadLayersModel: cannot read ${jsonPath}${code === 'ENOENT' ? ': no such file' : `: ${(e as Error).message}`}`, { cause: e });
  }
  const json = parseModelJSON(text, jsonPath);
  const dir = dirname(jsonPath);
  const readShards = (paths: string[]): Promise<ArrayBuffer[]> => Promise.all(paths.map(async (p) => {
    const full = resolve(dir, p);
    const rel = relative(dir, full);
    if (isAbsolute(p) || rel.startsWith('..')) throw new Error(`${jsonPath}: weight path '${p}' points outside the model directory`);
    try {
      const buf = await readFile(full);
      return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
    } catch (e) {
      const code = (e as { code?: string }).code;
      throw new Error(`${full}: cannot read the weight shard listed in ${jsonPath}${code === 'ENOENT' ? ': no such file' : `: ${(e as Error).message}`}`, { cause: e });
    }
  }));
  return artifactsFromModelJSON(json, readShards, jsonPath);
}

/**
 * A handler for a model directory: saving writes model.json and group1-shard1ofN.bin files atomically (a
 * temporary sibling directory renamed into place); loading reads 'dir/model.json', or 'dir' itself.
 * @example await saveModel(model, fileSystem('./my-model')); const m = await loadLayersModel(fileSystem('./my-model/model.json'))
 */
export function fileSystem(urlOrPath: string, options: FileSystemOptions = {}): IOHandler {
  if (typeof urlOrPath !== 'string') throw new Error(`fileSystem: expected a path or file:// URL, received ${String(urlOrPath)}`);
  const path = toPath(urlOrPath);
  const shardBytes = options.shardBytes ?? DEFAULT_SHARD_BYTES;
  return {
    async save(artifacts: ModelArtifacts): Promise<SaveResult> {
      const target = resolve(basename(path) === MODEL_JSON ? dirname(path) : path);
      await saveToDirectory(target, artifacts, shardBytes);
      return { modelArtifactsInfo: getModelArtifactsInfo(artifacts) };
    },
    async load(): Promise<ModelArtifacts> {
      return loadFromPath(path);
    },
  };
}

/**
 * Routes 'file://' URLs and plain paths (strings without a URL scheme) to `fileSystem`.
 * @example registerSaveRouter(fileRouter)
 */
export function fileRouter(url: string): IOHandler | null {
  if (url.startsWith('file://')) return fileSystem(url);
  // 'C:\\models' is a Windows path, not a URL with scheme 'c'.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return null;
  return fileSystem(url);
}
