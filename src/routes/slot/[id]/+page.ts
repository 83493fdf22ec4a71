import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, parent }) => {
	const { snapshot } = await parent();
	const known = snapshot.event.tracks.some((t) => t.slots.some((s) => s.id === params.id));
	if (!known) error(404, { message: 'There is no such slot on the agenda.' });
	return { slotId: params.id };
};
