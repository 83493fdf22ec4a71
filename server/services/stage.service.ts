// The stage display of each track (#shared/stage.ts): chairs send and clear signals and turn
// the overtime flash on or off; a display reports the first time it showed a signal. Each
// change is saved with compare-and-set and published to the track's room; a chair command's
// audit entry is saved in the same transaction. An `expectedVersion` that does not match is a
// `conflict`, and nothing changes.
import crypto from 'node:crypto';
import { stageSummary } from '#shared/audit-text.ts';
import type { StageState } from '#shared/schema/stage.ts';
import { applyStageAction, idleStage, type StageAction } from '#shared/stage.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { AgendaService } from './agenda.service.ts';
import type { Actor, AuditService } from './audit.service.ts';
import { DomainError } from './errors.ts';
import type { Serial } from './serial.ts';

/** Where a saved state goes next (the track's Socket.IO room, in the app). */
export type StagePublisher = (state: StageState) => void;

/** A chair's stage command; the server gives a signal its id. */
export type StageCommand =
	| Exclude<StageAction, { type: 'signal' | 'seen' }>
	| Omit<Extract<StageAction, { type: 'signal' }>, 'id'>;

export class StageService {
	constructor(
		private readonly store: Store,
		private readonly agenda: AgendaService,
		private readonly clock: Clock,
		private readonly publish: StagePublisher,
		private readonly serial: Serial,
		private readonly audit: AuditService
	) {}

	/** A chair's command; resolves the saved, published state. */
	command(
		trackId: string,
		command: StageCommand,
		expectedVersion: number | undefined,
		actor: Actor
	): Promise<StageState> {
		const action: StageAction =
			command.type === 'signal' ? { ...command, id: crypto.randomUUID() } : command;
		return this.serial.run(trackId, () => this.run(trackId, action, expectedVersion, actor));
	}

	/** A display showed signal `signalId`: the first report sets seenAt, later ones change nothing. */
	seen(trackId: string, signalId: string): Promise<StageState> {
		return this.serial.run(trackId, () =>
			this.run(trackId, { type: 'seen', signalId }, undefined, null)
		);
	}

	private async run(
		trackId: string,
		action: StageAction,
		expectedVersion: number | undefined,
		actor: Actor | null
	): Promise<StageState> {
		await this.agenda.track(trackId);
		const stored = await this.store.stages.get(trackId);
		const current = stored ?? idleStage(trackId);
		if (expectedVersion !== undefined && expectedVersion !== current.version) {
			throw new DomainError(
				'conflict',
				`the stage is at version ${current.version}, not ${expectedVersion}`
			);
		}
		const result = applyStageAction(current, action, this.clock.now());
		if (!result.ok) throw new DomainError(result.error.code, result.error.message);
		if (result.state.version === current.version) return current;
		const audit = actor
			? this.audit.along(actor, trackId, `stage:${action.type}`, stageSummary(action, result.state))
			: null;
		const saved = await this.store.stages.compareAndSet(
			result.state,
			stored ? stored.version : null,
			audit?.record
		);
		if (!saved) throw new DomainError('conflict', 'the stage changed meanwhile; try again');
		this.publish(result.state);
		audit?.publish();
		return result.state;
	}
}
