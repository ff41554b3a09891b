import { Limiter } from "../limiter"

const tick = () => new Promise((r) => setImmediate(r))

describe("Limiter", () => {
  it("runs at most `concurrency` tasks at once and starts the rest in the order they came", async () => {
    const limiter = new Limiter(2)
    const started: number[] = []
    const release: (() => void)[] = []
    const results = Array.from({ length: 5 }, (_, i) =>
      limiter.run(async () => {
        started.push(i)
        await new Promise<void>((r) => (release[i] = r))
        return i * 10
      })
    )
    await tick()
    expect(started).toEqual([0, 1])
    expect(limiter.size).toBe(5)
    release[1]()
    await tick()
    expect(started).toEqual([0, 1, 2])
    release[0]()
    release[2]()
    await tick()
    expect(started).toEqual([0, 1, 2, 3, 4])
    release[3]()
    release[4]()
    expect(await Promise.all(results)).toEqual([0, 10, 20, 30, 40])
    expect(limiter.size).toBe(0)
  })

  it("frees the slot of a task that throws, and passes the error on", async () => {
    const limiter = new Limiter(1)
    await expect(limiter.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom")
    expect(await limiter.run(async () => "next")).toBe("next")
    expect(limiter.size).toBe(0)
    expect(() => new Limiter(0)).toThrow(/positive integer/)
  })
})
