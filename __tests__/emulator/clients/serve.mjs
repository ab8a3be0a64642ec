// The two ways a client script runs: once (`node client.mjs <command> [json-args]`, one JSON document on
// stdout) or as a server for a test file (`node client.mjs --serve`), answering one command at a time read
// from stdin, so that a file pays for loading Microsoft's SDKs once instead of once per command (about a
// CPU-second each). Every command still builds its own credential and clients, so what the emulator sees of
// a command is the same either way; the environment (the proxy and the CA) is the process's, fixed at start.
import { createInterface } from 'node:readline'

async function answer(commands, describeError, command) {
  try {
    const run = commands[command]
    if (!run) throw new Error(`unknown command ${command}`)
    return await run()
  } catch (e) {
    return describeError(e)
  }
}

/**
 * Runs the command named on the command line, or serves (`--serve {"answer", "idleExitMs"}`, from
 * scripts/client-pool.ts: the prefix that marks an answer among anything else on stdout, and how long an unused
 * server lives). `setArgs` hands each command its arguments (the scripts read them from a module variable,
 * as in the one-shot form).
 */
export async function runOrServe(commands, describeError, setArgs) {
  const [command, rawArgs] = process.argv.slice(2)
  if (command !== '--serve') {
    setArgs(rawArgs ? JSON.parse(rawArgs) : {})
    process.stdout.write(JSON.stringify(await answer(commands, describeError, command)) + '\n')
    return
  }
  const { answer: ANSWER, idleExitMs } = JSON.parse(rawArgs)
  let idle = setTimeout(() => process.exit(0), idleExitMs)
  for await (const line of createInterface({ input: process.stdin })) {
    clearTimeout(idle)
    const { id, command: name, args } = JSON.parse(line)
    setArgs(args ?? {})
    const result = await answer(commands, describeError, name)
    process.stdout.write(`${ANSWER}${JSON.stringify({ id, result })}\n`)
    idle = setTimeout(() => process.exit(0), idleExitMs)
  }
  // The test process went away.
  process.exit(0)
}
