// Chair commands on a track's timer: load the state and its undo stack, apply the pure rule
// from #shared/timer.ts (or #shared/undo.ts) at the clock's `now`, and save state, stack,
// the command's claim (idempotency.service.ts) and its audit entry in one transaction, the
// state compare-and-set on its version; then publish the state and the entry. Commands on
// one track run one at a time in this process; an `expectedVersion` that does not match the
// stored version, here or in the database, is a `conflict`, and nothing is written.
import { timerSummary } from '#shared/audit-text.ts';
import type { TimerState } from '#shared/schema/timer.ts';
import { applyTimerAction } from '#shared/timer-actions.ts';
import { plannedTimer, type TimerAction } from '#shared/timer.ts';
import { pushUndo, undoTimer } from '#shared/undo.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { AgendaService } from './agenda.service.ts';
import type { Actor, AuditService } from './audit.service.ts';
import { DomainError } from './errors.ts';
import { recordClaim, type Claim } from './idempotency.service.ts';
import type { Serial } from './serial.ts';

/** Where a saved state goes next (the Socket.IO track room, in the app). */
export type TimerPublisher = (state: TimerState) => void;

type Command = TimerAction | { type: 'undo' };

export class TimerService {
	constructor(
		private readonly store: Store,
		private readonly agenda: AgendaService,
		private readonly clock: Clock,
		private readonly publish: TimerPublisher,
		private readonly serial: Serial,
		private readonly audit: AuditService
	) {}

	async state(trackId: string): Promise<TimerState> {
		return (await this.store.timers.get(trackId)) ?? plannedTimer(trackId);
	}

	/** Applies `action` to the track's timer; resolves the saved, published state. */
	apply(
		trackId: string,
		action: TimerAction,
		expectedVersion: number | undefined,
		actor: Actor,
		claim: Claim | null = null
	): Promise<TimerState> {
		return this.serial.run(trackId, () => this.run(trackId, action, expectedVersion, actor, claim));
	}

	/** Takes back the track's last timer command (`invalid_state` when there is none). */
	undo(
		trackId: string,
		expectedVersion: number | undefined,
		actor: Actor,
		claim: Claim | null = null
	): Promise<TimerState> {
		return this.serial.run(trackId, () =>
			this.run(trackId, { type: 'undo' }, expectedVersion, actor, claim)
		);
	}

	private async run(
		trackId: string,
		command: Command,
		expectedVersion: number | undefined,
		actor: Actor,
		claim: Claim | null
	): Promise<TimerState> {
		const track = await this.agenda.track(trackId);
		const { state, entry } = await this.store.transaction(async (tx) => {
			const stored = await tx.timers.get(trackId);
			const current = stored ?? plannedTimer(trackId);
			if (expectedVersion !== undefined && expectedVersion !== current.version) {
				throw new DomainError(
					'conflict',
					`the timer is at version ${current.version}, not ${expectedVersion}`
				);
			}
			const history = await tx.timers.history(trackId);
			const result =
				command.type === 'undo'
					? undoTimer(current, history, track.slots)
					: withHistory(
							applyTimerAction(current, command, track.slots, this.clock.now()),
							pushUndo(history, current)
						);
			if (!result.ok) throw new DomainError(result.error.code, result.error.message);
			if (!(await tx.timers.compareAndSet(result.state, stored ? stored.version : null))) {
				throw new DomainError('conflict', 'the timer changed meanwhile; try again');
			}
			await tx.timers.setHistory(trackId, result.history);
			if (claim) await recordClaim(tx, claim, result.state);
			const summary = timerSummary(command, current, result.state, track.slots);
			const draft = this.audit.draft(actor, trackId, `timer:${command.type}`, summary);
			return { state: result.state, entry: await tx.audit.append(draft) };
		});
		this.publish(state);
		this.audit.publish(entry);
		return state;
	}
}

const withHistory = (
	result: ReturnType<typeof applyTimerAction>,
	history: TimerState[]
): ReturnType<typeof undoTimer> => (result.ok ? { ...result, history } : result);
