// Full local AT Protocol network for Chorus' integration tests, from @atproto/dev-env:
// PLC (2582) + PDS (2583) + AppView "bsky" (2584) + ozone (2587), plus bsync, the AppView's
// dataplane and a throw-away "third-party" PDS on random ports. Every port is bound to 127.0.0.1.
//
// Needs node >= 22, DB_POSTGRES_URL and REDIS_HOST (tests/servers/with-servers.sh sets them, and
// runs a private PostgreSQL and Redis). ATP_SCHEMA names the Postgres schemas; by default a
// fresh random one per run, so every run starts from an empty network. PLC lives in memory.
// Prints "READY in N ms" once every service answers; SIGTERM/SIGINT close it cleanly.
import net from 'node:net'

const BIND = process.env.ATP_BIND_HOST || '127.0.0.1'

// dev-env calls listen(port) without a host, which would bind every interface. Force loopback.
const origListen = net.Server.prototype.listen
net.Server.prototype.listen = function (...args) {
  const a0 = args[0]
  if (a0 !== null && typeof a0 === 'object' && !Array.isArray(a0)) {
    if (!a0.path && !a0.handle && !a0._handle && a0.fd === undefined && !a0.host) {
      args[0] = { ...a0, host: BIND }
    }
  } else if (typeof a0 === 'number' || (typeof a0 === 'string' && /^\d+$/.test(a0))) {
    if (typeof args[1] !== 'string') args.splice(1, 0, BIND)
  } else if (a0 === undefined || typeof a0 === 'function') {
    args.splice(0, a0 === undefined ? 1 : 0, 0, BIND)
  }
  return origListen.apply(this, args)
}

// Static imports are hoisted: load dev-env only after the patch above.
const { TestNetwork, mockMailer } = await import('@atproto/dev-env')

const port = (name, dflt) => Number(process.env[name] || dflt)
const schema =
  process.env.ATP_SCHEMA ||
  'run_' + Array.from({ length: 12 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)]).join('')

const t0 = Date.now()
const network = await TestNetwork.create({
  dbPostgresSchema: schema, // must match [A-Za-z_]
  plc: { port: port('ATP_PLC_PORT', 2582) },
  pds: { port: port('ATP_PDS_PORT', 2583), hostname: 'localhost', enableDidDocWithSession: true },
  bsky: { port: port('ATP_APPVIEW_PORT', 2584), publicUrl: `http://localhost:${port('ATP_APPVIEW_PORT', 2584)}` },
  ozone: {
    port: port('ATP_OZONE_PORT', 2587),
    chatUrl: 'http://localhost:2590', // nothing listens there; ozone only needs a URL
    chatDid: 'did:example:chat',
    dbMaterializedViewRefreshIntervalMs: 30_000,
  },
})
mockMailer(network.pds)
console.log(`SCHEMA ${schema}`)
console.log(`PLC   ${network.plc.url}`)
console.log(`PDS   ${network.pds.url}  did=${network.pds.ctx.cfg.service.did}`)
console.log(`BSKY  ${network.bsky.url}  did=${network.bsky.serverDid}`)
console.log(`OZONE ${network.ozone.url}`)
console.log(`READY in ${Date.now() - t0} ms`)

let stopping = false
const stop = async (signal) => {
  if (stopping) return
  stopping = true
  console.log(`${signal}: closing the network`)
  // close() first drains the firehose; never let it hang the caller's cleanup.
  const timer = setTimeout(() => { console.log('close timed out'); process.exit(1) }, 8000)
  try { await network.close() } catch (err) { console.error('close failed:', err) }
  clearTimeout(timer)
  process.exit(0)
}
process.on('SIGINT', () => stop('SIGINT'))
process.on('SIGTERM', () => stop('SIGTERM'))
