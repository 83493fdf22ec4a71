import { describe, expect, it } from 'vitest';
import {
	QUESTION_WATCH,
	TIMER_WATCH,
	parseKey,
	questionKey,
	readerOf,
	timerKey,
	votesKey,
	votesWatch
} from '../../bench/load/keys.ts';
import { Recorder } from '../../bench/load/recorder.ts';

describe('readerOf', () => {
	it('reads a timer state its version and a question its id', () => {
		expect(readerOf(TIMER_WATCH)('timer:state', { trackId: 'main', version: 7 })).toBe(7);
		expect(readerOf(QUESTION_WATCH)('question:updated', { id: 'q1', votes: 0 })).toBe('q1');
	});

	it('reads the watched count among every count of a coalesced votes event', () => {
		const votes = { slotId: 's', votes: { a: 3, b: 1 } };
		expect(readerOf(votesWatch('a'))('question:votes', votes)).toBe(3);
		expect(readerOf(votesWatch('b'))('question:votes', votes)).toBe(1);
		expect(readerOf(votesWatch('c'))('question:votes', votes)).toBeUndefined();
	});

	it('is not fooled by another event, a malformed payload or a count as text', () => {
		expect(readerOf(TIMER_WATCH)('agenda:updated', { version: 1 })).toBeUndefined();
		expect(readerOf(TIMER_WATCH)('timer:state', null)).toBeUndefined();
		expect(readerOf(QUESTION_WATCH)('question:updated', { id: 1 })).toBeUndefined();
		expect(readerOf(votesWatch('a'))('question:votes', { votes: { a: '1' } })).toBeUndefined();
		expect(readerOf(votesWatch('a'))('question:votes', { votes: null })).toBeUndefined();
	});

	it('refuses a watch no trigger makes', () => {
		expect(() => readerOf('agenda')).toThrow(/not a benchmark watch/);
		expect(() => readerOf('votes')).toThrow(/not a benchmark watch/);
	});
});

describe('parseKey', () => {
	it("splits every trigger's key into its watch and the value that carries it", () => {
		expect(parseKey(timerKey(7))).toEqual({ watch: TIMER_WATCH, value: 7 });
		expect(parseKey(questionKey('q1'))).toEqual({ watch: QUESTION_WATCH, value: 'q1' });
		expect(parseKey(votesKey('a', 3))).toEqual({ watch: votesWatch('a'), value: 3 });
	});

	it('refuses a key no trigger makes', () => {
		for (const key of ['agenda:1', 'votes:a', 'timer:', 'timer:x', 'timer']) {
			expect(() => parseKey(key), key).toThrow(/not a benchmark key/);
		}
	});
});

describe('Recorder', () => {
	const crowd = (n: number, watch: string) => {
		const recorder = new Recorder();
		for (let i = 0; i < n; i++) recorder.register();
		recorder.watch(watch);
		return recorder;
	};

	it("collects each attendee's first receipt of a key, in the order they arrived", async () => {
		const recorder = crowd(3, votesWatch('a'));
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
		const recorder = crowd(2, TIMER_WATCH);
		recorder.event(0, 'timer:state', { version: 4 });
		setTimeout(() => recorder.event(1, 'timer:state', { version: 4 }), 30);
		const times = await recorder.collect(timerKey(4), 2, 5000);
		expect(times).toHaveLength(2);
		expect(times[1]! - times[0]!).toBeGreaterThan(0);
	});

	it('gives what arrived by the timeout when not everyone has the key', async () => {
		const recorder = crowd(2, QUESTION_WATCH);
		recorder.event(1, 'question:updated', { id: 'q' });
		expect(await recorder.collect(questionKey('q'), 2, 30)).toHaveLength(1);
	});

	it('forgets what it received once a key was collected', async () => {
		const recorder = crowd(1, QUESTION_WATCH);
		recorder.event(0, 'question:updated', { id: 'q' });
		recorder.event(0, 'question:updated', { id: 'r' });
		expect(await recorder.collect(questionKey('q'), 1, 1000)).toHaveLength(1);
		expect(await recorder.collect(questionKey('r'), 1, 30)).toHaveLength(0);
	});

	it('keeps only receipts of the watch, and counts every event', async () => {
		const recorder = crowd(1, TIMER_WATCH);
		recorder.event(0, 'question:updated', { id: 'q' });
		recorder.watch(QUESTION_WATCH); // a new watch starts empty
		recorder.event(0, 'timer:state', { version: 1 });
		expect(await recorder.collect(questionKey('q'), 1, 30)).toHaveLength(0);
		expect(recorder.takeEvents()).toBe(2);
	});

	it('refuses to collect a key of another watch than the one set', async () => {
		const recorder = crowd(1, TIMER_WATCH);
		await expect(recorder.collect(questionKey('q'), 1, 30)).rejects.toThrow(/not watched/);
		await expect(new Recorder().collect(timerKey(1), 0, 30)).rejects.toThrow(/unset/);
	});

	it("times a storm: each attendee's attempts, failures, reconnection and current snapshot", async () => {
		const recorder = crowd(3, TIMER_WATCH);
		recorder.attempt(0); // not armed yet: nothing is counted
		recorder.armStorm(7);
		recorder.attempt(0);
		recorder.failed(0, 'xhr poll error');
		recorder.attempt(0);
		recorder.connected(0);
		recorder.snapshot(0, 6); // stale
		recorder.snapshot(0, 7);
		recorder.synced(0);
		recorder.attempt(1);
		recorder.failed(1, 'xhr poll error');
		recorder.failed(1, 'timeout');
		recorder.attempt(2);
		recorder.connected(2);
		recorder.snapshot(2, 7);
		recorder.synced(2);
		const result = await recorder.stormResult(3, 30);
		expect(result.attempts).toEqual([2, 1, 1]);
		expect(result.errors).toEqual({ 'xhr poll error': 2, timeout: 1 });
		expect(result.connected).toHaveLength(2);
		expect(result.settled).toHaveLength(2);
		expect(result.synced).toHaveLength(2);
		expect(result.stale).toBe(1);
		expect(result.unsettled).toBe(1);
		recorder.attempt(0); // the storm is over
		await expect(recorder.stormResult(3, 30)).rejects.toThrow(/no storm/);
	});
});
