// Resolves the `@/` alias (tsconfig, WXT) and relative imports for eslint-plugin-boundaries, without extra packages.
const { existsSync, statSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const EXTENSIONS = ['', '.ts', '.tsx', '.js', '.mjs', '/index.ts', '/index.tsx'];

exports.interfaceVersion = 2;
exports.resolve = (source, file) => {
  let base;
  if (source.startsWith('@/')) base = path.join(ROOT, source.slice(2));
  else if (source.startsWith('.')) base = path.resolve(path.dirname(file), source);
  else return { found: false };
  for (const extension of EXTENSIONS) {
    const candidate = base + extension;
    if (existsSync(candidate) && statSync(candidate).isFile()) return { found: true, path: candidate };
  }
  return { found: false };
};
