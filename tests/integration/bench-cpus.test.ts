import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { allowedCpus, canPin, deviceInterrupts, pin, placement } from '../../bench/cpus.ts';
import { startNode, type Server } from '../../bench/proc.ts';

const cpusOf = (pid: number) =>
	/^Cpus_allowed_list:\s*(\S+)$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];

describe('allowedCpus and placement', () => {
	it('reads ranges and single CPUs from the allowed list', () => {
		expect(allowedCpus('Name:\tnode\nCpus_allowed_list:\t0-1\n')).toEqual([0, 1]);
		expect(allowedCpus('Cpus_allowed_list:\t0,2-4,7\n')).toEqual([0, 2, 3, 4, 7]);
		expect(allowedCpus('Cpus_allowed_list:\t3\n')).toEqual([3]);
		expect(allowedCpus('nothing here')).toEqual([]);
	});

	it('gives the servers the first CPU and the clients the rest, or nothing with one CPU', () => {
		expect(placement([0, 1])).toEqual({ servers: '0', clients: '1' });
		expect(placement([2, 3, 5])).toEqual({ servers: '2', clients: '3,5' });
		expect(placement([0])).toBeNull();
		expect(placement([])).toBeNull();
	});

	it('reads this machine: every CPU the test may use', () => {
		expect(allowedCpus().length).toBeGreaterThanOrEqual(1);
		expect(allowedCpus().length).toBeLessThanOrEqual(os.cpus().length);
	});
});

describe.runIf(canPin())('pinning real processes', () => {
	let server: Server | undefined;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dais-bench-cpus-'));
	const script = path.join(dir, 'idle.js');
	fs.writeFileSync(script, 'setInterval(() => {}, 1000);\n');
	afterEach(async () => {
		await server?.kill('SIGKILL');
		server = undefined;
	});
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('starts a server on the CPU it is given, with the pid of node itself', async () => {
		const cpu = String(allowedCpus().at(-1));
		server = startNode(script, { PATH: process.env.PATH }, [], cpu);
		// taskset replaces itself with node: wait for the exec, then read where node may run
		await expect
			.poll(() => fs.readFileSync(`/proc/${server!.pid}/comm`, 'utf8').trim())
			.toBe('node');
		expect(cpusOf(server.pid)).toBe(cpu);
	});

	it('moves every thread of a running process', async () => {
		const cpu = String(allowedCpus()[0]);
		server = startNode(script, { PATH: process.env.PATH });
		await expect.poll(() => fs.readdirSync(`/proc/${server!.pid}/task`).length).toBeGreaterThan(1);
		pin(server.pid, cpu);
		for (const task of fs.readdirSync(`/proc/${server.pid}/task`)) {
			const status = fs.readFileSync(`/proc/${server.pid}/task/${task}/status`, 'utf8');
			expect(/^Cpus_allowed_list:\s*(\S+)$/m.exec(status)?.[1]).toBe(cpu);
		}
	});
});

describe('placement by device interrupts', () => {
	const interrupts = [
		'           CPU0       CPU1       ',
		' 24:          1          0  IO-APIC   5-edge      ACPI:Ged',
		' 36:          0     100809  PCI-MSIX-0000:00:02.0   1-edge      virtio1-req.0',
		' 38:         12         30  PCI-MSIX-0000:00:04.0   1-edge      virtio3-input.0',
		'LOC:     500000     400000   Local timer interrupts',
		'RES:      20000      30000   Rescheduling interrupts'
	].join('\n');

	it('counts the numbered device lines per CPU, not the timer and IPI lines', () => {
		expect(deviceInterrupts(interrupts)).toEqual(
			new Map([
				[0, 13],
				[1, 100839]
			])
		);
	});

	it('gives the servers the CPU that takes the most device interrupts', () => {
		expect(placement([0, 1], deviceInterrupts(interrupts))).toEqual({
			servers: '1',
			clients: '0'
		});
		expect(placement([0, 1, 2], new Map([[2, 9]]))).toEqual({ servers: '2', clients: '0,1' });
	});
});
