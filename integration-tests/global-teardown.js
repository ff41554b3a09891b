module.exports = async function globalTeardown() {
  const pg = globalThis.__YLY_EMBEDDED_PG__
  if (pg) {
    await pg.stop()
    globalThis.__YLY_EMBEDDED_PG__ = undefined
  }
}
