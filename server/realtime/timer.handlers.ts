// Wire translation of the chair's timer commands: payload in, TimerService call, state out.
import type { TimerAction, TimerCommandName } from '#shared/timer.ts';
import type { CommandClaim } from '../services/idempotency.service.ts';
import type { TimerService } from '../services/timer.service.ts';
import { actorOf } from './actor.ts';
import type { CommandHandlers } from './command.ts';
import type { DaisSocket } from './types.ts';

export function timerHandlers(timers: TimerService): Pick<CommandHandlers, TimerCommandName> {
	const simple =
		(type: Exclude<TimerAction['type'], 'extend'>) =>
		(
			p: { trackId: string; expectedVersion?: number },
			socket: DaisSocket,
			claim: CommandClaim | null
		) =>
			timers.apply(p.trackId, { type }, p.expectedVersion, actorOf(socket), claim);
	return {
		'timer:start': simple('start'),
		'timer:pause': simple('pause'),
		'timer:resume': simple('resume'),
		'timer:extend': (p, socket, claim) =>
			timers.apply(
				p.trackId,
				{ type: 'extend', deltaMs: p.deltaMs },
				p.expectedVersion,
				actorOf(socket),
				claim
			),
		'timer:next': simple('next'),
		'timer:previous': simple('previous'),
		'timer:end': simple('end'),
		'timer:reset': simple('reset'),
		'timer:undo': (p, socket, claim) =>
			timers.undo(p.trackId, p.expectedVersion, actorOf(socket), claim)
	};
}
