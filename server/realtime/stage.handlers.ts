// Wire translation of the stage commands (the chair's signals and flash, a display's `seen`)
// and of reading the audit log.
import type { AuditService } from '../services/audit.service.ts';
import type { StageService } from '../services/stage.service.ts';
import { actorOf } from './actor.ts';
import type { CommandHandlers } from './command.ts';

type StageCommand = 'stage:signal' | 'stage:clear' | 'stage:flash' | 'stage:seen' | 'audit:list';

export function stageHandlers(
	stages: StageService,
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
		'stage:seen': (p) => stages.seen(p.trackId, p.signalId),
		'audit:list': async (p) => ({ entries: await audit.list(p) })
	};
}
