#!/usr/bin/env node
// Writes brotli (.br) and gzip (.gz) copies of the build's hashed files (wasm, JS, CSS) next to
// them, so the backend serves them compressed at the best level without compressing per request.
// Files without a content hash (config.json, index.html) are left alone: a deployer may edit them
// after the build, and a stale compressed copy would hide the edit.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = path.resolve(process.argv[2] ?? 'dist');
const HASHED = /-[0-9a-f]{12,20}(_bg)?\.(wasm|js|css)$/;

for (const name of readdirSync(dist).filter((name) => HASHED.test(name))) {
  const file = path.join(dist, name);
  const body = readFileSync(file);
  const br = brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  const gz = gzipSync(body, { level: 9 });
  writeFileSync(`${file}.br`, br);
  writeFileSync(`${file}.gz`, gz);
  console.log(`${name}: ${body.length} B, brotli ${br.length} B, gzip ${gz.length} B`);
}
