// SvelteKit's server hooks. A page request that fails goes to the Dais server's request log
// through the bridge (server/http/request-log.ts): a scan's 404s and 405s are rate-limited
// lines there, server faults errors with their stack. Without a bridge (nothing registered
// it) a fault is written to the console, as SvelteKit would.
import type { HandleServerError } from '@sveltejs/kit';
import { getBridge } from '$lib/shared/bridge.ts';

export const handleError: HandleServerError = ({ error, event, status }) => {
	const bridge = getBridge();
	if (bridge) bridge.requestFailed(status, event.request.method, event.url.pathname, error);
	else if (status >= 500) console.error(error);
};
