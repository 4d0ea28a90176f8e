/**
 * Lets the process reuse the memory polars frees instead of giving it back to the system at once.
 *
 * glibc's `malloc` serves big allocations with their own `mmap` and unmaps them when freed, and
 * returns the top of its heap to the system past 128 KiB. Every new frame then writes into fresh
 * pages, and on a virtual machine a fresh page is expensive: measured here, touching 200 MB of new
 * memory takes 750–1000 ms, the same bytes a second time 10 ms. nodejs-polars allocates through
 * the process's `malloc`, so reading a 160 MB frame cost about 800 ms in page faults and 25–90 ms
 * in work. With allocations up to 32 MiB kept in the heap (glibc's upper limit for that setting)
 * and up to 256 MiB of freed memory kept for reuse, the next frame, join or filter writes into
 * pages the process already has.
 *
 * Done once, when `lib/mod.ts` is imported, through `mallopt(3)` over FFI: only on Linux with
 * glibc, and only when FFI is already allowed for every library (a notebook's Deno kernel, `deno
 * run -A`); it never asks for the permission. Elsewhere nothing changes.
 *
 * @module
 */

/** `mallopt` parameters (glibc's malloc.h). */
const M_TRIM_THRESHOLD = -1;
const M_MMAP_THRESHOLD = -3;
/** The largest value glibc accepts for `M_MMAP_THRESHOLD` on 64-bit systems. */
const MMAP_THRESHOLD = 32 * 2 ** 20;
/** Freed memory at the top of the heap kept for reuse before it goes back to the system. */
const TRIM_THRESHOLD = 256 * 2 ** 20;

/**
 * Tune glibc's `malloc` to keep freed memory for reuse, where that is possible without asking.
 *
 * @returns Whether the settings were applied.
 */
export function keepFreedMemory(): boolean {
  if (Deno.build.os !== "linux") return false;
  // Only a grant for every library: under a partial one, Deno would look for "libc.so.6" in the
  // working folder first.
  const ffi = Deno.permissions.querySync({ name: "ffi" });
  if (ffi.state !== "granted" || ffi.partial) return false;
  let libc;
  try {
    libc = Deno.dlopen("libc.so.6", {
      mallopt: { parameters: ["i32", "i32"], result: "i32" },
    });
  } catch {
    return false; // not glibc (musl has no mallopt to speak of): nothing to tune
  }
  try {
    // mallopt returns 1 on success.
    return libc.symbols.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) === 1 &&
      libc.symbols.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) === 1;
  } finally {
    libc.close();
  }
}

keepFreedMemory();
