/**
 * A small Chrome DevTools Protocol client over Deno's own WebSocket: one headless Chromium with a
 * fresh profile and network limited to what its pages ask for, and pages (tabs) to navigate,
 * evaluate script in, and screenshot, several at once. Enough for the browser checks; no npm
 * package needed.
 *
 * @module
 */
import { CHROMIUM } from "./browser.ts";

/** A page (tab) of a running headless Chromium. */
export interface BrowserPage extends AsyncDisposable {
  /** Go to a URL and wait for its `load` event. */
  navigate(url: string): Promise<void>;
  /** Evaluate an expression in the page (promises are awaited) and return its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  /**
   * Wait until `expression` is truthy in the page, and return that value. The page checks it
   * every 20 ms itself, so the answer comes as soon as the condition holds.
   *
   * @throws {Error} After `timeoutMs`, naming `what`.
   */
  waitFor<T>(expression: string, what: string, timeoutMs?: number): Promise<T>;
  /** Send a DevTools protocol command to the page and return its result. */
  send<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>;
  /** Call `listener` with the parameters of every `event` the page's session receives. */
  on(event: string, listener: (params: unknown) => void): void;
  /** Write a PNG of the page, `height` CSS pixels tall (the window is resized to it). */
  screenshot(path: string, size: { width: number; height: number }): Promise<void>;
  /** Close the page (for the page of {@linkcode openBrowser}: the browser too). */
  close(): Promise<void>;
}

/** A running headless Chromium. */
export interface Browser extends AsyncDisposable {
  /** Open another page (tab), blank; pages run side by side. */
  newPage(): Promise<BrowserPage>;
  /** Close the browser and remove its profile. */
  close(): Promise<void>;
}

/**
 * Start headless Chromium under remote control, with no page yet.
 *
 * @returns The browser.
 */
export async function launchBrowser(): Promise<Browser> {
  const profile = await Deno.makeTempDir({ prefix: "chromium-cdp-" });
  const child = new Deno.Command(CHROMIUM, {
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--hide-scrollbars",
      // Pages side by side are all in the background but one: keep their timers at full speed.
      "--disable-background-timer-throttling",
      "--disable-renderer-backgrounding",
      "--disable-backgrounding-occluded-windows",
      "--remote-debugging-address=127.0.0.1",
      "--remote-debugging-port=0",
      `--user-data-dir=${profile}`,
      "--window-size=1200,900",
      "about:blank",
    ],
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
  const stop = async () => {
    try {
      child.kill("SIGTERM");
    } catch { /* already gone */ }
    await child.status;
    // Chromium's helper processes can still write to the profile just after the browser exits:
    // remove it again until it is gone (bounded), so no temporary folder is left behind.
    for (let attempt = 0; attempt < 10; attempt++) {
      const removed = await Deno.remove(profile, { recursive: true }).then(
        () => true,
        (error) => error instanceof Deno.errors.NotFound,
      );
      if (removed) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  try {
    let port = "";
    for (let i = 0; i < 400 && port === ""; i++) {
      const text = await Deno.readTextFile(`${profile}/DevToolsActivePort`).catch(() => "");
      port = text.split("\n")[0] ?? "";
      if (port === "") await new Promise((r) => setTimeout(r, 50));
    }
    if (port === "") throw new Error("Chromium did not open its DevTools port within 20 s");
    const { webSocketDebuggerUrl } = await (await fetch(`http://127.0.0.1:${port}/json/version`))
      .json() as { webSocketDebuggerUrl: string };
    const browser = await connectSession(webSocketDebuggerUrl);
    const close = async () => {
      browser.close();
      await stop();
    };
    return {
      async newPage() {
        const { targetId } = await browser.send("Target.createTarget", { url: "about:blank" }) as {
          targetId: string;
        };
        const { session, ...page } = await openPage(
          `ws://127.0.0.1:${port}/devtools/page/${targetId}`,
        );
        const closePage = async () => {
          session.close();
          await browser.send("Target.closeTarget", { targetId }).catch(() => {});
        };
        return { ...page, close: closePage, [Symbol.asyncDispose]: closePage };
      },
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Start headless Chromium with one blank page under remote control.
 *
 * @returns The page; closing it closes the browser.
 */
export async function openBrowser(): Promise<BrowserPage> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const close = async () => {
      await page.close();
      await browser.close();
    };
    return { ...page, close, [Symbol.asyncDispose]: close };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** A page's session and what it does, before closing is decided. */
async function openPage(
  url: string,
): Promise<Omit<BrowserPage, "close" | typeof Symbol.asyncDispose> & { session: Session }> {
  const session = await connectSession(url);
  await session.send("Page.enable");
  await session.send("Runtime.enable");
  const evaluate = async <T>(expression: string): Promise<T> => {
    const reply = await session.send("Runtime.evaluate", {
      expression,
      awaitPromise: true,
      returnByValue: true,
    }) as { result: { value?: T }; exceptionDetails?: { exception?: { description?: string } } };
    if (reply.exceptionDetails) {
      throw new Error(
        `The page threw: ${reply.exceptionDetails.exception?.description ?? "an exception"}`,
      );
    }
    return reply.result.value as T;
  };
  return {
    session,
    send: <T>(method: string, params?: Record<string, unknown>) =>
      session.send(method, params) as Promise<T>,
    on: (event, listener) => session.on(event, listener),
    async navigate(url) {
      const loaded = session.once("Page.loadEventFired", 60_000);
      await session.send("Page.navigate", { url });
      await loaded;
    },
    evaluate,
    async waitFor<T>(expression: string, what: string, timeoutMs = 60_000) {
      const value = await evaluate<T | null>(`new Promise((resolve, reject) => {
        const deadline = Date.now() + ${timeoutMs};
        const check = () => {
          try {
            const value = (${expression});
            if (value || Date.now() > deadline) resolve(value || null);
            else setTimeout(check, 20);
          } catch (error) {
            reject(error);
          }
        };
        check();
      })`);
      if (!value) throw new Error(`Timed out after ${timeoutMs} ms: ${what}`);
      return value;
    },
    async screenshot(path, { width, height }) {
      await session.send("Emulation.setDeviceMetricsOverride", {
        width,
        height,
        deviceScaleFactor: 1,
        mobile: false,
      });
      const { data } = await session.send("Page.captureScreenshot", { format: "png" }) as {
        data: string;
      };
      await Deno.writeFile(path, Uint8Array.fromBase64(data));
      await session.send("Emulation.clearDeviceMetricsOverride");
    },
  };
}

interface Session {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
  once(event: string, timeoutMs: number): Promise<unknown>;
  on(event: string, listener: (params: unknown) => void): void;
  close(): void;
}

async function connectSession(url: string): Promise<Session> {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = () => reject(new Error("Cannot connect to Chromium's DevTools socket"));
  });
  let next = 0;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const waiters = new Map<string, ((params: unknown) => void)[]>();
  const listeners = new Map<string, ((params: unknown) => void)[]>();
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
      method?: string;
      params?: unknown;
    };
    if (message.id !== undefined) {
      const call = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) call?.reject(new Error(`DevTools: ${message.error.message}`));
      else call?.resolve(message.result);
    } else if (message.method) {
      const list = waiters.get(message.method) ?? [];
      waiters.delete(message.method);
      for (const waiter of list) waiter(message.params);
      for (const listener of listeners.get(message.method) ?? []) listener(message.params);
    }
  };
  socket.onclose = () => {
    for (const call of pending.values()) call.reject(new Error("Chromium closed the connection"));
    pending.clear();
  };
  return {
    send(method, params = {}) {
      const id = ++next;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    once(event, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${event}`)),
          timeoutMs,
        );
        const list = waiters.get(event) ?? [];
        list.push((params) => {
          clearTimeout(timer);
          resolve(params);
        });
        waiters.set(event, list);
      });
    },
    on(event, listener) {
      listeners.set(event, [...listeners.get(event) ?? [], listener]);
    },
    close() {
      socket.close();
    },
  };
}
