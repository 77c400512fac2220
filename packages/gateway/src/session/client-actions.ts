/**
 * What the session does with each vetted client event: forward it to the
 * model within the session's budgets, apply a session update within
 * policy, add page context, take a page's tool result or Undo, or report a
 * refusal.
 */
import type { ErrorCode, RealtimeClientEvent } from '@contoso-voice/protocol';
import type { GatewayLimits } from '../config.js';
import type { Logger } from '../log.js';
import type { Vetted } from './client-events.js';
import type { ModelBudget } from './model-budget.js';
import type { ToolRunner } from './tool-runner.js';
import type { ConversationRecorder } from './conversation-record.js';
import type { PageCalls } from './page-calls.js';
import type { cartUndo } from './cart-undo.js';
import type { ItemRecord } from './item-record.js';
import { applyClientSessionUpdate, updateProblem, type ClientTunables } from './session-config.js';
import { contextItem } from './page-context.js';

export interface ClientActionDeps {
  sessionId: string;
  limits: GatewayLimits;
  log: Logger;
  budget: ModelBudget;
  tools: ToolRunner;
  recorder: ConversationRecorder;
  pageCalls: PageCalls;
  undo: ReturnType<typeof cartUndo>;
  items: ItemRecord;
  /** A JSON event for this client. */
  send(event: object): void;
  /** To the model, with a hook for once it is really sent (after the model session is set up). */
  sendUpstream(event: RealtimeClientEvent, onSent?: () => void): void;
  forwardAudio(pcm: Uint8Array): void;
  /** The shopper did something: the idle timer starts again. */
  activity(): void;
  persist(): void;
  reportError(code: ErrorCode, message: string, extra?: { event_id?: string; param?: string }): void;
  tunables: { get(): ClientTunables; set(t: ClientTunables): void; audioStarted(): boolean; sendForced(): void };
  /** Whether the site lets clients turn turn detection off (push-to-talk). */
  pushToTalk: boolean;
  /** An id for an item of the gateway's own (page context, shop events), hidden from the client. */
  gatewayItemId(): string;
}

export function clientActions(d: ClientActionDeps) {
  const refused = (code: ErrorCode, message: string, ref: { event_id?: string }, param?: string) => {
    d.log('client.refused', { session: d.sessionId, code, ...(param ? { param } : {}) });
    d.reportError(code, message, { ...ref, ...(param ? { param } : {}) });
  };

  function forward(event: RealtimeClientEvent) {
    const item = (event as { item?: { type?: string; role?: string; content?: { text?: string }[] } }).item;
    if (event.type === 'conversation.item.create' && item?.role === 'user') {
      const text = (item.content ?? []).map((c) => c.text ?? '').join('\n');
      if (!d.budget.text(text.length)) return;
      d.activity();
      d.tools.userTurn();
      // Recorded once it is sent: a message typed while the model dials is sent after the set-up, not re-seeded in it too.
      return d.sendUpstream(event, () => {
        d.recorder.userText(text);
        d.persist();
      });
    }
    if (event.type === 'response.create') {
      if (!d.budget.response()) return;
      d.tools.responseBegun();
    }
    d.sendUpstream(event);
  }

  return function act(v: Vetted, eventId?: string) {
    const ref = eventId ? { event_id: eventId } : {};
    switch (v.kind) {
      case 'refuse':
        return refused(v.code, v.message, ref, v.param);
      case 'audio':
        return d.forwardAudio(v.pcm);
      case 'forward':
        return forward(v.event);
      case 'session_update': {
        const result = applyClientSessionUpdate(v.session, d.tunables.get(), { audioStarted: d.tunables.audioStarted(), pushToTalk: d.pushToTalk });
        if ('invalid' in result) return refused('invalid_event', result.invalid, ref, 'session');
        const problem = updateProblem(result);
        if (problem) refused('field_not_allowed', problem.message, ref, problem.param);
        d.tunables.set(result.tunables);
        // Answered with session.updated from the service, showing what is now in effect.
        return d.tunables.sendForced();
      }
      case 'context': {
        const item = contextItem(v.context, d.limits.maxContextBytes, d.gatewayItemId());
        if (!item.ok) return d.reportError('context_too_large', item.message, ref);
        if (!d.budget.text(item.chars)) return;
        return d.sendUpstream(item.event);
      }
      case 'tool_result': {
        const refusal = d.pageCalls.answer(v.callId, v.output, v.error, v.invalid);
        if (refusal) refused(refusal.code, refusal.message, ref, 'call_id');
        return;
      }
      case 'retrieve': {
        // Answered from the gateway's own record: one answer for an unknown id, another session's, or a function call, so none is revealed.
        const item = d.items.retrieved(v.itemId);
        if (!item) return refused('unknown_item', 'no user or assistant message of this conversation has that id', ref, 'item_id');
        return d.send({ type: 'conversation.item.retrieved', event_id: `gwitem_${v.itemId}`, item });
      }
      case 'delete': {
        if (!d.items.deletable(v.itemId)) return refused('unknown_item', 'only user and assistant messages of the current model session can be deleted', ref, 'item_id');
        // The record forgets it when the service confirms (conversation.item.deleted), so a re-seed leaves it out too.
        return d.sendUpstream({ type: 'conversation.item.delete', item_id: v.itemId, ...ref } as RealtimeClientEvent);
      }
      case 'undo': {
        const undone = d.undo.undo(v.callId);
        if (!undone.ok) return refused(undone.refusal.code, undone.refusal.message, ref, 'call_id');
        // The note is text the model reads again on every turn, so it is paid for like the shopper's own.
        if (!d.budget.text(JSON.stringify(undone.event).length)) return;
        d.activity();
        return d.sendUpstream(undone.event);
      }
    }
  };
}
