import { atom, type WritableAtom } from 'nanostores';

/** An atom kept in sessionStorage, so it survives navigation between pages of the same shop. */
export function persistedAtom<T>(key: string, initial: T): WritableAtom<T> {
  const storage = typeof sessionStorage === 'undefined' ? null : sessionStorage;
  let start = initial;
  try {
    const saved = storage?.getItem(key);
    if (saved) start = JSON.parse(saved) as T;
  } catch {
    // A corrupt or inaccessible entry is not worth losing the widget over.
  }
  const store = atom<T>(start);
  store.listen((value) => {
    try {
      storage?.setItem(key, JSON.stringify(value));
    } catch {
      // Storage full or blocked (private mode): the transcript stays in memory only.
    }
  });
  return store;
}
