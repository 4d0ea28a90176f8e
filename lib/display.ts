/**
 * Small rich outputs for notebooks: banners and notes, shown as HTML in Jupyter and as text elsewhere.
 *
 * @module
 */

/** The method name the Deno kernel calls to get an object's rich MIME bundle. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

const COLORS = {
  info: { border: "#1d4ed8", background: "#eff6ff" },
  offline: { border: "#b45309", background: "#fffbeb" },
  warning: { border: "#b91c1c", background: "#fef2f2" },
} as const;

/** The look of a {@linkcode Note}. */
export type NoteKind = keyof typeof COLORS;

/** A short boxed message: a banner at the top of a notebook, or a note in place of a chart. */
export class Note {
  /** Bold first words. */
  readonly title: string;
  /** The message. */
  readonly text: string;
  /** Its look. */
  readonly kind: NoteKind;
  /**
   * @param title Bold first words.
   * @param text The message.
   * @param kind Its look.
   */
  constructor(title: string, text: string, kind: NoteKind = "info") {
    this.title = title;
    this.text = text;
    this.kind = kind;
  }
  /** @returns The text form. */
  toString(): string {
    return `${this.title} ${this.text}`;
  }
  /** @returns The MIME bundle Jupyter shows. */
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
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
