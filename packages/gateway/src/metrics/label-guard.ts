/**
 * Keeps label sets bounded whatever the log lines say: a site not in config,
 * a code that is not a plain identifier, or one value too many for its
 * label collapses into "other", so a misbehaving client or service cannot
 * grow the series without end.
 */
const IDENTIFIER = /^[A-Za-z0-9_.:-]{1,64}$/;

export const OTHER = 'other';

export interface LabelGuard {
  site(value: unknown): string;
  /** A code, tool or model name: at most `perLabel` distinct values for each kind, then "other". */
  value(kind: string, value: unknown): string;
}

export function labelGuard(sites: readonly string[], perLabel = 64): LabelGuard {
  const known = new Set(sites);
  const seen = new Map<string, Set<string>>();
  return {
    site: (value) => (typeof value === 'string' && known.has(value) ? value : OTHER),
    value(kind, value) {
      const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
      if (typeof text !== 'string' || !IDENTIFIER.test(text)) return OTHER;
      let values = seen.get(kind);
      if (!values) seen.set(kind, (values = new Set()));
      if (values.has(text)) return text;
      if (values.size >= perLabel) return OTHER;
      values.add(text);
      return text;
    },
  };
}
