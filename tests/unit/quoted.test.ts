import { describe, expect, it } from 'vitest';
import { quoted } from '#shared/quoted.ts';

describe('a quoted title', () => {
	it('stands whole between curly quotes', () => {
		expect(quoted('A new clone syscall')).toBe('“A new clone syscall”');
		expect(quoted('x'.repeat(300))).toBe(`“${'x'.repeat(300)}”`);
	});
});
