/**
 * One JSON line per event that matters to an operator. Fields are ids, codes
 * and timings; never audio, transcripts or secrets.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;
export type Logger = (event: string, fields?: LogFields) => void;

export const jsonLineLogger =
  (write: (line: string) => void): Logger =>
  (event, fields = {}) =>
    write(JSON.stringify({ time: new Date().toISOString(), event, ...fields }));

export const silentLogger: Logger = () => {};
