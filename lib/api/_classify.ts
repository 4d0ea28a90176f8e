/**
 * What an answer means for the caller: the sentence of each failure (mode, 4xx, 5xx, 429), and the
 * error text read off a JSON or HTML body.
 *
 * @module
 */
import type { Advice } from "./request_options.ts";
import { excerpt, ModeError } from "../core/errors.ts";

/** The advice of a client created directly, naming `createClient`'s options. */
export const CLIENT_ADVICE: Advice = {
  mode: (mode) => `mode: "${mode}" in the client's options`,
  apiUrl: `the client's "apiUrl" option`,
  credentials: "the client id and secret of the token provider",
};

export function seconds(ms: number): string {
  return String(Math.round(ms / 10) / 100);
}

export function modeError(
  what: string,
  endpoint: string,
  why: string,
  advice: Advice,
  answered?: { status: number; body: unknown },
): ModeError {
  const said = answered === undefined
    ? `it is not available to Development Mode apps (${advice.mode("development")})`
    : `Spotify answered ${answered.status}, so this app is in Development Mode, which lacks it`;
  return new ModeError(
    `Cannot fetch "${what}": ${said}; ${why} (set ${
      advice.mode("extended")
    } only if your app has Extended Quota Mode)`,
    { endpoint, mode: "development", ...(answered === undefined ? {} : { cause: answered.body }) },
  );
}

export function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return excerpt(stripMarkup(text), 500);
  }
}

/**
 * An HTML error page (a proxy's 502, a captive portal) as one line of text: its title, or its text
 * without markup, cut to a readable length.
 */
export function stripMarkup(text: string): string {
  if (!/<[a-z!/][^>]*>/i.test(text)) return text;
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
  const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(text)?.[1];
  const plain = (html: string) =>
    html.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]*>/g, " ")
      .replace(/&nbsp;/g, " ").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"').replace(/&#39;/g, "'");
  return plain(title || heading || text).replace(/\s+/g, " ").trim();
}

export function errorMessage(body: unknown): string | undefined {
  if (typeof body === "string") return excerpt(stripMarkup(body), 100) || undefined;
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error === "object" && error !== null) {
    const message = (error as { message?: unknown }).message;
    return typeof message === "string" ? message : undefined;
  }
  return typeof error === "string" ? error : undefined;
}

export function errorReason(body: unknown): string | undefined {
  const error = (body as { error?: unknown } | null)?.error;
  const reason = typeof error === "object" && error !== null
    ? (error as { reason?: unknown }).reason
    : undefined;
  return typeof reason === "string" ? reason : undefined;
}

export function duration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function apiErrorMessage(
  what: string,
  status: number,
  message: string | undefined,
  text: string,
  refreshed: boolean,
  advice: Advice,
): string {
  const said = `Spotify answered ${status}${message ? ` "${message}"` : ""}`;
  const hint = (() => {
    if (message?.startsWith("Active premium subscription required")) {
      return "the app owner's Premium subscription has lapsed; renew it, and access returns a few hours later";
    }
    if (/User not registered/i.test(text)) {
      return "add this Spotify account to the app's User Management list in the developer dashboard";
    }
    switch (status) {
      case 400:
        return message === "Invalid limit"
          ? `the page size is above what this app's mode allows; set ${advice.mode("development")}`
          : "the request's parameters were refused; check the ids and options you passed";
      case 401:
        return refreshed
          ? `a fresh token was refused too; check ${advice.credentials}`
          : "the token was refused";
      case 403:
        return "this endpoint is not available to Development Mode apps, or the resource is not yours";
      case 404:
        return "no such id, or an endpoint Spotify removed for new apps; check the id";
    }
    return status >= 500
      ? "Spotify is having trouble; try again in a minute"
      : "see the error's body for details";
  })();
  return `Cannot fetch "${what}": ${said} (${hint})`;
}
