// Fails when a tracked file names a path outside the repository: users clone this repository
// alone, so a test, script or doc that reaches into a folder beside it works only on our
// machines. Every parent-relative path (`../x`) is resolved from the folder of the file that
// names it and must stay inside the repository; absolute paths into a checkout are refused too.
//   node scripts/check-paths.mjs
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
    for (const [found] of line.matchAll(machinePaths)) {
      problems.push(`${file}:${index + 1}: "${found}" is a path on one machine`);
    }
  });
}

if (problems.length > 0) {
  console.error(`Paths outside the repository (${problems.length}):`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log(`No tracked file names a path outside the repository (${files.length} files read).`);
