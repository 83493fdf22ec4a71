// Applies each client-made command id at most once (DESIGN §6: a retry never applies twice).
// The first run of an id records its result in the same transaction as its effect: the
// service that takes the claim calls recordClaim in its unit of work (timer commands and
// votes, the commands with a commandId); every later run of the id, in this process or
// another, acks the stored result and changes nothing.
// Runs of one id in this process share one execution. Records are kept COMMAND_RETENTION_MS.
// An id belongs to the device that first sent it: the device is part of the fingerprint, so
// another device's replay of the id is a `conflict`, never answered with the first result.
import { createHash } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Repos, Store } from '../store/store.ts';
import { DomainError } from './errors.ts';

/** How long an applied command id is remembered: a retry after that is applied again. */
export const COMMAND_RETENTION_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;

/** A command about to run under its id. */
export type Claim = {
	id: string;
	name: string;
	/** hash of the device, the name and the payload: a reused id with other content or from another device is refused */
	fingerprint: string;
	/** epoch ms */
	createdAt: number;
};

/**
 * Records `claim` as processed with `result` (the acked data) in the caller's transaction;
 * throws when its id is recorded already (another process applied it meanwhile), so that the
 * transaction rolls back and IdempotencyService acks the stored result instead.
 */
export async function recordClaim(tx: Repos, claim: Claim, result: unknown): Promise<void> {
	if (!(await tx.commands.add({ ...claim, result: JSON.stringify(result) }))) {
		throw new DomainError('conflict', 'that command was applied meanwhile');
	}
}

type Running = { fingerprint: string; result: Promise<unknown> };

export class IdempotencyService {
	private readonly running = new Map<string, Running>();
	private lastPruneAt = Number.NEGATIVE_INFINITY;

	constructor(
		private readonly store: Store,
		private readonly clock: Clock
	) {}

	/** The claim of `deviceId` for command `name` with `payload` (its commandId is not hashed). */
	claim(id: string, name: string, payload: object, deviceId: string): Claim {
		const rest = Object.fromEntries(Object.entries(payload).filter(([k]) => k !== 'commandId'));
		const fingerprint = createHash('sha256')
			.update(`${deviceId}\n${name}\n${JSON.stringify(rest)}`)
			.digest('base64url');
		return { id, name, fingerprint, createdAt: this.clock.now() };
	}

	/**
	 * Runs `execute` unless the claim's id has run; resolves its result or the stored one,
	 * read back through `parse`. A reused id with another fingerprint is a `conflict`.
	 */
	run<T>(
		claim: Claim,
		execute: (claim: Claim) => Promise<T>,
		parse: (stored: unknown) => T
	): Promise<T> {
		const running = this.running.get(claim.id);
		if (running) {
			sameCommand(running.fingerprint, claim);
			return running.result as Promise<T>;
		}
		const result = this.runOnce(claim, execute, parse);
		this.running.set(claim.id, { fingerprint: claim.fingerprint, result });
		const forget = () => {
			if (this.running.get(claim.id)?.result === result) this.running.delete(claim.id);
		};
		result.then(forget, forget);
		return result;
	}

	private async runOnce<T>(
		claim: Claim,
		execute: (claim: Claim) => Promise<T>,
		parse: (stored: unknown) => T
	): Promise<T> {
		const stored = await this.stored(claim, parse);
		if (stored) return stored.value;
		let value: T;
		try {
			value = await execute(claim);
		} catch (err) {
			// Another process may have applied this id meanwhile, and the store refused ours.
			const winner = await this.stored(claim, parse);
			if (winner) return winner.value;
			throw err;
		}
		await this.pruneIfDue();
		return value;
	}

	private async stored<T>(
		claim: Claim,
		parse: (stored: unknown) => T
	): Promise<{ value: T } | null> {
		const row = await this.store.commands.get(claim.id);
		if (!row) return null;
		if (row.createdAt < this.clock.now() - COMMAND_RETENTION_MS) {
			await this.prune();
			return null;
		}
		sameCommand(row.fingerprint, claim);
		return { value: parse(JSON.parse(row.result)) };
	}

	private async pruneIfDue(): Promise<void> {
		if (this.clock.now() - this.lastPruneAt >= PRUNE_EVERY_MS) await this.prune();
	}

	private async prune(): Promise<void> {
		this.lastPruneAt = this.clock.now();
		await this.store.commands.prune(this.lastPruneAt - COMMAND_RETENTION_MS);
	}
}

function sameCommand(fingerprint: string, claim: Claim): void {
	if (fingerprint !== claim.fingerprint) {
		throw new DomainError('conflict', 'that command id was already used for another command');
	}
}
