/**
 * A text service's usage block (Responses or Chat Completions) in the shape
 * a Realtime client reads from response.done, so clients need not know
 * which lane answered. The gateway's meter gets the original block.
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0);

export function realtimeUsage(block: unknown) {
  if (!isObj(block)) return null;
  // Responses says input_tokens, Chat says prompt_tokens.
  const input = count(block.input_tokens ?? block.prompt_tokens);
  const output = count(block.output_tokens ?? block.completion_tokens);
  const inDetails = isObj(block.input_tokens_details) ? block.input_tokens_details : isObj(block.prompt_tokens_details) ? block.prompt_tokens_details : {};
  const cached = Math.min(input, count(inDetails.cached_tokens));
  return {
    total_tokens: input + output,
    input_tokens: input,
    output_tokens: output,
    input_token_details: { text_tokens: input, audio_tokens: 0, image_tokens: 0, cached_tokens: cached, cached_tokens_details: { text_tokens: cached, audio_tokens: 0, image_tokens: 0 } },
    output_token_details: { text_tokens: output, audio_tokens: 0 },
  };
}
