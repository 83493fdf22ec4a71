// Chair commands on a track's timer: load the state, apply the pure rule from
// #shared/timer.ts at the clock's `now`, persist with compare-and-set, then publish the new
// state. Commands on one track run one at a time; an `expectedVersion` that does not match
// the stored version is a `conflict`, and nothing is written or published. A command claim
// is recorded in the same transaction as the new state (idempotency.service.ts).
import type { TimerState } from '#shared/schema/timer.ts';
import { applyTimerAction, plannedTimer, type TimerAction } from '#shared/timer.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { AgendaService } from './agenda.service.ts';
import { DomainError } from './errors.ts';
import type { CommandClaim } from './idempotency.service.ts';

/** Where a saved state goes next (the Socket.IO track room, in the app). */
export type TimerPublisher = (state: TimerState) => void;

export class TimerService {
	private readonly queues = new Map<string, Promise<unknown>>();

	constructor(
		private readonly store: Store,
		private readonly agenda: AgendaService,
		private readonly clock: Clock,
		private readonly publish: TimerPublisher
	) {}

	async state(trackId: string): Promise<TimerState> {
		return (await this.store.timers.get(trackId)) ?? plannedTimer(trackId);
	}

	/** Applies `action` to the track's timer; resolves the saved, published state. */
	apply(
		trackId: string,
		action: TimerAction,
		expectedVersion?: number,
		claim: CommandClaim | null = null
	): Promise<TimerState> {
		const previous = this.queues.get(trackId) ?? Promise.resolve();
		const now = () => this.applyNow(trackId, action, expectedVersion, claim);
		const run = previous.then(now, now);
		const settled = run.catch(() => undefined);
		this.queues.set(trackId, settled);
		void settled.then(() => {
			if (this.queues.get(trackId) === settled) this.queues.delete(trackId);
		});
		return run;
	}

	private async applyNow(
		trackId: string,
		action: TimerAction,
		expectedVersion: number | undefined,
		claim: CommandClaim | null
	) {
		const track = await this.agenda.track(trackId);
		const stored = await this.store.timers.get(trackId);
		const current = stored ?? plannedTimer(trackId);
		if (expectedVersion !== undefined && expectedVersion !== current.version) {
			throw new DomainError(
				'conflict',
				`the timer is at version ${current.version}, not ${expectedVersion}`
			);
		}
		const result = applyTimerAction(current, action, track.slots, this.clock.now());
		if (!result.ok) throw new DomainError(result.error.code, result.error.message);
		const saved = await this.store.timers.compareAndSet(
			result.state,
			stored ? stored.version : null,
			claim ? { ...claim, result: JSON.stringify(result.state) } : undefined
		);
		if (!saved) throw new DomainError('conflict', 'the timer changed meanwhile; try again');
		this.publish(result.state);
		return result.state;
	}
}
