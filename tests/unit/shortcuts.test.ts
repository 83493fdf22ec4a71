import { describe, expect, it } from 'vitest';
import { keyUsedBy, shortcutFor, type KeyInput } from '../../src/lib/client/shortcuts.ts';

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

describe('shortcut modes', () => {
	it('off: no key is a shortcut, not even Space or ?', () => {
		for (const k of [key(' ', { code: 'Space' }), key('n'), key('?', { shiftKey: true })]) {
			expect(shortcutFor(k, 'off')).toBeNull();
		}
	});

	it('alt: a shortcut needs Alt, read from the physical key, and the key alone does nothing', () => {
		expect(shortcutFor(key('n', { code: 'KeyN' }), 'alt')).toBeNull();
		expect(shortcutFor(key('˜', { code: 'KeyN', altKey: true }), 'alt')).toBe('next');
		expect(shortcutFor(key(' ', { code: 'Space', altKey: true }), 'alt')).toBe('toggle');
		expect(shortcutFor(key('=', { code: 'Equal', altKey: true }), 'alt')).toBe('plus1');
		const plus5 = key('+', { code: 'Equal', altKey: true, shiftKey: true });
		expect(shortcutFor(plus5, 'alt')).toBe('plus5');
		expect(shortcutFor(key('?', { code: 'Slash', altKey: true, shiftKey: true }), 'alt')).toBe(
			'help'
		);
		expect(shortcutFor(key('n', { code: 'KeyN', altKey: true, ctrlKey: true }), 'alt')).toBeNull();
	});
});

/** Just enough of an element for keyUsedBy: its tag, type, role and dialog ancestry. */
function element(
	tagName: string,
	attrs: { type?: string; role?: string; inDialog?: boolean } = {}
) {
	return {
		tagName,
		type: attrs.type,
		isContentEditable: false,
		getAttribute: (name: string) => (name === 'role' ? (attrs.role ?? null) : null),
		closest: (selector: string) => (selector === 'dialog' && attrs.inDialog ? {} : null)
	} as unknown as EventTarget;
}

describe('keys a focused control uses itself', () => {
	const space = key(' ', { code: 'Space' });

	it('Space belongs to a focused button, checkbox, radio or pressable role', () => {
		expect(keyUsedBy(element('BUTTON'), space)).toBe(true);
		expect(keyUsedBy(element('INPUT', { type: 'checkbox' }), space)).toBe(true);
		expect(keyUsedBy(element('INPUT', { type: 'radio' }), space)).toBe(true);
		expect(keyUsedBy(element('DIV', { role: 'switch' }), space)).toBe(true);
		expect(keyUsedBy(element('SUMMARY'), space)).toBe(true);
	});

	it('letters stay shortcuts on a focused button, Space on the page or a plain region', () => {
		expect(keyUsedBy(element('BUTTON'), key('n'))).toBe(false);
		expect(keyUsedBy(element('BODY'), space)).toBe(false);
		expect(keyUsedBy(element('DIV', { role: 'region' }), space)).toBe(false);
	});

	it('every key belongs to a text field and to anything inside a dialog', () => {
		expect(keyUsedBy(element('INPUT', { type: 'text' }), key('n'))).toBe(true);
		expect(keyUsedBy(element('TEXTAREA'), key('='))).toBe(true);
		expect(keyUsedBy(element('BUTTON', { inDialog: true }), key('n'))).toBe(true);
	});
});
