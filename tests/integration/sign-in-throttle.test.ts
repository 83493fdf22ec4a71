// The chair passcode's guess throttle over real HTTP: attempts wait their turn before the
// passcode is checked (per address key, IPv6 per /64, and globally), the right passcode is
// accepted in its turn whatever was guessed before it, and a success hands no guesser fresh
// tries. The server's waits move the test clock on (World's injected sleep) and are recorded.
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_GUESS_WAIT_MS } from '../../server/services/guess-throttle.ts';
import { passcodeOf, postSession, World, type TestServer } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

const from = (address: string) => ({ 'x-forwarded-for': address });
const sum = (waits: number[]) => waits.reduce((a, b) => a + b, 0);

/** Posts a guess from `address` and resolves its status and how long the server made it wait. */
async function attempt(server: TestServer, passcode: string, address: string) {
	const before = server.sleeps.length;
	const res = await postSession(server, { passcode }, from(address));
	return { status: res.status, waitedMs: sum(server.sleeps.slice(before)) };
}

describe('the chair passcode guess throttle', () => {
	it('counts the guesses of one IPv6 /64 together, whichever of its addresses sends them', async () => {
		const server = await world.start({ config: { trustProxy: true } });
		const waits = [];
		for (let i = 1; i <= 12; i++) {
			const guess = await attempt(server, `wrong-${i}`, `2001:db8:7:7::${i.toString(16)}`);
			expect(guess.status).toBe(401);
			waits.push(guess.waitedMs);
		}
		expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
		expect(waits.slice(5).every((ms) => ms > 0)).toBe(true);
		expect(sum(waits)).toBeGreaterThanOrEqual(45_000);
		const elsewhere = await attempt(server, 'wrong', '2001:db8:8:8::1');
		expect(elsewhere).toEqual({ status: 401, waitedMs: 0 });
	});

	it('accepts the right passcode from an address that guessed wrong many times, in its turn', async () => {
		const server = await world.start({ config: { trustProxy: true } });
		for (let i = 0; i < 20; i++) await attempt(server, `wrong-${i}`, '198.51.100.7');
		const chair = await attempt(server, passcodeOf(server), '198.51.100.7');
		expect(chair.status).toBe(200);
		expect(chair.waitedMs).toBeGreaterThan(0);
		expect(chair.waitedMs).toBeLessThanOrEqual(MAX_GUESS_WAIT_MS);
	});

	it('hands a guesser at the chair’s address no fresh tries when the chair signs in', async () => {
		const server = await world.start({ config: { trustProxy: true } });
		for (let i = 0; i < 8; i++) await attempt(server, `wrong-${i}`, '198.51.100.7');
		const before = await attempt(server, 'wrong-again', '198.51.100.7');
		expect((await attempt(server, passcodeOf(server), '198.51.100.7')).status).toBe(200);
		const after = await attempt(server, 'wrong-after', '198.51.100.7');
		expect(before.waitedMs).toBeGreaterThan(0);
		expect(after.status).toBe(401);
		expect(after.waitedMs).toBeGreaterThanOrEqual(before.waitedMs);
	});

	it('slows guessing spread over many addresses, and still lets the chair in', async () => {
		const server = await world.start({ config: { trustProxy: true } });
		const waits = [];
		for (let i = 0; i < 40; i++)
			waits.push((await attempt(server, `wrong-${i}`, `203.0.113.${i}`)).waitedMs);
		expect(waits.slice(0, 20).every((ms) => ms === 0)).toBe(true);
		expect(waits.slice(25).every((ms) => ms > 0)).toBe(true);
		const chair = await attempt(server, passcodeOf(server), '192.0.2.1');
		expect(chair.status).toBe(200);
		expect(chair.waitedMs).toBeLessThanOrEqual(MAX_GUESS_WAIT_MS);
	});

	it('refuses, unchecked, only the guesses of a flood whose turn is more than 30 s away', async () => {
		// the waits pass while the clock stands still: every guess of the flood is in at once
		const server = await world.start({ config: { trustProxy: true }, sleep: async () => {} });
		const statuses = await Promise.all(
			Array.from({ length: 30 }, (_, i) =>
				postSession(server, { passcode: `wrong-${i}` }, from('198.51.100.9')).then((r) => r.status)
			)
		);
		expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(5);
		expect(statuses.filter((s) => s === 401).length).toBeLessThan(15);
		expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
		const chair = await attempt(server, passcodeOf(server), '192.0.2.1');
		expect(chair.status).toBe(200);
		expect(chair.waitedMs).toBeLessThanOrEqual(MAX_GUESS_WAIT_MS);
	});
});
