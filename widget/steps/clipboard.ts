// "Copy": text to the clipboard, with "Copied" shown for two seconds; where the clipboard is refused, the
// text on the page is selected for the user to copy.
import type { GluuLogin } from '../gluu-login.js';

/** "Copied" shows until then (ms since the epoch), by element; the step renders again when it changes. */
const copiedUntil = new WeakMap<GluuLogin, number>();

export async function copy(h: GluuLogin, text: string, shown: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    copiedUntil.set(h, Date.now() + 2000);
    h.requestUpdate();
    setTimeout(() => h.requestUpdate(), 2000);
  } catch {
    getSelection()?.selectAllChildren(h.renderRoot.querySelector(shown)!);
  }
}

export const copied = (h: GluuLogin) => (copiedUntil.get(h) ?? 0) > Date.now();
