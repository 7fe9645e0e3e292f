// Step of every Trunk build (scripts/post-build.mjs): splits the app's wasm into its core and the
// parts it loads when they are first needed (src/parts.rs, issue 21; docs/performance.md).
//
// The app is built with the `split` feature (index.html), so each part is a `wasm_split` function
// and the linker kept its relocations (build.rs). Trunk cannot split (its issue 1022), so after
// Trunk has built, this step takes cargo's own output and does what the Leptos build tool does:
//   wasm-split-cli  -> the core, one module per part, and `__wasm_split.js` that fetches them
//   wasm-bindgen    -> the core's JS glue (`--keep-lld-exports`: the parts link to the core)
//   wasm-opt -Oz    -> each module, release builds only
// and puts them in Trunk's staging folder under Trunk's names for the core and its glue (which
// index.html's loader already names) and content-hashed names for the rest, so every file of
// the build can be cached for a year.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The wasm features the core is built for (as Trunk's wasm-opt was told in index.html before).
export const WASM_OPT_FEATURES = [
  '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-reference-types',
  '--enable-multivalue',
];

const LOADER = '__wasm_split';

/** `name-<16 hex digits of its SHA-256>.ext`: the shape of a hashed file of the build. */
export function hashedName(stem, ext, content) {
  return `${stem}-${createHash('sha256').update(content).digest('hex').slice(0, 16)}.${ext}`;
}

/** The core Trunk wrote: `<bin>-<hash>` with its `_bg.wasm` and `.js`. */
function trunkCore(staging) {
  const cores = readdirSync(staging)
    .filter((name) => name.endsWith('_bg.wasm'))
    .map((name) => name.slice(0, -'_bg.wasm'.length))
    .filter((stem) => existsSync(join(staging, `${stem}.js`)));
  if (cores.length !== 1) {
    throw new Error(`split-wasm: expected one wasm and its glue in ${staging}, found ${cores.length}`);
  }
  return cores[0];
}

/** Where cargo put the wasm Trunk just built from. */
function cargoWasm(root, bin, profile) {
  const targetDir =
    process.env.CARGO_TARGET_DIR ||
    JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps'], { cwd: root })).target_directory;
  return join(targetDir, 'wasm32-unknown-unknown', profile, `${bin}.wasm`);
}

function wasmOpt(root, from, to) {
  const local = join(root, 'node_modules', '.bin', 'wasm-opt');
  const tool = existsSync(local) ? local : 'wasm-opt';
  execFileSync(tool, ['-Oz', ...WASM_OPT_FEATURES, from, '-o', to], { stdio: 'inherit' });
}

/**
 * Splits the build in `staging` (Trunk's staging folder) in place. Returns the core's name
 * (`<bin>-<hash>`: its glue is `<core>.js`) and the files written for the parts and their loader
 * (none when the wasm has no split points: a build without the `split` feature).
 */
export function splitWasm({ root, staging, profile }) {
  const core = trunkCore(staging);
  const bin = core.replace(/-[0-9a-f]+$/, '');
  const input = cargoWasm(root, bin, profile);
  const work = mkdtempSync(join(tmpdir(), 'broadsheet-split-'));
  try {
    execFileSync('wasm-split-cli', ['--target', 'web', '--out-name', core, input, work], { stdio: 'inherit' });
    // `split_<part>.wasm` for each part, `chunk_<n>.wasm` for code that several parts share.
    const parts = readdirSync(work).filter((name) => /^(split|chunk)_\w+\.wasm$/.test(name));
    if (parts.length === 0) {
      if (profile === 'release') wasmOpt(root, join(staging, `${core}_bg.wasm`), join(staging, `${core}_bg.wasm`));
      return { core, parts: [] };
    }

    const bindgen = join(work, 'bindgen');
    execFileSync(
      'wasm-bindgen',
      ['--target', 'web', '--keep-lld-exports', '--no-typescript', '--out-dir', bindgen, '--out-name', core, join(work, `${core}.wasm`)],
      { stdio: 'inherit' },
    );

    const place = (from, to) => (profile === 'release' ? wasmOpt(root, from, to) : copyFileSync(from, to));
    let loader = readFileSync(join(work, `${LOADER}.js`), 'utf8');
    const written = [];
    for (const part of parts) {
      const optimised = join(work, `opt-${part}`);
      place(join(work, part), optimised);
      const content = readFileSync(optimised);
      const name = hashedName(part.slice(0, -'.wasm'.length), 'wasm', content);
      writeFileSync(join(staging, name), content);
      loader = replaceOnce(loader, `"./${part}"`, `"./${name}"`);
      written.push(name);
    }
    const loaderName = hashedName(LOADER, 'js', loader);
    writeFileSync(join(staging, loaderName), loader);
    // The glue imports the loader, once for each part (and names it as the wasm's import
    // module, which stays).
    const glue = readFileSync(join(bindgen, `${core}.js`), 'utf8').replaceAll(
      `from "./${LOADER}.js"`,
      `from "./${loaderName}"`,
    );
    writeFileSync(join(staging, `${core}.js`), glue);
    place(join(bindgen, `${core}_bg.wasm`), join(staging, `${core}_bg.wasm`));
    return { core, parts: [...written, loaderName] };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function replaceOnce(text, from, to) {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) {
    throw new Error(`split-wasm: expected ${from} exactly once in the generated JavaScript`);
  }
  return text.slice(0, at) + to + text.slice(at + from.length);
}
