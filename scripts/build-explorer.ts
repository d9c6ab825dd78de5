/**
 * `npm run build:explorer`: bundles the explorer (explorer/main.tsx and what it imports, all from node_modules: no
 * CDN) into build/explorer/ with content-hashed names, and writes build/explorer/manifest.json naming the files the
 * page loads. `npm start`, the test setup and the Docker build run it; it takes about a second.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const explorerBuildDir = join(root, 'build', 'explorer');

export interface ExplorerManifest {
  script: string;
  stylesheet: string;
  /** Bytes of each file written, for the record (README, BENCHMARKS.md). */
  bytes: Record<string, number>;
}

export async function buildExplorer({ outDir = explorerBuildDir, minify = true }: { outDir?: string; minify?: boolean } = {}): Promise<ExplorerManifest> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { app: 'explorer/main.tsx' },
    outdir: outDir,
    entryNames: '[name]-[hash]',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    jsx: 'automatic',
    tsconfig: 'explorer/tsconfig.json',
    minify,
    sourcemap: 'linked',
    legalComments: 'linked',
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    logLevel: 'warning',
  });
  const manifest: ExplorerManifest = { script: '', stylesheet: '', bytes: {} };
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    const name = relative(outDir, join(root, file));
    manifest.bytes[name] = output.bytes;
    if (output.entryPoint && name.endsWith('.js')) manifest.script = name;
    else if (name.endsWith('.css')) manifest.stylesheet = name;
  }
  if (!manifest.script || !manifest.stylesheet) throw new Error(`the explorer build wrote no script or stylesheet: ${Object.keys(manifest.bytes).join(', ')}`);
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const manifest = await buildExplorer();
  const kb = (name: string) => `${((manifest.bytes[name] ?? 0) / 1024).toFixed(0)} KiB`;
  console.log(`[stancegraph] explorer built in ${Date.now() - started} ms: ${manifest.script} (${kb(manifest.script)}), ${manifest.stylesheet} (${kb(manifest.stylesheet)})`);
}
