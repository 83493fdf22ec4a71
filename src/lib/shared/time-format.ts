// SIGNATURES ONLY — to be implemented by the shared-core work (see the prompt).
export function formatCountdown(ms: number): string {
	throw new Error('not implemented');
}
export function formatClock(epochMs: number, timeZone: string): string {
	throw new Error('not implemented');
}
export function formatDay(epochMs: number, timeZone: string): string {
	throw new Error('not implemented');
}
export function zoneName(epochMs: number, timeZone: string): string {
	throw new Error('not implemented');
}
export function sameOffset(epochMs: number, zoneA: string, zoneB: string): boolean {
	throw new Error('not implemented');
}
export function formatDrift(driftMs: number): string {
	throw new Error('not implemented');
}
