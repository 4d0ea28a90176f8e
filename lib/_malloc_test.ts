import assert from "node:assert/strict";
import { keepFreedMemory } from "./_malloc.ts";

/** Page faults of this thread so far (the calling thread does the touching below). */
function faults(): number {
  const fields = Deno.readTextFileSync("/proc/thread-self/stat").split(") ")[1]!.split(" ");
  return Number(fields[7]);
}

function wholeFfiGrant(): boolean {
  const ffi = Deno.permissions.querySync({ name: "ffi" });
  return ffi.state === "granted" && !ffi.partial;
}

function hugePagesAlways(): boolean {
  try {
    return Deno.readTextFileSync("/sys/kernel/mm/transparent_hugepage/enabled").includes(
      "[always]",
    );
  } catch {
    return false;
  }
}

Deno.test({
  name: "keepFreedMemory(): a freed 16 MB block is reused without touching new pages",
  // Where FFI is not wholly allowed there is nothing to tune; where the kernel backs memory with
  // huge pages anyway, fresh memory faults too rarely to tell.
  ignore: Deno.build.os !== "linux" || !wholeFfiGrant() || hugePagesAlways(),
  fn() {
    assert.equal(keepFreedMemory(), true, "mallopt should apply under glibc with FFI allowed");
    const libc = Deno.dlopen("libc.so.6", {
      malloc: { parameters: ["usize"], result: "pointer" },
      free: { parameters: ["pointer"], result: "void" },
      memset: { parameters: ["pointer", "i32", "usize"], result: "pointer" },
    });
    try {
      const size = 16n * 2n ** 20n;
      const { malloc, free, memset } = libc.symbols;
      const first = malloc(size);
      memset(first, 1, size);
      free(first);
      const second = malloc(size);
      const before = faults();
      memset(second, 2, size);
      const touched = faults() - before;
      free(second);
      // Fresh memory would fault once per 4 KiB page: 4,096 times.
      assert.ok(touched < 256, `writing reused memory faulted ${touched} times`);
    } finally {
      libc.close();
    }
  },
});
