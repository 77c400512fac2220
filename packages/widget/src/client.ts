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
import { startCapture, type Capture } from './audio/capture.js';
import { createPlayer, type Player } from './audio/player.js';
import { truncateEvent } from './audio/truncate.js';
import { newAudioContext } from './audio/audio-context.js';
import { createToolCalls } from './tools/tool-calls.js';
import { defaultTools } from './tools/default-tools.js';
import { productFromJsonLd } from './page-context.js';
import { createEmitter } from './emitter.js';
import { noticeLine } from './notices.js';
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
  let ctx: AudioContext | null = null;
  let player: Promise<Player> | null = null;
  // The resolved player, so each received audio frame is pushed directly rather than through a promise callback.
  let playerReady: Player | null = null;
  let capture: Capture | null = null;
  let audioItem: string | null = null;
  const dropped = new Set<string>();
  let cancels = 0;
  // Typed messages wait for the session instead of being lost; audio never waits, as it would be stale.
  const pendingTexts: string[] = [];

  // Where this tab got to in the conversation (socket/resume-point.ts): at.r the response in progress, at.a audio frames since the last event.
  const resume = createResumePoint(site);
  const at = resume.at;

  const { show, notice, ofConnection } = noticeLine(stores.$notice);
  // Muted between push-to-talk holds (audio/push-to-talk.ts): the microphone is open, but nothing is listened to.
  const voiceOn = () => capture !== null && !stores.$muted.get();

  const base = gatewayBaseOrNone(options.gateway);
  if (!base) {
    stores.$connection.set('failed');
    notice('failed');
  }
  const workletUrl = `${options.workletBase ?? `${base}/worklets/`}audio.js`;

  function sendContext() {
    const context = stores.$context.get();
    if (Object.keys(context).length) socket?.send({ type: 'gateway.context', context });
  }

  /** The shopper interrupts: by speaking, by tapping stop, or by typing a new question. */
  async function bargeIn() {
    if (at.r) socket?.send({ type: 'response.cancel', event_id: `cancel_${++cancels}` });
    const item = audioItem;
    if (!item || !player) return;
    audioItem = null;
    dropped.add(item);
    const p = await player;
    const { played } = await p.flush();
    const received = p.received(item);
    const truncate = truncateEvent(item, played, received);
    if (played < received || at.r) socket?.send(truncate);
    events.emit('interrupted', { itemId: item, playedSamples: played, receivedSamples: received, audioEndMs: truncate.audio_end_ms });
  }

  // Client tools (tools/): the page's handlers, or the defaults, answer the model's calls.
  const tools = createToolCalls(site, messages, defaultTools(events.emit, () => stores.$context.get().cart, () => events.pageListens('add_to_cart')), {
    send: (e) => socket?.send(e),
    failed: () => notice('tool'),
    done: (d) => events.emit('tool_call', d),
  });

  const onEvent = createServerEventHandler({
    messages,
    sessionStarted() {
      stores.$connection.set('open');
      if (ofConnection()) notice(null);
      if (options.readPageProduct !== false && typeof document !== 'undefined' && !stores.$context.get().product) {
        const product = productFromJsonLd(document);
        if (product) stores.$context.setKey('product', product);
      }
      sendContext();
      for (const text of pendingTexts.splice(0)) sendTextNow(text);
    },
    products(cards) {
      stores.$products.set(cards);
      messages.attachProducts(cards);
      events.emit('products', cards);
    },
    error(code, message, eventId) {
      // Cancelling a response that had just finished is a race, not a problem to show; a timeout's line is in the conversation.
      if (eventId?.startsWith('cancel_')) return;
      if (code !== 'response_timeout') show(message);
      events.emit('error', { code, message });
    },
    notice: (message) => show(message),
    speechStarted() {
      stores.$voice.set('user_speaking');
      void bargeIn();
    },
    speechStopped() {
      if (voiceOn()) stores.$voice.set('listening');
    },
    audioItem(id) {
      audioItem = dropped.has(id) ? null : id;
    },
    audioDone: (id) => void player?.then((p) => p.end(id)),
    responseActive: (id) => void (at.r = id ?? ''),
    toolCall: tools.call,
  });

  function sendTextNow(text: string) {
    // A new question supersedes the answer in progress; the service would refuse a second response.
    void bargeIn();
    socket?.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] } });
    // Typed while voice is off, the answer is typed too; with voice on, it is spoken.
    socket?.send({ type: 'response.create', response: { output_modalities: [voiceOn() ? 'audio' : 'text'] } });
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
        if (audioItem && playerReady) playerReady.push(audioItem, pcm);
      },
      onState(state, why) {
        if (state === 'open') return; // 'open' once gateway.session says the session is ready
        stores.$connection.set(state);
        if (state === 'closed' || state === 'failed') {
          // Ended (idle, refused, or no token to be had): the next question or mic tap tries a new session.
          socket = null;
          stopVoice();
        }
        if (state === 'reconnecting' || state === 'failed') {
          notice(why ?? state, true);
          // A reconnect starts a new session: audio of the old one must not play on.
          audioItem = null;
          void player?.then((p) => p.flush());
        }
      },
    }, () => sessionToken(base, site, getToken), resume.query);
  }

  /** Must run inside the shopper's click: browsers only start audio from a gesture. */
  function unlockAudio(): AudioContext {
    ctx ??= newAudioContext();
    void ctx.resume();
    return ctx;
  }

  async function startVoice() {
    if (capture) return;
    // Both are [SecureContext]: on an insecure page they are missing, so this also covers http.
    if (!navigator.mediaDevices?.getUserMedia || typeof AudioWorkletNode === 'undefined') {
      notice('no_mic');
      return;
    }
    const audio = unlockAudio();
    connect();
    stores.$voice.set('connecting');
    try {
      player ??= createPlayer(audio, workletUrl, (playing, level) => {
        stores.$outputLevel.set(level);
        if (playing) stores.$voice.set('assistant_speaking');
        else if (stores.$voice.get() === 'assistant_speaking') stores.$voice.set(voiceOn() ? 'listening' : 'idle');
      });
      playerReady = await player;
      capture = await startCapture(audio, workletUrl, (pcm, level) => {
        stores.$inputLevel.set(level);
        if (!stores.$muted.get()) socket?.sendAudio(pcm);
      });
      stores.$voice.set('listening');
      notice(null);
    } catch (err) {
      player = playerReady = null;
      stores.$voice.set('idle');
      notice((err as DOMException)?.name === 'NotAllowedError' || (err as DOMException)?.name === 'SecurityError' ? 'mic_denied' : 'no_mic');
    }
  }

  function stopVoice() {
    if (!capture) return;
    capture.stop();
    capture = null;
    stores.$inputLevel.set(0);
    stores.$voice.set('idle');
    socket?.send({ type: 'input_audio_buffer.clear' });
  }

  return {
    ...stores,
    $messages: messages.$messages,
    site,
    connect,
    startVoice,
    stopVoice,
    // toggleVoice (a tap: hands-free on or off), holdToTalk and releaseToTalk.
    ...createPushToTalk({ ...stores, send: (e) => socket?.send(e), startVoice, stopVoice, bargeIn, micOn: () => !!capture }),
    /** The shopper tapped stop while the assistant talks. */
    stopSpeaking: () => void bargeIn(),
    unlockAudio,
    sendText(text: string): boolean {
      const trimmed = text.trim();
      if (!trimmed) return false;
      connect();
      messages.add({ id: `local_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`, role: 'user', text: trimmed });
      if (stores.$connection.get() === 'open') sendTextNow(trimmed);
      else pendingTexts.push(trimmed);
      return true;
    },
    setContext(context: PageContext) {
      for (const [key, value] of Object.entries(context)) stores.$context.setKey(key as keyof PageContext, value as never);
      if (stores.$connection.get() === 'open') sendContext();
    },
    addToCart(product: ProductCard, quantity = 1) {
      void tools.addFromCard({ product_id: product.id, quantity, name: product.name, price: product.price, currency: product.currency, image: product.image, url: product.url });
      events.emit('add_to_cart', { productId: product.id, quantity, product, source: 'card' });
    },
    /** A handler for a client tool the model may call (tools/tool-calls.ts); returns the function that removes it. */
    registerTool: tools.register,
    undo: tools.undo,
    /** Sets the page's token supplier (the script tag's `getToken` command); the next attempt uses it. */
    setGetToken(fn: GetToken) {
      getToken = fn;
      if (stores.$connection.get() === 'failed') connect();
    },
    on: events.on,
    emit: events.emit,
    clearTranscript: messages.clear,
    destroy() {
      stopVoice();
      socket?.close();
      socket = null;
      playerReady?.close();
      player = playerReady = null;
      void ctx?.close();
      ctx = null;
      stores.$connection.set('closed');
    },
  };
}
