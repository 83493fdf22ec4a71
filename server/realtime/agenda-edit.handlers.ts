// Wire translation of the chair's agenda edits: payload in, AgendaEditService call, event out.
import type { AgendaEditService, EditRequest } from '../services/agenda-edit.service.ts';
import { actorOf } from './actor.ts';
import type { CommandHandlers } from './command.ts';
import type { DaisSocket } from './types.ts';

type AgendaEditCommand =
	'agenda:update-slot' | 'agenda:insert-slot' | 'agenda:remove-slot' | 'agenda:move-slot';

export function agendaEditHandlers(
	edits: AgendaEditService
): Pick<CommandHandlers, AgendaEditCommand> {
	const run = (
		p: { trackId: string; expectedAgendaVersion: number },
		socket: DaisSocket,
		edit: EditRequest
	) => edits.edit(p.trackId, p.expectedAgendaVersion, edit, actorOf(socket));
	return {
		'agenda:update-slot': (p, socket) =>
			run(p, socket, { type: 'update', slotId: p.slotId, patch: p.patch }),
		'agenda:insert-slot': (p, socket) =>
			run(p, socket, { type: 'insert', afterSlotId: p.afterSlotId, slot: p.slot }),
		'agenda:remove-slot': (p, socket) => run(p, socket, { type: 'remove', slotId: p.slotId }),
		'agenda:move-slot': (p, socket) =>
			run(p, socket, { type: 'move', slotId: p.slotId, toIndex: p.toIndex })
	};
}
