// node-run.cjs WASM NAME DATA_DIR [ARGS...] - run a WASI program under node's
// node:wasi (the reference for tests/suites/wasi.sh): argv[0] NAME, DATA_DIR
// granted as /data, the environment GREETING=hello and EMPTY=; exits with the
// program's exit code.
const fs = require("node:fs");
const { WASI } = require("node:wasi");
const [wasm, name, data, ...args] = process.argv.slice(2);
const wasi = new WASI({
  version: "preview1",
  args: [name, ...args],
  env: { GREETING: "hello", EMPTY: "" },
  preopens: { "/data": data },
  returnOnExit: true,
});
const mod = new WebAssembly.Module(fs.readFileSync(wasm));
const instance = new WebAssembly.Instance(mod, wasi.getImportObject());
process.exitCode = wasi.start(instance);
