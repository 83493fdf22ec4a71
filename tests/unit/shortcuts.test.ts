import { describe, expect, it } from 'vitest';
import { shortcutFor, type KeyInput } from '../../src/lib/client/shortcuts.ts';

const key = (k: string, over: Partial<KeyInput> = {}): KeyInput => ({
	key: k,
	code: '',
	shiftKey: false,
	ctrlKey: false,
	altKey: false,
	metaKey: false,
	...over
});

describe('shortcutFor', () => {
	it('maps the letters, space and ? to their commands', () => {
		expect(shortcutFor(key(' ', { code: 'Space' }))).toBe('toggle');
		expect(shortcutFor(key('n'))).toBe('next');
		expect(shortcutFor(key('N'))).toBe('next');
		expect(shortcutFor(key('p'))).toBe('previous');
		expect(shortcutFor(key('s'))).toBe('start');
		expect(shortcutFor(key('e'))).toBe('end');
		expect(shortcutFor(key('r'))).toBe('reset');
		expect(shortcutFor(key('u'))).toBe('undo');
		expect(shortcutFor(key('?', { shiftKey: true }))).toBe('help');
	});

	it('reads + or = as +1 min, shift with the plus key as +5 min, and - as −1 min', () => {
		expect(shortcutFor(key('=', { code: 'Equal' }))).toBe('plus1');
		expect(shortcutFor(key('+', { code: 'NumpadAdd' }))).toBe('plus1');
		expect(shortcutFor(key('+', { code: 'Equal', shiftKey: true }))).toBe('plus5');
		expect(shortcutFor(key('-', { code: 'Minus' }))).toBe('minus1');
		expect(shortcutFor(key('-', { code: 'NumpadSubtract' }))).toBe('minus1');
	});

	it('leaves browser shortcuts and other keys alone', () => {
		expect(shortcutFor(key('r', { ctrlKey: true }))).toBeNull();
		expect(shortcutFor(key('n', { metaKey: true }))).toBeNull();
		expect(shortcutFor(key('=', { altKey: true }))).toBeNull();
		expect(shortcutFor(key('N', { shiftKey: true }))).toBeNull();
		expect(shortcutFor(key('x'))).toBeNull();
		expect(shortcutFor(key('Enter'))).toBeNull();
	});
});
