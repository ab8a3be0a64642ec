/**
 * Line and branch coverage of src/ from the whole suite, the end-to-end runs of the bundle included.
 *
 * 1. Builds a source-mapped bundle into a temporary folder (a copy of src/ with `sourceMap` on, so the maps
 *    reach the TypeScript and not ncc's intermediate JavaScript); dist/ is never touched.
 * 2. Runs Jest with V8 coverage of what the tests load in-process, every run of the action pointed at the
 *    temporary bundle with NODE_V8_COVERAGE set (scripts/local-runner.ts: ACTION_ENTRY, ACTION_V8_COVERAGE).
 * 3. Maps the V8 coverage of those child processes back to src/ through the bundle's source maps and merges
 *    it with Jest's (istanbul merges by location, so a line counts once whichever side ran it).
 *
 *   npm run coverage -- [--out FILE] [--files] [--keep | --reuse DIR] [<jest arguments, e.g. test paths>]
 *
 * --files lists every file of src/, most missed branches first, with its uncovered lines and the lines of its
 * missed branches.
 *
 * Prints the figures (in-process, bundle, combined; the test count) and writes them as JSON with --out.
 * A failing test still gives figures, and the exit code is Jest's.
 */
import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, posix, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import libCoverage, { type CoverageMap, type CoverageMapData } from 'istanbul-lib-coverage'
import v8ToIstanbul from 'v8-to-istanbul'
import { mergeProcessCovs, type FunctionCov, type ProcessCov } from '@bcoe/v8-coverage'
import { eachMapping, TraceMap } from '@jridgewell/trace-mapping'

const root = resolve(import.meta.dirname, '..')
const srcDir = join(root, 'src') + sep

interface Figures {
  lines: { covered: number; total: number; pct: number }
  branches: { covered: number; total: number; pct: number }
  files: number
}

interface Args {
  out?: string
  /** Keep the temporary folder (bundle, raw coverage, Jest's results). */
  keep: boolean
  /** A kept folder: recompute the figures from it without building or running anything. */
  reuse?: string
  /** Print each file's line coverage too. */
  files: boolean
  jest: string[]
}

function parseArgs(argv: string[]): Args {
  const jest: string[] = []
  let out: string | undefined
  let reuse: string | undefined
  let keep = false
  let files = false
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--files') files = true
    else if (argv[i] === '--out') out = resolve(argv[++i])
    else if (argv[i] === '--reuse') reuse = resolve(argv[++i])
    else if (argv[i] === '--keep') keep = true
    else jest.push(argv[i])
  }
  return { out, keep, reuse, files, jest }
}

/** ncc build of a copy of src/ with source maps down to the TypeScript; returns the bundle's folder. */
function buildBundle(tmp: string): void {
  const build = join(tmp, 'build')
  mkdirSync(build)
  cpSync(join(root, 'src'), join(build, 'src'), { recursive: true })
  cpSync(join(root, 'package.json'), join(build, 'package.json'))
  symlinkSync(join(root, 'node_modules'), join(build, 'node_modules'), 'dir')
  const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'))
  tsconfig.compilerOptions.sourceMap = true
  writeFileSync(join(build, 'tsconfig.json'), JSON.stringify(tsconfig))
  const bundleDir = join(build, 'dist')
  const ncc = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'),
      'build',
      'src/index.ts',
      '-o',
      bundleDir,
      '--source-map',
      '--no-source-map-register',
      '--license',
      'licenses.txt',
      '-q'
    ],
    { cwd: build, stdio: 'inherit' }
  )
  if (ncc.status !== 0) throw new Error('ncc build of the source-mapped bundle failed')
}

/** The merged V8 coverage of every child process that ran a script of the bundle. */
function bundleCoverage(v8Dir: string, bundleDir: string): ProcessCov {
  const prefix = pathToFileURL(bundleDir).href + '/'
  const processes: ProcessCov[] = []
  for (const f of existsSync(v8Dir) ? readdirSync(v8Dir) : []) {
    if (!f.endsWith('.json')) continue
    const cov = JSON.parse(readFileSync(join(v8Dir, f), 'utf8')) as ProcessCov
    const result = cov.result.filter(s => s.url.startsWith(prefix))
    if (result.length > 0) processes.push({ result })
  }
  return mergeProcessCovs(processes)
}

/**
 * Webpack wraps each module in a function whose first and last lines map to no source: v8-to-istanbul then
 * files a module that never ran under the bundle's first source instead of its own. Each range whose start
 * (or end) sits where nothing is mapped is narrowed to the first (last) mapped position inside it.
 */
function snapToMapped(file: string, functions: FunctionCov[]): FunctionCov[] {
  const code = readFileSync(file, 'utf8')
  const lineStarts = [0]
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) lineStarts.push(i + 1)
  const mapped: number[] = []
  eachMapping(new TraceMap(readFileSync(`${file}.map`, 'utf8')), m => {
    if (m.source) mapped.push(lineStarts[m.generatedLine - 1] + m.generatedColumn)
  })
  mapped.sort((a, b) => a - b)
  // Index of the first mapped offset >= x.
  const lowerBound = (x: number): number => {
    let [lo, hi] = [0, mapped.length]
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (mapped[mid] < x) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  const lineStartOf = (offset: number): number => {
    let [lo, hi] = [0, lineStarts.length - 1]
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (lineStarts[mid] <= offset) lo = mid
      else hi = mid - 1
    }
    return lineStarts[lo]
  }
  // A mapping at or before `offset` on its own line.
  const mappedAt = (offset: number): boolean => {
    const i = lowerBound(offset + 1) - 1
    return i >= 0 && mapped[i] >= lineStartOf(offset)
  }
  return functions.map(fn => ({
    ...fn,
    ranges: fn.ranges.flatMap(r => {
      let { startOffset, endOffset } = r
      if (!mappedAt(startOffset)) startOffset = mapped[lowerBound(startOffset)] ?? endOffset
      if (!mappedAt(endOffset - 1)) {
        const i = lowerBound(endOffset) - 1
        endOffset = i >= 0 ? mapped[i] + 1 : startOffset
      }
      return startOffset < endOffset ? [{ ...r, startOffset, endOffset }] : []
    })
  }))
}

/** The bundle's coverage mapped back to src/ (the repository's paths). */
async function mapToSources(cov: ProcessCov, buildSrc: string): Promise<CoverageMap> {
  const map = libCoverage.createCoverageMap({})
  for (const script of cov.result) {
    const file = fileURLToPath(script.url)
    // ncc writes sources as '.././src/…'; the positions v8-to-istanbul looks up name them normalized.
    const sourcemap = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as {
      version: 3
      sources: string[]
      mappings: string
      names: string[]
    }
    sourcemap.sources = sourcemap.sources.map(s => (s.startsWith('.') ? posix.normalize(s) : s))
    const converter = v8ToIstanbul(
      file,
      0,
      // originalSource is read only for a map of one source.
      { source: readFileSync(file, 'utf8'), originalSource: '', sourceMap: { sourcemap } },
      // Relative (as the map names them) or resolved: keep src/, leave the SDKs' sources out.
      path => !/(^|\/)src\//.test(path) || path.includes('node_modules')
    )
    await converter.load()
    converter.applyCoverage(snapToMapped(file, script.functions))
    const data = converter.toIstanbul() as CoverageMapData
    for (const [file, fc] of Object.entries(data)) {
      if (!file.startsWith(buildSrc)) continue
      const path = join(root, 'src', file.slice(buildSrc.length))
      map.merge({ [path]: { ...fc, path } } as CoverageMapData)
    }
  }
  return map
}

function figures(map: CoverageMap): Figures {
  const summary = libCoverage.createCoverageSummary()
  let files = 0
  for (const file of map.files()) {
    if (!file.startsWith(srcDir)) continue
    summary.merge(map.fileCoverageFor(file).toSummary())
    files++
  }
  const pick = (m: { covered: number; total: number; pct: number }) => ({
    covered: m.covered,
    total: m.total,
    pct: m.pct
  })
  return { lines: pick(summary.lines), branches: pick(summary.branches), files }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const tmp = args.reuse ?? mkdtempSync(join(tmpdir(), 'coverage-'))
  const started = Date.now()
  const bundleDir = join(tmp, 'build', 'dist')
  const v8Dir = join(tmp, 'v8')
  const results = join(tmp, 'results.json')
  try {
    let status: number | null = 0
    if (!args.reuse) {
      buildBundle(tmp)
      status = spawnSync(
        process.execPath,
        [
          join(root, 'node_modules/jest/bin/jest.js'),
          '--coverage',
          '--coverageProvider=v8',
          '--coverageReporters=json',
          `--coverageDirectory=${join(tmp, 'jest')}`,
          '--collectCoverageFrom=src/**/*.ts',
          '--json',
          `--outputFile=${results}`,
          ...args.jest
        ],
        {
          cwd: root,
          stdio: 'inherit',
          env: {
            ...process.env,
            NODE_OPTIONS: '--experimental-vm-modules',
            NODE_NO_WARNINGS: '1',
            ACTION_ENTRY: join(bundleDir, 'index.js'),
            ACTION_V8_COVERAGE: v8Dir
          }
        }
      ).status
    }
    const inProcess = libCoverage.createCoverageMap(
      JSON.parse(readFileSync(join(tmp, 'jest', 'coverage-final.json'), 'utf8')) as CoverageMapData
    )
    const bundle = await mapToSources(bundleCoverage(v8Dir, bundleDir), join(tmp, 'build', 'src') + sep)
    const combined = libCoverage.createCoverageMap({})
    combined.merge(inProcess)
    combined.merge(bundle)
    const run = JSON.parse(readFileSync(results, 'utf8')) as {
      numTotalTests: number
      numFailedTests: number
      numTotalTestSuites: number
    }
    const report = {
      commit: spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim(),
      date: new Date().toISOString(),
      wallSeconds: Math.round((Date.now() - started) / 1000),
      suites: run.numTotalTestSuites,
      tests: run.numTotalTests,
      failedTests: run.numFailedTests,
      inProcess: figures(inProcess),
      bundle: figures(bundle),
      combined: figures(combined)
    }
    const row = (name: string, f: Figures) =>
      `${name.padEnd(11)} lines ${f.lines.pct.toFixed(2)}% (${f.lines.covered}/${f.lines.total})  ` +
      `branches ${f.branches.pct.toFixed(2)}% (${f.branches.covered}/${f.branches.total})  files ${f.files}`
    if (args.files) {
      // Most branches missed first: where a test would add the most.
      const rows = combined
        .files()
        .filter(f => f.startsWith(srcDir))
        .map(f => {
          const fc = combined.fileCoverageFor(f)
          const sum = fc.toSummary()
          return {
            file: f.slice(root.length + 1),
            sum,
            missedBranches: sum.branches.total - sum.branches.covered,
            uncoveredLines: fc.getUncoveredLines().join(','),
            branchLines: Object.entries(fc.getBranchCoverageByLine())
              .filter(([, b]) => b.covered < b.total)
              .map(([line]) => line)
              .join(',')
          }
        })
        .sort((a, b) => b.missedBranches - a.missedBranches)
      for (const r of rows)
        process.stdout.write(
          `${r.file} lines ${r.sum.lines.covered}/${r.sum.lines.total} branches ` +
            `${r.sum.branches.covered}/${r.sum.branches.total} uncovered lines ${r.uncoveredLines}` +
            ` branches missed at ${r.branchLines}\n`
        )
    }
    process.stdout.write(
      `\ncoverage of src/ (${report.tests} tests in ${report.suites} files, ${report.failedTests} failed; ` +
        `${report.wallSeconds} s)\n` +
        [
          row('in-process', report.inProcess),
          row('bundle', report.bundle),
          row('combined', report.combined)
        ].join('\n') +
        '\n'
    )
    if (args.out) writeFileSync(args.out, JSON.stringify(report, null, 2) + '\n')
    process.exitCode = status ?? 1
  } finally {
    if (args.keep || args.reuse) process.stdout.write(`kept ${tmp}\n`)
    else rmSync(tmp, { recursive: true, force: true })
  }
}

main().catch(e => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`)
  process.exit(1)
})
