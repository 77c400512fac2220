/**
 * The hand-over from the loader's static launcher (loader/static-launcher.ts)
 * to the app's: the static one stays until the app has drawn (a page in
 * another language draws only after its strings arrive), then goes, and the
 * focus moves to the app's launcher if the shopper was on the static one.
 */
const STATIC = '[data-cv-static]';

/** Puts the app's container in the shadow root, keeping the loader's launcher for now. */
export function placeBesideStatic(root: ShadowRoot, container: HTMLElement): void {
  const kept = root.querySelector(STATIC);
  // Not moved out and back: that would take the focus off it.
  for (const node of [...root.childNodes]) if (node !== kept) node.remove();
  root.prepend(container);
}

/** Once the app has drawn: removes the loader's launcher, handing its focus on. */
export function dropStatic(root: ShadowRoot, container: HTMLElement): void {
  const kept = root.querySelector(STATIC);
  if (!kept) return;
  const focused = kept.contains(root.activeElement);
  kept.remove();
  if (focused) container.querySelector<HTMLElement>('.launcher')?.focus();
}
