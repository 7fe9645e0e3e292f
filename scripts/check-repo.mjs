// Checks that the repository stands on its own, as users clone it alone:
// - no tracked file names a path outside it (a test, script or doc that reaches into a folder
//   beside it works only on our machines): every parent-relative path (`../x`) is resolved from
//   the folder of the file that names it and must stay inside; absolute paths into a checkout
//   are refused too;
// - the files people look for are there, and every crate and package.json name the licence
//   that LICENSE holds;
// - every `make TARGET` that a doc, script or config mentions is a target of the Makefile.
//   node scripts/check-repo.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Lock files name only registry packages; binary files have no paths to read.
const skipped = /(^|\/)(Cargo\.lock|package-lock\.json)$|\.(png|jpe?g|gif|webp|ico|bin|wasm|br|gz)$/;
// `../` runs not preceded by a name character (so `a/../b` inside a URL is left to the URL).
const parentRelative = /(?<![\w.\/-])((?:\.\.\/)+[\w.@%+-]*(?:\/[\w.@%+-]+)*|\.\.(?=["'`\s)]))/g;
// Absolute paths of a machine's checkout, which no other machine has.
const machinePaths = /(?<![\w.:\/-])\/(?:work|home|Users|root)\/[\w.-]+/g;

const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((file) => file && !skipped.test(file));

const makeTargets = new Set(
  [...readFileSync(path.join(root, 'Makefile'), 'utf8').matchAll(/^([\w-]+):/gm)].map(([, name]) => name),
);
// A command in backticks (`make run`, `PORT=9000 make run`) or a command line in a code block
// or script that starts with it.
const makeCommand = /(?:`|^\s*)(?:[A-Z_]+=\S* )*make ([a-z][\w-]*)/g;

const problems = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(path.join(root, file), 'utf8');
  } catch {
    continue; // listed but deleted in the work tree: nothing to read
  }
  if (text.includes('\0')) continue;
  const folder = path.dirname(path.join(root, file));
  text.split('\n').forEach((line, index) => {
    for (const [found] of line.matchAll(parentRelative)) {
      const target = path.resolve(folder, found);
      const relative = path.relative(root, target);
      if (relative.startsWith('..') || path.isAbsolute(relative)) {
        problems.push(`${file}:${index + 1}: "${found}" leaves the repository`);
      }
    }
    for (const [, target] of line.matchAll(makeCommand)) {
      if (!makeTargets.has(target)) {
        problems.push(`${file}:${index + 1}: "make ${target}" is not a target of the Makefile`);
      }
    }
    for (const [found] of line.matchAll(machinePaths)) {
      problems.push(`${file}:${index + 1}: "${found}" is a path on one machine`);
    }
  });
}

for (const file of ['LICENSE', 'README.md', 'CHANGELOG.md', 'CONTRIBUTING.md', 'contract/README.md']) {
  if (!files.includes(file)) problems.push(`${file}: missing`);
}
const licence = /^license = "([^"]+)"/m.exec(readFileSync(path.join(root, 'Cargo.toml'), 'utf8'))?.[1];
if (licence !== 'MIT') problems.push(`Cargo.toml: the workspace licence is ${licence}, LICENSE is MIT`);
if (files.includes('LICENSE') && !readFileSync(path.join(root, 'LICENSE'), 'utf8').startsWith('MIT License')) {
  problems.push('LICENSE: not the MIT licence that Cargo.toml names');
}
for (const manifest of files.filter((file) => file.endsWith('Cargo.toml') && file !== 'Cargo.toml')) {
  const text = readFileSync(path.join(root, manifest), 'utf8');
  if (!/^license(\.workspace = true| = "MIT")$/m.test(text)) problems.push(`${manifest}: no MIT licence`);
}
for (const manifest of files.filter((file) => file.endsWith('package.json'))) {
  const declared = JSON.parse(readFileSync(path.join(root, manifest), 'utf8')).license;
  if (declared !== 'MIT') problems.push(`${manifest}: "license" is ${declared}, not MIT`);
}

if (problems.length > 0) {
  console.error(`The repository does not stand on its own (${problems.length}):`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log(`${files.length} tracked files: no path outside the repository; licence and front files in place.`);
