/**
 * What the engine does with a response.create: call a tool, or answer. It
 * reads only the conversation and the session, as a model does: a shop
 * action is planned round by round (shop-turn.ts); other questions get one
 * catalog or policy call and an answer from its output.
 */
import type { ConversationItem, createConversation } from './conversation.js';
import type { ResponseContent } from './response-stream.js';
import { planFor } from './intent.js';
import { shopView } from './shop-view.js';
import { greetingReply, NO_TOOLS_REPLY, THANKS_REPLY, replyFromToolOutputs, speechNotUnderstoodReply } from './reply.js';
import { planShopTurn } from './shop-turn.js';
import { knownNames, knownVariantLabels, nameByShape, toolUses } from './shop-memory.js';
import { cartReply } from './cart-replies.js';

export interface DecideInput {
  conversation: ReturnType<typeof createConversation>;
  instructions: string;
  tools: { name: string }[];
  /** The response's tool_choice: "none" when the gateway wants an answer without more tools. */
  toolChoice?: unknown;
}

const message = (text: string): ResponseContent => ({ kind: 'message', text });

type Call = Extract<ConversationItem, { type: 'function_call' }>;

/** The outputs of the calls of the last response in `after`, each with the call that asked for it. */
function lastRound(after: readonly ConversationItem[]): { call?: Call; output: string }[] {
  let batch = new Map<string, Call>();
  let previousWasCall = false;
  for (const item of after) {
    if (item.type === 'function_call') {
      if (!previousWasCall) batch = new Map();
      batch.set(item.call_id, item);
    }
    previousWasCall = item.type === 'function_call';
  }
  const outputs = after.filter((i): i is Extract<ConversationItem, { type: 'function_call_output' }> => i.type === 'function_call_output');
  // Outputs with no call in this conversation (a re-seeded session) are all answered.
  const mine = batch.size ? outputs.filter((o) => batch.has(o.call_id)) : outputs;
  return mine.map((o) => ({ call: batch.get(o.call_id), output: o.output }));
}

function parse(output: string): Record<string, unknown> {
  try {
    const v = JSON.parse(output);
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}

function answer(items: readonly ConversationItem[], after: readonly ConversationItem[], language: string): string {
  const uses = toolUses(items);
  const known = { language, names: knownNames(uses), labels: knownVariantLabels(uses) };
  const parts = lastRound(after).map(({ call, output }) => {
    const out = parse(output);
    const reply = cartReply(out, call?.name ?? nameByShape(out), { ...known, args: call ? parse(call.arguments) : {} });
    return reply ?? replyFromToolOutputs([output], language);
  });
  return parts.join(' ') || replyFromToolOutputs([], language);
}

export function decide({ conversation, instructions, tools, toolChoice }: DecideInput): ResponseContent {
  const { user, after } = conversation.currentTurn();
  const shop = shopView(instructions, tools);
  const declared = new Set(tools.map((t) => t.name));
  const mayCall = toolChoice !== 'none';
  const hasOutputs = after.some((i) => i.type === 'function_call_output');

  if (user?.source === 'text') {
    const history = toolUses(conversation.items.slice(0, conversation.items.length - after.length - 1));
    const step = planShopTurn({ text: user.text, history, turn: toolUses(after), declared });
    if (step?.kind === 'say') return message(step.text);
    if (step?.kind === 'call' && mayCall) return { kind: 'calls', calls: [{ name: step.name, arguments: JSON.stringify(step.args) }] };
    if (step) return message(answer(conversation.items, after, shop.language));
  }
  if (hasOutputs) return message(answer(conversation.items, after, shop.language));
  if (!user) return message(greetingReply(shop));
  if (user.source === 'audio') return message(speechNotUnderstoodReply(user.audioMs));
  const plan = planFor(user.text, shop);
  if (plan.kind === 'greeting') return message(greetingReply(shop));
  if (plan.kind === 'thanks') return message(THANKS_REPLY);
  if (!mayCall || !declared.has(plan.name)) return message(NO_TOOLS_REPLY);
  return { kind: 'calls', calls: [{ name: plan.name, arguments: JSON.stringify(plan.args) }] };
}
