import { describe, expect, it } from 'vitest';
import {
	chairRoom,
	deviceRoom,
	isChairRoom,
	isTrackRoom,
	trackRoom
} from '../../server/realtime/rooms.ts';

describe('Socket.IO rooms', () => {
	it('name a track, its chairs and a device apart', () => {
		expect([trackRoom('main'), chairRoom('main'), deviceRoom('d1')]).toEqual([
			'track:main',
			'chair:main',
			'device:d1'
		]);
	});

	it('count a track and its chair room as the followed track, never the device room', () => {
		expect([trackRoom('main'), chairRoom('main'), deviceRoom('d1')].map(isTrackRoom)).toEqual([
			true,
			true,
			false
		]);
		expect([trackRoom('main'), chairRoom('main'), deviceRoom('d1')].map(isChairRoom)).toEqual([
			false,
			true,
			false
		]);
	});
});
