/**
 * Small rich outputs for notebooks: banners and notes, shown as HTML in Jupyter and as text elsewhere.
 *
 * @module
 */

import { JUPYTER_DISPLAY } from "../core/jupyter.ts";

/** The method name the Deno kernel calls to get an object's rich MIME bundle. */
export { JUPYTER_DISPLAY };

/** The look of a {@linkcode Note}: blue `info`, amber `offline` (the offline banner), red `warning`. */
export type NoteKind = "info" | "offline" | "warning";

const COLORS: Readonly<Record<NoteKind, { border: string; background: string }>> = {
  info: { border: "#1d4ed8", background: "#eff6ff" },
  offline: { border: "#b45309", background: "#fffbeb" },
  warning: { border: "#b91c1c", background: "#fef2f2" },
};

/**
 * A short boxed message: a banner at the top of a notebook, or a note in place of a chart. As a
 * cell's last expression it shows as a coloured box in Jupyter, and as plain text elsewhere.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Note } from "./display.ts";
 * const note = new Note("Offline.", "This notebook ran on the bundled sample.", "offline");
 * assert.equal(`${note}`, "Offline. This notebook ran on the bundled sample.");
 * ```
 */
export class Note {
  /** Bold first words. */
  readonly title: string;
  /** The message. */
  readonly text: string;
  /** Its look. */
  readonly kind: NoteKind;
  /**
   * Make a note; it shows when it is a cell's last expression.
   *
   * @param title Bold first words.
   * @param text The message.
   * @param kind Its look.
   */
  constructor(title: string, text: string, kind: NoteKind = "info") {
    this.title = title;
    this.text = text;
    this.kind = kind;
  }
  /**
   * The note as plain text, title first.
   *
   * @returns The title and the message, separated by a space.
   */
  toString(): string {
    return `${this.title} ${this.text}`;
  }
  /**
   * What the Deno kernel shows for the note: a coloured HTML box, and the text form.
   *
   * @returns The MIME bundle Jupyter shows (`text/html` and `text/plain`).
   */
  [JUPYTER_DISPLAY](): Record<string, string> {
    const { border, background } = COLORS[this.kind];
    return {
      "text/plain": this.toString(),
      "text/html":
        `<div class="spotify-note spotify-note-${this.kind}" style="border-left:4px solid ${border};` +
        `background:${background};padding:8px 12px;margin:4px 0;font-family:system-ui,sans-serif;` +
        `font-size:13px;color:#111"><strong>${escapeHtml(this.title)}</strong> ${
          escapeHtml(this.text)
        }</div>`,
    };
  }
}

/**
 * Escape text for HTML.
 *
 * @param text Any text.
 * @returns The text with `&<>"'` escaped.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { escapeHtml } from "./display.ts";
 * assert.equal(escapeHtml('<b a="1">'), "&#60;b a=&#34;1&#34;&#62;");
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
