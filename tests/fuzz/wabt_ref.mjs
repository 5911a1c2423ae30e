// wabt_ref.mjs - the second reference of `make fuzz`: runs a module made by
// binaryen's fuzzer in wabt's interpreter and prints what happens in the
// notation of binaryen's interpreter, so that fuzz_host can compare with it.
//
//   node tests/fuzz/wabt_ref.mjs M.wasm > ref2.txt
//
// wasm-interp --run-all-exports calls the exported functions in order but only
// those without parameters, does not reset binaryen's hang limit before each
// call, and prints floats with six decimals (not exactly).  So the module is
// rewritten first, in text (wasm2wat --generate-names, then wat2wasm):
//  - every function export points at a wrapper that calls the module's
//    "hangLimitInitializer" (if exported) and then the function with zero
//    arguments, returning f32/f64 results as their bits (i32/i64);
//  - the log-f32/log-f64 imports become functions that pass the bits of their
//    argument to imports taking i32/i64.
// wasm-interp --dummy-import-func then prints every import call with its
// arguments, and each export's results or trap.  Events (see fuzz_host.c):
//   [fuzz-exec] calling NAME / [LoggingExternalInterface logging V] /
//   [fuzz-exec] note result: NAME => V / [trap MESSAGE]
// Exit status: 0 with the events on stdout, 2 if wabt could not run the module
// (reason on stderr): the reference is then unknown, not a verdict.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function fail(why) {
  process.stderr.write(`wabt_ref: ${why}\n`);
  process.exit(2);
}

function run(tool, args) {
  try {
    return execFileSync(tool, args, {
      encoding: "latin1",
      maxBuffer: 1 << 28,
      timeout: 20000,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (e) {
    if (tool === "wasm-interp" && e.stdout) return e.stdout; // ran, then failed: keep what it printed
    fail(`${tool} failed: ${(e.stderr || e.message || "").toString().split("\n")[0]}`);
  }
}

// ---- the module's text: types, functions, exports ----

const FLOAT_BITS = { f32: "i32", f64: "i64" };
const ZERO = { v128: "v128.const i64x2 0 0", funcref: "ref.null func", externref: "ref.null extern" };

// "(param i32 f64) (result i32)" -> { params: [...], results: [...] }
function parseSig(text) {
  const sig = { params: [], results: [] };
  for (const m of text.matchAll(/\((param|result)((?:\s+\$\S+)?(?:\s+[a-z0-9]+)*)\)/g)) {
    const types = m[2].trim().split(/\s+/).filter((t) => t && !t.startsWith("$"));
    (m[1] === "param" ? sig.params : sig.results).push(...types);
  }
  return sig;
}

function decodeName(quoted) {
  return Buffer.from(
    quoted.replace(/\\([0-9a-fA-F]{2})|\\(.)/g, (_, hex, ch) =>
      hex ? String.fromCharCode(parseInt(hex, 16)) : ch === "n" ? "\n" : ch === "t" ? "\t" : ch),
    "latin1",
  ).toString("utf8");
}

function rewrite(wat) {
  const lines = wat.trimEnd().split("\n");
  // the module's closing parenthesis ends its last line: take it off, put it back at the end
  if (!lines.length || !lines[lines.length - 1].endsWith(")")) fail("wasm2wat printed no module");
  lines[lines.length - 1] = lines[lines.length - 1].slice(0, -1);
  const types = new Map(); // $tN -> sig
  const funcs = new Map(); // $name -> sig
  const exports = []; // { name, func } in export order (functions only)
  const added = [];
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    let m;
    if ((m = line.match(/^\s*\(type (\$\S+) \(func(.*)\)\)\s*$/))) {
      types.set(m[1], parseSig(m[2]));
    } else if ((m = line.match(/^\s*\(import "fuzzing-support" "(log-f32|log-f64)" \(func (\$\S+) \(type (\$\S+)\)\)\)/))) {
      const float = m[1] === "log-f32" ? "f32" : "f64";
      const bits = FLOAT_BITS[float];
      lines[k] = `  (import "fuzzing-support" "${m[1]}" (func $w2l_${m[1]}_bits (param ${bits})))`;
      added.push(`  (func ${m[2]} (type ${m[3]}) (call $w2l_${m[1]}_bits (${bits}.reinterpret_${float} (local.get 0))))`);
      funcs.set(m[2], types.get(m[3]));
    } else if ((m = line.match(/^\s*\((?:import "[^"]*" "[^"]*" \()?func (\$\S+) \(type (\$\S+)\)/))) {
      funcs.set(m[1], types.get(m[2]));
    } else if ((m = line.match(/^(\s*)\(export "((?:[^"\\]|\\.)*)" \(func (\$\S+)\)\)\s*$/))) {
      const wrapper = `$w2l_export_${exports.length}`;
      exports.push({ name: decodeName(m[2]), func: m[3], wrapper });
      lines[k] = `${m[1]}(export "${m[2]}" (func ${wrapper}))`;
    }
  }
  const hang = exports.find((e) => e.name === "hangLimitInitializer");
  for (const e of exports) {
    const sig = funcs.get(e.func);
    if (!sig) fail(`no type for exported function ${e.func}`);
    e.results = sig.results;
    const out = sig.results.map((t) => FLOAT_BITS[t] || t);
    const body = [];
    if (hang) body.push(`call ${hang.func}`);
    for (const t of sig.params) body.push(ZERO[t] || `${t}.const 0`);
    body.push(`call ${e.func}`);
    if (sig.results.some((t) => FLOAT_BITS[t])) {
      // results to locals (last first), then back as bits
      for (let r = sig.results.length - 1; r >= 0; r--) body.push(`local.set ${r}`);
      sig.results.forEach((t, r) => {
        body.push(`local.get ${r}`);
        if (FLOAT_BITS[t]) body.push(`${FLOAT_BITS[t]}.reinterpret_${t}`);
      });
    }
    const locals = sig.results.some((t) => FLOAT_BITS[t]) ? ` (local ${sig.results.join(" ")})` : "";
    const result = out.length ? ` (result ${out.join(" ")})` : "";
    added.push(`  (func ${e.wrapper}${result}${locals}\n    ${body.join("\n    ")})`);
  }
  lines.push(...added, ")");
  return { text: lines.join("\n"), exports };
}

// ---- values in binaryen's notation ----

const view = new DataView(new ArrayBuffer(8));

function floatText(x) {
  return Number.isNaN(x) ? "nan" : Object.is(x, -0) ? "-0" : String(x);
}

// one wasm-interp value "i32:4294967295", "v128 i32x4:0x... 0x... 0x... 0x..."
// (with the type it had before the rewrite) -> binaryen's notation
function value(text, type) {
  if (type === "funcref" || type === "externref") return "ref"; // compared by presence only
  const m = text.match(/^(i32|i64|f32|f64|v128 i32x4):(.*)$/);
  if (!m) fail(`cannot read the value ${text}`);
  const v = m[2].trim();
  switch (type) {
    case "i32": return String(BigInt.asIntN(32, BigInt(v)));
    case "i64": return String(BigInt.asIntN(64, BigInt(v)));
    case "f32": view.setUint32(0, Number(BigInt(v))); return floatText(view.getFloat32(0));
    case "f64": view.setBigUint64(0, BigInt(v)); return floatText(view.getFloat64(0));
    case "v128": return `i32x4 ${v}`;
    default: fail(`unexpected value type ${type}`);
  }
}

// ---- running ----

const input = process.argv[2];
if (!input) fail("usage: node wabt_ref.mjs M.wasm");
const dir = mkdtempSync(join(tmpdir(), "wabt-ref-"));
try {
  // threads on for every module: enabling a feature changes nothing for the others
  const wat = run("wasm2wat", ["--enable-threads", "--enable-tail-call", "--generate-names", input]);
  const { text, exports } = rewrite(wat);
  writeFileSync(join(dir, "m.wat"), text);
  run("wat2wasm", ["--enable-threads", "--enable-tail-call", join(dir, "m.wat"), "-o", join(dir, "m.wasm")]);
  const printed = run("wasm-interp", [
    "--enable-threads", "--enable-tail-call", "--run-all-exports", "--dummy-import-func", "-C", "100000", "-V", "1000000", join(dir, "m.wasm"),
  ]);
  const out = [];
  let next = 0;
  const calling = () => {
    if (next < exports.length) out.push(`[fuzz-exec] calling ${exports[next].name}`);
  };
  calling();
  for (const line of printed.split("\n")) {
    let m;
    if ((m = line.match(/^called host fuzzing-support\.(log-[a-z0-9]+)\((.*)\) =>$/))) {
      const type = m[1].slice(4);
      let shown;
      if (type === "i64") {
        const x = BigInt.asUintN(64, BigInt(m[2].replace(/^i64:/, "")));
        shown = `${BigInt.asIntN(32, x)} ${BigInt.asIntN(32, x >> 32n)}`; // two halves, as binaryen
      } else {
        shown = value(m[2], type);
      }
      out.push(`[LoggingExternalInterface logging ${shown}]`);
    } else if (next < exports.length && line.startsWith(`${exports[next].name}() =>`)) {
      const rest = line.slice(`${exports[next].name}() =>`.length).trim();
      const e = exports[next];
      if (rest.startsWith("error:")) {
        out.push(`[trap ${rest.slice(6).trim()}]`);
      } else if (e.results.length) {
        const vals = rest.split(/, (?=(?:i32|i64|f32|f64|v128|funcref|externref)[ :])/);
        if (vals.length !== e.results.length) fail(`${e.name}: ${vals.length} results printed`);
        const shown = vals.map((v, r) => value(v, e.results[r]));
        out.push(`[fuzz-exec] note result: ${e.name} => ${shown.length > 1 ? `(${shown.join(", ")})` : shown[0]}`);
      }
      next++;
      calling();
    } else if (line.trim()) {
      fail(`unexpected output of wasm-interp: ${line}`);
    }
  }
  if (next < exports.length) fail(`wasm-interp stopped before calling ${exports[next].name}`);
  process.stdout.write(out.join("\n") + "\n");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
