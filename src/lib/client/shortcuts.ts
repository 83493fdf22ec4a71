// The chair console's keyboard shortcuts: which key does what, and the list the `?` overlay
// shows. Pure apart from `isTypingTarget`, which only reads the event target's tag.
// A shortcut never fires with Ctrl, Alt or Meta held, so browser shortcuts keep working.

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

/** The shortcut a key press means, or null. Shift with the plus key means +5 min. */
export function shortcutFor(input: KeyInput): Shortcut | null {
	if (input.ctrlKey || input.altKey || input.metaKey) return null;
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

/** What the `?` overlay lists, in this order. */
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

/** True when keys typed at `target` belong to a text field, not to the console. */
export function isTypingTarget(target: EventTarget | null): boolean {
	if (!target || typeof target !== 'object' || !('tagName' in target)) return false;
	const element = target as HTMLElement;
	if (element.isContentEditable) return true;
	const tag = String(element.tagName).toUpperCase();
	if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
	if (tag !== 'INPUT') return false;
	const type = ((element as HTMLInputElement).type ?? 'text').toLowerCase();
	return !['button', 'checkbox', 'radio', 'range', 'reset', 'submit', 'color'].includes(type);
}
