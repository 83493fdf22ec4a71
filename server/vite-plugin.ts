// `npm run dev`: attaches the same app to Vite's dev http server, so /api/* and Socket.IO
// work next to Vite's HMR. Configuration comes from the environment as in production;
// vitest's own Vite server is left alone (tests build their servers with createApp).
import type { Plugin, ViteDevServer } from 'vite';

export function dais(): Plugin {
	return {
		name: 'dais-server',
		apply: 'serve',
		async configureServer(server: ViteDevServer) {
			const httpServer = server.httpServer;
			if (process.env.VITEST || !httpServer || !('listen' in httpServer)) return;
			// Loaded lazily so that `vite build` never opens the database.
			const [{ createApp }, { parseConfig }, { createLogger }, { openDataDir }, { systemClock }] =
				await Promise.all([
					import('./app.ts'),
					import('./config.ts'),
					import('./logger.ts'),
					import('./store/sqlite/data-dir.ts'),
					import('./clock.ts')
				]);
			const config = parseConfig(process.env);
			const logger = createLogger(config.logLevel);
			const dataDir = openDataDir(config.dataDir);
			process.on('exit', dataDir.release);
			const { store } = dataDir;
			const app = await createApp({
				httpServer: httpServer as import('node:http').Server,
				store,
				clock: systemClock,
				logger,
				config,
				middleware: true
			});
			server.middlewares.use((req, res, next) => app.handle(req, res, next));
			httpServer.once('listening', () => {
				const chair = app.generatedPasscode ? `/chair#passcode=${app.generatedPasscode}` : '/chair';
				logger.info(`Dais dev server: chair sign-in at ${chair}; data in ${store.location}`);
			});
			httpServer.once('close', () => void app.close().then(() => store.close()));
		}
	};
}
