// Chair authentication. The passcode is CHAIR_PASSCODE or, when unset, one generated on the
// first start and stored (clear text for the start-up banner, scrypt hash for checks).
// Checks hash the attempt and compare in constant time; attempts are throttled per address
// key and globally by a growing wait before the check, never by refusing the right passcode
// (guess-throttle.ts; on Redis with several processes, redis-guesses.ts). A session is a random id kept in the store; its cookie carries the id
// with an HMAC under a secret kept in the data dir. Signing out deletes the session, and a
// new passcode (CHAIR_PASSCODE set or changed, or rotated by a chair) signs every chair out
// (the one who rotated it excepted). The role rule is here too: a page load, request or
// socket is a chair's while the session its cookie named is live, an attendee's otherwise.
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type { Role } from '#shared/protocol.ts';
import { realSleep, type Clock, type Sleep } from '../clock.ts';
import { readCookie } from '../http/cookies.ts';
import type { ChairSession, Store } from '../store/store.ts';
import { DomainError } from './errors.ts';
import { GuessThrottle, type GuessTurns } from './guess-throttle.ts';

export const CHAIR_COOKIE = 'dais_chair';
export const SESSION_TTL_MS = 7 * 24 * 3_600_000;

const scrypt = promisify(crypto.scrypt) as (
	password: string,
	salt: Buffer,
	keylen: number
) => Promise<Buffer>;
const KEY_BYTES = 32;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A fresh passcode like `k7qm-3xhz-pw2c` (about 59 bits of entropy). */
export function generatePasscode(): string {
	const group = () =>
		Array.from({ length: 4 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join('');
	return [group(), group(), group()].join('-');
}

async function hashPasscode(passcode: string): Promise<string> {
	const salt = crypto.randomBytes(16);
	const key = await scrypt(passcode, salt, KEY_BYTES);
	return `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

async function matches(passcode: string, stored: string): Promise<boolean> {
	const [scheme, salt, key] = stored.split('$');
	if (scheme !== 'scrypt' || !salt || !key) throw new Error('unreadable passcode hash');
	const attempt = await scrypt(passcode, Buffer.from(salt, 'base64url'), KEY_BYTES);
	return crypto.timingSafeEqual(attempt, Buffer.from(key, 'base64url'));
}

/** Whether a chair session that expires at `expiresAt` is live at `now` (both epoch ms). */
export const liveAt = (expiresAt: number, now: number): boolean => expiresAt > now;

export type SignedIn = { cookieValue: string; maxAgeSeconds: number; sessionId: string };

/**
 * The short, stable, non-secret label of a chair session for the audit log, e.g.
 * "chair 3f9a": a few hex digits of a hash of the id, which cannot be turned back into it.
 */
export function chairLabel(sessionId: string | null): string {
	if (!sessionId) return 'chair ?';
	return `chair ${crypto.createHash('sha256').update(sessionId).digest('hex').slice(0, 4)}`;
}

export class ChairService {
	private secret = Buffer.alloc(0);
	/** The scrypt hash sign-ins are checked against (still being made right after init). */
	private passcodeHash: Promise<string> = Promise.resolve('');
	/** The passcode, for the banner; undefined when it came from CHAIR_PASSCODE. */
	generatedPasscode: string | undefined;
	private configured: string | undefined;

	constructor(
		private readonly store: Store,
		private readonly clock: Clock,
		private readonly sleep: Sleep = realSleep,
		/** where guesses take turns (on Redis, shared by every Dais process: redis-guesses.ts) */
		private readonly guesses: GuessTurns = new GuessThrottle()
	) {}

	async init(configured: string | undefined): Promise<void> {
		const { settings, sessions } = this.store;
		const secret = await settings.getOrInit(
			'cookie_secret',
			crypto.randomBytes(32).toString('base64url')
		);
		this.secret = Buffer.from(secret, 'base64url');
		this.configured = configured;
		const passcode = await this.passcodeInForce(configured);
		this.generatedPasscode = configured === undefined ? passcode : undefined;
		// scrypt takes a tenth of a second and more, so the server does not wait for it to
		// listen: after a restart the phones come back sooner. A sign-in waits for it; should it
		// fail, the sign-ins fail with it (nothing else depends on it).
		this.passcodeHash = this.hashFor(passcode, configured === undefined);
		this.passcodeHash.catch(() => undefined);

		const fingerprint = this.sign(`passcode:${passcode}`);
		if ((await settings.getOrInit('passcode_fingerprint', fingerprint)) !== fingerprint) {
			await sessions.clear();
			await settings.set('passcode_fingerprint', fingerprint);
		}
		await sessions.prune(this.clock.now());
	}

	/**
	 * The scrypt hash to check against; a generated passcode's hash is stored and reused (an
	 * unreadable stored one is made again).
	 */
	private async hashFor(passcode: string, generated: boolean): Promise<string> {
		if (!generated) return hashPasscode(passcode);
		const stored = await this.store.settings.get('chair_passcode_hash');
		if (stored && (await matches(passcode, stored).catch(() => false))) return stored;
		const hash = await hashPasscode(passcode);
		await this.store.settings.set('chair_passcode_hash', hash);
		return hash;
	}

	/**
	 * Checks the passcode for a client whose address key is `address`, in the turn the guess
	 * throttle gives it; resolves a new session's cookie.
	 */
	async signIn(passcode: string, address: string): Promise<SignedIn> {
		const turn = await this.guesses.turn(address, this.clock.now());
		if ('refusedMs' in turn) {
			const message = 'too many passcode attempts at once; wait and try again';
			throw new DomainError('rate_limited', message, turn.refusedMs);
		}
		if (turn.waitMs > 0) await this.sleep(turn.waitMs);
		if (!(await matches(passcode, await this.passcodeHash))) {
			throw new DomainError('unauthorized', 'that passcode is not right');
		}
		const now = this.clock.now();
		await this.guesses.succeeded(address, now);
		const id = crypto.randomBytes(32).toString('base64url');
		await this.store.sessions.create({ id, createdAt: now, expiresAt: now + SESSION_TTL_MS });
		return {
			cookieValue: `${id}.${this.sign(id)}`,
			maxAgeSeconds: SESSION_TTL_MS / 1000,
			sessionId: id
		};
	}

	/** Revokes the session a cookie value names, if any; resolves the id of a live one. */
	async signOut(cookieValue: string | undefined): Promise<string | null> {
		const id = await this.sessionFor(cookieValue);
		if (id) await this.store.sessions.delete(id);
		return id;
	}

	/** The id of the live session a cookie value carries, or null (attendee). */
	async sessionFor(cookieValue: string | undefined): Promise<string | null> {
		return (await this.liveSession(cookieValue))?.id ?? null;
	}

	/** The live session a cookie value carries (with its expiry), or null. */
	async liveSession(cookieValue: string | undefined): Promise<ChairSession | null> {
		const id = this.verify(cookieValue);
		return id ? this.live(id) : null;
	}

	/** The role a request's Cookie header gives: chair while its chair session is live. */
	async roleForCookie(cookieHeader: string | null | undefined): Promise<Role> {
		return (await this.liveSession(readCookie(cookieHeader, CHAIR_COOKIE))) ? 'chair' : 'attendee';
	}

	/** The role a chair session id gives (null: none): chair while the session is live. */
	async roleForSession(sessionId: string | null): Promise<Role> {
		return sessionId !== null && (await this.live(sessionId)) ? 'chair' : 'attendee';
	}

	/** The session of that id unless it was deleted (signed out) or has expired. */
	private async live(sessionId: string): Promise<ChairSession | null> {
		const session = await this.store.sessions.get(sessionId);
		return session && liveAt(session.expiresAt, this.clock.now()) ? session : null;
	}

	/**
	 * The generated passcode, or CHAIR_PASSCODE; a passcode a chair rotated to replaces
	 * CHAIR_PASSCODE for as long as that is still the value it replaced.
	 */
	private async passcodeInForce(configured: string | undefined): Promise<string> {
		const { settings } = this.store;
		if (configured === undefined) return settings.getOrInit('chair_passcode', generatePasscode());
		const rotated = await settings.get('rotated_passcode');
		const over = await settings.get('rotated_over');
		return rotated && over === this.sign(`passcode:${configured}`) ? rotated : configured;
	}

	/**
	 * Replaces the passcode with a fresh one (kept across restarts) and ends every chair
	 * session but `keep`'s; resolves the new passcode.
	 */
	async rotatePasscode(keep: string): Promise<string> {
		const { settings } = this.store;
		const passcode = generatePasscode();
		const hash = await hashPasscode(passcode);
		if (this.configured === undefined) {
			await settings.set('chair_passcode', passcode);
			await settings.set('chair_passcode_hash', hash);
			this.generatedPasscode = passcode;
		} else {
			await settings.set('rotated_passcode', passcode);
			await settings.set('rotated_over', this.sign(`passcode:${this.configured}`));
		}
		await settings.set('passcode_fingerprint', this.sign(`passcode:${passcode}`));
		this.passcodeHash = Promise.resolve(hash);
		await this.endSessions(keep);
		return passcode;
	}

	/** Reads the passcode in force again: another Dais process rotated it. */
	async reload(): Promise<void> {
		const generated = this.configured === undefined;
		const passcode = await this.passcodeInForce(this.configured);
		if (generated) this.generatedPasscode = passcode;
		this.passcodeHash = this.hashFor(passcode, generated);
		this.passcodeHash.catch(() => undefined);
	}

	/** Ends every chair session, or every one but `keep`'s. */
	async endSessions(keep: string | null = null): Promise<void> {
		const kept = keep ? await this.store.sessions.get(keep) : null;
		await this.store.sessions.clear();
		if (kept) await this.store.sessions.create(kept);
	}

	private sign(id: string): string {
		return crypto
			.createHmac('sha256', this.secret)
			.update(`${CHAIR_COOKIE}:${id}`)
			.digest('base64url');
	}

	/** The session id when the value is `id.hmac` with a valid HMAC; null otherwise. */
	private verify(cookieValue: string | undefined): string | null {
		if (!cookieValue || cookieValue.length > 200) return null;
		const [id, sig, ...rest] = cookieValue.split('.');
		if (!id || !sig || rest.length > 0) return null;
		const expected = Buffer.from(this.sign(id));
		const given = Buffer.from(sig);
		return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? id : null;
	}
}
