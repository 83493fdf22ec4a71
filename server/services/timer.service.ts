// Chair commands on a track's timer: load the state and its undo stack, apply the pure rule
// from #shared/timer.ts (or #shared/undo.ts) at the clock's `now`, persist state, stack and
// the command's audit entry with compare-and-set (one transaction, one fsync), then publish
// the new state and the entry. Commands on one track run one at a time; an `expectedVersion`
// that does not match the stored version is a `conflict`, and nothing is written or
// published. A command claim is recorded in the same transaction (idempotency.service.ts).
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
import type { CommandClaim } from './idempotency.service.ts';
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
		claim: CommandClaim | null = null
	): Promise<TimerState> {
		return this.serial.run(trackId, () => this.run(trackId, action, expectedVersion, actor, claim));
	}

	/** Takes back the track's last timer command (`invalid_state` when there is none). */
	undo(
		trackId: string,
		expectedVersion: number | undefined,
		actor: Actor,
		claim: CommandClaim | null = null
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
		claim: CommandClaim | null
	): Promise<TimerState> {
		const track = await this.agenda.track(trackId);
		const stored = await this.store.timers.get(trackId);
		const current = stored ?? plannedTimer(trackId);
		if (expectedVersion !== undefined && expectedVersion !== current.version) {
			throw new DomainError(
				'conflict',
				`the timer is at version ${current.version}, not ${expectedVersion}`
			);
		}
		const history = await this.store.timers.history(trackId);
		const result =
			command.type === 'undo'
				? undoTimer(current, history, track.slots)
				: withHistory(
						applyTimerAction(current, command, track.slots, this.clock.now()),
						pushUndo(history, current)
					);
		if (!result.ok) throw new DomainError(result.error.code, result.error.message);
		const summary = timerSummary(command, current, result.state, track.slots);
		const audit = this.audit.along(actor, trackId, `timer:${command.type}`, summary);
		const saved = await this.store.timers.compareAndSet(
			result.state,
			stored ? stored.version : null,
			result.history,
			claim?.record(() => result.state),
			audit.record
		);
		if (!saved) throw new DomainError('conflict', 'the timer changed meanwhile; try again');
		this.publish(result.state);
		audit.publish();
		return result.state;
	}
}

const withHistory = (
	result: ReturnType<typeof applyTimerAction>,
	history: TimerState[]
): ReturnType<typeof undoTimer> => (result.ok ? { ...result, history } : result);
