export { t, useStrings, type MessageKey, type Messages, type StringOverrides } from './strings.js';
export { pickLanguage, pageLanguages, LANGUAGES, type Language } from './language.js';
export { loadMessages } from './load.js';
export { readOverrides } from './overrides.js';
