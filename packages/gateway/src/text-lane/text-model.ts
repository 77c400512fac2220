/**
 * What the text lane needs of a text model, whoever serves it: one streamed
 * answer for the conversation so far, as text deltas and whole tool calls,
 * then the service's usage block as it sent it (the meter prices it).
 */

/** One item of the conversation, as the text lane keeps it. */
export type TextItem =
  | { type: 'message'; role: 'user' | 'assistant' | 'system'; text: string }
  | { type: 'function_call'; call_id: string; name: string; arguments: string }
  | { type: 'function_call_output'; call_id: string; output: string };

export interface TextTool {
  type: 'function';
  name: string;
  description?: string;
  parameters?: unknown;
}

export interface TextTurnRequest {
  /** The model to use for this turn: the site's, or its cheaper one when the budget is near its cap. */
  model: string;
  instructions: string;
  tools: TextTool[];
  input: TextItem[];
  maxOutputTokens?: number;
  /** "none" when the gateway wants an answer without more tools. */
  toolChoice: 'auto' | 'none';
}

export type TextModelEvent =
  | { type: 'text'; delta: string }
  | { type: 'call'; call_id: string; name: string; arguments: string }
  /** The service's own usage block, unchanged. */
  | { type: 'usage'; usage: unknown };

export interface TextModel {
  provider: 'openai' | 'azure' | 'local';
  /** The model the site named; a turn may ask for another (TextTurnRequest.model). */
  model: string;
  /** Throws (or the iterator throws) when the service cannot answer; the lane then falls back or says so. */
  stream(request: TextTurnRequest, signal: AbortSignal): AsyncIterable<TextModelEvent>;
}
