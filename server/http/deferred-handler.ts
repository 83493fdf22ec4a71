// A request handler that is still loading (SvelteKit's build while the server starts): a
// request that comes before it has loaded waits for it, later ones go straight to it. Should
// it fail to load, the waiting requests get a 500 `internal` error rather than no answer.
import type { RequestHandler } from '../app.ts';
import { HttpError, sendError } from './respond.ts';

export function deferredHandler(loading: Promise<RequestHandler>): RequestHandler {
	let handler: RequestHandler | undefined;
	const settled = loading.then(
		(loaded) => (handler = loaded),
		() => undefined
	);
	return (req, res, next) => {
		if (handler) return handler(req, res, next);
		void settled.then((loaded) => {
			if (loaded) return loaded(req, res, next);
			sendError(res, new HttpError({ code: 'internal', message: 'the pages could not be loaded' }));
		});
	};
}
