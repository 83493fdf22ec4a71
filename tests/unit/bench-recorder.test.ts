import { describe, expect, it } from 'vitest';
import { carrierOf, questionKey, timerKey, votesKey } from '../../bench/load/keys.ts';
import { Recorder } from '../../bench/load/recorder.ts';

describe('carrierOf', () => {
	it('finds a timer state by version and a question by id', () => {
		expect(carrierOf(timerKey(7))('timer:state', { trackId: 'main', version: 7 })).toBe(true);
		expect(carrierOf(timerKey(7))('timer:state', { trackId: 'main', version: 8 })).toBe(false);
		expect(carrierOf(questionKey('q1'))('question:updated', { id: 'q1', votes: 0 })).toBe(true);
		expect(carrierOf(questionKey('q1'))('question:updated', { id: 'q2', votes: 0 })).toBe(false);
	});

	it('finds one count among every count of a coalesced votes event', () => {
		const votes = { slotId: 's', votes: { a: 3, b: 1 } };
		expect(carrierOf(votesKey('a', 3))('question:votes', votes)).toBe(true);
		expect(carrierOf(votesKey('b', 1))('question:votes', votes)).toBe(true);
		expect(carrierOf(votesKey('a', 1))('question:votes', votes)).toBe(false);
		expect(carrierOf(votesKey('c', 0))('question:votes', votes)).toBe(false);
	});

	it('is not fooled by another event, a malformed payload or a count as text', () => {
		expect(carrierOf(timerKey(1))('agenda:updated', { version: 1 })).toBe(false);
		expect(carrierOf(timerKey(1))('timer:state', null)).toBe(false);
		expect(carrierOf(votesKey('a', 1))('question:votes', { votes: { a: '1' } })).toBe(false);
		expect(carrierOf(votesKey('a', 1))('question:votes', { votes: null })).toBe(false);
	});

	it('refuses a key no trigger makes', () => {
		expect(() => carrierOf('agenda:1')).toThrow(/not a benchmark key/);
		expect(() => carrierOf('votes:a')).toThrow(/not a benchmark key/);
	});
});

describe('Recorder', () => {
	const crowd = (n: number) => {
		const recorder = new Recorder();
		for (let i = 0; i < n; i++) recorder.register();
		return recorder;
	};

	it("collects each attendee's first receipt of a key, in the order they arrived", async () => {
		const recorder = crowd(3);
		const counts = (a: number) => ({ slotId: 's', votes: { a, b: 0 } });
		recorder.event(0, 'question:votes', counts(1));
		recorder.event(1, 'question:votes', counts(1));
		recorder.event(1, 'question:votes', counts(1)); // a second copy is not a second receipt
		recorder.event(2, 'question:votes', counts(2)); // another count is another key
		recorder.event(2, 'question:votes', counts(1));
		const times = await recorder.collect(votesKey('a', 1), 3, 1000);
		expect(times).toHaveLength(3);
		expect([...times].sort((x, y) => x - y)).toEqual(times);
		expect(recorder.takeEvents()).toBe(5);
	});

	it('waits for receipts that arrive after the collect began', async () => {
		const recorder = crowd(2);
		recorder.event(0, 'timer:state', { version: 4 });
		setTimeout(() => recorder.event(1, 'timer:state', { version: 4 }), 30);
		const times = await recorder.collect(timerKey(4), 2, 5000);
		expect(times).toHaveLength(2);
		expect(times[1]! - times[0]!).toBeGreaterThan(0);
	});

	it('gives what arrived by the timeout when not everyone has the key', async () => {
		const recorder = crowd(2);
		recorder.event(1, 'question:updated', { id: 'q' });
		expect(await recorder.collect(questionKey('q'), 2, 30)).toHaveLength(1);
	});

	it('forgets what it received once a key was collected', async () => {
		const recorder = crowd(1);
		recorder.event(0, 'question:updated', { id: 'q' });
		recorder.event(0, 'question:updated', { id: 'r' });
		expect(await recorder.collect(questionKey('q'), 1, 1000)).toHaveLength(1);
		expect(await recorder.collect(questionKey('r'), 1, 30)).toHaveLength(0);
	});
});
