// `npm run lint`'s dependency check: the rules of .dependency-cruiser.cjs, plus one that
// dependency-cruiser cannot state: no cycle between the top-level folders of src/ (its folder
// rules see a folder's imports of the exact folder imported, so a cycle through a parent, such
// as src/a → src/b/c and src/b → src/a, would pass them).
import { execFileSync } from 'node:child_process';

const run = (args) =>
  JSON.parse(execFileSync('node_modules/.bin/depcruise', args, { encoding: 'utf8', maxBuffer: 1 << 28 }));

const result = run(['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json']);
const problems = result.summary.violations.map((v) =>
  v.cycle ? `${v.rule.name}: ${[v.from, ...v.cycle.map((c) => c.name ?? c)].join(' → ')}` : `${v.rule.name}: ${v.from} → ${v.to}`,
);

// Top-level folders (src/<folder>/…; a file directly in src/ is its own node).
const top = (path) => path.match(/^src\/([^/]+)\//)?.[1] ?? path;
const edges = new Map();
for (const module of result.modules) {
  for (const dependency of module.dependencies) {
    if (!dependency.resolved.startsWith('src/')) continue;
    const [from, to] = [top(module.source), top(dependency.resolved)];
    if (from === to) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from).has(to)) edges.get(from).set(to, `${module.source} → ${dependency.resolved}`);
  }
}
// A cycle exists when a folder reaches back to itself: report each folder pair on one.
const reaches = (from, target, seen = new Set()) => {
  for (const next of edges.get(from)?.keys() ?? []) {
    if (next === target) return true;
    if (!seen.has(next) && (seen.add(next), reaches(next, target, seen))) return true;
  }
  return false;
};
for (const [from, targets] of edges) {
  for (const [to, example] of targets) {
    if (reaches(to, from)) problems.push(`no-top-level-folder-cycles: src/${from} → src/${to} (${example}), and src/${to} leads back to src/${from}`);
  }
}

if (problems.length > 0) {
  process.stderr.write(`${problems.length} dependency rule(s) broken:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`dependency rules hold (${result.summary.totalCruised} modules, ${result.summary.totalDependenciesCruised} imports)\n`);
