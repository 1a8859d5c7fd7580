import type { ConfigModel } from './buildConfigModel';

/**
 * `work` done once per key object and remembered as long as the key lives:
 * a model asked the same whole-tree question by each file's analysis, a
 * certificate file's contents shared by many hosts.
 */
export function oncePer<K extends object, T>(work: (key: K) => T): (key: K) => T {
  const done = new WeakMap<K, { value: T }>();
  return (key) => {
    let known = done.get(key);
    if (!known) done.set(key, (known = { value: work(key) }));
    return known.value;
  };
}

/** Once per model: a rebuilt model (after any edit) asks afresh. */
export function perModel<T>(work: (model: ConfigModel) => T): (model: ConfigModel) => T {
  return oncePer(work);
}
