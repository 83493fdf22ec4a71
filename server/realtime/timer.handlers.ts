// Wire translation of the chair's timer commands: payload in, TimerService call, state out.
import type { TimerAction } from '#shared/timer.ts';
import type { CommandClaim } from '../services/idempotency.service.ts';
import type { TimerService } from '../services/timer.service.ts';
import type { CommandHandlers } from './command.ts';

type TimerCommandName =
	| 'timer:start'
	| 'timer:pause'
	| 'timer:resume'
	| 'timer:extend'
	| 'timer:next'
	| 'timer:previous'
	| 'timer:end';

export function timerHandlers(timers: TimerService): Pick<CommandHandlers, TimerCommandName> {
	const simple =
		(type: Exclude<TimerAction['type'], 'extend'>) =>
		(
			p: { trackId: string; expectedVersion?: number },
			_socket: unknown,
			claim: CommandClaim | null
		) =>
			timers.apply(p.trackId, { type }, p.expectedVersion, claim);
	return {
		'timer:start': simple('start'),
		'timer:pause': simple('pause'),
		'timer:resume': simple('resume'),
		'timer:extend': (p, _socket, claim) =>
			timers.apply(p.trackId, { type: 'extend', deltaMs: p.deltaMs }, p.expectedVersion, claim),
		'timer:next': simple('next'),
		'timer:previous': simple('previous'),
		'timer:end': simple('end')
	};
}
