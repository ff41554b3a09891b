import * as http from "node:http"

/**
 * The load balancer a store with several instances sits behind, reduced to a loopback
 * round-robin proxy: the simulator's pushes (one registered push URL) reach both servers through
 * it. A server that refuses the connection is skipped for that request, as a balancer's health
 * check would; an answer is never retried (a push may have been applied).
 */
export async function startBalancer(targets: () => string[]) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 })
  let next = 0
  const counts = new Map<string, number>()
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c) => chunks.push(c))
    req.on("end", () => {
      const body = Buffer.concat(chunks)
      const list = targets()
      // no server up yet (the cloud's probe of a push URL registered while the others still start)
      if (!list.length) return void res.writeHead(503).end()
      const tryTarget = (tries: number) => {
        const target = new URL(list[next++ % list.length])
        const out = http.request(
          { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers, agent },
          (up) => {
            counts.set(target.port, (counts.get(target.port) ?? 0) + 1)
            res.writeHead(up.statusCode ?? 502, up.headers)
            up.pipe(res)
          }
        )
        out.on("error", (e: NodeJS.ErrnoException) => {
          if (e.code === "ECONNREFUSED" && tries + 1 < list.length) return tryTarget(tries + 1)
          if (!res.headersSent) res.writeHead(502).end()
          else res.destroy()
        })
        out.end(body)
      }
      tryTarget(0)
    })
  })
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    /** requests answered per target port */
    counts,
    close: () =>
      new Promise<void>((r) => {
        agent.destroy()
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}
