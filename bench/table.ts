/** Prints a bench's figures as aligned columns: what was measured, the figure, its baseline, the comparison. */
export function printTable(title: string, rows: readonly (readonly [string, string, string, string])[]): void {
  process.stdout.write(`\n${title}\n`);
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length)));
  for (const row of rows) process.stdout.write(`  ${row.map((cell, c) => cell.padEnd(widths[c])).join('  ')}\n`);
}
