#!/usr/bin/env node
// Trunk's post_build hook (Trunk.toml), on the build in Trunk's staging folder:
// 1. splits the wasm into the core and its lazily loaded parts (scripts/split-wasm.mjs);
// 2. in release builds, minifies the JavaScript beside the wasm: the wasm-bindgen glue (Trunk's
//    own minifier cannot parse its `export { ... as default }` and leaves it as written: esbuild
//    takes it from 8.6 to 6.8 KB brotli, BENCHMARKS.md) and the parts' loader.
// One hook, not two: Trunk runs the hooks of a stage at the same time.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { splitWasm } from './split-wasm.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
const root = process.env.TRUNK_SOURCE_DIR || process.cwd();
if (!staging) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run by Trunk as a post_build hook)');
  process.exit(2);
}
const profile = process.env.TRUNK_PROFILE === 'release' ? 'release' : 'debug';

const { core, parts } = splitWasm({ root, staging, profile });
console.log(`post-build: ${parts.length ? `parts ${parts.join(', ')}` : 'no parts to split out'}`);

if (profile === 'release') {
  // Imported here so that debug builds (`trunk serve`) do not need it.
  const { transformSync } = await import('esbuild');
  for (const name of [`${core}.js`, ...parts.filter((file) => file.endsWith('.js'))]) {
    const path = join(staging, name);
    const source = readFileSync(path, 'utf8');
    const { code } = transformSync(source, { minify: true, format: 'esm', target: 'es2020' });
    writeFileSync(path, code);
    console.log(`post-build: minified ${name} ${source.length} -> ${code.length} bytes`);
  }
}
