// Prints where a V8 CPU profile (node --cpu-prof, e.g. `npm run bench -- --cpu-prof`) spent
// its time: the functions with the most self time, the files and packages they are in, and
// the project's own functions (server/, src/) by total time, callees included.
// Usage: node --import tsx bench/profile-top.ts <file.cpuprofile> [rows]
import fs from 'node:fs';
import { z } from 'zod';

const Profile = z.object({
	nodes: z.array(
		z.object({
			id: z.number(),
			callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
			children: z.array(z.number()).optional()
		})
	),
	samples: z.array(z.number()),
	timeDeltas: z.array(z.number())
});

const [file, rowsArg] = process.argv.slice(2);
if (!file) {
	process.stderr.write('usage: profile-top.ts <file.cpuprofile> [rows]\n');
	process.exit(1);
}
const rows = Number(rowsArg ?? 25);
const profile = Profile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
const ours = (url: string) =>
	(/\/(server|src)\//.test(url) || url.endsWith('/build/dais-server.js')) &&
	!url.includes('node_modules');
const total = new Map<string, number>();
const self = new Map<string, number>();
const byPlace = new Map<string, number>();
let sampled = 0;
const label = (frame: { functionName: string; url: string; lineNumber: number }) => {
	const place = frame.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, 'npm:');
	return `${frame.functionName || '(anonymous)'}  ${place}:${frame.lineNumber + 1}`;
};
profile.samples.forEach((id, i) => {
	const frame = byId.get(id);
	const dt = profile.timeDeltas[i] ?? 0;
	sampled += dt;
	const seen = new Set<string>();
	for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
		const f = byId.get(at);
		if (!f || !ours(f.url)) continue;
		const key = label(f);
		if (seen.has(key)) continue;
		seen.add(key);
		total.set(key, (total.get(key) ?? 0) + dt);
	}
	if (!frame) return;
	const place = frame.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, 'npm:');
	const name = label(frame);
	self.set(name, (self.get(name) ?? 0) + dt);
	const where = place.startsWith('npm:')
		? place
				.split('/')
				.slice(0, place.startsWith('npm:@') ? 2 : 1)
				.join('/')
		: place || frame.functionName;
	byPlace.set(where, (byPlace.get(where) ?? 0) + dt);
});
const show = (title: string, m: Map<string, number>) => {
	process.stdout.write(`\n${title} (of ${(sampled / 1000).toFixed(0)} ms sampled)\n`);
	for (const [name, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
		process.stdout.write(
			`${(us / 1000).toFixed(1).padStart(9)} ms  ${((100 * us) / sampled).toFixed(1).padStart(5)} %  ${name}\n`
		);
	}
};
show('self time by function', self);
show('self time by file or package', byPlace);
show('total time of project functions', total);
