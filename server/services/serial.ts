// Runs async tasks one at a time per key, in the order they were queued; a failed task does
// not block the ones after it. Services use it so that the commands on one track (timer,
// agenda, stage) never interleave their read-check-write steps.
export class Serial {
	private readonly tails = new Map<string, Promise<unknown>>();

	run<T>(key: string, task: () => Promise<T>): Promise<T> {
		const previous = this.tails.get(key) ?? Promise.resolve();
		const result = previous.then(task, task);
		const settled = result.catch(() => undefined);
		this.tails.set(key, settled);
		void settled.then(() => {
			if (this.tails.get(key) === settled) this.tails.delete(key);
		});
		return result;
	}
}
