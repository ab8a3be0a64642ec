import { startEmulator } from '../emulator/testing.js'
import { baseInputs, keysVaultUrl, runAction } from './local-runner.js'
const emu = await startEmulator({ provisioningSeconds: 0, activationSeconds: 0 })
const info = emu.info
const hsm = 'conn1'
const kv = await keysVaultUrl(info)
const inputs: Record<string,string> = { ...baseInputs(info, hsm), steps: 'provision,activate,rbac,key', 'wrapping-key-count': '3', quorum: '2', 'release-policy-preset': 'cvm-platform',
  'security-domain-store': `${info.keyVaultUrl}/secrets/${hsm}-security-domain`, 'wrapping-key-store': `${kv}/secrets/${hsm}-wrapping-key` }
let r = await runAction(info, inputs, { keygenPool: false })
const conns = async () => ((await emu.control('/connections')) as { connections: Record<string, number> }).connections
const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0)
for (const entry of [process.env.ACTION_ENTRY ?? 'dist']) {
  for (const mode of ['apply', 'verify']) {
    const b = sum(await conns()); const n0 = (await emu.requests()).length
    const t = performance.now()
    r = await runAction(info, { ...inputs, mode }, { keygenPool: false, env: {} })
    console.log(entry, mode, r.code, 'ms', Math.round(performance.now() - t), 'conns', sum(await conns()) - b, 'reqs', (await emu.requests()).length - n0)
  }
}
await emu.stop()
