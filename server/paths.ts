// Where the server finds its files, from the project root. This module sits one level below
// the root, as does the compiled server (build/dais-server.js, which bundles it), so
// `../` is the root from both and every path below holds in development and production.

const ROOT = new URL('../', import.meta.url);

/** The event seeded into an empty data dir (the LPC 2019 micro-conference). */
export const DEFAULT_SEED_FILE = new URL('server/seed/lpc2019-containers-mc.json', ROOT);
/** The numbered SQLite migrations (NNN-name.sql). */
export const MIGRATIONS_DIR = new URL('server/store/sqlite/migrations/', ROOT);
/** The numbered PostgreSQL migrations (NNN-name.sql). */
export const PG_MIGRATIONS_DIR = new URL('server/store/postgres/migrations/', ROOT);
/** SvelteKit's request handler, written by `vite build` (adapter-node). */
export const BUILD_HANDLER = new URL('build/handler.js', ROOT);
