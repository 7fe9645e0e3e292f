#!/usr/bin/env node
// Trunk post_build hook (Trunk.toml): minifies the wasm-bindgen JS glue of a release build in
// Trunk's staging directory. Trunk's own JS minifier fails on the glue (it cannot parse its
// `export { ... as default }`) and leaves it as written: esbuild takes it from 8.6 to 6.8 KB
// brotli (BENCHMARKS.md). Nothing to do for debug builds.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('minify-glue: TRUNK_STAGING_DIR is not set (run by Trunk as a post_build hook)');
  process.exit(2);
}
if (process.env.TRUNK_PROFILE === 'release') {
  // Imported here so that debug builds (`trunk serve`) do not need it.
  const { transformSync } = await import('esbuild');
  // The glue is the only JS module Trunk writes next to the wasm: `<bin>-<hash>.js`.
  const wasm = readdirSync(staging).filter((name) => name.endsWith('_bg.wasm'));
  for (const name of wasm.map((w) => w.replace(/_bg\.wasm$/, '.js'))) {
    const path = join(staging, name);
    const source = readFileSync(path, 'utf8');
    const { code } = transformSync(source, { minify: true, format: 'esm', target: 'es2020' });
    writeFileSync(path, code);
    console.log(`minify-glue: ${name} ${source.length} -> ${code.length} bytes`);
  }
}
