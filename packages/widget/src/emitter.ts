/** The `.on(event, fn)` side of the widget, typed by an event map; `on` returns the function that unsubscribes. */
export function createEmitter<Events extends object>() {
  const listeners = new Map<keyof Events, Set<(detail: never) => void>>();
  // The widget's own listeners (it forwards events to the DOM), told apart from the page's.
  const own = new WeakSet<object>();
  return {
    on<K extends keyof Events>(event: K, fn: (detail: Events[K]) => void, widgetOwn = false): () => void {
      if (widgetOwn) own.add(fn);
      listeners.set(event, (listeners.get(event) ?? new Set()).add(fn));
      return () => listeners.get(event)?.delete(fn);
    },
    /** Whether the page (not the widget itself) listens to `event`. */
    pageListens: (event: keyof Events) => [...(listeners.get(event) ?? [])].some((fn) => !own.has(fn)),
    /** Events without a detail (open, close) take no second argument. */
    emit<K extends keyof Events>(event: K, ...detail: Events[K] extends undefined ? [] : [Events[K]]) {
      for (const fn of listeners.get(event) ?? []) {
        try {
          (fn as (d: unknown) => void)(detail[0]);
        } catch (err) {
          // A host page's listener that throws must not break the widget.
          console.warn(err);
        }
      }
    },
  };
}
