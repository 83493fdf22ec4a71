import { describe, expect, it } from 'vitest';
import { offersUpdate } from '$lib/client/offline/update-offer.ts';

describe('the new-version prompt', () => {
	it('is offered when another build waits behind the one on screen', () => {
		expect(offersUpdate({ page: 'a', active: 'a', waiting: 'b' })).toBe(true);
	});

	it('is offered when a new worker of the same build waits (its script changed)', () => {
		expect(offersUpdate({ page: 'a', active: 'a', waiting: 'a' })).toBe(true);
	});

	it('is offered when the waiting worker cannot say which build it is', () => {
		expect(offersUpdate({ page: 'a', active: 'a', waiting: null })).toBe(true);
	});

	it('is not offered for the build a reload already put on screen', () => {
		expect(offersUpdate({ page: 'b', active: 'a', waiting: 'b' })).toBe(false);
		expect(offersUpdate({ page: 'b', active: null, waiting: 'b' })).toBe(false);
	});
});
