/**
 * The local engine's answers, grounded in what the tools returned: it names
 * only products and policies that came back from the gateway.
 */

interface ModelProduct {
  id: string;
  name: string;
  price: number;
  currency: string;
  description: string;
}

const money = (p: { price: number; currency: string }) =>
  p.currency === 'USD' ? `$${p.price}` : `${p.price} ${p.currency}`;

const firstSentence = (text: string) => /^[^.!?]*[.!?]/.exec(text)?.[0] ?? text;

function parse(output: string): Record<string, unknown> {
  try {
    const v = JSON.parse(output);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** An answer from the outputs of the tool calls that the engine made for this turn. */
export function replyFromToolOutputs(outputs: string[]): string {
  const parts: string[] = [];
  for (const raw of outputs) {
    const out = parse(raw);
    if (typeof out.error === 'string') {
      parts.push("Sorry, I couldn't look that up just now. Could you try asking another way?");
    } else if (Array.isArray(out.results)) {
      const results = out.results as ModelProduct[];
      if (results.length === 0) {
        parts.push("I couldn't find anything in our catalog that matches. Could you tell me a bit more about what you need?");
        continue;
      }
      const [top, ...rest] = results;
      let text = `I'd suggest the ${top!.name} at ${money(top!)}. ${firstSentence(top!.description)}`;
      if (rest.length) {
        const others = rest.slice(0, 2).map((p) => `the ${p.name} (${money(p)})`);
        text += ` You might also like ${others.join(' or ')}.`;
      }
      parts.push(text);
    } else if (out.product && typeof out.product === 'object') {
      const p = out.product as ModelProduct;
      parts.push(`The ${p.name} costs ${money(p)}. ${p.description}`);
    } else if (typeof out.policy === 'string') {
      parts.push(out.policy);
    }
  }
  return parts.join(' ') || "I'm not sure I found what you need. Could you tell me more?";
}

export const GREETING_REPLY =
  "Hi! I'm the Contoso Outdoor assistant. Tell me what you're planning and I'll find the gear for it: tents, packs, sleeping bags, boots and more.";
export const THANKS_REPLY = "You're welcome! Let me know if there's anything else you need for your trip.";
export const NO_TOOLS_REPLY = "I can't search the catalog in this session, so I can't recommend a product right now.";

export function speechNotUnderstoodReply(speechMs: number): string {
  const seconds = (speechMs / 1000).toFixed(1);
  return (
    `I heard ${seconds} seconds of speech, but this demo is running without a model key, so I can't understand spoken words. ` +
    'Please type your question in the chat box and I will answer it.'
  );
}
