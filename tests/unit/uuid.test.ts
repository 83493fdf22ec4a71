import { describe, expect, it } from 'vitest';
import { CommandId } from '#shared/protocol.ts';
import { uuid } from '$lib/client/uuid.ts';

describe('client-made ids', () => {
	it('are version 4 UUIDs the server accepts as command ids, and differ', () => {
		const ids = Array.from({ length: 50 }, uuid);
		for (const id of ids) {
			expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
			expect(CommandId.safeParse(id).success).toBe(true);
		}
		expect(new Set(ids).size).toBe(50);
	});
});
