import assert from "node:assert/strict";
import { join } from "node:path";
import { DEFAULT_API_URL, loadConfig, PROJECT_ROOT } from "./config.ts";
import { ConfigError } from "./errors.ts";

const SECRET = "s3cretVALUEnobodySees42";

async function withEnvFile(text: string, fn: (path: string) => void | Promise<void>) {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, ".env");
    await Deno.writeTextFile(path, text);
    await fn(path);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("loadConfig() without credentials gives defaults and no client id", () => {
  const config = loadConfig({ env: {}, envFile: false });
  assert.equal(config.clientId, undefined);
  assert.equal(config.clientSecret, undefined);
  assert.equal(config.apiUrl, DEFAULT_API_URL);
  assert.equal(config.accountsUrl, "https://accounts.spotify.com");
  assert.equal(config.mode, "auto");
});

Deno.test("loadConfig() caches under data/cache unless SPOTIFY_CACHE_DIR says where, or off", () => {
  const at = (value?: string) =>
    loadConfig({ env: value === undefined ? {} : { SPOTIFY_CACHE_DIR: value }, envFile: false })
      .cacheDir;
  assert.equal(at(), join(PROJECT_ROOT, "data", "cache"));
  assert.equal(at("tmp/answers"), join(PROJECT_ROOT, "tmp", "answers"));
  assert.equal(at("/var/cache/spotify"), "/var/cache/spotify");
  assert.equal(at("off"), false);
  assert.equal(at(""), join(PROJECT_ROOT, "data", "cache"), "empty, as in .env.example, is unset");
});

Deno.test("loadConfig() reads the .env file and real environment variables win", async () => {
  await withEnvFile(
    `# comment\nSPOTIFY_CLIENT_ID=fromfile123\nSPOTIFY_CLIENT_SECRET="${SECRET}"\nSPOTIFY_MODE=extended\n`,
    (envFile) => {
      const config = loadConfig({ env: { SPOTIFY_MODE: "development" }, envFile });
      assert.equal(config.clientId, "fromfile123");
      assert.equal(config.clientSecret?.reveal(), SECRET);
      assert.equal(config.mode, "development");
      assert.equal(config.envFile, envFile);
    },
  );
});

Deno.test("loadConfig() finds .env at the project root whatever the working directory", () => {
  const before = Deno.cwd();
  try {
    Deno.chdir(join(PROJECT_ROOT, "notebooks"));
    const config = loadConfig({ env: {} });
    const expected = (() => {
      try {
        Deno.statSync(join(PROJECT_ROOT, ".env"));
        return join(PROJECT_ROOT, ".env");
      } catch {
        return undefined;
      }
    })();
    assert.equal(config.envFile, expected);
  } finally {
    Deno.chdir(before);
  }
});

Deno.test("loadConfig() treats empty values, as in a copied .env.example, as unset", () => {
  const config = loadConfig({
    env: { SPOTIFY_CLIENT_ID: "", SPOTIFY_CLIENT_SECRET: "  ", SPOTIFY_MODE: "" },
    envFile: false,
  });
  assert.equal(config.clientId, undefined);
  assert.equal(config.mode, "auto");
});

Deno.test("loadConfig() names the missing half of a credential pair and points to .env.example", () => {
  assert.throws(
    () => loadConfig({ env: { SPOTIFY_CLIENT_ID: "abcdef123456" }, envFile: false }),
    (error: unknown) =>
      error instanceof ConfigError && error.variable === "SPOTIFY_CLIENT_SECRET" &&
      error.message.includes(".env.example"),
  );
  assert.throws(
    () => loadConfig({ env: { SPOTIFY_CLIENT_SECRET: SECRET }, envFile: false }),
    (error: unknown) => error instanceof ConfigError && error.variable === "SPOTIFY_CLIENT_ID",
  );
});

Deno.test("loadConfig() rejects malformed values with the variable's name and never the secret", () => {
  const cases: [Record<string, string>, string][] = [
    [{ SPOTIFY_MODE: "turbo" }, "SPOTIFY_MODE"],
    [{ SPOTIFY_API_URL: "not a url" }, "SPOTIFY_API_URL"],
    [{ SPOTIFY_ACCOUNTS_URL: "ftp://example.com" }, "SPOTIFY_ACCOUNTS_URL"],
    [{ SPOTIFY_API_URL: "https://user:pw@example.com/v1" }, "SPOTIFY_API_URL"],
    [{ SPOTIFY_CLIENT_ID: "has space", SPOTIFY_CLIENT_SECRET: SECRET }, "SPOTIFY_CLIENT_ID"],
    [
      { SPOTIFY_CLIENT_ID: "abcdef123456", SPOTIFY_CLIENT_SECRET: `"${SECRET} x` },
      "SPOTIFY_CLIENT_SECRET",
    ],
  ];
  for (const [env, variable] of cases) {
    assert.throws(
      () => loadConfig({ env, envFile: false }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.variable, variable);
        assert.ok(error.message.includes(variable));
        assert.ok(!error.message.includes(SECRET));
        return true;
      },
    );
  }
});

Deno.test("loadConfig() strips a trailing slash from base URLs", () => {
  const config = loadConfig({
    env: { SPOTIFY_API_URL: "http://127.0.0.1:9/v1/" },
    envFile: false,
  });
  assert.equal(config.apiUrl, "http://127.0.0.1:9/v1");
});

Deno.test("a loaded secret never appears when the config is printed or serialised", () => {
  const config = loadConfig({
    env: { SPOTIFY_CLIENT_ID: "abcdef123456", SPOTIFY_CLIENT_SECRET: SECRET },
    envFile: false,
  });
  assert.ok(!Deno.inspect(config).includes(SECRET));
  assert.ok(!JSON.stringify(config).includes(SECRET));
  assert.ok(!`${config.clientSecret}`.includes(SECRET));
});

Deno.test("loadConfig() refuses plain http to a host that is not loopback, naming the variable", () => {
  for (const variable of ["SPOTIFY_API_URL", "SPOTIFY_ACCOUNTS_URL"]) {
    assert.throws(
      () => loadConfig({ env: { [variable]: "http://api.example.com/v1" }, envFile: false }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.variable, variable);
        assert.match(error.message, new RegExp(`^Invalid ${variable} .*unencrypted`));
        return true;
      },
    );
    for (
      const ok of ["http://127.0.0.1:9", "http://[::1]:9", "http://localhost:9", "https://x.org"]
    ) {
      loadConfig({ env: { [variable]: ok }, envFile: false });
    }
  }
});

Deno.test("loadConfig() never echoes a value that runs into the next assignment, maybe a secret", async () => {
  for (
    const text of [
      `SPOTIFY_CLIENT_ID=abcdef123456 SPOTIFY_CLIENT_SECRET=${SECRET}\n`,
      `SPOTIFY_CLIENT_ID=abcdef123456SPOTIFY_CLIENT_SECRET=${SECRET}\n`,
      `SPOTIFY_MODE=auto SPOTIFY_CLIENT_SECRET=${SECRET}\nSPOTIFY_CLIENT_ID=abcdef123456\n`,
      `SPOTIFY_API_URL=https://x.org/v1 SPOTIFY_CLIENT_SECRET=${SECRET}\n`,
    ]
  ) {
    await withEnvFile(text, (envFile) => {
      assert.throws(() => loadConfig({ env: {}, envFile }), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.ok(!error.message.includes(SECRET), error.message);
        assert.ok(!error.message.includes("abcdef123456"), error.message);
        assert.match(error.message, /runs into another assignment \(SPOTIFY_CLIENT_SECRET=…\)/);
        assert.match(error.message, /on its own line/);
        return true;
      });
    });
  }
  assert.throws(
    () => loadConfig({ env: { SPOTIFY_CLIENT_ID: `x y ${SECRET}` }, envFile: false }),
    (error: unknown) => error instanceof ConfigError && !error.message.includes(SECRET),
  );
});

Deno.test("loadConfig() reads a .env with a byte-order mark or old Mac line ends", async () => {
  for (
    const text of [
      `\uFEFFSPOTIFY_CLIENT_ID=abcdef123456\nSPOTIFY_CLIENT_SECRET=${SECRET}\n`,
      `SPOTIFY_CLIENT_ID=abcdef123456\rSPOTIFY_CLIENT_SECRET=${SECRET}\r`,
    ]
  ) {
    await withEnvFile(text, (envFile) => {
      const config = loadConfig({ env: {}, envFile });
      assert.equal(config.clientId, "abcdef123456");
      assert.equal(config.clientSecret?.reveal(), SECRET);
    });
  }
});
