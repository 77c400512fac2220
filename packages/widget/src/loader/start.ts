/**
 * The app chunk's entry (dist/iife/chunks/app.js): what the loader imports on
 * the first interaction. It builds the assistant (UI, socket, audio) and
 * hands the loader the page API to run its queue on.
 */
import { createVoiceAssistant } from '../assistant.js';
import type { Start } from './contract.js';
import { optionsFrom } from './options.js';

export const start: Start = (context) => {
  const assistant = createVoiceAssistant(optionsFrom(document.querySelector('contoso-voice'), context));
  // The assistant's methods need no `this`, so the page API hands them over as they are.
  return {
    open: assistant.open,
    close: assistant.close,
    sendText: (text) => {
      assistant.open();
      assistant.sendText(String(text));
    },
    setContext: assistant.setContext,
    on: assistant.on,
    getToken: assistant.setGetToken,
    registerTool: assistant.registerTool,
    conversationId: assistant.conversationId,
    consent: assistant.consent,
    mount: assistant.mount,
  };
};
