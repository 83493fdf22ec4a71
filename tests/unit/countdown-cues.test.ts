import { describe, expect, it } from 'vitest';
import { countdownCue } from '#shared/countdown-cues.ts';

const MIN = 60_000;
const cue = (remainingMs: number) => countdownCue('s1', 'Time namespaces', remainingMs);

describe('countdownCue', () => {
	it('keeps one cue for the whole slot until 5 minutes are left', () => {
		expect(cue(15 * MIN)).toEqual({ key: 's1:on', text: 'Now: Time namespaces, 15 minutes left.' });
		expect(cue(5 * MIN + 1).key).toBe('s1:on');
		expect(cue(10 * MIN - 1000).key).toBe(cue(6 * MIN).key);
	});

	it('changes once at 5 minutes left and stays while the seconds run', () => {
		expect(cue(5 * MIN)).toEqual({ key: 's1:warning', text: 'Time namespaces: 5 minutes left.' });
		expect(cue(1).key).toBe('s1:warning');
		expect(cue(30_000).text).toBe('Time namespaces: 1 minute left.');
	});

	it('says time is up at zero, then every 5 minutes of overtime', () => {
		expect(cue(0)).toEqual({ key: 's1:up', text: 'Time namespaces: time is up.' });
		expect(cue(-5 * MIN + 1).key).toBe('s1:up');
		expect(cue(-5 * MIN)).toEqual({
			key: 's1:over:1',
			text: 'Time namespaces: 5 minutes over time.'
		});
		expect(cue(-14 * MIN).key).toBe('s1:over:2');
		expect(cue(-15 * MIN).text).toBe('Time namespaces: 15 minutes over time.');
	});

	it('changes with the slot', () => {
		expect(countdownCue('s2', 'Next talk', 15 * MIN).key).not.toBe(cue(15 * MIN).key);
	});
});
