// Wire translation of the stage commands (the chair's signals, flash, standby and the stage
// key; a display's `seen`, which counts only from a socket opened with the stage key) and of
// reading the audit log.
import type { AuditService } from '../services/audit.service.ts';
import { DomainError } from '../services/errors.ts';
import type { StageKeyService } from '../services/stage-key.service.ts';
import type { StageService } from '../services/stage.service.ts';
import { actorOf } from './actor.ts';
import type { CommandHandlers } from './command.ts';

type StageCommand =
	| 'stage:signal'
	| 'stage:clear'
	| 'stage:flash'
	| 'stage:standby'
	| 'stage:seen'
	| 'stage:key'
	| 'stage:revoke-key'
	| 'audit:list';

export function stageHandlers(
	stages: StageService,
	keys: StageKeyService,
	audit: AuditService
): Pick<CommandHandlers, StageCommand> {
	return {
		'stage:signal': (p, socket) =>
			stages.command(
				p.trackId,
				{ type: 'signal', kind: p.kind, text: p.text },
				p.expectedVersion,
				actorOf(socket)
			),
		'stage:clear': (p, socket) =>
			stages.command(p.trackId, { type: 'clear' }, p.expectedVersion, actorOf(socket)),
		'stage:flash': (p, socket) =>
			stages.command(
				p.trackId,
				{ type: 'flash', enabled: p.enabled },
				p.expectedVersion,
				actorOf(socket)
			),
		'stage:standby': (p, socket) =>
			stages.command(
				p.trackId,
				{ type: 'standby', mode: p.mode },
				p.expectedVersion,
				actorOf(socket)
			),
		'stage:seen': async (p, socket) => {
			if (!(await keys.isValid(socket.data.stageKey))) {
				throw new DomainError(
					'forbidden',
					'only a stage display opened with the stage link from the console can confirm a signal'
				);
			}
			return stages.seen(p.trackId, p.signalId);
		},
		'stage:key': async () => ({ key: await keys.current() }),
		'stage:revoke-key': async (_p, socket) => {
			const key = await keys.revoke();
			await audit.record(
				actorOf(socket),
				null,
				'stage:revoke-key',
				'New stage display link: displays opened with the old one no longer confirm signals'
			);
			return { key };
		},
		'audit:list': async (p) => ({ entries: await audit.list(p) })
	};
}
