// Wire translation of the question commands (payload in, QuestionService call, result out)
// and the publisher that routes question events to rooms: public questions to the track
// room, pending and hidden ones to the track's chair room only, and each change the asker
// may see to the asker's device room (every socket of that device, see io.ts).
import type { Role } from '#shared/protocol.ts';
import type { Audience, QuestionPublisher, QuestionService } from '../services/question.service.ts';
import type { CommandHandlers } from './command.ts';
import { chairRoom, deviceRoom, trackRoom } from './rooms.ts';
import type { DaisServer, DaisSocket } from './types.ts';

type QuestionCommandName =
	| 'question:ask'
	| 'question:vote'
	| 'question:list'
	| 'question:moderate'
	| 'questions:configure'
	| 'questions:close';

export function questionHandlers(
	questions: QuestionService,
	roleOf: (socket: DaisSocket) => Promise<Role>
): Pick<CommandHandlers, QuestionCommandName> {
	const who = (socket: DaisSocket) => ({
		deviceId: socket.data.deviceId,
		address: socket.data.address
	});
	return {
		'question:ask': (p, socket) => questions.ask(p, who(socket)),
		'question:vote': (p, socket, claim) => questions.vote(p, who(socket), claim),
		'question:list': async (p, socket) =>
			questions.list(p.slotId, {
				...who(socket),
				chair: (await roleOf(socket)) === 'chair'
			}),
		'question:moderate': (p) => questions.moderate(p.questionId, p.action),
		'questions:configure': (p) => questions.configure(p.trackId, p.premoderated),
		'questions:close': (p) => questions.close(p.slotId, p.closed)
	};
}

const roomsOf = (trackId: string, { attendees, asker }: Audience): string[] => [
	...(attendees ? [trackRoom(trackId)] : []),
	...(asker === null ? [] : [deviceRoom(asker)])
];

/**
 * `io` is read when an event is published, so the publisher may be made before it;
 * `liveChairs` drops the sockets of expired sessions from a track's chair room first.
 * `localVotes`: vote counts go to this process's sockets only, as every Dais process
 * coalesces the votes of all (peers.ts), so a phone hears one broadcast per interval.
 */
export function questionPublisher(
	io: () => DaisServer,
	liveChairs: (trackId: string) => void = () => {},
	localVotes = false
): QuestionPublisher {
	return {
		// One emit to several rooms reaches a socket in more than one of them once.
		updated: (question, audience) => {
			liveChairs(question.trackId);
			io()
				.to([chairRoom(question.trackId), ...roomsOf(question.trackId, audience)])
				.emit('question:updated', question);
		},
		removed: (trackId, body, audience) => {
			const rooms = roomsOf(trackId, audience);
			// No room at all would mean every socket of the server.
			if (rooms.length > 0)
				io().to(rooms).except(chairRoom(trackId)).emit('question:removed', body);
		},
		votes: (trackId, body) =>
			(localVotes ? io().local : io()).to(trackRoom(trackId)).emit('question:votes', body),
		settings: (settings) =>
			io().to(trackRoom(settings.trackId)).emit('questions:settings', settings)
	};
}
