export * from './codes.js';
export * from './audio.js';
export * from './base64.js';
export * from './events.js';
