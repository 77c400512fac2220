/**
 * @contoso-voice/widget: the shopping assistant with its floating mic button.
 *
 *   const assistant = createVoiceAssistant({ gateway: 'https://voice.example.com', site: 'demo' });
 *   assistant.mount(document.querySelector('#assistant')!);
 *   assistant.on('add_to_cart', ({ productId, quantity }) => cart.add(productId, quantity));
 *
 * The nanostores atoms ($messages, $voice, $connection, …) bind to React, Vue
 * or Svelte with @nanostores/react, /vue or /svelte.
 */
export { createVoiceAssistant, type AssistantOptions, type VoiceAssistant } from './assistant.js';
export type { ClientOptions, VoiceClient } from './client.js';
export type { ChatMessage } from './stores/messages.js';
export type { ConnectionState } from './stores/connection.js';
export type { VoiceEvents, VoiceEventName, VoiceListener } from './voice-events.js';
export type { GetToken } from './client-options.js';
export type { VoiceState } from './stores/voice.js';
export type { PageContext, ProductCard, CartLine, BuiltInToolArgs, BuiltInToolResults } from '@contoso-voice/protocol';
export type { ToolCall, ToolHandler, ToolCallDetail, RegisterTool } from './tools/tool-calls.js';
