// A client script for client-pool.test.ts: the same two forms as azure-client.mjs, without an SDK.
import { runOrServe } from './serve.mjs'

let args = {}

const commands = {
  async echo() {
    return { args, pid: process.pid, proxy: process.env.HTTPS_PROXY }
  },
  async slow() {
    await new Promise(r => setTimeout(r, args.ms))
    return { pid: process.pid }
  },
  async chatty() {
    process.stdout.write('a line that is not an answer\n')
    return { pid: process.pid }
  },
  async fail() {
    throw Object.assign(new Error('refused'), { code: 'Nope' })
  }
}

await runOrServe(
  commands,
  e => ({ error: { message: e.message, code: e.code } }),
  a => {
    args = a
  }
)
