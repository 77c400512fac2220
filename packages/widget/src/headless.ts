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
export type { PageContext, ProductCard, CartLine, BuiltInToolArgs, BuiltInToolResults } from '@contoso-voice/protocol';
export type { ToolCall, ToolHandler, ToolCallDetail, RegisterTool } from './tools/tool-calls.js';
