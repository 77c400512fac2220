/**
 * What the loader and the app chunk agree on: the one function the chunk
 * exports, and what it gets. Only types, so it costs the loader nothing.
 */
import type { PageApi } from '../command-queue.js';

export interface StartContext {
  /** The <script> tag, for its data-* options (read at start, as the page may have set them after the tag ran). */
  script: HTMLScriptElement | null;
  /** The directory widget.js came from, with a trailing slash: the default gateway and where worklets/ is. */
  base: string;
}

/** The page API as the app implements it, plus mounting into a <contoso-voice> element. */
export type StartedApp = Omit<PageApi, 'push'> & { mount(el: Element): void };

export type Start = (context: StartContext) => StartedApp;
