// The jest environment of every suite: jest's node environment, with what the code under test logs
// (console.*, Medusa's logger, knex) kept in a buffer per test and printed only when that test
// fails. A passing run reads as a list of suites and a summary; a failing test shows its failure
// with the logs that led to it. Nothing is dropped: the harmless noise (hundreds of pushes for test
// pages that match no order, knex's "Connection ended unexpectedly" while the runner restores the
// database between tests) is printed too, but only beside a failure.
// YLY_TEST_LOGS=1 prints everything as it comes, as jest would.
const { Console } = require("node:console")
const { Writable } = require("node:stream")
const path = require("node:path")

// jest-environment-node comes with jest (through jest-config); resolved there, not from a hoisted copy
const { TestEnvironment } = require(require.resolve("jest-environment-node", { paths: [path.dirname(require.resolve("jest-config"))] }))

const KEEP = 5000 // lines per test at most: a runaway loop must not eat the memory

class QuietEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context)
    this.testPath = path.relative(process.cwd(), context.testPath)
    this.lines = []
    this.setupLines = [] // what the file's beforeAll hooks logged (booting Medusa…), before any test
    this.shownSetup = false
  }

  async setup() {
    await super.setup()
    if (process.env.YLY_TEST_LOGS === "1") return
    const sink = (stream) =>
      new Writable({
        write: (chunk, _enc, done) => {
          for (const line of String(chunk).replace(/\n$/, "").split("\n")) this.keep(stream, line)
          done()
        },
      })
    // a real Console over buffering streams: Medusa's winston logger writes straight to
    // console._stdout / console._stderr, knex and the rest call console.log
    this.global.console = new Console({ stdout: sink("out"), stderr: sink("err"), colorMode: false })
  }

  keep(stream, line) {
    this.lines.push(stream === "err" ? `  ! ${line}` : `    ${line}`)
    if (this.lines.length > KEEP) this.lines.splice(0, this.lines.length - KEEP)
  }

  print(title, lines) {
    if (!lines.length) return
    process.stderr.write(`\n── ${title} (${this.testPath}) ──\n${lines.join("\n")}\n── end of logs ──\n`)
  }

  async handleTestEvent(event, state) {
    if (super.handleTestEvent) await super.handleTestEvent(event, state)
    if (process.env.YLY_TEST_LOGS === "1") return
    const name = (test) => {
      const parts = []
      for (let t = test; t && t.name !== "ROOT_DESCRIBE_BLOCK"; t = t.parent) if (t.name) parts.unshift(t.name)
      return parts.join(" › ")
    }
    switch (event.name) {
      case "test_start":
        if (!this.shownSetup && !this.setupLines.length) this.setupLines = this.lines
        else if (this.lines.length) this.setupLines = this.setupLines.concat(this.lines).slice(-KEEP)
        this.lines = []
        break
      case "test_done":
        if (event.test.errors.length) {
          // the first failure of a file also shows how the file's setup went (Medusa's boot…)
          if (!this.shownSetup) this.print("logs of the setup before the first failing test", this.setupLines.slice(-300))
          this.shownSetup = true
          this.print(`logs of the failing test "${name(event.test)}"`, this.lines)
        }
        this.lines = []
        break
      case "hook_failure":
        this.print(`logs up to the failing ${event.hook.type} hook`, this.setupLines.concat(this.lines).slice(-1000))
        this.setupLines = []
        this.lines = []
        break
      default:
    }
  }
}

module.exports = QuietEnvironment
