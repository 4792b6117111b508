// A filter bar's inputs: what is typed stays on the screen until 絞り込む writes it to the URL
// (trimmed; blank means no filter), and クリア empties both.
import { useState } from 'react';

export type FilterInputs<K extends string> = {
  /** value/onChange for the input of one filter. */
  field: (key: K) => { value: string; onChange: (value: string) => void };
  apply: () => void;
  /** Empties the inputs and their filters, and the given other filters (e.g. a status select). */
  clear: () => void;
};

export function useFilterInputs<K extends string, S extends Partial<Record<K, string>>>(
  keys: readonly K[],
  search: S,
  setSearch: (patch: Partial<S>) => void,
  alsoClear: readonly Exclude<keyof S, K>[] = [],
): FilterInputs<K> {
  const from = (read: (key: K) => string) =>
    Object.fromEntries(keys.map((key) => [key, read(key)])) as Record<K, string>;
  const [values, setValues] = useState(() => from((key) => search[key] ?? ''));
  return {
    field: (key) => ({
      value: values[key],
      onChange: (value) => setValues((current) => ({ ...current, [key]: value })),
    }),
    apply: () =>
      setSearch(
        Object.fromEntries(keys.map((key) => [key, values[key].trim() || undefined])) as Partial<S>,
      ),
    clear: () => {
      setValues(from(() => ''));
      setSearch(
        Object.fromEntries([...keys, ...alsoClear].map((key) => [key, undefined])) as Partial<S>,
      );
    },
  };
}
