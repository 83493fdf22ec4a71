// The chair console's keyboard shortcuts: which key does what in each mode, whether the
// focused element uses a key itself, and the list the `?` overlay shows. Pure apart from
// `keyUsedBy`/`isTypingTarget`, which only read the event target's tag, type and ancestors.
// Modes (WCAG 2.1.4): single keys, keys that need Alt, or none. A shortcut never fires with
// Ctrl or Meta held, so browser shortcuts keep working.

export type Shortcut =
	| 'toggle'
	| 'start'
	| 'next'
	| 'previous'
	| 'end'
	| 'plus1'
	| 'plus5'
	| 'minus1'
	| 'reset'
	| 'undo'
	| 'help';

export type ShortcutMode = 'single' | 'alt' | 'off';
export const SHORTCUT_MODES: readonly ShortcutMode[] = ['single', 'alt', 'off'];

/** The parts of a KeyboardEvent a shortcut depends on. */
export type KeyInput = Pick<
	KeyboardEvent,
	'key' | 'code' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey'
>;

const letters: Record<string, Shortcut> = {
	s: 'start',
	n: 'next',
	p: 'previous',
	e: 'end',
	r: 'reset',
	u: 'undo'
};

/** The shortcut a key press means in `mode`, or null. Shift with the plus key means +5 min. */
export function shortcutFor(input: KeyInput, mode: ShortcutMode = 'single'): Shortcut | null {
	if (mode === 'off' || input.ctrlKey || input.metaKey) return null;
	if (input.altKey !== (mode === 'alt')) return null;
	return mode === 'alt' ? byCode(input) : byKey(input);
}

function byKey(input: KeyInput): Shortcut | null {
	const { key, code } = input;
	if (key === ' ' || code === 'Space') return 'toggle';
	if (key === '?') return 'help';
	if (key === '+' || key === '=' || code === 'Equal' || code === 'NumpadAdd') {
		return input.shiftKey ? 'plus5' : 'plus1';
	}
	if (key === '-' || key === '_' || key === '−' || code === 'Minus' || code === 'NumpadSubtract') {
		return 'minus1';
	}
	if (input.shiftKey) return null;
	return letters[key.toLowerCase()] ?? null;
}

/** With Alt held, `key` is often another character (macOS), so the physical key decides. */
function byCode(input: KeyInput): Shortcut | null {
	const { code } = input;
	if (code === 'Space') return 'toggle';
	if (code === 'Slash' && input.shiftKey) return 'help';
	if (code === 'Equal' || code === 'NumpadAdd') return input.shiftKey ? 'plus5' : 'plus1';
	if (code === 'Minus' || code === 'NumpadSubtract') return 'minus1';
	if (input.shiftKey || !code.startsWith('Key')) return null;
	return letters[code.slice(3).toLowerCase()] ?? null;
}

/** What the `?` overlay lists, in this order; `keys` are the single-key mode's. */
export const shortcutList: readonly { keys: string[]; does: string }[] = [
	{ keys: ['Space'], does: 'Pause or resume' },
	{ keys: ['S'], does: 'Start' },
	{ keys: ['N'], does: 'Next slot' },
	{ keys: ['P'], does: 'Previous slot, restarted from 0' },
	{ keys: ['E'], does: 'End the slot' },
	{ keys: ['+', '='], does: '+1 min' },
	{ keys: ['Shift', '+'], does: '+5 min' },
	{ keys: ['−'], does: '−1 min' },
	{ keys: ['R'], does: 'Reset the slot' },
	{ keys: ['U'], does: 'Undo the last timer command' },
	{ keys: ['?'], does: 'Show or hide this list' }
];

/** The key hint of a control in `mode` ("N", "Alt N"), or null when shortcuts are off. */
export function keyHint(key: string, mode: ShortcutMode): string | null {
	if (mode === 'off') return null;
	return mode === 'alt' ? `Alt ${key}` : key;
}

/** The `aria-keyshortcuts` value of a control in `mode`, or undefined when off. */
export function ariaKeys(keys: string, mode: ShortcutMode): string | undefined {
	if (mode === 'off') return undefined;
	return mode === 'alt' ? `Alt+${keys}` : keys;
}

/** True when keys typed at `target` belong to a text field, not to the console. */
export function isTypingTarget(target: EventTarget | null): boolean {
	const element = asElement(target);
	if (!element) return false;
	if (element.isContentEditable) return true;
	const tag = String(element.tagName).toUpperCase();
	if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
	if (tag !== 'INPUT') return false;
	const type = ((element as HTMLInputElement).type ?? 'text').toLowerCase();
	return !['button', 'checkbox', 'radio', 'range', 'reset', 'submit', 'color'].includes(type);
}

const PRESSED_BY_SPACE = new Set(['BUTTON', 'SUMMARY', 'SELECT']);
const SPACE_ROLES = new Set(['button', 'checkbox', 'radio', 'switch', 'menuitem', 'tab', 'option']);

/**
 * True when the focused `target` uses this key itself, so it is not a shortcut: every key in
 * a text field or inside a dialog, Space on a button, checkbox, radio or other pressable
 * control (Space presses it).
 */
export function keyUsedBy(target: EventTarget | null, input: KeyInput): boolean {
	const element = asElement(target);
	if (!element) return false;
	if (isTypingTarget(element)) return true;
	if (typeof element.closest === 'function' && element.closest('dialog')) return true;
	if (input.key !== ' ' && input.code !== 'Space') return false;
	const tag = String(element.tagName).toUpperCase();
	if (PRESSED_BY_SPACE.has(tag) || tag === 'INPUT') return true;
	const role = element.getAttribute?.('role');
	return role !== null && role !== undefined && SPACE_ROLES.has(role);
}

function asElement(target: EventTarget | null): HTMLElement | null {
	if (!target || typeof target !== 'object' || !('tagName' in target)) return null;
	return target as HTMLElement;
}
