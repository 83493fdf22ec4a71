// Every page starts from the server's snapshot, so the first paint is already the live
// state: the agenda, the timers, the server's clock and the role the cookie grants.
import { error } from '@sveltejs/kit';
import { getBridge } from '$lib/shared/bridge.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ request, depends }) => {
	depends('dais:snapshot');
	const bridge = getBridge();
	if (!bridge) {
		error(503, {
			message: 'The Dais server is not running alongside this page. Start it with npm start.'
		});
	}
	const role = await bridge.roleFor(request.headers.get('cookie'));
	return { snapshot: await bridge.snapshot(role) };
};
