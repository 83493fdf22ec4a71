// The stage display's key: a stage display opened with `/stage#key=<key>` may report that it
// showed a signal (`stage:seen`); any other socket may not, so "Seen on stage" on the console
// cannot be forged by an attendee. A key is `<generation>.<hmac>`, signed with a secret kept
// in the settings table; revoking moves to the next generation (kept there too), so every
// earlier key, and every socket that opened the stage with one, stops counting at once.
import crypto from 'node:crypto';
import type { Store } from '../store/store.ts';

const GENERATION = 'stage_key_generation';
const MAX_KEY_LENGTH = 200;

export class StageKeyService {
	private secret = Buffer.alloc(0);

	constructor(private readonly store: Store) {}

	async init(): Promise<void> {
		const secret = await this.store.settings.getOrInit(
			'stage_key_secret',
			crypto.randomBytes(32).toString('base64url')
		);
		this.secret = Buffer.from(secret, 'base64url');
		await this.store.settings.getOrInit(GENERATION, '1');
	}

	/** The key stage displays must be opened with now. */
	async current(): Promise<string> {
		return this.keyOf(await this.generation());
	}

	/** Makes every earlier key invalid; resolves the new one. */
	async revoke(): Promise<string> {
		const next = (await this.generation()) + 1;
		await this.store.settings.set(GENERATION, String(next));
		return this.keyOf(next);
	}

	/** Whether `key` is the current key (checked in constant time). */
	async isValid(key: string | null | undefined): Promise<boolean> {
		if (!key || key.length > MAX_KEY_LENGTH) return false;
		const expected = Buffer.from(await this.current());
		const given = Buffer.from(key);
		return given.length === expected.length && crypto.timingSafeEqual(given, expected);
	}

	/** Read on every use, so that a revocation by another process counts here at once. */
	private async generation(): Promise<number> {
		const stored = Number(await this.store.settings.get(GENERATION));
		return Number.isSafeInteger(stored) && stored > 0 ? stored : 1;
	}

	private keyOf(generation: number): string {
		const sig = crypto
			.createHmac('sha256', this.secret)
			.update(`dais_stage:${generation}`)
			.digest('base64url');
		return `${generation}.${sig}`;
	}
}
