import { describe, expect, it } from 'vitest';
import { commandsFor, MIN_RECEIPTS, parseOptions } from '../../bench/options.ts';

describe('commandsFor', () => {
	it('gives a small crowd enough triggers for 100,000 receipts, so that each server draws several stalled triggers', () => {
		const options = parseOptions([]);
		expect(options.commands).toBe(20);
		expect(MIN_RECEIPTS).toBe(100_000);
		expect(commandsFor(options, 1000)).toBe(100);
		expect(commandsFor(options, 3000)).toBe(34);
	});

	it('keeps the commands asked for in large crowds, and more commands when asked', () => {
		expect(commandsFor(parseOptions([]), 5000)).toBe(20);
		expect(commandsFor(parseOptions([]), 10_000)).toBe(20);
		expect(commandsFor(parseOptions(['--commands', '200']), 1000)).toBe(200);
	});
});
