// The Socket.IO rooms and their names, in one place. A socket follows one track at a time:
// it is in that track's room, and a live chair's socket also in the track's chair room
// (pending and hidden questions, the audit log). Every socket is in its device's room,
// which hears of moderation on the questions that device asked.

/** Every socket following a track. */
export const trackRoom = (trackId: string) => `track:${trackId}`;

/** The live chairs' sockets following a track. */
export const chairRoom = (trackId: string) => `chair:${trackId}`;

/** Every socket of one device (joined on connection). */
export const deviceRoom = (deviceId: string) => `device:${deviceId}`;

/** Whether a room is a chair room. */
export const isChairRoom = (room: string) => room.startsWith('chair:');

/** Whether a room is one of a followed track's (its track or chair room). */
export const isTrackRoom = (room: string) => room.startsWith('track:') || isChairRoom(room);
