// Two tabs of one device draining one outbox send the same new question at the same moment:
// the stored-id check, the throttle and the insert act as one, so the copy costs no token.
import { afterEach, describe, expect, it } from 'vitest';
import { ask, list, newId } from './support/questions.ts';
import { deviceTokenOf, World } from './world.ts';

const world = new World();
afterEach(() => world.cleanup());

describe('one new question sent twice at once', () => {
	it('takes one token of the device’s limit, so all five of five are accepted', async () => {
		const server = await world.start();
		const { socket: tab1 } = await world.join(server);
		const { socket: tab2 } = await world.join(server, { deviceToken: await deviceTokenOf(tab1) });
		for (let i = 0; i < 5; i++) {
			const question = { id: newId(), text: `Question ${i}?` };
			const [a, b] = await Promise.all([ask(tab1, question), ask(tab2, question)]);
			expect(a, `question ${i}`).toMatchObject({ ok: true, data: { id: question.id } });
			expect(b).toEqual(a);
		}
		expect((await list(tab1)).mine).toHaveLength(5);
		expect(await ask(tab1)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
	});
});
