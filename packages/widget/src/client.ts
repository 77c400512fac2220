/**
 * The voice client without any UI: stores, the gateway socket, the
 * microphone and the speaker, wired together. The UI and the headless entry
 * both sit on this.
 */
import type { PageContext, ProductCard } from '@contoso-voice/protocol';
import { createConnectionStore } from './stores/connection.js';
import { createVoiceStore } from './stores/voice.js';
import { createMessagesStore } from './stores/messages.js';
import { createProductsStore } from './stores/products.js';
import { createContextStore } from './stores/context.js';
import { connectGateway, type GatewaySocket } from './socket/gateway-socket.js';
import { createServerEventHandler } from './socket/server-events.js';
import { createVoiceLine } from './audio/voice-line.js';
import { createToolCalls } from './tools/tool-calls.js';
import { defaultTools } from './tools/default-tools.js';
import { productFromJsonLd } from './page-context.js';
import { createEmitter } from './emitter.js';
import { shopAnalytics } from './analytics.js';
import { noticeLine } from './notices.js';
import { createLiveState } from './live-state.js';
import { createOutbox } from './outbox.js';
import type { VoiceEvents } from './voice-events.js';
import type { ClientOptions, GetToken } from './client-options.js';
import { gatewayBaseOrNone } from './gateway-url.js';
import { sessionToken } from './socket/session-token.js';
import { createResumePoint } from './socket/resume-point.js';
import { createPushToTalk } from './audio/push-to-talk.js';

export type { ClientOptions };
export type VoiceClient = ReturnType<typeof createVoiceClient>;

export function createVoiceClient(options: ClientOptions) {
  const site = options.site ?? 'demo';
  let getToken: GetToken | undefined = options.getToken;
  const stores = {
    ...createConnectionStore(),
    ...createVoiceStore(),
    ...createProductsStore(),
    ...createContextStore(),
  };
  const messages = createMessagesStore(site);
  const events = createEmitter<VoiceEvents>();
  let socket: GatewaySocket | null = null;
  let cancels = 0;

  // Where this tab got to in the conversation (socket/resume-point.ts): at.r the response in progress, at.a audio frames since the last event.
  const resume = createResumePoint(site);
  const at = resume.at;

  const notices = noticeLine(stores.$notice);
  const live = createLiveState(stores.$voice, stores.$micOn);

  const base = gatewayBaseOrNone(options.gateway);
  if (!base) {
    stores.$connection.set('failed');
    notices.notice('failed');
  }

  const voice = createVoiceLine({
    ...stores,
    live,
    notices,
    workletUrl: `${options.workletBase ?? `${base}/worklets/`}audio.js`,
    connect,
    send: (e) => socket?.send(e),
    sendAudio: (pcm) => socket?.sendAudio(pcm),
    cancelResponse: () => !!at.r && !!socket?.send({ type: 'response.cancel', event_id: `cancel_${++cancels}` }),
    interrupted: (d) => events.emit('interrupted', d),
  });

  const outbox = createOutbox({ ...stores, messages, notices, connect, send: sendTextNow });

  function sendContext() {
    const context = stores.$context.get();
    if (Object.keys(context).length) socket?.send({ type: 'gateway.context', context });
  }

  // Client tools (tools/): the page's handlers, or the defaults, answer the model's calls.
  const tools = createToolCalls(site, messages, defaultTools(events.emit, () => stores.$context.get().cart, () => events.pageListens('add_to_cart')), {
    send: (e) => socket?.send(e),
    failed: () => notices.notice('tool'),
    done: (d) => events.emit('tool_call', d),
  });

  const onEvent = createServerEventHandler({
    messages,
    sessionStarted(_id, maxText) {
      stores.$connection.set('open');
      if (maxText) stores.$maxText.set(maxText);
      notices.ended('session');
      if (options.readPageProduct !== false && typeof document !== 'undefined' && !stores.$context.get().product) {
        const product = productFromJsonLd(document);
        if (product) stores.$context.setKey('product', product);
      }
      sendContext();
      outbox.flush();
    },
    products(cards) {
      stores.$products.set(cards);
      messages.attachProducts(cards);
      events.emit('products', cards);
    },
    error(code, message, eventId) {
      // Cancelling a response that had just finished is a race, not a problem to show; a timeout's line is in the conversation.
      if (eventId?.startsWith('cancel_')) return;
      if (code === 'response_timeout') live.responseDone(false);
      else notices.show(message);
      events.emit('error', { code, message });
    },
    notice: (message) => notices.show(message),
    speechStarted() {
      live.userSpeaking();
      notices.ended('sent');
      void voice.bargeIn();
    },
    speechStopped() {
      if (voice.voiceOn()) live.thinking();
    },
    audioItem: voice.audioItem,
    audioDone: voice.audioDone,
    responseActive(id) {
      at.r = id ?? '';
      if (id) notices.ended('answer');
    },
    answered: live.answered,
    responseDone: live.responseDone,
    toolCall: tools.call,
  });

  function sendTextNow(text: string) {
    // A new question supersedes the answer in progress; the service would refuse a second response.
    void voice.bargeIn();
    socket?.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] } });
    // Typed while voice is off, the answer is typed too; with voice on, it is spoken.
    socket?.send({ type: 'response.create', response: { output_modalities: [voice.voiceOn() ? 'audio' : 'text'] } });
    live.thinking();
  }

  function connect() {
    if (socket || !base) return;
    socket = connectGateway(base, site, {
      onEvent(e) {
        if (!resume.fresh(e)) return;
        onEvent(e);
        events.emit('event', e);
      },
      onAudio(pcm) {
        at.a++;
        voice.play(pcm);
      },
      onState(state, why) {
        if (state === 'open') return; // 'open' once gateway.session says the session is ready
        stores.$connection.set(state);
        if (state === 'closed' || state === 'failed') {
          // Ended (idle, refused, or no token to be had): the next question or mic tap tries a new session.
          socket = null;
          voice.stopVoice();
        }
        if (state === 'reconnecting' || state === 'failed') {
          notices.notice(why ?? state);
          voice.dropPlayback();
        }
        // Nothing is coming on a socket that is down: the answer being waited for is asked again by the shopper.
        if (state !== 'connecting') live.responseDone(false);
      },
    }, () => sessionToken(base, site, getToken), resume.query);
  }

  // A question typed on the last page that never went: it goes now.
  if (outbox.waiting()) connect();

  return {
    ...stores,
    $messages: messages.$messages,
    site,
    connect,
    startVoice: voice.startVoice,
    stopVoice: voice.stopVoice,
    // toggleVoice (a tap: hands-free on or off), holdToTalk and releaseToTalk.
    ...createPushToTalk({ ...stores, send: (e) => socket?.send(e), startVoice: voice.startVoice, stopVoice: voice.stopVoice, bargeIn: voice.bargeIn, micOn: voice.micOpen }),
    /** The shopper tapped stop while the assistant talks. */
    stopSpeaking: () => void voice.bargeIn(),
    unlockAudio: voice.unlockAudio,
    /** False when there was nothing to send, or it was longer than the session takes (the notice says so). */
    sendText: outbox.sendText,
    setContext(context: PageContext) {
      for (const [key, value] of Object.entries(context)) stores.$context.setKey(key as keyof PageContext, value as never);
      if (stores.$connection.get() === 'open') sendContext();
    },
    /** Resolves false when the page's add_to_cart handler failed; a page without one hears the add_to_cart event. */
    addToCart(product: ProductCard, quantity = 1): Promise<boolean> {
      const done = tools.addFromCard({ product_id: product.id, quantity, name: product.name, price: product.price, currency: product.currency, image: product.image, url: product.url });
      events.emit('add_to_cart', { productId: product.id, quantity, product, source: 'card' });
      return done.then((r) => r !== 'failed');
    },
    /** A handler for a client tool the model may call (tools/tool-calls.ts); returns the function that removes it. */
    registerTool: tools.register,
    undo: tools.undo,
    /** Sets the page's token supplier (the script tag's `getToken` command); the next attempt uses it. */
    setGetToken(fn: GetToken) {
      getToken = fn;
      if (stores.$connection.get() === 'failed') connect();
    },
    // conversationId, consent and cardOpened (analytics.ts).
    ...shopAnalytics(events),
    on: events.on,
    emit: events.emit,
    clearTranscript: messages.clear,
    destroy() {
      voice.close();
      socket?.close();
      socket = null;
      stores.$connection.set('closed');
    },
  };
}
