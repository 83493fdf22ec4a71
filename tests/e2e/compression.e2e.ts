// The production server compresses what it renders (issue 20): the start page, /api, and
// the app's own assets only once (SvelteKit precompresses those).
import { expect, test } from '@playwright/test';

test('the start page and /api come compressed, the scripts compressed once', async ({
	request
}) => {
	for (const encoding of ['br', 'gzip']) {
		const page = await request.get('/', { headers: { 'Accept-Encoding': encoding } });
		expect(page.headers()['content-encoding']).toBe(encoding);
		expect(page.headers()['vary']).toMatch(/accept-encoding/i);
		const html = await page.text();
		expect(html).toContain('data-testid="agenda-slot"');

		const api = await request.get('/api/snapshot', { headers: { 'Accept-Encoding': encoding } });
		expect(api.headers()['content-encoding']).toBe(encoding);
		expect(((await api.json()) as { role: string }).role).toBe('attendee');

		const script = /\/_app\/immutable\/[^"]+\.js/.exec(html)?.[0];
		expect(script).toBeDefined();
		const asset = await request.get(script!, { headers: { 'Accept-Encoding': encoding } });
		expect(asset.headers()['content-encoding']).toBe(encoding);
		expect(await asset.text()).toMatch(/^[\s\S]*(import|export)/);
	}
});
