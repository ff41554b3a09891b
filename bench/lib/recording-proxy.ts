import * as http from "node:http"

/**
 * A loopback proxy in front of the simulator that notes, in milliseconds, when each print/index
 * request arrives (by origin_id): the simulator itself keeps seconds only.
 */
export async function startRecordingProxy(target: string) {
  const arrivals = new Map<string, number>()
  const upstream = new URL(target)
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c) => chunks.push(c))
    req.on("end", () => {
      const body = Buffer.concat(chunks)
      if (req.url?.endsWith("/print/index")) {
        const origin = new URLSearchParams(body.toString()).get("origin_id")
        if (origin && !arrivals.has(origin)) arrivals.set(origin, Date.now())
      }
      const out = http.request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers, agent },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers)
          up.pipe(res)
        }
      )
      out.on("error", () => res.destroy())
      out.end(body)
    })
  })
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    close: () =>
      new Promise<void>((r) => {
        agent.destroy()
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}
