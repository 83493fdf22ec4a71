// Per-address limits behind a trusted proxy count every spelling of one client address as
// that address: with a port, with leading zeros, IPv4-mapped, or an IPv6 address in brackets.
import { afterEach, describe, expect, it } from 'vitest';
import { ask } from './support/questions.ts';
import { World, type TestServer } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

async function askFrom(server: TestServer, address: string) {
	const { socket } = await world.join(server, { headers: { 'x-forwarded-for': address } });
	return ask(socket);
}

describe('per-address limits behind a proxy', () => {
	it('give one IPv4 address one budget however the proxy spells it', async () => {
		const server = await world.start({
			config: { trustProxy: true },
			questionLimits: { askPerAddress: 1 }
		});
		expect((await askFrom(server, '198.51.100.7')).ok).toBe(true);
		for (const spelling of ['198.51.100.7:40001', '198.051.100.007', '::ffff:198.51.100.7'])
			expect(await askFrom(server, spelling), spelling).toMatchObject({
				ok: false,
				error: { code: 'rate_limited' }
			});
		expect((await askFrom(server, '198.51.100.8')).ok).toBe(true);
	});

	it('give one IPv6 /64 one budget, bracketed or not, with or without a port', async () => {
		const server = await world.start({
			config: { trustProxy: true },
			questionLimits: { askPerAddress: 1 }
		});
		expect((await askFrom(server, '2001:db8:1:2::1')).ok).toBe(true);
		for (const spelling of ['[2001:db8:1:2::1]', '[2001:DB8:1:2:0:0:0:1]:443', '2001:db8:1:2::ff'])
			expect(await askFrom(server, spelling), spelling).toMatchObject({
				ok: false,
				error: { code: 'rate_limited' }
			});
	});
});
