// Wire translation of the commands every client may send: joining a track (the socket
// follows one track at a time, chairs also get its chair room; the answer leaves out the
// event the client says it holds, when that is still the current one) and clock sync pings.
// The role a join answers with is decided by a live chair session, not by the handshake's.
import type { Role } from '#shared/protocol.ts';
import type { Clock } from '../clock.ts';
import type { AgendaService } from '../services/agenda.service.ts';
import type { CommandHandlers } from './command.ts';
import { chairRoom, isTrackRoom, trackRoom } from './rooms.ts';
import type { DaisSocket } from './types.ts';

export function agendaHandlers(
	agenda: AgendaService,
	clock: Clock,
	roleOf: (socket: DaisSocket) => Promise<Role>
): Pick<CommandHandlers, 'track:join' | 'clock:ping'> {
	return {
		'clock:ping': async () => ({ serverNow: clock.now() }),
		'track:join': async ({ trackId, eventTag }, socket) => {
			await agenda.track(trackId);
			for (const room of socket.rooms) if (isTrackRoom(room)) socket.leave(room);
			const role = await roleOf(socket);
			const rooms = [trackRoom(trackId)];
			if (role === 'chair') rooms.push(chairRoom(trackId));
			socket.join(rooms);
			return agenda.joinSnapshot(role, eventTag);
		}
	};
}
