/**
 * @contoso-voice/widget/headless: the voice client with no UI, for shops that
 * draw their own. Everything is in nanostores atoms; call toggleVoice() from
 * a click so the browser lets audio start.
 */
export { createVoiceClient, type ClientOptions, type VoiceClient } from './client.js';
export type { ChatMessage } from './stores/messages.js';
export type { ConnectionState } from './stores/connection.js';
export type { VoiceEvents, VoiceEventName, VoiceListener } from './voice-events.js';
export type { GetToken } from './client-options.js';
export type { VoiceState } from './stores/voice.js';
export type { PageContext, ProductCard } from '@contoso-voice/protocol';
