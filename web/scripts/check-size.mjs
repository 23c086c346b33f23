#!/usr/bin/env node
// Guards the first-load budget: the JS a browser must fetch before anything is interactive, i.e. every script
// that dist/index.html references directly. Lazy chunks are excluded on purpose; they load after first paint.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 350;
const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');

function attr(tag, name) {
  return tag.match(new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i'))?.[1];
}

const files = new Set();
for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
  const src = attr(tag, 'src');
  if (src) files.add(src);
}
for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
  const rel = attr(tag, 'rel') ?? '';
  const href = attr(tag, 'href');
  if (href && rel.split(/\s+/).includes('modulepreload')) files.add(href);
}

const scripts = [...files].filter((f) => !/^[a-z]+:\/\//i.test(f) && !f.startsWith('//'));
if (scripts.length === 0) {
  console.error('check-size: no scripts found in dist/index.html; is the build broken?');
  process.exit(1);
}

let total = 0;
for (const src of scripts) {
  const bytes = gzipSync(readFileSync(join(dist, src.replace(/^\//, '').split(/[?#]/)[0])), { level: 9 }).length;
  total += bytes;
  console.log(`  ${(bytes / 1024).toFixed(1).padStart(7)} KB  ${src}`);
}

const totalKb = total / 1024;
console.log(`initial JS (gzip): ${totalKb.toFixed(1)} KB of ${BUDGET_KB} KB budget`);
if (totalKb > BUDGET_KB) {
  console.error(`check-size: initial JS is ${(totalKb - BUDGET_KB).toFixed(1)} KB over budget`);
  process.exit(1);
}
