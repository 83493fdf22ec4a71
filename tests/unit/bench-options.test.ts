import { describe, expect, it } from 'vitest';
import { commandsFor, MIN_RECEIPTS, parseOptions } from '../../bench/options.ts';

describe('commandsFor', () => {
	it('gives a small crowd enough triggers for 100,000 receipts, so that each server draws several stalled triggers', () => {
		const options = parseOptions(['--commands', '20']);
		expect(MIN_RECEIPTS).toBe(100_000);
		expect(commandsFor(options, 1000)).toBe(100);
		expect(commandsFor(options, 3000)).toBe(34);
		expect(commandsFor(options, 5000)).toBe(20);
	});

	it('gives large crowds 60 triggers by default, so that no single slow trigger decides a pooled p99', () => {
		const options = parseOptions([]);
		expect(options.commands).toBe(60);
		expect(commandsFor(options, 1000)).toBe(100);
		expect(commandsFor(options, 5000)).toBe(60);
		expect(commandsFor(options, 10_000)).toBe(60);
	});

	it('keeps more commands when asked, and refuses fewer than the 20 the issue asks for', () => {
		expect(commandsFor(parseOptions(['--commands', '200']), 1000)).toBe(200);
		expect(commandsFor(parseOptions(['--commands', '200']), 10_000)).toBe(200);
		expect(() => parseOptions(['--commands', '19'])).toThrow(/--commands/);
	});
});
