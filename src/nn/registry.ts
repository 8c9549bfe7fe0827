// The serialization registry: class name -> class, per kind of object (layers, initializers, regularizers).
// Every built-in class registers itself where it is defined; user classes register with `registerLayer` or
// `serialization.registerClass`, exactly as in TensorFlow.js, so models using them can be rebuilt from JSON.
import { ArgumentError, describe } from '../core/errors.js';
import type { ConfigDict, SerializedObject } from './serialization.js';

/** The kinds of serializable objects, each with its own name space. */
export type RegistryKind = 'layer' | 'initializer' | 'regularizer';

/** A class that can be registered: constructible from its config, optionally with a static `fromConfig`. */
export interface SerializableClass<T = unknown> {
  new (config: never): T;
  /** The registered name (defaults to the JavaScript class name). */
  readonly className?: string;
  /** Inherited from the base class (Layer, Initializer, Regularizer): which registry the class belongs to. */
  readonly registryKind?: RegistryKind;
  /** Builds an instance from a config, as TensorFlow.js's `static fromConfig(cls, config)`. */
  fromConfig?(cls: SerializableClass<T>, config: ConfigDict): T;
}

const registries: Record<RegistryKind, Map<string, SerializableClass>> = {
  layer: new Map(), initializer: new Map(), regularizer: new Map(),
};

/**
 * The name a class is registered and serialized under: its own static `className`, else its JavaScript name
 * (a subclass that does not declare `className` is not mistaken for its parent).
 * @example classNameOf(Dense) // 'Dense'
 */
export function classNameOf(cls: object): string {
  const own = Object.prototype.hasOwnProperty.call(cls, 'className') ? (cls as { className?: unknown }).className : undefined;
  if (typeof own === 'string' && own.length > 0) return own;
  return (cls as { name: string }).name;
}

/**
 * Registers a class under its class name (or `name`) in the registry of `kind` (default: the kind its base class
 * declares). Re-registering a name replaces the previous class.
 * @example registerClass(MyLayer) // then modelFromConfig can rebuild models that use MyLayer
 */
export function registerClass<T>(cls: SerializableClass<T>, kind?: RegistryKind, name?: string): SerializableClass<T> {
  if (typeof cls !== 'function') throw new ArgumentError('registerClass', `expected a class, received ${describe(cls)}`);
  const k = kind ?? cls.registryKind;
  if (k === undefined || !(k in registries)) {
    throw new ArgumentError('registerClass',
      `${classNameOf(cls)} must extend Layer, Initializer or Regularizer (or pass a kind), received ${describe(k)}`);
  }
  registries[k].set(name ?? classNameOf(cls), cls as SerializableClass);
  return cls;
}

/**
 * Registers a custom layer class so models using it can be saved and loaded.
 * @example class Scale extends Layer { static className = 'Scale'; ... }; registerLayer(Scale)
 */
export function registerLayer<T>(cls: SerializableClass<T>): SerializableClass<T> {
  return registerClass(cls, 'layer');
}

/**
 * The class registered under `className` in `kind`'s registry, if any.
 * @example lookupClass('layer', 'Dense') === Dense
 */
export function lookupClass(kind: RegistryKind, className: string): SerializableClass | undefined {
  return registries[kind].get(className);
}

/**
 * Every name registered for `kind`, sorted.
 * @example registeredNames('regularizer') // ['L1', 'L1L2', 'L2']
 */
export function registeredNames(kind: RegistryKind): string[] {
  return [...registries[kind].keys()].sort();
}

let scopedCustomObjects: Record<string, SerializableClass> = {};

/**
 * Runs `fn` with extra classes visible to every `deserialize` inside it (nested layers of a model included).
 * @example withCustomObjects({MyLayer}, () => modelFromConfig(json))
 */
export function withCustomObjects<T>(customObjects: Record<string, SerializableClass>, fn: () => T): T {
  const prev = scopedCustomObjects;
  scopedCustomObjects = { ...prev, ...customObjects };
  try {
    return fn();
  } finally {
    scopedCustomObjects = prev;
  }
}

/**
 * Instantiates `{className, config}` from the registry of `kind` (custom classes passed in `customObjects` win).
 * @example deserialize('layer', {className: 'Dense', config: {units: 3}})
 */
export function deserialize<T>(kind: RegistryKind, obj: SerializedObject,
  customObjects: Record<string, SerializableClass> = {}): T {
  const cls = customObjects[obj.className] ?? scopedCustomObjects[obj.className] ?? registries[kind].get(obj.className);
  if (!cls) {
    throw new ArgumentError(`deserialize ${kind}`,
      `unknown ${kind} class '${obj.className}'; register custom classes with ${kind === 'layer' ? 'registerLayer' : 'serialization.registerClass'}. Known: ${registeredNames(kind).join(', ')}`);
  }
  // Sequential configs may be a bare list of layers (older Keras).
  const config = Array.isArray(obj.config) ? obj.config as unknown as ConfigDict : { ...(obj.config ?? {}) };
  return (typeof cls.fromConfig === 'function' ? cls.fromConfig(cls, config) : new cls(config as never)) as T;
}

/**
 * TensorFlow.js-compatible serialization helpers: `serialization.registerClass(MyLayer)`.
 * @example serialization.registerClass(MyLayer)
 */
export const serialization = Object.freeze({ registerClass, lookupClass, registeredNames });
