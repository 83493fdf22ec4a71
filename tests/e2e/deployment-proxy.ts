// A reverse proxy in front of the test server that can play "the next deployment": once
// told, it serves another service worker script, as a server updated in place would. It
// forwards everything else, WebSocket upgrades included, presenting the upstream's own
// origin so that the server's same-origin check lets the page's socket through.
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

export type DeploymentProxy = {
	url: string;
	/** From now on, answer /service-worker.js with this script. */
	deploy(serviceWorker: string): void;
	close(): Promise<void>;
};

const SERVICE_WORKER = '/service-worker.js';

/** Starts the proxy on a port the system picks (`url` says which). */
export async function startDeploymentProxy(upstream: string): Promise<DeploymentProxy> {
	const target = new URL(upstream);
	let nextServiceWorker: string | null = null;
	const rewrite = (headers: http.IncomingHttpHeaders) => ({
		...headers,
		host: target.host,
		...(headers.origin ? { origin: target.origin } : {})
	});

	const server = http.createServer((req, res) => {
		if (req.url === SERVICE_WORKER && nextServiceWorker !== null) {
			res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-cache' });
			res.end(nextServiceWorker);
			return;
		}
		const forward = http.request(
			{
				host: target.hostname,
				port: target.port,
				method: req.method,
				path: req.url,
				headers: rewrite(req.headers)
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			}
		);
		forward.on('error', () => res.destroy());
		req.pipe(forward);
	});
	const tunnels = new Set<net.Socket>();
	server.on('upgrade', (req, socket, head) => {
		const up = net.connect(Number(target.port), target.hostname, () => {
			const headers = Object.entries(rewrite(req.headers))
				.map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : value}`)
				.join('\r\n');
			up.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers}\r\n\r\n`);
			up.write(head);
			socket.pipe(up).pipe(socket);
		});
		const drop = () => {
			up.destroy();
			socket.destroy();
			tunnels.delete(up);
		};
		tunnels.add(up);
		up.on('close', drop);
		up.on('error', drop);
		socket.on('error', drop);
	});
	await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://localhost:${port}`,
		deploy: (serviceWorker) => void (nextServiceWorker = serviceWorker),
		close: () =>
			new Promise((resolve) => {
				for (const tunnel of tunnels) tunnel.destroy();
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
