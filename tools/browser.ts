/**
 * Headless Chromium for the browser checks: open a page, screenshot it, and read the screenshot's
 * pixels (a small PNG decoder: 8-bit RGB or RGBA, not interlaced, as Chromium writes them).
 *
 * @module
 */

/** Where Debian installs Chromium. */
export const CHROMIUM = "/usr/bin/chromium";

/** Options of {@linkcode screenshot}. */
export interface ScreenshotOptions {
  /** Window width in CSS pixels. @default {1000} */
  width?: number;
  /** Window height in CSS pixels (the screenshot's height). @default {2000} */
  height?: number;
}

/**
 * Screenshot a page with headless Chromium, network off, in a fresh profile.
 *
 * @param url The page (`file://...`).
 * @param out Where to write the PNG.
 * @param options Window size.
 * @returns The PNG's path.
 */
export async function screenshot(
  url: string,
  out: string,
  options: ScreenshotOptions = {},
): Promise<string> {
  const profile = await Deno.makeTempDir({ prefix: "chromium-profile-" });
  try {
    const { success, stderr } = await new Deno.Command(CHROMIUM, {
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        `--user-data-dir=${profile}`,
        `--window-size=${options.width ?? 1000},${options.height ?? 2000}`,
        "--virtual-time-budget=2000",
        `--screenshot=${out}`,
        url,
      ],
      stdout: "null",
      stderr: "piped",
    }).output();
    if (!success) {
      throw new Error(`Chromium failed: ${new TextDecoder().decode(stderr).slice(-500)}`);
    }
    return out;
  } finally {
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  }
}

/** A decoded image: RGBA bytes, row after row. */
export interface Image {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/**
 * Decode a PNG (8-bit RGB or RGBA, not interlaced).
 *
 * @param bytes The file.
 * @returns Its pixels.
 */
export async function decodePng(bytes: Uint8Array): Promise<Image> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let width = 0, height = 0, colorType = 0;
  const data: Uint8Array[] = [];
  while (offset < bytes.length) {
    const length = view.getUint32(offset);
    const type = new TextDecoder().decode(bytes.subarray(offset + 4, offset + 8));
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      const h = new DataView(body.buffer, body.byteOffset, body.byteLength);
      [width, height, colorType] = [h.getUint32(0), h.getUint32(4), body[9]!];
      if (body[8] !== 8 || body[12] !== 0 || (colorType !== 2 && colorType !== 6)) {
        throw new Error("Unsupported PNG: only 8-bit RGB/RGBA, not interlaced");
      }
    } else if (type === "IDAT") {
      data.push(body);
    } else if (type === "IEND") {
      break;
    }
    offset += 12 + length;
  }
  const inflated = new Uint8Array(
    await new Response(
      new Blob(data as BlobPart[]).stream().pipeThrough(new DecompressionStream("deflate")),
    )
      .arrayBuffer(),
  );
  const channels = colorType === 6 ? 4 : 3;
  const stride = width * channels;
  const raw = new Uint8Array(height * stride);
  // Undo each row's filter (PNG spec 9.2), one loop per filter type; a Uint8Array wraps mod 256.
  for (let y = 0; y < height; y++) {
    const filter = inflated[y * (stride + 1)]!;
    const line = inflated.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const at = y * stride;
    const up = at - stride; // the row above, when y > 0
    if (filter === 0 || (filter === 2 && y === 0)) {
      raw.set(line, at);
    } else if (filter === 1 || (filter === 4 && y === 0)) {
      // Sub, and Paeth on the first row (where it picks the left byte).
      for (let x = 0; x < stride; x++) {
        raw[at + x] = line[x]! + (x >= channels ? raw[at + x - channels]! : 0);
      }
    } else if (filter === 2) {
      for (let x = 0; x < stride; x++) raw[at + x] = line[x]! + raw[up + x]!;
    } else if (filter === 3) {
      for (let x = 0; x < stride; x++) {
        const a = x >= channels ? raw[at + x - channels]! : 0;
        const b = y > 0 ? raw[up + x]! : 0;
        raw[at + x] = line[x]! + ((a + b) >> 1);
      }
    } else if (filter === 4) {
      for (let x = 0; x < channels; x++) raw[at + x] = line[x]! + raw[up + x]!;
      for (let x = channels; x < stride; x++) {
        const a = raw[at + x - channels]!;
        const b = raw[up + x]!;
        const c = raw[up + x - channels]!;
        const p = a + b - c;
        const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        raw[at + x] = line[x]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
    } else {
      throw new Error(`Unsupported PNG: unknown filter ${filter} in row ${y}`);
    }
  }
  if (channels === 4) return { width, height, rgba: raw };
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < width * height; i++, j += 3) {
    rgba[i * 4] = raw[j]!;
    rgba[i * 4 + 1] = raw[j + 1]!;
    rgba[i * 4 + 2] = raw[j + 2]!;
    rgba[i * 4 + 3] = 255;
  }
  return { width, height, rgba };
}

/**
 * The share of pixels in a rectangle that differ from white.
 *
 * @param image The image.
 * @param box `[x, y, width, height]` in pixels.
 * @returns From 0 (blank) to 1.
 */
export function inkShare(image: Image, [x0, y0, w, h]: [number, number, number, number]): number {
  let ink = 0;
  let all = 0;
  for (let y = y0; y < Math.min(image.height, y0 + h); y++) {
    for (let x = x0; x < Math.min(image.width, x0 + w); x++) {
      const i = (y * image.width + x) * 4;
      all++;
      if (image.rgba[i]! < 235 || image.rgba[i + 1]! < 235 || image.rgba[i + 2]! < 235) ink++;
    }
  }
  return all === 0 ? 0 : ink / all;
}
