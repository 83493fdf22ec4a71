// The stage display of each track (#shared/stage.ts): chairs send and clear signals and turn
// the overtime flash on or off; a display reports the first time it showed a signal. Each
// change is saved with compare-and-set, together with a chair command's audit entry in one
// transaction, and published to the track's room after the commit. An `expectedVersion` that does not match is a
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
		const done = await this.store.transaction(async (tx) => {
			const stored = await tx.stages.get(trackId);
			const current = stored ?? idleStage(trackId);
			if (expectedVersion !== undefined && expectedVersion !== current.version) {
				throw new DomainError(
					'conflict',
					`the stage is at version ${current.version}, not ${expectedVersion}`
				);
			}
			const result = applyStageAction(current, action, this.clock.now());
			if (!result.ok) throw new DomainError(result.error.code, result.error.message);
			if (result.state.version === current.version) return { state: current, entry: null };
			if (!(await tx.stages.compareAndSet(result.state, stored ? stored.version : null))) {
				throw new DomainError('conflict', 'the stage changed meanwhile; try again');
			}
			const summary = stageSummary(action, result.state);
			const entry = actor
				? await tx.audit.append(this.audit.draft(actor, trackId, `stage:${action.type}`, summary))
				: null;
			return { state: result.state, entry, changed: true };
		});
		if (!('changed' in done)) return done.state;
		this.publish(done.state);
		if (done.entry) this.audit.publish(done.entry);
		return done.state;
	}
}
