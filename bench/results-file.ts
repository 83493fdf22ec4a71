// bench/RESULTS.md holds the figures of every benchmark, each in its own block between
// `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->`; a run replaces only its block
// (appending it when absent), so the hand-written notes around the blocks stay.
import fs from 'node:fs';

export const RESULTS_FILE = new URL('./RESULTS.md', import.meta.url);

export function writeBlock(name: string, markdown: string, file: URL = RESULTS_FILE): void {
	const start = `<!-- bench:${name}:start -->`;
	const end = `<!-- bench:${name}:end -->`;
	const block = `${start}\n${markdown.trim()}\n${end}`;
	const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n';
	const at = current.indexOf(start);
	const until = current.indexOf(end);
	const next =
		at >= 0 && until > at
			? current.slice(0, at) + block + current.slice(until + end.length)
			: `${current.trimEnd()}\n\n${block}\n`;
	fs.writeFileSync(file, next);
}
