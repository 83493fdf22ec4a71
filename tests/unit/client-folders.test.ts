// src/lib/client and src/lib/components hold what several routes use; what one route uses
// sits beside it under src/routes (src/README.md). These tests read the imports of every file
// under src/ and hold the folders to that: a file in those two that only one route reaches
// fails, and so does a file beside a route that another route, or src/lib, imports.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');
const LIB = path.join(SRC, 'lib');
const ROUTES = path.join(SRC, 'routes');

function filesUnder(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const file = path.join(dir, entry.name);
		if (entry.isDirectory()) return filesUnder(file);
		return /\.(ts|js|svelte)$/.test(entry.name) ? [file] : [];
	});
}

/** `from '…'`, `import '…'`, `import('…')` (also `typeof import('…')`): what a file names. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

/** The files of src/ that `file` imports (packages and SvelteKit's generated types left out). */
function importsOf(file: string): string[] {
	const text = fs.readFileSync(file, 'utf8');
	return [...text.matchAll(SPECIFIER)].flatMap(([, specifier]) => {
		const target = specifier!.startsWith('$lib/')
			? path.join(LIB, specifier!.slice('$lib/'.length))
			: specifier!.startsWith('#shared/')
				? path.join(LIB, 'shared', specifier!.slice('#shared/'.length))
				: specifier!.startsWith('.')
					? path.resolve(path.dirname(file), specifier!)
					: null;
		return target && fs.existsSync(target) && fs.statSync(target).isFile() ? [target] : [];
	});
}

const isRouteFile = (file: string) => path.basename(file).startsWith('+');
/** The directory of the route `file` belongs to: the nearest one with a `+` file. */
function routeDirOf(file: string): string {
	for (let dir = path.dirname(file); dir.startsWith(ROUTES); dir = path.dirname(dir)) {
		if (fs.readdirSync(dir).some((name) => name.startsWith('+'))) return dir;
	}
	throw new Error(`${file} is under no route`);
}
const routeName = (dir: string) => `/${path.relative(ROUTES, dir).split(path.sep).join('/')}`;

const files = filesUnder(SRC);
const imports = new Map(files.map((file) => [file, importsOf(file)]));
/** every page of the app, by its directory */
const pages = files
	.filter((file) => /^\+page\.(svelte|ts)$/.test(path.basename(file)))
	.map((file) => path.dirname(file));

/**
 * The pages a route file serves: a `+page` file its own; a layout or error page every page
 * at or below its directory (the root layout is part of every page).
 */
function pagesOf(routeFile: string): string[] {
	const dir = path.dirname(routeFile);
	if (!/^\+(layout|error)/.test(path.basename(routeFile))) return [dir];
	return [...new Set(pages)].filter((page) => page === dir || page.startsWith(dir + path.sep));
}

/** For each file of src/, the pages (by route name) whose route files reach it by imports. */
const users = new Map<string, Set<string>>();
for (const routeFile of files.filter(isRouteFile)) {
	const served = pagesOf(routeFile).map(routeName);
	const seen = new Set<string>();
	const todo = [...imports.get(routeFile)!];
	while (todo.length > 0) {
		const file = todo.pop()!;
		if (seen.has(file)) continue;
		seen.add(file);
		for (const page of served) users.set(file, (users.get(file) ?? new Set()).add(page));
		if (!isRouteFile(file)) todo.push(...(imports.get(file) ?? []));
	}
}

const relative = (file: string) => path.relative(SRC, file).split(path.sep).join('/');

describe('the client folders', () => {
	const shared = files.filter((file) =>
		['client', 'components'].some((dir) => file.startsWith(path.join(LIB, dir) + path.sep))
	);

	it('see the imports of every page (the page context reaches them all)', () => {
		const context = users.get(path.join(LIB, 'client/context.ts'));
		expect([...(context ?? [])].sort()).toEqual([...new Set(pages.map(routeName))].sort());
	});

	it('keep in src/lib/client and src/lib/components only what several routes use', () => {
		const single = shared
			.filter((file) => users.get(file)?.size === 1)
			.map((file) => `${relative(file)} (only ${[...users.get(file)!][0]})`);
		expect(single, 'move these beside the route that uses them').toEqual([]);
	});

	it('keep what sits beside a route to that route', () => {
		const strays = files.flatMap((importer) =>
			imports
				.get(importer)!
				.filter((file) => file.startsWith(ROUTES + path.sep) && !isRouteFile(file))
				.filter(
					(file) =>
						!importer.startsWith(ROUTES + path.sep) || routeDirOf(importer) !== routeDirOf(file)
				)
				.map((file) => `${relative(importer)} imports ${relative(file)}`)
		);
		expect(strays, 'what several routes use belongs in src/lib').toEqual([]);
	});
});
