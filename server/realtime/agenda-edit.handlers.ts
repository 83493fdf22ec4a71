// Wire translation of the chair's agenda edits: payload in, AgendaEditService call, event out.
import type { AgendaEditService } from '../services/agenda-edit.service.ts';
import { actorOf } from './actor.ts';
import type { CommandHandlers } from './command.ts';

type AgendaEditCommand =
	'agenda:update-slot' | 'agenda:insert-slot' | 'agenda:remove-slot' | 'agenda:move-slot';

export function agendaEditHandlers(
	edits: AgendaEditService
): Pick<CommandHandlers, AgendaEditCommand> {
	return {
		'agenda:update-slot': (p, socket) =>
			edits.edit(
				p.trackId,
				p.expectedAgendaVersion,
				{ type: 'update', slotId: p.slotId, patch: p.patch },
				actorOf(socket)
			),
		'agenda:insert-slot': (p, socket) =>
			edits.edit(
				p.trackId,
				p.expectedAgendaVersion,
				{ type: 'insert', afterSlotId: p.afterSlotId, slot: p.slot },
				actorOf(socket)
			),
		'agenda:remove-slot': (p, socket) =>
			edits.edit(
				p.trackId,
				p.expectedAgendaVersion,
				{ type: 'remove', slotId: p.slotId },
				actorOf(socket)
			),
		'agenda:move-slot': (p, socket) =>
			edits.edit(
				p.trackId,
				p.expectedAgendaVersion,
				{ type: 'move', slotId: p.slotId, toIndex: p.toIndex },
				actorOf(socket)
			)
	};
}
