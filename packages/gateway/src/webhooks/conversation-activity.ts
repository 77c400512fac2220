/**
 * What a conversation did beyond its words, for its webhook record: the
 * tools the model called (from the tool runner's own `tool.call` log lines,
 * so nothing is counted twice) and the cart changes the page confirmed.
 * Bounded, as a conversation that loops on a tool must not grow without end.
 */
import type { Logger } from '../log.js';

export interface ToolCallFact {
  name: string;
  kind: string;
  ok: boolean;
  ms: number;
  at: number;
}

export interface CartActionFact {
  action: 'add' | 'remove';
  product_id: string;
  variant_id?: string;
  quantity?: number;
  name?: string;
  price?: number;
  currency?: string;
  /** 'undo': the shopper pressed Undo on the assistant's add; absent: the assistant's own tool call. */
  via?: 'undo';
  at: number;
}

const MAX_TOOL_CALLS = 200;
const MAX_CART_ACTIONS = 100;

const CART_ACTIONS: Record<string, CartActionFact['action']> = { add_to_cart: 'add', remove_from_cart: 'remove' };

const pick = <T>(value: unknown, type: 'string' | 'number'): T | undefined => (typeof value === type ? (value as T) : undefined);

export function conversationActivity() {
  const tools: ToolCallFact[] = [];
  const cart: CartActionFact[] = [];
  return {
    tools,
    cart,
    /** The logger the tool runner writes through: every line still reaches `log`. */
    watch(log: Logger): Logger {
      return (event, fields) => {
        if (event === 'tool.call' && fields && tools.length < MAX_TOOL_CALLS) {
          tools.push({ name: String(fields.tool), kind: String(fields.kind), ok: fields.ok === true, ms: Number(fields.ms) || 0, at: Date.now() });
        }
        log(event, fields);
      };
    },
    /** The page did what a client tool asked; cart tools are kept with the line the gateway checked. */
    pageDid(name: string, args: Record<string, unknown>, via?: 'undo') {
      const action = CART_ACTIONS[name];
      const productId = pick<string>(args.product_id, 'string');
      if (!action || !productId || cart.length >= MAX_CART_ACTIONS) return;
      cart.push({
        action,
        product_id: productId,
        variant_id: pick<string>(args.variant_id, 'string'),
        quantity: pick<number>(args.quantity, 'number'),
        name: pick<string>(args.name, 'string'),
        price: pick<number>(args.price, 'number'),
        currency: pick<string>(args.currency, 'string'),
        ...(via && { via }),
        at: Date.now(),
      });
    },
  };
}

export type ConversationActivity = ReturnType<typeof conversationActivity>;
