type Listener = (detail: any) => void;

/** The `.on(event, fn)` side of the widget; returns the function that unsubscribes. */
export function createEmitter() {
  const listeners = new Map<string, Set<Listener>>();
  return {
    on(event: string, fn: Listener): () => void {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(fn);
      return () => listeners.get(event)?.delete(fn);
    },
    emit(event: string, detail?: unknown) {
      for (const fn of listeners.get(event) ?? []) {
        try {
          fn(detail);
        } catch (err) {
          // A host page's listener that throws must not break the widget.
          console.warn(err);
        }
      }
    },
  };
}
