import { describe, expect, it } from 'vitest';
import { quoted } from '#shared/quoted.ts';

describe('a quoted title', () => {
	it('stands between curly quotes', () => {
		expect(quoted('A new clone syscall')).toBe('“A new clone syscall”');
	});

	it('is cut to its limit with an ellipsis, and left whole up to it', () => {
		expect(quoted('abcdef', 4)).toBe('“abc…”');
		expect(quoted('abcd', 4)).toBe('“abcd”');
		expect(quoted('x'.repeat(300))).toBe(`“${'x'.repeat(300)}”`);
	});
});
