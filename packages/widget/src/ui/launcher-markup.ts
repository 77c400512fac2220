/**
 * What the floating launcher is made of, shared by the Preact component and
 * the loader's static copy, so the swap from one to the other moves no pixel.
 */

/** A speech bubble: the panel is closed. */
export const CHAT_ICON = 'M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z';
/** A chevron pointing down at the launcher: the panel is open and this closes it. */
export const CLOSE_ICON = 'M5.4 8 12 14.6 18.6 8 20 9.4l-8 8-8-8z';

/** The launcher's words in the loader, before the app's message table arrives (the app's launcher then says them in the page's language). */
export const LAUNCHER_LABEL = 'Shopping assistant';
